import type { MemberResolvers } from '../generated/graphql.ts';
import { referrerOf } from '../services/bindings.ts';
import { distributorOf } from '../services/distributors.ts';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  distributor: (member, _, ctx) => distributorOf(ctx, member.id),
  referrer: (member, _, ctx) => referrerOf(ctx, member.id),
};
