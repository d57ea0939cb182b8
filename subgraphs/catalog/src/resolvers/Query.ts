import type { QueryResolvers } from '../generated/graphql.ts';
import { categoryTree, findCategory } from '../services/categories.ts';
import { findProduct, searchProducts, visibleProduct } from '../services/products.ts';
import { findShop, listOpenShops, myShop } from '../services/shops.ts';
import { visibleSku } from '../services/skus.ts';

export const Query: QueryResolvers = {
  product: async (_, { id }, ctx) => visibleProduct(ctx, await findProduct(ctx, id)),
  sku: (_, { id }, ctx) => visibleSku(ctx, id),
  products: (_, args, ctx) => searchProducts(ctx, args),
  categories: async (_, __, ctx) => (await categoryTree(ctx)).childrenOf(null),
  category: (_, { id }, ctx) => findCategory(ctx, id),
  shops: (_, __, ctx) => listOpenShops(ctx),
  shop: (_, { id }, ctx) => findShop(ctx, id),
  myShop: (_, __, ctx) => myShop(ctx),
};
