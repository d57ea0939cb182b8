import type { CouponResolvers } from '../generated/graphql.ts';
import { shownStatus } from '../services/coupons.ts';

export const Coupon: CouponResolvers = {
  // The member may see their coupon's template also once it is paused or ended.
  template: async (coupon, _, ctx) => (await ctx.loaders.template.load(coupon.templateId))!,
  status: (coupon) => shownStatus(coupon),
};
