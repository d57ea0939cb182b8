import { cny } from '@mall/kit';
import type { CouponTemplateResolvers } from '../generated/graphql.ts';
import { callerCanClaim, heldByCaller, manages, templateForCaller } from '../services/templates.ts';

export const CouponTemplate: CouponTemplateResolvers = {
  __resolveReference: (ref, ctx) => templateForCaller(ctx, ref.id),
  shop: (template) => (template.shopId === null ? null : { id: String(template.shopId) }),
  threshold: (template) => cny(template.threshold),
  amountOff: (template) => (template.amountOff === null ? null : cny(template.amountOff)),
  maxOff: (template) => (template.maxOff === null ? null : cny(template.maxOff)),
  afterOrderMinAmount: (template) => cny(template.afterOrderMin),
  remaining: (template) => template.totalQuantity - template.issued,
  discountGiven: (template, _, ctx) => (manages(ctx, template) ? cny(template.discountGiven) : null),
  orderAmount: (template, _, ctx) => (manages(ctx, template) ? cny(template.orderAmount) : null),
  claimedByMe: (template, _, ctx) => heldByCaller(ctx, template),
  canClaim: (template, _, ctx) => callerCanClaim(ctx, template),
};
