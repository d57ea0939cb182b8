import type { MemberResolvers } from '../generated/graphql.ts';
import { memberCart } from '../services/cart.ts';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  cart: (member, _, ctx) => memberCart(ctx, member.id),
};
