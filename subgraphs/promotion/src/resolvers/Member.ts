import type { MemberResolvers } from '../generated/graphql.ts';
import { memberCoupons } from '../services/coupons.ts';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  coupons: (member, args, ctx) => memberCoupons(ctx, member.id, args),
};
