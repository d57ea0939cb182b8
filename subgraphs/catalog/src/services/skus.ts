import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { MONEY_LIMITS, badInput, conflict, httpUrl, intInRange, isDuplicateKey, loadReference, notFound, parseId, requireShopManager, text, type TransactionOf } from '@mall/kit';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import type { CatalogContext, CatalogDeps } from '../context.ts';
import { categories, products, shops, skus, type CatalogSchema, type ProductRow, type SkuRow, type SpecValue } from '../db/schema.ts';
import type { SkuInput, SpecValueInput, UpdateSkuInput } from '../generated/graphql.ts';
import { findProduct, getProduct, productReference, visibleProduct } from './products.ts';
import { stockChanged } from './stock.ts';

/** Highest unit price, in cents: the kit's money limit. */
export const MAX_PRICE = MONEY_LIMITS.unitPrice;
export const MAX_STOCK = 10_000_000;
export const MAX_SKUS_PER_PRODUCT = 50;
/** Heaviest unit a SKU may weigh, in grams (1 tonne). */
export const MAX_WEIGHT_GRAMS = 1_000_000;

type Tx = TransactionOf<CatalogSchema>;

export interface ValidSku {
  specs: SpecValue[];
  specKey: string;
  price: number;
  originalPrice: number | null;
  stock: number;
  image: string | null;
  weightGrams: number;
}

/**
 * The identity of a spec set: SHA-256 of its canonical text — names sorted (so {颜色,尺码}
 * and {尺码,颜色} are one key), NFKC-normalised and lower-cased (so "S" and "s", or "Ｌ"
 * and "L", are the same size). The unique index compares these hashes byte for byte.
 */
export function specKeyOf(specs: SpecValue[]): string {
  const canonical = specs
    .map((s) => ({ name: s.name.normalize('NFKC').toLowerCase(), value: s.value.normalize('NFKC').toLowerCase() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => `${s.name}:${s.value}`)
    .join(';');
  return createHash('sha256').update(canonical).digest('hex');
}

function sameAttributes(a: SpecValue[], b: SpecValue[]): boolean {
  const names = (specs: SpecValue[]) => specs.map((s) => s.name.normalize('NFKC').toLowerCase()).sort().join(';');
  return names(a) === names(b);
}

export function validateSpecs(specs: SpecValueInput[], field: string): SpecValue[] {
  if (specs.length < 1 || specs.length > 5) throw badInput('A SKU has 1–5 spec attributes.', field);
  const out = specs.map((s, i) => ({
    name: text(s.name, `${field}[${i}].name`, 1, 20),
    value: text(s.value, `${field}[${i}].value`, 1, 40),
  }));
  if (new Set(out.map((s) => s.name)).size !== out.length) throw badInput('Spec attribute names must differ.', field);
  if (out.some((s) => /[:;]/.test(s.name) || /[;]/.test(s.value))) {
    throw badInput('Spec names may not contain ":" or ";" and values may not contain ";".', field);
  }
  return out;
}

function checkPrices(price: number, originalPrice: number | null, field: string) {
  intInRange(price, `${field}.price`, 1, MAX_PRICE);
  if (originalPrice !== null) {
    intInRange(originalPrice, `${field}.originalPrice`, 1, MAX_PRICE);
    if (originalPrice < price) throw badInput('originalPrice must not be below price.', `${field}.originalPrice`);
  }
}

export function validateSku(input: SkuInput, field: string): ValidSku {
  const specs = validateSpecs(input.specs, `${field}.specs`);
  const originalPrice = input.originalPrice ?? null;
  checkPrices(input.price, originalPrice, field);
  return {
    specs,
    specKey: specKeyOf(specs),
    price: input.price,
    originalPrice,
    stock: intInRange(input.stock, `${field}.stock`, 0, MAX_STOCK),
    image: input.image == null ? null : httpUrl(input.image, `${field}.image`),
    weightGrams: intInRange(input.weightGrams ?? 0, `${field}.weightGrams`, 0, MAX_WEIGHT_GRAMS),
  };
}

/** The SKUs of one product: 1–50, distinct specs, every SKU naming the same attributes. */
export function validateSkuSet(inputs: SkuInput[], field: string): ValidSku[] {
  if (inputs.length < 1 || inputs.length > MAX_SKUS_PER_PRODUCT) {
    throw badInput(`A product has 1–${MAX_SKUS_PER_PRODUCT} SKUs.`, field);
  }
  const valid = inputs.map((sku, i) => validateSku(sku, `${field}[${i}]`));
  if (valid.some((s) => !sameAttributes(s.specs, valid[0]!.specs))) {
    throw badInput('Every SKU of a product must name the same spec attributes.', field);
  }
  if (new Set(valid.map((s) => s.specKey)).size !== valid.length) {
    throw badInput('Two SKUs have the same specs.', field);
  }
  return valid;
}

export function skuValues(productId: number, sku: ValidSku): typeof skus.$inferInsert {
  return { productId, ...sku };
}

/** Recomputes a product's price range and sales from its SKUs, inside the caller's transaction. */
export async function refreshProductSummary(tx: Tx, productId: number): Promise<void> {
  await tx
    .update(products)
    .set({
      minPrice: sql`(SELECT MIN(s.price) FROM ${skus} s WHERE s.product_id = ${productId})`,
      maxPrice: sql`(SELECT MAX(s.price) FROM ${skus} s WHERE s.product_id = ${productId})`,
      sales: sql`(SELECT COALESCE(SUM(s.sales), 0) FROM ${skus} s WHERE s.product_id = ${productId})`,
    })
    .where(eq(products.id, productId));
}

/** A SKU reference (`_entities`): visible exactly when its product's reference is. */
export async function skuReference(ctx: CatalogContext, id: string | number): Promise<SkuRow | null> {
  const sku = await loadReference(ctx.loaders.sku, id);
  return sku && (await productReference(ctx, sku.productId)) ? sku : null;
}

/**
 * `catalog.skus.snapshot`: what an order line or a cart line needs of SKUs now (title,
 * spec, image, price, stock, on sale). Three queries for any number of SKUs; unknown ids
 * are left out.
 */
export async function skuSnapshots(deps: Pick<CatalogDeps, 'db'>, skuIds: string[]): Promise<SkuSnapshot[]> {
  const { db } = deps;
  const rows = await db.select().from(skus).where(inArray(skus.id, skuIds.map(Number)));
  const productRows = rows.length === 0 ? [] : await db.select().from(products).where(inArray(products.id, [...new Set(rows.map((r) => r.productId))]));
  const shopRows = productRows.length === 0 ? [] : await db.select().from(shops).where(inArray(shops.id, [...new Set(productRows.map((p) => p.shopId))]));
  const paths = await categoryPaths(db, productRows.map((p) => p.categoryId));
  return rows.flatMap((sku) => {
    const product = productRows.find((p) => p.id === sku.productId);
    const shop = shopRows.find((s) => s.id === product?.shopId);
    if (!product || !shop) return [];
    const onSale = product.status === 'ON_SHELF' && shop.status === 'OPEN';
    return [{
      skuId: String(sku.id),
      productId: String(product.id),
      shopId: String(shop.id),
      title: product.title,
      specText: sku.specs.map((s) => `${s.name}:${s.value}`).join(' '),
      image: sku.image ?? product.images[0] ?? null,
      price: sku.price,
      stock: sku.stock,
      weightGrams: sku.weightGrams,
      onSale,
      available: onSale && sku.stock > 0,
      categoryIds: paths.get(product.categoryId) ?? [String(product.categoryId)],
    }];
  });
}

/** Each category's id and its ancestors' up to the top, one query per level of the tree. */
export async function categoryPaths(db: CatalogDeps['db'], categoryIds: number[]): Promise<Map<number, string[]>> {
  const parentOf = new Map<number, number | null>();
  let wanted = [...new Set(categoryIds)];
  for (let depth = 0; wanted.length > 0 && depth < 8; depth++) {
    const rows = await db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(inArray(categories.id, wanted));
    for (const row of rows) parentOf.set(row.id, row.parentId);
    wanted = [...new Set(rows.flatMap((r) => (r.parentId !== null && !parentOf.has(r.parentId) ? [r.parentId] : [])))];
  }
  const paths = new Map<number, string[]>();
  for (const id of new Set(categoryIds)) {
    const path: string[] = [];
    for (let at: number | null | undefined = id; at != null && path.length < 8; at = parentOf.get(at)) path.push(String(at));
    paths.set(id, path);
  }
  return paths;
}

export async function findSku(ctx: CatalogContext, id: string | number): Promise<SkuRow | null> {
  return ctx.loaders.sku.load(parseId(id, 'Sku'));
}

/** `sku(id:)`: a SKU whose product the caller may see, else null. */
export async function visibleSku(ctx: CatalogContext, id: string | number): Promise<SkuRow | null> {
  const sku = await findSku(ctx, id);
  return sku && (await visibleProduct(ctx, await findProduct(ctx, sku.productId))) ? sku : null;
}

export async function getSku(ctx: CatalogContext, id: string | number): Promise<SkuRow> {
  const sku = await findSku(ctx, id);
  if (!sku) throw notFound('Sku', id);
  return sku;
}

async function reloadSku(ctx: CatalogContext, sku: { id: number; productId: number }): Promise<SkuRow> {
  ctx.loaders.sku.clear(sku.id);
  ctx.loaders.product.clear(sku.productId);
  ctx.loaders.skusOfProduct.clear(sku.productId);
  return getSku(ctx, sku.id);
}

/** The SKU and its product, once the caller is known to manage the product's shop. */
async function managedSku(ctx: CatalogContext, id: string): Promise<{ sku: SkuRow; product: ProductRow }> {
  const sku = await getSku(ctx, id);
  const product = await getProduct(ctx, sku.productId);
  requireShopManager(ctx.identity, product.shopId);
  return { sku, product };
}

export function rethrowDuplicateSpecs(error: unknown): never {
  if (isDuplicateKey(error)) throw conflict('Another SKU of this product already has these specs.');
  throw error;
}

/**
 * Locks the product row for the rest of the transaction: every SKU write of one product
 * goes one at a time, so the SKU cap, the shared attributes and the price summary are
 * checked and computed against what is really there.
 */
async function lockProduct(tx: Tx, productId: number): Promise<void> {
  await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for('update');
}

export async function addSku(ctx: CatalogContext, productId: string, input: SkuInput): Promise<SkuRow> {
  const product = await getProduct(ctx, productId);
  requireShopManager(ctx.identity, product.shopId);
  const sku = validateSku(input, 'input');
  const id = await ctx.db
    .transaction(async (tx) => {
      await lockProduct(tx, product.id);
      const siblings = await tx.select().from(skus).where(eq(skus.productId, product.id)).orderBy(asc(skus.id));
      if (siblings.length >= MAX_SKUS_PER_PRODUCT) {
        throw conflict(`A product has at most ${MAX_SKUS_PER_PRODUCT} SKUs.`);
      }
      if (siblings[0] && !sameAttributes(siblings[0].specs, sku.specs)) {
        throw badInput('Every SKU of a product must name the same spec attributes.', 'input.specs');
      }
      const [created] = await tx.insert(skus).values(skuValues(product.id, sku)).$returningId();
      await refreshProductSummary(tx, product.id);
      return created!.id;
    })
    .catch(rethrowDuplicateSpecs);
  return reloadSku(ctx, { id, productId: product.id });
}

export async function updateSku(ctx: CatalogContext, id: string, input: UpdateSkuInput): Promise<SkuRow> {
  const { sku } = await managedSku(ctx, id);
  const specs = input.specs == null ? null : validateSpecs(input.specs, 'input.specs');
  if (input.price != null) intInRange(input.price, 'input.price', 1, MAX_PRICE);
  if (input.originalPrice != null) intInRange(input.originalPrice, 'input.originalPrice', 1, MAX_PRICE);
  const image = input.image == null ? input.image : httpUrl(input.image, 'input.image');
  if (input.weightGrams === null) throw badInput('weightGrams cannot be cleared: 0 is no weight.', 'input.weightGrams');
  const weightGrams = input.weightGrams === undefined ? undefined : intInRange(input.weightGrams, 'input.weightGrams', 0, MAX_WEIGHT_GRAMS);
  await ctx.db
    .transaction(async (tx) => {
      await lockProduct(tx, sku.productId);
      // Checks run against the row as it is now, not as it was read before the lock.
      const [current] = await tx.select().from(skus).where(eq(skus.id, sku.id));
      if (!current) throw notFound('Sku', id);
      const changes: Partial<typeof skus.$inferInsert> = {};
      if (specs) {
        if (!sameAttributes(current.specs, specs)) {
          throw badInput('Every SKU of a product must name the same spec attributes.', 'input.specs');
        }
        changes.specs = specs;
        changes.specKey = specKeyOf(specs);
      }
      const price = input.price ?? current.price;
      const originalPrice = input.originalPrice === undefined ? current.originalPrice : input.originalPrice;
      checkPrices(price, originalPrice, 'input');
      if (input.price != null) changes.price = price;
      if (input.originalPrice !== undefined) changes.originalPrice = originalPrice;
      if (image !== undefined) changes.image = image;
      if (weightGrams !== undefined) changes.weightGrams = weightGrams;
      if (Object.keys(changes).length === 0) return;
      await tx.update(skus).set(changes).where(eq(skus.id, sku.id));
      await refreshProductSummary(tx, sku.productId);
    })
    .catch(rethrowDuplicateSpecs);
  return reloadSku(ctx, sku);
}

export async function setSkuStock(ctx: CatalogContext, id: string, stock: number): Promise<SkuRow> {
  const { sku } = await managedSku(ctx, id);
  intInRange(stock, 'stock', 0, MAX_STOCK);
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku.id)).for('update');
    await tx.update(skus).set({ stock }).where(eq(skus.id, sku.id));
    await stockChanged(tx, { skuId: String(sku.id), productId: String(sku.productId), stock, change: stock - (current?.stock ?? 0), reason: 'SET', orderId: null });
  });
  ctx.log.info({ skuId: sku.id, stock }, 'stock set');
  return reloadSku(ctx, sku);
}

/** Adds `delta` in one conditional UPDATE, so concurrent adjustments never lose a unit or go below zero. */
export async function adjustSkuStock(ctx: CatalogContext, id: string, delta: number): Promise<SkuRow> {
  const { sku } = await managedSku(ctx, id);
  intInRange(delta, 'delta', -MAX_STOCK, MAX_STOCK);
  if (delta === 0) throw badInput('delta must not be zero.', 'delta');
  await ctx.db.transaction(async (tx) => {
    const [result] = await tx
      .update(skus)
      .set({ stock: sql`${skus.stock} + ${delta}` })
      .where(and(eq(skus.id, sku.id), sql`${skus.stock} + ${delta} BETWEEN 0 AND ${MAX_STOCK}`));
    if (result.affectedRows === 0) {
      throw conflict(delta < 0 ? 'Not enough stock to take that many away.' : `Stock cannot exceed ${MAX_STOCK}.`);
    }
    const [after] = await tx.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku.id));
    await stockChanged(tx, { skuId: String(sku.id), productId: String(sku.productId), stock: after!.stock, change: delta, reason: 'ADJUSTED', orderId: null });
  });
  ctx.log.info({ skuId: sku.id, delta }, 'stock adjusted');
  return reloadSku(ctx, sku);
}

/** `catalog.products.facts`: each known product's shop and category path. */
export async function productFacts(deps: Pick<CatalogDeps, 'db'>, productIds: string[]): Promise<Array<{ productId: string; shopId: string; categoryIds: string[] }>> {
  const rows = await deps.db.select({ id: products.id, shopId: products.shopId, categoryId: products.categoryId }).from(products).where(inArray(products.id, productIds.map(Number)));
  const paths = await categoryPaths(deps.db, rows.map((r) => r.categoryId));
  return rows.map((r) => ({ productId: String(r.id), shopId: String(r.shopId), categoryIds: paths.get(r.categoryId) ?? [String(r.categoryId)] }));
}
