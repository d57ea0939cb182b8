import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import { loaderByKey, loaderOfMany } from '@mall/kit';
import type { CatalogDeps } from './context.ts';
import { categories, products, shops, skus, type CategoryRow } from './db/schema.ts';

/** The whole category tree, read in one query (a mall has tens to hundreds of categories). */
export interface CategoryTree {
  byId: Map<number, CategoryRow>;
  childrenOf(parentId: number | null): CategoryRow[];
  /** The category and all its descendants. */
  subtreeIds(id: number): number[];
  /** Ancestors from the root down to `id`, inclusive. */
  pathTo(id: number): CategoryRow[];
}

function buildTree(rows: CategoryRow[]): CategoryTree {
  const byId = new Map(rows.map((row) => [row.id, row] as const));
  const children = new Map<number | null, CategoryRow[]>();
  for (const row of rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sort - b.sort || a.id - b.id);
  const childrenOf = (parentId: number | null) => children.get(parentId) ?? [];
  return {
    byId,
    childrenOf,
    subtreeIds(id) {
      const out: number[] = [];
      const stack = [id];
      while (stack.length > 0) {
        const next = stack.pop() as number;
        out.push(next);
        for (const child of childrenOf(next)) stack.push(child.id);
      }
      return out;
    },
    pathTo(id) {
      const path: CategoryRow[] = [];
      for (let row = byId.get(id); row && path.length < 16; row = row.parentId === null ? undefined : byId.get(row.parentId)) {
        path.unshift(row);
      }
      return path;
    },
  };
}

/** New for every request: each loader batches all loads of one tick into one query. */
export function createLoaders({ db }: Pick<CatalogDeps, 'db'>) {
  return {
    shop: loaderByKey((ids: readonly number[]) => db.select().from(shops).where(inArray(shops.id, [...ids])), (r) => r.id),
    product: loaderByKey(
      (ids: readonly number[]) => db.select().from(products).where(inArray(products.id, [...ids])),
      (r) => r.id,
    ),
    sku: loaderByKey((ids: readonly number[]) => db.select().from(skus).where(inArray(skus.id, [...ids])), (r) => r.id),
    skusOfProduct: loaderOfMany(
      (ids: readonly number[]) =>
        db.select().from(skus).where(inArray(skus.productId, [...ids])).orderBy(asc(skus.id)),
      (r) => r.productId,
    ),
    categoryTree: new DataLoader<'all', CategoryTree>(async (keys) => {
      const tree = buildTree(await db.select().from(categories));
      return keys.map(() => tree);
    }),
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;
