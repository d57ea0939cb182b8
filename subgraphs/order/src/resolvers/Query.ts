import type { QueryResolvers } from '../generated/graphql.ts';
import { myOrders, orderForCaller, shopOrders } from '../services/orders.ts';

export const Query: QueryResolvers = {
  order: (_, { id }, ctx) => orderForCaller(ctx, id),
  myOrders: (_, args, ctx) => myOrders(ctx, args),
  shopOrders: (_, args, ctx) => shopOrders(ctx, args),
};
