import { loadReference } from '@mall/kit';
import type { MemberResolvers, PointsAccountResolvers, WalletResolvers } from '../generated/graphql.ts';
import { listAddresses } from '../services/addresses.ts';
import { levelFor } from '../services/levels.ts';
import { requirePrivate } from '../services/members.ts';
import { pointsBalance, pointsExpiringWithin, pointsHistory } from '../services/points.ts';
import { walletHistory } from '../services/wallet.ts';
import { cny } from '@mall/kit';

/** Private fields answer only to the member themself and admins, however the member was reached. */
export const Member: MemberResolvers = {
  __resolveReference: (ref, ctx) => loadReference(ctx.loaders.member, ref.id),
  phone: (member, _, ctx) => (requirePrivate(ctx.identity, member.id), member.phone),
  level: (member, _, ctx) => (requirePrivate(ctx.identity, member.id), levelFor(member.growth)),
  growth: (member, _, ctx) => (requirePrivate(ctx.identity, member.id), member.growth),
  createdAt: (member, _, ctx) => (requirePrivate(ctx.identity, member.id), member.createdAt),
  points: (member, _, ctx) => (requirePrivate(ctx.identity, member.id), member),
  wallet: (member, _, ctx) => (requirePrivate(ctx.identity, member.id), member),
  addresses: (member, _, ctx) => (requirePrivate(ctx.identity, member.id), listAddresses(ctx, member.id)),
  defaultAddress: async (member, _, ctx) => {
    requirePrivate(ctx.identity, member.id);
    return (await listAddresses(ctx, member.id)).find((a) => a.isDefault) ?? null;
  },
};

export const PointsAccount: PointsAccountResolvers = {
  balance: (member, _, ctx) => pointsBalance(ctx.db, member),
  expiringSoon: (member, _, ctx) => pointsExpiringWithin(ctx.db, member.id, 30),
  history: (member, { first, after }, ctx) => pointsHistory(ctx.db, member.id, first, after),
};

export const Wallet: WalletResolvers = {
  balance: (member) => cny(member.walletBalance),
  history: (member, { first, after }, ctx) => walletHistory(ctx.db, member.id, first, after),
};
