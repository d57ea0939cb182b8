import type { MutationResolvers } from '../generated/graphql.ts';
import { decideAfterSale, requestAfterSale } from '../services/afterSales.ts';
import { placeOrder } from '../services/checkout.ts';
import { placeGroupBuyOrder } from '../services/groupOrders.ts';
import { cancelOrder, confirmReceipt, shipOrder } from '../services/orders.ts';

export const Mutation: MutationResolvers = {
  placeOrder: async (_, { input }, ctx) => ({ orders: await placeOrder(ctx, input) }),
  openGroupBuy: (_, args, ctx) => placeGroupBuyOrder(ctx, null, args),
  joinGroupBuy: (_, { teamId, ...args }, ctx) => placeGroupBuyOrder(ctx, teamId, args),
  cancelOrder: (_, { id, reason }, ctx) => cancelOrder(ctx, id, reason),
  shipOrder: (_, { id, carrier, trackingNumber }, ctx) => shipOrder(ctx, id, carrier, trackingNumber),
  confirmReceipt: (_, { id }, ctx) => confirmReceipt(ctx, id),
  requestAfterSale: (_, { orderId, type, amount, lines, reason }, ctx) => requestAfterSale(ctx, { orderId, type, amount, lines, reason }),
  decideAfterSale: (_, { id, approve, note }, ctx) => decideAfterSale(ctx, id, approve, note),
};
