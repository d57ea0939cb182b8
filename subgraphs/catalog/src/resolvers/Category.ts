import type { CategoryResolvers } from '../generated/graphql.ts';
import { categoryTree, findCategory } from '../services/categories.ts';
import { searchProducts } from '../services/products.ts';

export const Category: CategoryResolvers = {
  __resolveReference: (ref, ctx) => findCategory(ctx, ref.id).catch(() => null),
  parent: (category, _, ctx) => (category.parentId === null ? null : findCategory(ctx, category.parentId)),
  children: async (category, _, ctx) => (await categoryTree(ctx)).childrenOf(category.id),
  path: async (category, _, ctx) => (await categoryTree(ctx)).pathTo(category.id),
  products: (category, { sort, first, after }, ctx) =>
    searchProducts(ctx, { filter: { categoryId: String(category.id) }, sort, first, after }),
};
