import type { MemberResolvers } from '../generated/graphql.ts';
import { listAddresses } from '../services/addresses.ts';
import { levelFor } from '../services/levels.ts';
import { memberReference, privateMember } from '../services/members.ts';

/** Private fields answer only to the member themself and admins, however the member was reached. */
export const Member: MemberResolvers = {
  __resolveReference: (ref, ctx) => memberReference(ctx, ref.id),
  phone: (member, _, ctx) => privateMember(ctx, member).phone,
  level: (member, _, ctx) => levelFor(privateMember(ctx, member).growth),
  growth: (member, _, ctx) => privateMember(ctx, member).growth,
  createdAt: (member, _, ctx) => privateMember(ctx, member).createdAt,
  points: (member, _, ctx) => privateMember(ctx, member),
  wallet: (member, _, ctx) => privateMember(ctx, member),
  addresses: (member, _, ctx) => listAddresses(ctx, privateMember(ctx, member).id),
  defaultAddress: async (member, _, ctx) => (await listAddresses(ctx, privateMember(ctx, member).id)).find((a) => a.isDefault) ?? null,
};
