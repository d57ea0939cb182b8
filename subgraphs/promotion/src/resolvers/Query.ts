import type { QueryResolvers } from '../generated/graphql.ts';
import { couponCenter, shopTemplates, templateForCaller } from '../services/templates.ts';

export const Query: QueryResolvers = {
  couponCenter: (_, args, ctx) => couponCenter(ctx, args),
  couponTemplate: (_, { id }, ctx) => templateForCaller(ctx, id),
  couponTemplates: (_, args, ctx) => shopTemplates(ctx, args),
};
