import type { SkuResolvers } from '../generated/graphql.ts';
import { skuPromotions } from '../services/skuPromotions.ts';

export const Sku: SkuResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  promotions: (sku, _, ctx) => skuPromotions(ctx, sku.id),
};
