import { cny } from '@mall/kit';
import type { SkuResolvers } from '../generated/graphql.ts';
import { getProduct } from '../services/products.ts';
import { getShop } from '../services/shops.ts';
import { skuReference } from '../services/skus.ts';

export const Sku: SkuResolvers = {
  __resolveReference: (ref, ctx) => skuReference(ctx, ref.id),
  product: (sku, _, ctx) => getProduct(ctx, sku.productId),
  specText: (sku) => sku.specs.map((s) => `${s.name}:${s.value}`).join(' '),
  price: (sku) => cny(sku.price),
  originalPrice: (sku) => (sku.originalPrice === null ? null : cny(sku.originalPrice)),
  available: async (sku, _, ctx) => {
    if (sku.stock <= 0) return false;
    const product = await getProduct(ctx, sku.productId);
    if (product.status !== 'ON_SHELF') return false;
    return (await getShop(ctx, product.shopId)).status === 'OPEN';
  },
};
