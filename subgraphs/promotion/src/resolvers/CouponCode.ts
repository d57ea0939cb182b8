import type { CouponCodeResolvers } from '../generated/graphql.ts';

export const CouponCode: CouponCodeResolvers = {
  redeemed: (code) => code.redeemedBy !== null,
};
