import type { OrderResolvers } from '../generated/graphql.ts';
import { paymentsOfOrder } from '../services/payments.ts';
import { refundsOfPayments } from '../services/refunds.ts';

export const Order: OrderResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  payments: (order, _, ctx) => paymentsOfOrder(ctx, order.id),
  refunds: async (order, _, ctx) => refundsOfPayments(ctx, await paymentsOfOrder(ctx, order.id)),
};
