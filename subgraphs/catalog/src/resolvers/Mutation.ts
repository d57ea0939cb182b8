import { allow, guard } from '@mall/kit';
import type { MutationResolvers } from '../generated/graphql.ts';
import { createCategory, updateCategory } from '../services/categories.ts';
import { createProduct, setProductStatus, updateProduct } from '../services/products.ts';
import { createShop, updateShop } from '../services/shops.ts';
import { addSku, adjustSkuStock, setSkuStock, updateSku } from '../services/skus.ts';

// Roles are checked here; which shop the caller may manage is checked by the service,
// once it has loaded the product or SKU.
export const Mutation: MutationResolvers = {
  createShop: guard(allow.admin, (_, { input }, ctx) => createShop(ctx, input)),
  updateShop: guard(allow.staff, (_, { id, input }, ctx) => updateShop(ctx, id, input)),
  createCategory: guard(allow.admin, (_, { input }, ctx) => createCategory(ctx, input)),
  updateCategory: guard(allow.admin, (_, { id, input }, ctx) => updateCategory(ctx, id, input)),
  createProduct: guard(allow.staff, (_, { input }, ctx) => createProduct(ctx, input)),
  updateProduct: guard(allow.staff, (_, { id, input }, ctx) => updateProduct(ctx, id, input)),
  setProductStatus: guard(allow.staff, (_, { id, status }, ctx) => setProductStatus(ctx, id, status)),
  addSku: guard(allow.staff, (_, { productId, input }, ctx) => addSku(ctx, productId, input)),
  updateSku: guard(allow.staff, (_, { id, input }, ctx) => updateSku(ctx, id, input)),
  setSkuStock: guard(allow.staff, (_, { id, stock }, ctx) => setSkuStock(ctx, id, stock)),
  adjustSkuStock: guard(allow.staff, (_, { id, delta }, ctx) => adjustSkuStock(ctx, id, delta)),
};
