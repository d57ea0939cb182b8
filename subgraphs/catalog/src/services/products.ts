import { and, asc, count, desc, eq, gt, gte, inArray, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  badInput,
  canManageShop,
  decodeCursor,
  encodeCursor,
  forbidden,
  httpUrl,
  intInRange,
  loadReference,
  notFound,
  pageSize,
  parseId,
  requireIdentity,
  requireShopManager,
  text,
  toConnection,
  type Connection,
} from '@mall/kit';
import type { CatalogContext } from '../context.ts';
import { products, shops, skus, type ProductRow } from '../db/schema.ts';
import type {
  CreateProductInput,
  ProductFilter,
  ProductSort,
  ProductStatus,
  UpdateProductInput,
} from '../generated/graphql.ts';
import { categoryTree, getCategory, requireLeafCategory } from './categories.ts';
import { getShop } from './shops.ts';
import { MAX_PRICE, rethrowDuplicateSpecs, skuValues, validateSkuSet } from './skus.ts';

export async function findProduct(ctx: CatalogContext, id: string | number): Promise<ProductRow | null> {
  return ctx.loaders.product.load(parseId(id, 'Product'));
}

export async function getProduct(ctx: CatalogContext, id: string | number): Promise<ProductRow> {
  const product = await findProduct(ctx, id);
  if (!product) throw notFound('Product', id);
  return product;
}

/**
 * What a caller may see of a product: buyers see it on the shelf of an open shop; the
 * shop's merchant and admins see it in any state. (Federation references resolve
 * regardless, so carts and orders can still show what they point at.)
 */
export async function visibleProduct(ctx: CatalogContext, product: ProductRow | null): Promise<ProductRow | null> {
  if (!product) return null;
  if (canManageShop(ctx.identity, product.shopId)) return product;
  if (product.status !== 'ON_SHELF') return null;
  const shop = await ctx.loaders.shop.load(product.shopId);
  return shop?.status === 'OPEN' ? product : null;
}

/**
 * What a federation reference may show of a product: anything once it has been listed (a
 * cart or an order still shows what it points at after it left the shelf), but a draft
 * never listed only to its shop's merchant and admins; to anyone else it does not exist.
 */
export function referenceVisible(ctx: Pick<CatalogContext, 'identity'>, product: ProductRow | null): ProductRow | null {
  if (!product) return null;
  return product.listedAt !== null || canManageShop(ctx.identity, product.shopId) ? product : null;
}

/** A product reference (`_entities`), through the request's loader. */
export async function productReference(ctx: CatalogContext, id: string | number): Promise<ProductRow | null> {
  return referenceVisible(ctx, await loadReference(ctx.loaders.product, id));
}

/** Reads a product fresh from the database (after a write), priming the request's loader. */
async function reloadProduct(ctx: CatalogContext, id: number): Promise<ProductRow> {
  ctx.loaders.product.clear(id);
  ctx.loaders.skusOfProduct.clear(id);
  return getProduct(ctx, id);
}

export interface ProductSearch {
  filter?: ProductFilter | null;
  sort?: ProductSort | null;
  first?: number | null;
  after?: string | null;
}

/** `%`, `_` and `\` match literally in a keyword. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const sortColumns = {
  NEWEST: { column: null, direction: 'desc' },
  PRICE_ASC: { column: products.minPrice, direction: 'asc' },
  PRICE_DESC: { column: products.minPrice, direction: 'desc' },
  SALES_DESC: { column: products.sales, direction: 'desc' },
} as const;

/**
 * Keyword, category (with descendants), shop and price filters; four sort orders; keyset
 * cursors on (sort key, id), so deep pages cost the same as the first one.
 */
export async function searchProducts(ctx: CatalogContext, search: ProductSearch): Promise<Connection<ProductRow>> {
  const filter = search.filter ?? {};
  const sort = search.sort ?? 'NEWEST';
  const size = pageSize(search.first);
  const status: ProductStatus = filter.status ?? 'ON_SHELF';
  const where: SQL[] = [eq(products.status, status)];

  if (status !== 'ON_SHELF') {
    requireIdentity(ctx.identity);
    if (ctx.identity?.role !== 'ADMIN' && (filter.shopId == null || !canManageShop(ctx.identity, filter.shopId))) {
      throw forbidden('Only the shop’s merchant or an admin can list products that are off the shelf.');
    }
  } else {
    // Buyers never see the products of a closed shop.
    where.push(inArray(products.shopId, ctx.db.select({ id: shops.id }).from(shops).where(eq(shops.status, 'OPEN'))));
  }
  if (filter.keyword != null) {
    const words = text(filter.keyword, 'filter.keyword', 0, 50).split(/\s+/).filter(Boolean).slice(0, 5);
    for (const word of words) {
      where.push(or(like(products.title, likePattern(word)), like(products.subtitle, likePattern(word))) as SQL);
    }
  }
  if (filter.categoryId != null) {
    const category = await getCategory(ctx, filter.categoryId);
    where.push(inArray(products.categoryId, (await categoryTree(ctx)).subtreeIds(category.id)));
  }
  if (filter.shopId != null) where.push(eq(products.shopId, parseId(filter.shopId, 'Shop')));
  if (filter.minPrice != null || filter.maxPrice != null) {
    const min = intInRange(filter.minPrice ?? 0, 'filter.minPrice', 0, MAX_PRICE);
    const max = intInRange(filter.maxPrice ?? MAX_PRICE, 'filter.maxPrice', 0, MAX_PRICE);
    if (min > max) throw badInput('filter.minPrice must not exceed filter.maxPrice.', 'filter.minPrice');
    // The summary columns narrow the scan; EXISTS makes it exact: one SKU priced in range.
    where.push(gte(products.maxPrice, min), lte(products.minPrice, max));
    where.push(sql`EXISTS (SELECT 1 FROM ${skus} AS s WHERE s.product_id = ${products.id} AND s.price BETWEEN ${min} AND ${max})`);
  }

  const { column, direction } = sortColumns[sort];
  const byId = direction === 'asc' ? asc(products.id) : desc(products.id);
  const order = column ? [direction === 'asc' ? asc(column) : desc(column), byId] : [byId];
  const keyset: SQL[] = [];
  if (search.after != null) {
    const after = decodeCursor(search.after, sort, column ? 2 : 1);
    if (!after.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) throw badInput('The cursor is not valid.', 'after');
    const [value, id] = (column ? after : [null, after[0]]) as [number | null, number];
    const past = direction === 'asc' ? gt : lt;
    keyset.push(
      column && value !== null ? (or(past(column, value), and(eq(column, value), past(products.id, id))) as SQL) : past(products.id, id),
    );
  }
  const rows = await ctx.db
    .select()
    .from(products)
    .where(and(...where, ...keyset))
    .orderBy(...order)
    .limit(size + 1);
  for (const row of rows) ctx.loaders.product.prime(row.id, row);
  return toConnection(
    rows,
    size,
    (row) => encodeCursor({ sort, values: column ? [row[sort === 'SALES_DESC' ? 'sales' : 'minPrice'], row.id] : [row.id] }),
    async () => {
      const [result] = await ctx.db.select({ n: count() }).from(products).where(and(...where));
      return result?.n ?? 0;
    },
  );
}

function productDetails(input: UpdateProductInput | CreateProductInput) {
  const details: Partial<typeof products.$inferInsert> = {};
  if (input.title != null) details.title = text(input.title, 'input.title', 2, 120);
  if (input.subtitle != null) details.subtitle = text(input.subtitle, 'input.subtitle', 0, 200);
  if (input.description != null) details.description = text(input.description, 'input.description', 0, 20_000);
  if (input.images != null) {
    if (input.images.length < 1 || input.images.length > 9) throw badInput('A product has 1–9 images.', 'input.images');
    details.images = input.images.map((url, i) => httpUrl(url, `input.images[${i}]`));
  }
  return details;
}

/** Creates a product and its SKUs in one transaction; it starts OFF_SHELF unless told otherwise. */
export async function createProduct(ctx: CatalogContext, input: CreateProductInput): Promise<ProductRow> {
  const shopId = parseId(input.shopId, 'Shop');
  requireShopManager(ctx.identity, shopId);
  await getShop(ctx, shopId);
  const category = await requireLeafCategory(ctx, input.categoryId, 'input.categoryId');
  const details = productDetails(input);
  const skuRows = validateSkuSet(input.skus, 'input.skus');
  const prices = skuRows.map((s) => s.price);
  const id = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(products)
      .values({
        shopId,
        categoryId: category.id,
        title: details.title ?? '',
        subtitle: details.subtitle ?? '',
        images: details.images ?? [],
        description: details.description ?? '',
        status: input.status ?? 'OFF_SHELF',
        // Created straight onto the shelf, it is listed from now on (references show it to buyers).
        listedAt: input.status === 'ON_SHELF' ? new Date() : null,
        minPrice: Math.min(...prices),
        maxPrice: Math.max(...prices),
      })
      .$returningId();
    const productId = created!.id;
    await tx.insert(skus).values(skuRows.map((sku) => skuValues(productId, sku)));
    return productId;
  }).catch(rethrowDuplicateSpecs);
  ctx.log.info({ productId: id, shopId }, 'product created');
  return reloadProduct(ctx, id);
}

export async function updateProduct(ctx: CatalogContext, id: string, input: UpdateProductInput): Promise<ProductRow> {
  const product = await getProduct(ctx, id);
  requireShopManager(ctx.identity, product.shopId);
  const changes = productDetails(input);
  if (input.categoryId != null) changes.categoryId = (await requireLeafCategory(ctx, input.categoryId, 'input.categoryId')).id;
  if (Object.keys(changes).length > 0) await ctx.db.update(products).set(changes).where(eq(products.id, product.id));
  return reloadProduct(ctx, product.id);
}

export async function setProductStatus(ctx: CatalogContext, id: string, status: ProductStatus): Promise<ProductRow> {
  const product = await getProduct(ctx, id);
  requireShopManager(ctx.identity, product.shopId);
  await ctx.db
    .update(products)
    .set({ status, ...(status === 'ON_SHELF' ? { listedAt: sql`COALESCE(${products.listedAt}, CURRENT_TIMESTAMP(3))` } : {}) })
    .where(eq(products.id, product.id));
  ctx.log.info({ productId: product.id, status }, 'product shelf state set');
  return reloadProduct(ctx, product.id);
}

