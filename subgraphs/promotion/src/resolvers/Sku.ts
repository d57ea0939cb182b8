import type { SkuResolvers } from '../generated/graphql.ts';
import { skuFlashSale } from '../services/flashBuy.ts';
import { skuPromotions } from '../services/skuPromotions.ts';

export const Sku: SkuResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  promotions: (sku, _, ctx) => skuPromotions(ctx, sku.id),
  flashSale: (sku, _, ctx) => skuFlashSale(ctx, sku.id),
};
