import { cny } from '@mall/kit';
import type { DistributorRankResolvers } from '../generated/graphql.ts';

export const DistributorRank: DistributorRankResolvers = {
  member: (r) => ({ id: String(r.memberId) }),
  settled: (r) => (r.settled === null ? null : cny(r.settled)),
};
