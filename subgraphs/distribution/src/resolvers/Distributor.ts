import { cny } from '@mall/kit';
import type { DistributorBalancesResolvers, DistributorResolvers, DistributorTeamResolvers } from '../generated/graphql.ts';
import { commissionsOf } from '../services/commissions.ts';
import { shareImage } from '../services/share.ts';
import { withdrawalsOf } from '../services/withdrawals.ts';

export const Distributor: DistributorResolvers = {
  member: (d) => ({ id: String(d.memberId) }),
  levelName: async (d, _, ctx) => (d.gradeId === null ? '默认' : ((await ctx.loaders.grade.load(d.gradeId))?.name ?? '默认')),
  team: (d) => d,
  balances: (d) => d,
  commissions: (d, { first }, ctx) => commissionsOf(ctx, d.memberId, first),
  withdrawals: (d, { first }, ctx) => withdrawalsOf(ctx, d.memberId, first),
  shareImage: (d, { page }, ctx) => shareImage(ctx, d, page),
};

export const DistributorTeam: DistributorTeamResolvers = {
  direct: (d, _, ctx) => ctx.loaders.directTeam.load(d.memberId),
  indirect: (d, _, ctx) => ctx.loaders.indirectTeam.load(d.memberId),
};

export const DistributorBalances: DistributorBalancesResolvers = {
  pending: (d) => cny(d.pending),
  available: (d) => cny(d.available),
  receivable: (d) => cny(d.receivable),
  withdrawing: (d) => cny(d.withdrawing),
  withdrawn: (d) => cny(d.withdrawn),
  settled: (d) => cny(d.settledTotal),
};
