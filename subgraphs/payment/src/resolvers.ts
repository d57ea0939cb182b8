import { allow, cny, DateTime, guard, loadReference, notFound } from '@mall/kit';
import type { Resolvers } from './generated/graphql.ts';
import { canSeePayment, listMemberPayments, payOrder, paymentsOfOrder, rechargeWallet, visiblePayment } from './services/payments.ts';
import { refundPayment, refundsOfPayments } from './services/refunds.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    payment: guard(allow.signedIn, (_, { id }, ctx) => visiblePayment(ctx, id)),
  },
  Mutation: {
    payOrder: guard(allow.member, (_, { orderId, method }, ctx) => payOrder(ctx, orderId, method)),
    rechargeWallet: guard(allow.member, (_, { amount, method }, ctx) => rechargeWallet(ctx, amount, method ?? 'WECHAT')),
    refundPayment: guard(allow.staff, (_, args, ctx) => refundPayment(ctx, args)),
  },
  Member: {
    __resolveReference: (ref) => ({ id: String(ref.id) }),
    payments: (member, args, ctx) => listMemberPayments(ctx, Number(member.id), args),
  },
  Order: {
    __resolveReference: (ref) => ({ id: String(ref.id) }),
    payments: (order, _, ctx) => paymentsOfOrder(ctx, Number(order.id)),
    refunds: async (order, _, ctx) => refundsOfPayments(ctx, await paymentsOfOrder(ctx, Number(order.id))),
  },
  Payment: {
    __resolveReference: (ref, ctx) => visiblePayment(ctx, ref.id),
    order: (p) => (p.orderId === null ? null : { id: String(p.orderId) }),
    member: (p) => ({ id: String(p.memberId) }),
    amount: (p) => cny(p.amount),
    refunded: async (p, _, ctx) => cny((await ctx.loaders.refundsOfPayment.load(p.id)).filter((r) => r.status === 'SUCCEEDED').reduce((sum, r) => sum + r.amount, 0)),
    refundable: (p) => cny(p.status === 'SUCCEEDED' && p.purpose === 'ORDER' ? p.amount - p.refundedAmount : 0),
    refunds: (p, _, ctx) => ctx.loaders.refundsOfPayment.load(p.id),
  },
  Refund: {
    __resolveReference: async (ref, ctx) => {
      const refund = await loadReference(ctx.loaders.refund, ref.id);
      const payment = refund ? await ctx.loaders.payment.load(refund.paymentId) : null;
      if (!refund || !payment || !canSeePayment(ctx.identity, payment)) throw notFound('Refund', ref.id);
      return refund;
    },
    payment: async (r, _, ctx) => (await ctx.loaders.payment.load(r.paymentId))!,
    amount: (r) => cny(r.amount),
  },
};
