import { cny } from '@mall/kit';
import type { PaymentResolvers } from '../generated/graphql.ts';
import { visiblePayment } from '../services/payments.ts';

export const Payment: PaymentResolvers = {
  __resolveReference: (ref, ctx) => visiblePayment(ctx, ref.id),
  order: (p) => (p.orderId === null ? null : { id: String(p.orderId) }),
  member: (p) => ({ id: String(p.memberId) }),
  amount: (p) => cny(p.amount),
  payerPaid: (p) => (p.payerTotal === null ? null : cny(p.payerTotal)),
  refunded: async (p, _, ctx) => cny((await ctx.loaders.refundsOfPayment.load(p.id)).filter((r) => r.status === 'SUCCEEDED').reduce((sum, r) => sum + r.amount, 0)),
  refundable: (p) => cny(p.status === 'SUCCEEDED' && p.purpose === 'ORDER' ? p.amount - p.refundedAmount : 0),
  refunds: (p, _, ctx) => ctx.loaders.refundsOfPayment.load(p.id),
};
