import { canManageShop, cny, loadReference } from '@mall/kit';
import type { GroupBuyFiguresResolvers, GroupBuyResolvers, GroupBuySeatResolvers, GroupBuySkuResolvers, GroupBuyTeamMemberResolvers, GroupBuyTeamResolvers } from '../generated/graphql.ts';
import { groupBuyRunning } from '../services/groupBuys.ts';
import { secondsLeft } from '../services/groupTeams.ts';

export const GroupBuy: GroupBuyResolvers = {
  __resolveReference: (ref, ctx) => loadReference(ctx.loaders.groupBuy, ref.id),
  shop: (activity) => ({ id: String(activity.shopId) }),
  product: (activity) => ({ id: String(activity.productId) }),
  remaining: (activity) => activity.quantity - activity.used,
  running: (activity) => groupBuyRunning(activity),
  skus: (activity, _, ctx) => ctx.loaders.groupPricesOf.load(activity.id),
  figures: async (activity, _, ctx) => (canManageShop(ctx.identity, activity.shopId) ? ctx.loaders.groupFigures.load(activity.id) : null),
};

export const GroupBuySku: GroupBuySkuResolvers = {
  sku: (price) => ({ id: String(price.skuId) }),
  price: (price) => cny(price.price),
  leaderPrice: (price) => (price.leaderPrice === null ? null : cny(price.leaderPrice)),
  listPrice: (price) => cny(price.listPrice),
};

export const GroupBuyFigures: GroupBuyFiguresResolvers = {
  gmv: (figures) => cny(figures.gmv),
  refunded: (figures) => cny(figures.refunded),
};

export const GroupBuyTeam: GroupBuyTeamResolvers = {
  __resolveReference: (ref, ctx) => loadReference(ctx.loaders.groupTeam, ref.id),
  groupBuy: async (team, _, ctx) => (await ctx.loaders.groupBuy.load(team.activityId))!,
  product: (team) => ({ id: String(team.productId) }),
  seatsLeft: (team) => (team.status === 'OPENING' || team.status === 'FORMING' ? team.size - team.seatsTaken : 0),
  price: async (team, _, ctx) => cny(Math.min(...(await ctx.loaders.groupPricesOf.load(team.activityId)).map((p) => p.price))),
  secondsLeft: (team) => secondsLeft(team),
  members: (team, _, ctx) => ctx.loaders.groupMembersOf.load(team.id),
  completedVirtually: (team) => team.virtual,
};

export const GroupBuyTeamMember: GroupBuyTeamMemberResolvers = {
  member: (seat) => ({ id: String(seat.memberId) }),
  joinedAt: (seat) => seat.createdAt,
};

export const GroupBuySeat: GroupBuySeatResolvers = {
  team: async (seat, _, ctx) => (await ctx.loaders.groupTeam.load(seat.teamId))!,
  sku: (seat) => ({ id: String(seat.skuId) }),
  orderNo: (seat) => seat.owner,
};
