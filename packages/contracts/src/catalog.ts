import { ID_PATTERN, defineCommand, z } from '@mall/kit';

/**
 * Commands catalog answers over NATS. Stock is reserved per order, all lines or none, and
 * released or committed per order; each is idempotent by `orderId`.
 */

const id = z.string().regex(ID_PATTERN, 'an id');
const orderId = z.string().min(1).max(64);

/** What an order line snapshots of a SKU when it is placed. */
export const skuSnapshot = z.object({
  skuId: z.string(),
  productId: z.string(),
  shopId: z.string(),
  title: z.string(),
  specText: z.string(),
  image: z.string().nullable(),
  price: z.number().int(),
  stock: z.number().int(),
  /** Shipping weight of one unit, in grams (0 when the merchant set none). */
  weightGrams: z.number().int().min(0),
  /** On the shelf and its shop open. */
  onSale: z.boolean(),
  /** On sale and stock above zero. */
  available: z.boolean(),
  /** The product's category first, then its ancestors up to the top (promotion's category scopes). */
  categoryIds: z.array(z.string()),
});
export type SkuSnapshot = z.infer<typeof skuSnapshot>;

/** Current title, spec, image, price, stock and weight of SKUs; unknown ids are left out. */
export const skuSnapshots = defineCommand(
  'catalog.skus.snapshot',
  z.object({ skuIds: z.array(id).min(1).max(200) }),
  z.object({ skus: z.array(skuSnapshot) }),
);

/** What promotion needs of products to tell which promotions cover them; unknown ids are left out. */
export const productFacts = defineCommand(
  'catalog.products.facts',
  z.object({ productIds: z.array(id).min(1).max(200) }),
  z.object({ products: z.array(z.object({ productId: z.string(), shopId: z.string(), categoryIds: z.array(z.string()) })) }),
);

/**
 * Takes stock for an order's lines in one transaction: every line or none. CONFLICT
 * (reason OUT_OF_STOCK or UNAVAILABLE, with the skuId) when a line cannot be had.
 */
export const reserveStock = defineCommand(
  'catalog.stock.reserve',
  z.object({ orderId, lines: z.array(z.object({ skuId: id, quantity: z.number().int().min(1).max(9999) })).min(1).max(100) }),
  z.object({ lines: z.array(z.object({ skuId: z.string(), quantity: z.number().int(), stockAfter: z.number().int() })), replayed: z.boolean() }),
);

/** Puts an order's reserved stock back (cancel, expiry). CONFLICT once the order's stock was committed. */
export const releaseStock = defineCommand(
  'catalog.stock.release',
  z.object({ orderId }),
  z.object({ released: z.number().int(), replayed: z.boolean() }),
);

/** Turns an order's reservation into a sale (payment): sales counts grow. */
export const commitStock = defineCommand(
  'catalog.stock.commit',
  z.object({ orderId }),
  z.object({ committed: z.number().int(), replayed: z.boolean() }),
);

/**
 * Puts `quantity` units of a SKU back on the shelf and `sales` of them off its sales, once per `key`
 * (promotion: a flash session's unsold units at its end, a flash order's units that came
 * back after it). Sent again with the same key and quantity it answers `replayed`; with
 * another quantity CONFLICT.
 */
export const returnStock = defineCommand(
  'catalog.stock.return',
  z.object({
    key: orderId,
    skuId: id,
    /** Units back on the shelf (0: only off the sales). */
    quantity: z.number().int().min(0).max(1_000_000),
    /** Units taken off the sales counts with them (default: `quantity`; 0 for units never counted sold). */
    sales: z.number().int().min(0).max(1_000_000).optional(),
  }),
  z.object({ stockAfter: z.number().int(), replayed: z.boolean() }),
);

/**
 * Puts back on the shelf what an order took, whether still reserved or already sold (a paid
 * order refunded in full before it shipped): stock grows, sales shrink. Idempotent.
 */
export const restock = defineCommand(
  'catalog.stock.restock',
  z.object({ orderId }),
  z.object({ restocked: z.number().int(), replayed: z.boolean() }),
);
