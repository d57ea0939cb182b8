import type { MutationResolvers } from '../generated/graphql.ts';
import { decideAfterSale, requestAfterSale } from '../services/afterSales.ts';
import { placeOrder } from '../services/checkout.ts';
import { cancelOrder, confirmReceipt, shipOrder } from '../services/orders.ts';

export const Mutation: MutationResolvers = {
  placeOrder: async (_, { input }, ctx) => ({ orders: await placeOrder(ctx, input) }),
  cancelOrder: (_, { id, reason }, ctx) => cancelOrder(ctx, id, reason),
  shipOrder: (_, { id, carrier, trackingNumber }, ctx) => shipOrder(ctx, id, carrier, trackingNumber),
  confirmReceipt: (_, { id }, ctx) => confirmReceipt(ctx, id),
  requestAfterSale: (_, { orderId, type, amount, lines, reason }, ctx) => requestAfterSale(ctx, { orderId, type, amount, lines, reason }),
  decideAfterSale: (_, { id, approve, note }, ctx) => decideAfterSale(ctx, id, approve, note),
};
