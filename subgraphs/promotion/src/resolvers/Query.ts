import { loadReference } from '@mall/kit';
import type { QueryResolvers } from '../generated/graphql.ts';
import { activityForCaller, shopActivities } from '../services/activities.ts';
import { codesOf } from '../services/codes.ts';
import { upcomingSessions } from '../services/flashSessions.ts';
import { freightEstimate, freightTemplateOf } from '../services/freightTemplates.ts';
import { shopGroupBuys } from '../services/groupBuys.ts';
import { mySeats } from '../services/groupTeams.ts';
import { pointsRule } from '../services/points.ts';
import { quoteCheckout } from '../services/quote.ts';
import { couponCenter, shopTemplates, templateForCaller } from '../services/templates.ts';

export const Query: QueryResolvers = {
  groupBuyTeam: (_, { id }, ctx) => loadReference(ctx.loaders.groupTeam, id),
  groupBuy: (_, { id }, ctx) => loadReference(ctx.loaders.groupBuy, id),
  shopGroupBuys: (_, { shopId }, ctx) => shopGroupBuys(ctx, shopId),
  myGroupBuySeats: (_, { first }, ctx) => mySeats(ctx, first),
  flashSessions: (_, args, ctx) => upcomingSessions(ctx, args),
  flashSession: async (_, { id }, ctx) => {
    const session = await loadReference(ctx.loaders.flashSession, id);
    return session && (!session.cancelled || ctx.identity?.role === 'ADMIN') ? session : null;
  },
  activity: (_, { id }, ctx) => activityForCaller(ctx, id),
  activities: (_, args, ctx) => shopActivities(ctx, args),
  quoteCheckout: (_, { input }, ctx) => quoteCheckout(ctx, input),
  pointsRule: (_, __, ctx) => pointsRule(ctx),
  couponCenter: (_, args, ctx) => couponCenter(ctx, args),
  couponTemplate: (_, { id }, ctx) => templateForCaller(ctx, id),
  couponTemplates: (_, args, ctx) => shopTemplates(ctx, args),
  couponCodes: (_, { templateId, ...args }, ctx) => codesOf(ctx, templateId, args),
  freightTemplate: (_, { shopId }, ctx) => freightTemplateOf(ctx, shopId),
  freightEstimate: (_, { shopId, lines, provinceCode }, ctx) => freightEstimate(ctx, shopId, lines, provinceCode),
};
