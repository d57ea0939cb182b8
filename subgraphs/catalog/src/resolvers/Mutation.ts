import type { MutationResolvers } from '../generated/graphql.ts';
import { createCategory, updateCategory } from '../services/categories.ts';
import { createProduct, setProductStatus, updateProduct } from '../services/products.ts';
import { createShop, updateShop } from '../services/shops.ts';
import { addSku, adjustSkuStock, setSkuStock, updateSku } from '../services/skus.ts';

// Every rule (role, and which shop the caller may manage) is the service's.
export const Mutation: MutationResolvers = {
  createShop: (_, { input }, ctx) => createShop(ctx, input),
  updateShop: (_, { id, input }, ctx) => updateShop(ctx, id, input),
  createCategory: (_, { input }, ctx) => createCategory(ctx, input),
  updateCategory: (_, { id, input }, ctx) => updateCategory(ctx, id, input),
  createProduct: (_, { input }, ctx) => createProduct(ctx, input),
  updateProduct: (_, { id, input }, ctx) => updateProduct(ctx, id, input),
  setProductStatus: (_, { id, status }, ctx) => setProductStatus(ctx, id, status),
  addSku: (_, { productId, input }, ctx) => addSku(ctx, productId, input),
  updateSku: (_, { id, input }, ctx) => updateSku(ctx, id, input),
  setSkuStock: (_, { id, stock }, ctx) => setSkuStock(ctx, id, stock),
  adjustSkuStock: (_, { id, delta }, ctx) => adjustSkuStock(ctx, id, delta),
};
