import type { MutationResolvers } from '../generated/graphql.ts';
import { claimCoupon } from '../services/coupons.ts';
import { createTemplate, setTemplateStatus } from '../services/templates.ts';

export const Mutation: MutationResolvers = {
  createCouponTemplate: (_, { input }, ctx) => createTemplate(ctx, input),
  setCouponTemplateStatus: (_, { id, status }, ctx) => setTemplateStatus(ctx, id, status),
  claimCoupon: (_, { templateId }, ctx) => claimCoupon(ctx, templateId),
};
