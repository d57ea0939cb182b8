import { and, eq, inArray, sql } from 'drizzle-orm';
import { events, type EventData } from '@mall/contracts';
import { AppError, ErrorCode, commit, release, reserve, restore, type ReservationPool, type ReservedLine } from '@mall/kit';
import type { CatalogDeps, CatalogTx } from '../context.ts';
import { products, shops, skus, type CatalogSchema } from '../db/schema.ts';

/** Writes `stock.changed` in the caller's transaction (published once it commits). */
export async function stockChanged(tx: CatalogTx, data: EventData<'stock.changed'>): Promise<void> {
  await events.write(tx, 'stock.changed', data);
}

/**
 * SKU stock as a reservation pool of the kit's: an order (owner: its order number) takes
 * units with one conditional UPDATE per SKU (`stock >= quantity`, on sale), gives them back
 * on release, and counts them as sold on commit.
 */
const stockPool: ReservationPool<CatalogSchema> = {
  name: 'stock',
  async take(tx, resource, quantity) {
    const skuId = Number(resource);
    // Shelf state by a plain read (no locks on products or shops), then one conditional
    // UPDATE on the SKU row: the stock check and the decrement are one step.
    const [info] = await tx
      .select({ productStatus: products.status, shopStatus: shops.status })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .innerJoin(shops, eq(shops.id, products.shopId))
      .where(eq(skus.id, skuId));
    if (!info) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${skuId} not found.`, { skuId: resource });
    if (info.productStatus !== 'ON_SHELF' || info.shopStatus !== 'OPEN') {
      throw new AppError(ErrorCode.CONFLICT, `SKU ${skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: resource, available: 0 });
    }
    const [result] = await tx
      .update(skus)
      .set({ stock: sql`${skus.stock} - ${quantity}` })
      .where(and(eq(skus.id, skuId), sql`${skus.stock} >= ${quantity}`));
    if (result.affectedRows === 0) {
      const [sku] = await tx.select({ stock: skus.stock }).from(skus).where(eq(skus.id, skuId));
      throw new AppError(ErrorCode.CONFLICT, `Only ${sku?.stock ?? 0} left of SKU ${skuId}.`, { reason: 'OUT_OF_STOCK', skuId: resource, available: sku?.stock ?? 0 });
    }
  },
  async give(tx, resource, quantity) {
    await tx.update(skus).set({ stock: sql`${skus.stock} + ${quantity}` }).where(eq(skus.id, Number(resource)));
  },
  async commit(tx, resource, quantity) {
    const skuId = Number(resource);
    await tx.update(skus).set({ sales: sql`${skus.sales} + ${quantity}` }).where(eq(skus.id, skuId));
    const [sku] = await tx.select({ productId: skus.productId }).from(skus).where(eq(skus.id, skuId));
    if (sku) await tx.update(products).set({ sales: sql`${products.sales} + ${quantity}` }).where(eq(products.id, sku.productId));
  },
  async uncommit(tx, resource, quantity) {
    const skuId = Number(resource);
    await tx.update(skus).set({ sales: sql`GREATEST(${skus.sales} - ${quantity}, 0)` }).where(eq(skus.id, skuId));
    const [sku] = await tx.select({ productId: skus.productId }).from(skus).where(eq(skus.id, skuId));
    if (sku) await tx.update(products).set({ sales: sql`GREATEST(${products.sales} - ${quantity}, 0)` }).where(eq(products.id, sku.productId));
  },
};

/** One `stock.changed` per line, with the stock as it is now (inside the reservation's transaction). */
async function announce(tx: CatalogTx, orderId: string, lines: ReservedLine[], sign: 1 | -1, reason: 'RESERVED' | 'RELEASED' | 'RESTOCKED'): Promise<void> {
  const now = lines.length === 0 ? [] : await tx.select({ id: skus.id, stock: skus.stock, productId: skus.productId }).from(skus).where(inArray(skus.id, lines.map((l) => Number(l.resource))));
  for (const line of lines) {
    const sku = now.find((s) => String(s.id) === line.resource);
    if (sku) await stockChanged(tx, { skuId: line.resource, productId: String(sku.productId), stock: sku.stock, change: sign * line.quantity, reason, orderId });
  }
}

export interface ReservedStock {
  skuId: string;
  quantity: number;
  stockAfter: number;
}

/**
 * Takes stock for every line of an order, or for none (`catalog.stock.reserve`). A second
 * call for the same order answers what the first reserved; a call after the order was
 * released is refused (CONFLICT `RELEASED`), so a late request never holds stock.
 */
export async function reserveStock(deps: Pick<CatalogDeps, 'db'>, orderId: string, lines: Array<{ skuId: string; quantity: number }>): Promise<{ lines: ReservedStock[]; replayed: boolean }> {
  const reserved = await reserve(deps.db, stockPool, orderId, lines.map((l) => ({ resource: l.skuId, quantity: l.quantity })), (tx, taken) => announce(tx, orderId, taken, -1, 'RESERVED'));
  const current = await deps.db.select({ id: skus.id, stock: skus.stock }).from(skus).where(inArray(skus.id, reserved.lines.map((l) => Number(l.resource))));
  return {
    lines: reserved.lines.map((l) => ({ skuId: l.resource, quantity: l.quantity, stockAfter: current.find((c) => String(c.id) === l.resource)?.stock ?? 0 })),
    replayed: reserved.replayed,
  };
}

/** Puts back what an order still holds (`catalog.stock.release`). Idempotent; CONFLICT once committed. */
export async function releaseStock(deps: Pick<CatalogDeps, 'db'>, orderId: string): Promise<{ released: number; replayed: boolean }> {
  const { released, replayed } = await release(deps.db, stockPool, orderId, (tx, given) => announce(tx, orderId, given, 1, 'RELEASED'));
  return { released: released.length, replayed };
}

/** Makes an order's reservation a sale: SKU and product sales grow (`catalog.stock.commit`). Idempotent; CONFLICT once released. */
export async function commitStock(deps: Pick<CatalogDeps, 'db'>, orderId: string): Promise<{ committed: number; replayed: boolean }> {
  const { committed, replayed } = await commit(deps.db, stockPool, orderId);
  return { committed: committed.length, replayed };
}

/**
 * Puts back what an order took, reserved or already sold (`catalog.stock.restock`: a paid
 * order refunded in full before it shipped): stock grows again and sales shrink. Idempotent.
 */
export async function restockOrder(deps: Pick<CatalogDeps, 'db'>, orderId: string): Promise<{ restocked: number; replayed: boolean }> {
  const { restored, replayed } = await restore(deps.db, stockPool, orderId, (tx, given) => announce(tx, orderId, given, 1, 'RESTOCKED'));
  return { restocked: restored.length, replayed };
}

/**
 * Units coming back to the shelf as a pool of the kit's reservations (pool `stock-return`,
 * owner the caller's key): "taking" them puts them on the shelf and off the sales, so each
 * key does it once, and a key sent again answers the first return.
 */
const returnPool: ReservationPool<CatalogSchema> = {
  name: 'stock-return',
  // A line `<sku>` puts units on the shelf; a line `<sku>:sales` takes units off its sales.
  async take(tx, resource, quantity) {
    const offSales = resource.endsWith(':sales');
    const skuId = Number(offSales ? resource.slice(0, -':sales'.length) : resource);
    const [sku] = await tx.select({ productId: skus.productId }).from(skus).where(eq(skus.id, skuId));
    if (!sku) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${skuId} not found.`, { skuId: String(skuId) });
    if (!offSales) {
      await tx.update(skus).set({ stock: sql`${skus.stock} + ${quantity}` }).where(eq(skus.id, skuId));
      return;
    }
    await tx.update(skus).set({ sales: sql`GREATEST(${skus.sales} - ${quantity}, 0)` }).where(eq(skus.id, skuId));
    await tx.update(products).set({ sales: sql`GREATEST(${products.sales} - ${quantity}, 0)` }).where(eq(products.id, sku.productId));
  },
  async give() {
    // A return is never undone.
  },
};

/** `catalog.stock.return`: `quantity` units of a SKU back on the shelf and `sales` of them off its sales, once per key. */
export async function returnStock(deps: Pick<CatalogDeps, 'db'>, key: string, skuId: string, quantity: number, sales = quantity): Promise<{ stockAfter: number; replayed: boolean }> {
  const lines = [...(quantity > 0 ? [{ resource: skuId, quantity }] : []), ...(sales > 0 ? [{ resource: `${skuId}:sales`, quantity: sales }] : [])];
  if (lines.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Nothing to return.', { field: 'quantity' });
  const { replayed } = await reserve(deps.db, returnPool, key, lines, (tx, given) => announce(tx, key, given.filter((l) => !l.resource.endsWith(':sales')), 1, 'RESTOCKED'));
  const [sku] = await deps.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, Number(skuId)));
  return { stockAfter: sku?.stock ?? 0, replayed };
}
