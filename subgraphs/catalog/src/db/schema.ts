import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  char,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { createdAtColumn as createdAt, idColumn as id, jsonColumn, outbox, refColumn as ref, reservationTables, timeColumn, updatedAtColumn as updatedAt } from '@mall/kit';

/** A merchant's storefront. Merchants' staff accounts point at a shop by id. */
export const shops = mysqlTable('shops', {
  id: id(),
  name: varchar('name', { length: 60 }).notNull(),
  logo: varchar('logo', { length: 500 }),
  description: varchar('description', { length: 500 }).notNull().default(''),
  status: mysqlEnum('status', ['OPEN', 'CLOSED']).notNull().default('OPEN'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('shops_name_uq').on(t.name)]);

/** The category tree: a row with no parent is a root. */
export const categories = mysqlTable('categories', {
  id: id(),
  parentId: ref('parent_id'),
  name: varchar('name', { length: 30 }).notNull(),
  icon: varchar('icon', { length: 500 }),
  sort: int('sort').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [index('categories_parent_idx').on(t.parentId, t.sort)]);

export interface SpecValue {
  name: string;
  value: string;
}

/**
 * A product (SPU). `minPrice`, `maxPrice` and `sales` summarise its SKUs, kept in the
 * same transaction as any SKU change, so lists can filter and sort without a join.
 */
export const products = mysqlTable('products', {
  id: id(),
  shopId: ref('shop_id').notNull(),
  categoryId: ref('category_id').notNull(),
  title: varchar('title', { length: 120 }).notNull(),
  subtitle: varchar('subtitle', { length: 200 }).notNull().default(''),
  images: jsonColumn<string[]>('images').notNull(),
  description: mediumtext('description').notNull(),
  status: mysqlEnum('status', ['ON_SHELF', 'OFF_SHELF']).notNull().default('OFF_SHELF'),
  /** When it was first put on the shelf; null for a draft never listed (hidden from all but its shop and admins). */
  listedAt: timeColumn('listed_at'),
  minPrice: bigint('min_price', { mode: 'number' }).notNull(),
  maxPrice: bigint('max_price', { mode: 'number' }).notNull(),
  sales: bigint('sales', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('products_status_id_idx').on(t.status, t.id),
  index('products_status_price_idx').on(t.status, t.minPrice, t.id),
  index('products_status_sales_idx').on(t.status, t.sales, t.id),
  index('products_shop_idx').on(t.shopId, t.status, t.id),
  index('products_category_idx').on(t.categoryId, t.status, t.id),
]);

/**
 * A sellable variant of a product. `specKey` is the SHA-256 (hex) of the canonical text
 * of `specs` (names sorted, NFKC, lower case), unique per product, so one product never
 * has two SKUs alike — the same rule in code and in the index, whatever the collation.
 * Prices are integer cents.
 */
export const skus = mysqlTable('skus', {
  id: id(),
  productId: ref('product_id').notNull(),
  specs: jsonColumn<SpecValue[]>('specs').notNull(),
  specKey: char('spec_key', { length: 64 }).notNull(),
  price: bigint('price', { mode: 'number' }).notNull(),
  originalPrice: bigint('original_price', { mode: 'number' }),
  stock: int('stock').notNull().default(0),
  sales: int('sales').notNull().default(0),
  image: varchar('image', { length: 500 }),
  /** Shipping weight of one unit, in grams (freight templates charged by weight read it). */
  weightGrams: int('weight_grams').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('skus_product_spec_uq').on(t.productId, t.specKey),
  check('skus_stock_nonnegative', sql`stock >= 0`),
  check('skus_price_positive', sql`price > 0`),
  check('skus_original_price_not_below_price', sql`original_price IS NULL OR original_price >= price`),
  check('skus_weight_within_bounds', sql`weight_grams BETWEEN 0 AND 1000000`),
]);

/**
 * Stock taken for an order, per SKU: RESERVED at checkout, then RELEASED (cancel, expiry)
 * or COMMITTED (paid). One row per order and SKU makes every command idempotent per order.
 */
export { outbox };

/** Stock reservations of orders: the kit's reservation tables (pool `stock`, owner the order number, resource the SKU id). */
export const { reservationHolds, reservationLines } = reservationTables;

export const catalogSchema = { shops, categories, products, skus, reservationHolds, reservationLines, outbox };
export type CatalogSchema = typeof catalogSchema;

export type ShopRow = typeof shops.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type SkuRow = typeof skus.$inferSelect;
