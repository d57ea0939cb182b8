import { cny } from '@mall/kit';
import type { ProductConnectionResolvers, ProductResolvers } from '../generated/graphql.ts';
import { getCategory } from '../services/categories.ts';
import { productReference } from '../services/products.ts';
import { getShop } from '../services/shops.ts';

export const Product: ProductResolvers = {
  __resolveReference: (ref, ctx) => productReference(ctx, ref.id),
  shop: (product, _, ctx) => getShop(ctx, product.shopId),
  category: (product, _, ctx) => getCategory(ctx, product.categoryId),
  skus: (product, _, ctx) => ctx.loaders.skusOfProduct.load(product.id),
  priceRange: (product) => ({ min: cny(product.minPrice), max: cny(product.maxPrice) }),
};

export const ProductConnection: ProductConnectionResolvers = {
  totalCount: (connection) => connection.totalCount(),
};
