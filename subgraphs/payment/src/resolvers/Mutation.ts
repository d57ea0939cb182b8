import type { MutationResolvers } from '../generated/graphql.ts';
import { payOrder, rechargeWallet } from '../services/payments.ts';
import { refundPayment } from '../services/refunds.ts';

export const Mutation: MutationResolvers = {
  payOrder: (_, { orderId, method }, ctx) => payOrder(ctx, orderId, method),
  rechargeWallet: (_, { amount, method }, ctx) => rechargeWallet(ctx, amount, method ?? 'WECHAT'),
  refundPayment: (_, args, ctx) => refundPayment(ctx, args),
};
