import type { QueryResolvers } from '../generated/graphql.ts';
import { categoryTree, findCategory } from '../services/categories.ts';
import { findProduct, searchProducts } from '../services/products.ts';
import { findShop, listOpenShops, myShop } from '../services/shops.ts';
import { findSku } from '../services/skus.ts';

export const Query: QueryResolvers = {
  product: (_, { id }, ctx) => findProduct(ctx, id),
  sku: (_, { id }, ctx) => findSku(ctx, id),
  products: (_, args, ctx) => searchProducts(ctx, args),
  categories: async (_, __, ctx) => (await categoryTree(ctx)).childrenOf(null),
  category: (_, { id }, ctx) => findCategory(ctx, id),
  shops: (_, __, ctx) => listOpenShops(ctx),
  shop: (_, { id }, ctx) => findShop(ctx, id),
  myShop: (_, __, ctx) => myShop(ctx),
};
