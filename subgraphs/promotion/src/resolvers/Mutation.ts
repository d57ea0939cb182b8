import { createActivity, setActivityStatus, updateActivity } from '../services/activities.ts';
import { flashBuy } from '../services/flashBuy.ts';
import { createGroupBuy, setGroupBuyStatus } from '../services/groupBuys.ts';
import { createFlashSessions, decideFlashEntry, enterFlashSale, remindSession } from '../services/flashSessions.ts';
import { setPointsRule } from '../services/points.ts';
import type { MutationResolvers } from '../generated/graphql.ts';
import { generateCodes, redeemCode, setSharedCode } from '../services/codes.ts';
import { claimCoupon } from '../services/coupons.ts';
import { removeFreightTemplate, setFreightTemplate } from '../services/freightTemplates.ts';
import { grantCoupons } from '../services/grants.ts';
import { createTemplate, setTemplateStatus, updateTemplate } from '../services/templates.ts';

export const Mutation: MutationResolvers = {
  createFlashSessions: (_, { input }, ctx) => createFlashSessions(ctx, input),
  enterFlashSale: (_, { input }, ctx) => enterFlashSale(ctx, input),
  decideFlashEntry: (_, { id, approve, note }, ctx) => decideFlashEntry(ctx, id, approve, note),
  remindFlashSession: (_, { sessionId }, ctx) => remindSession(ctx, sessionId),
  flashBuy: (_, args, ctx) => flashBuy(ctx, args),
  createGroupBuy: (_, { input }, ctx) => createGroupBuy(ctx, input),
  setGroupBuyStatus: (_, { id, status }, ctx) => setGroupBuyStatus(ctx, id, status),
  createActivity: (_, { input }, ctx) => createActivity(ctx, input),
  updateActivity: (_, { id, input }, ctx) => updateActivity(ctx, id, input),
  setActivityStatus: (_, { id, status }, ctx) => setActivityStatus(ctx, id, status),
  setPointsRule: (_, { input }, ctx) => setPointsRule(ctx, input),
  createCouponTemplate: (_, { input }, ctx) => createTemplate(ctx, input),
  updateCouponTemplate: (_, { id, input }, ctx) => updateTemplate(ctx, id, input),
  setCouponTemplateStatus: (_, { id, status }, ctx) => setTemplateStatus(ctx, id, status),
  claimCoupon: (_, { templateId }, ctx) => claimCoupon(ctx, templateId),
  generateCouponCodes: (_, { templateId, count }, ctx) => generateCodes(ctx, templateId, count),
  setSharedCouponCode: (_, { templateId, code }, ctx) => setSharedCode(ctx, templateId, code),
  redeemCouponCode: (_, { code }, ctx) => redeemCode(ctx, code),
  grantCoupons: (_, { templateId, memberIds, idempotencyKey }, ctx) => grantCoupons(ctx, templateId, memberIds, idempotencyKey),
  setFreightTemplate: (_, { shopId, input }, ctx) => setFreightTemplate(ctx, shopId, input),
  removeFreightTemplate: (_, { shopId }, ctx) => removeFreightTemplate(ctx, shopId),
};
