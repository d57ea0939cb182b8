import { count, eq } from 'drizzle-orm';
import { badInput, conflict, httpUrl, intInRange, notFound, parseId, requireRole, text } from '@mall/kit';
import type { CatalogContext } from '../context.ts';
import { categories, products, type CategoryRow } from '../db/schema.ts';
import type { CreateCategoryInput, UpdateCategoryInput } from '../generated/graphql.ts';
import type { CategoryTree } from '../loaders.ts';

/** The deepest a category may sit: 1 is a root (服装 › 女装 › 连衣裙 is depth 3). */
export const MAX_CATEGORY_DEPTH = 3;

export function categoryTree(ctx: CatalogContext): Promise<CategoryTree> {
  return ctx.loaders.categoryTree.load('all');
}

export async function findCategory(ctx: CatalogContext, id: string | number): Promise<CategoryRow | null> {
  const tree = await categoryTree(ctx);
  return tree.byId.get(parseId(id, 'Category')) ?? null;
}

export async function getCategory(ctx: CatalogContext, id: string | number): Promise<CategoryRow> {
  const found = await findCategory(ctx, id);
  if (!found) throw notFound('Category', id);
  return found;
}

export async function createCategory(ctx: CatalogContext, input: CreateCategoryInput): Promise<CategoryRow> {
  requireRole(ctx.identity, 'ADMIN');
  let parentId: number | null = null;
  if (input.parentId != null) {
    const parent = await getCategory(ctx, input.parentId);
    const depth = (await categoryTree(ctx)).pathTo(parent.id).length;
    if (depth >= MAX_CATEGORY_DEPTH) {
      throw badInput(`Categories nest at most ${MAX_CATEGORY_DEPTH} levels deep.`, 'input.parentId');
    }
    // Products live in leaves: a category holding products cannot become a parent.
    const [held] = await ctx.db.select({ n: count() }).from(products).where(eq(products.categoryId, parent.id));
    if ((held?.n ?? 0) > 0) {
      throw conflict(`Category ${parent.name} holds products; move them before adding subcategories.`);
    }
    parentId = parent.id;
  }
  const [created] = await ctx.db
    .insert(categories)
    .values({
      parentId,
      name: text(input.name, 'input.name', 1, 30),
      icon: input.icon == null ? null : httpUrl(input.icon, 'input.icon'),
      sort: input.sort == null ? 0 : intInRange(input.sort, 'input.sort', -10_000, 10_000),
    })
    .$returningId();
  ctx.loaders.categoryTree.clearAll();
  return getCategory(ctx, created!.id);
}

export async function updateCategory(ctx: CatalogContext, id: string, input: UpdateCategoryInput): Promise<CategoryRow> {
  requireRole(ctx.identity, 'ADMIN');
  const category = await getCategory(ctx, id);
  const changes: Partial<typeof categories.$inferInsert> = {};
  if (input.name != null) changes.name = text(input.name, 'input.name', 1, 30);
  if (input.icon !== undefined) changes.icon = input.icon === null ? null : httpUrl(input.icon, 'input.icon');
  if (input.sort != null) changes.sort = intInRange(input.sort, 'input.sort', -10_000, 10_000);
  if (Object.keys(changes).length > 0) await ctx.db.update(categories).set(changes).where(eq(categories.id, category.id));
  ctx.loaders.categoryTree.clearAll();
  return getCategory(ctx, category.id);
}

/** A product goes in a category with no children (a leaf), as in every mall's back office. */
export async function requireLeafCategory(ctx: CatalogContext, id: string | number, field: string): Promise<CategoryRow> {
  const category = await getCategory(ctx, id);
  if ((await categoryTree(ctx)).childrenOf(category.id).length > 0) {
    throw badInput(`Category ${category.name} has subcategories; choose one of them.`, field);
  }
  return category;
}
