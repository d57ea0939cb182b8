import { canManageShop, cny } from '@mall/kit';
import type { ActivityResolvers, ActivityTierResolvers, SpecialPriceResolvers } from '../generated/graphql.ts';
import { activityForCaller, activityLabel, isRunning, tierLabel } from '../services/activities.ts';

export const Activity: ActivityResolvers = {
  __resolveReference: (ref, ctx) => activityForCaller(ctx, ref.id),
  shop: (activity) => ({ id: String(activity.shopId) }),
  label: (activity) => activityLabel(activity),
  specialPrices: (activity) => activity.prices,
  running: (activity) => isRunning(activity),
  budget: (activity, _, ctx) => (activity.budget !== null && canManageShop(ctx.identity, activity.shopId) ? cny(activity.budget) : null),
  budgetLeft: (activity, _, ctx) => (activity.budget !== null && canManageShop(ctx.identity, activity.shopId) ? cny(Math.max(0, activity.budget - activity.held - activity.spent)) : null),
  discountGiven: (activity, _, ctx) => (canManageShop(ctx.identity, activity.shopId) ? cny(activity.spent) : null),
  orders: (activity, _, ctx) => (canManageShop(ctx.identity, activity.shopId) ? activity.orders : null),
};

export const ActivityTier: ActivityTierResolvers = {
  threshold: (tier) => (tier.threshold === undefined ? null : cny(tier.threshold)),
  amountOff: (tier) => (tier.amountOff === undefined ? null : cny(tier.amountOff)),
  minQuantity: (tier) => tier.minQuantity ?? null,
  percentOff: (tier) => tier.percentOff ?? null,
  label: (tier) => tierLabel(tier),
};

export const SpecialPrice: SpecialPriceResolvers = {
  sku: (price) => ({ id: price.skuId }),
  price: (price) => cny(price.price),
};
