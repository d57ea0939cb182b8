import { loadReference } from '@mall/kit';
import type { ShopResolvers } from '../generated/graphql.ts';
import { searchProducts } from '../services/products.ts';

export const Shop: ShopResolvers = {
  __resolveReference: (ref, ctx) => loadReference(ctx.loaders.shop, ref.id),
  products: (shop, { sort, first, after }, ctx) =>
    searchProducts(ctx, { filter: { shopId: String(shop.id) }, sort, first, after }),
};
