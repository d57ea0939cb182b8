import { cny } from '@mall/kit';
import type { RefundResolvers } from '../generated/graphql.ts';
import { refundReference } from '../services/refunds.ts';

export const Refund: RefundResolvers = {
  __resolveReference: (ref, ctx) => refundReference(ctx, ref.id),
  payment: async (r, _, ctx) => (await ctx.loaders.payment.load(r.paymentId))!,
  amount: (r) => cny(r.amount),
};
