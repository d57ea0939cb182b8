import { allow, guard } from '@mall/kit';
import type { QueryResolvers } from '../generated/graphql.ts';
import { getAddress } from '../services/addresses.ts';
import { LEVELS } from '../services/levels.ts';
import { me } from '../services/members.ts';
import { listRechargeRules } from '../services/wallet.ts';
import { loadReference } from '@mall/kit';

export const Query: QueryResolvers = {
  me: guard(allow.member, (_, __, ctx) => me(ctx)),
  member: guard(allow.admin, (_, { id }, ctx) => loadReference(ctx.loaders.member, id)),
  memberLevels: () => [...LEVELS],
  rechargeRules: (_, __, ctx) => listRechargeRules(ctx.db),
  address: guard(allow.member, (_, { id }, ctx) => getAddress(ctx, id)),
};
