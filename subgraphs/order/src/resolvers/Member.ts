import type { MemberResolvers } from '../generated/graphql.ts';
import { memberOrders } from '../services/orders.ts';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  orders: (member, args, ctx) => memberOrders(ctx, member.id, args),
};
