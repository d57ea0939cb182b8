import type { QueryResolvers } from '../generated/graphql.ts';
import { getAddress } from '../services/addresses.ts';
import { LEVELS } from '../services/levels.ts';
import { me, memberForAdmin } from '../services/members.ts';
import { listRechargeRules } from '../services/wallet.ts';

export const Query: QueryResolvers = {
  me: (_, __, ctx) => me(ctx),
  member: (_, { id }, ctx) => memberForAdmin(ctx, id),
  memberLevels: () => [...LEVELS],
  rechargeRules: (_, __, ctx) => listRechargeRules(ctx.db),
  address: (_, { id }, ctx) => getAddress(ctx, id),
};
