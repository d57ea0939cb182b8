import type { PointsAccountResolvers } from '../generated/graphql.ts';
import { pointsBalance, pointsExpiringWithin, pointsHistory } from '../services/points.ts';

export const PointsAccount: PointsAccountResolvers = {
  balance: (member, _, ctx) => pointsBalance(ctx.db, member),
  expiringSoon: (member, _, ctx) => pointsExpiringWithin(ctx.db, member.id, 30),
  history: (member, { first, after }, ctx) => pointsHistory(ctx.db, member.id, first, after),
};
