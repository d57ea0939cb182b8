import { tryParseId } from '@mall/kit';
import type { CategoryResolvers } from '../generated/graphql.ts';
import { categoryTree, findCategory } from '../services/categories.ts';
import { searchProducts } from '../services/products.ts';

export const Category: CategoryResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = tryParseId(ref.id);
    return id === null ? null : ((await categoryTree(ctx)).byId.get(id) ?? null);
  },
  parent: (category, _, ctx) => (category.parentId === null ? null : findCategory(ctx, category.parentId)),
  children: async (category, _, ctx) => (await categoryTree(ctx)).childrenOf(category.id),
  path: async (category, _, ctx) => (await categoryTree(ctx)).pathTo(category.id),
  products: (category, { sort, first, after }, ctx) =>
    searchProducts(ctx, { filter: { categoryId: String(category.id) }, sort, first, after }),
};
