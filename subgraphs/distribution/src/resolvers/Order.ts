import type { OrderResolvers } from '../generated/graphql.ts';
import { orderCommissions } from '../services/commissions.ts';

export const Order: OrderResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  commissions: (order, _, ctx) => orderCommissions(ctx, order.id),
};
