import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { EventData } from '@mall/contracts';
import { AppError, ErrorCode, conflict, isDuplicateKey, retryOnDeadlock, writeEvent, type TransactionOf } from '@mall/kit';
import type { CatalogDb } from '../loaders.ts';
import { products, shops, skus, stockReservations, type CatalogSchema } from '../db/schema.ts';

type Tx = TransactionOf<CatalogSchema>;

/** Writes `stock.changed` in the caller's transaction (published once it commits). */
export async function stockChanged(tx: Tx, data: EventData<'stock.changed'>): Promise<void> {
  await writeEvent(tx, 'catalog', 'stock.changed', data);
}

/**
 * A release that finds nothing to release leaves this marker (SKU id 0), so a reservation
 * for the same order arriving late (a timed-out command delivered after its compensation)
 * is refused instead of holding stock nobody will ever free.
 */
const RELEASED_MARKER_SKU = 0;

export interface ReservedLine {
  skuId: string;
  quantity: number;
  stockAfter: number;
}

/**
 * Takes stock for every line of an order, or for none: one conditional UPDATE per SKU
 * (`stock >= quantity`, sellable), in skuId order so concurrent orders never deadlock.
 * A second call for the same order returns what the first reserved.
 */
export async function reserveStock(
  db: CatalogDb,
  orderId: string,
  lines: Array<{ skuId: string; quantity: number }>,
): Promise<{ lines: ReservedLine[]; replayed: boolean }> {
  const wanted = new Map<number, number>();
  for (const line of lines) wanted.set(Number(line.skuId), (wanted.get(Number(line.skuId)) ?? 0) + line.quantity);
  const replay = async () => {
    const rows = await db.select().from(stockReservations).where(eq(stockReservations.orderId, orderId)).orderBy(asc(stockReservations.skuId));
    if (rows.length === 0) return null;
    if (rows.some((r) => r.skuId === RELEASED_MARKER_SKU)) throw conflict(`Order ${orderId} was released before its stock was reserved.`);
    const same = rows.length === wanted.size && rows.every((r) => wanted.get(r.skuId) === r.quantity);
    if (!same) throw conflict(`Order ${orderId} already reserved different lines.`);
    const current = await db.select({ id: skus.id, stock: skus.stock }).from(skus).where(inArray(skus.id, rows.map((r) => r.skuId)));
    return {
      lines: rows.map((r) => ({ skuId: String(r.skuId), quantity: r.quantity, stockAfter: current.find((c) => c.id === r.skuId)?.stock ?? 0 })),
      replayed: true,
    };
  };
  const previous = await replay();
  if (previous) return previous;
  try {
    const reserved = await retryOnDeadlock(() => db.transaction(async (tx) => {
      const out: ReservedLine[] = [];
      for (const [skuId, quantity] of [...wanted.entries()].sort((a, b) => a[0] - b[0])) {
        // Shelf state by a plain read (no locks on products or shops), then one conditional
        // UPDATE on the SKU row: the stock check and the decrement are one step.
        const [info] = await tx
          .select({ productStatus: products.status, shopStatus: shops.status })
          .from(skus)
          .innerJoin(products, eq(products.id, skus.productId))
          .innerJoin(shops, eq(shops.id, products.shopId))
          .where(eq(skus.id, skuId));
        if (!info) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${skuId} not found.`, { skuId: String(skuId) });
        if (info.productStatus !== 'ON_SHELF' || info.shopStatus !== 'OPEN') {
          throw new AppError(ErrorCode.CONFLICT, `SKU ${skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: String(skuId), available: 0 });
        }
        const [result] = await tx
          .update(skus)
          .set({ stock: sql`${skus.stock} - ${quantity}` })
          .where(and(eq(skus.id, skuId), sql`${skus.stock} >= ${quantity}`));
        if (result.affectedRows === 0) {
          const [sku] = await tx.select({ stock: skus.stock }).from(skus).where(eq(skus.id, skuId));
          throw new AppError(ErrorCode.CONFLICT, `Only ${sku?.stock ?? 0} left of SKU ${skuId}.`, { reason: 'OUT_OF_STOCK', skuId: String(skuId), available: sku?.stock ?? 0 });
        }
        const [after] = await tx.select({ stock: skus.stock, productId: skus.productId }).from(skus).where(eq(skus.id, skuId));
        await tx.insert(stockReservations).values({ orderId, skuId, quantity });
        await stockChanged(tx, { skuId: String(skuId), productId: String(after!.productId), stock: after!.stock, change: -quantity, reason: 'RESERVED', orderId });
        out.push({ skuId: String(skuId), quantity, stockAfter: after!.stock });
      }
      return out;
    }));
    return { lines: reserved, replayed: false };
  } catch (error) {
    // The same order reserved concurrently: the other call won; answer what it reserved.
    if (isDuplicateKey(error)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}

/** Puts back what an order still holds. Idempotent; CONFLICT once committed. */
export async function releaseStock(db: CatalogDb, orderId: string): Promise<{ released: number; replayed: boolean }> {
  return retryOnDeadlock(() => db.transaction(async (tx) => {
    const rows = await tx.select().from(stockReservations).where(eq(stockReservations.orderId, orderId)).orderBy(asc(stockReservations.skuId)).for('update');
    if (rows.length === 0) {
      await tx.insert(stockReservations).values({ orderId, skuId: RELEASED_MARKER_SKU, quantity: 1, status: 'RELEASED' });
      return { released: 0, replayed: false };
    }
    if (rows.some((r) => r.status === 'COMMITTED')) throw conflict(`Order ${orderId} is paid: its stock is sold, not reserved.`);
    const held = rows.filter((r) => r.status === 'RESERVED');
    for (const row of held) {
      await tx.update(skus).set({ stock: sql`${skus.stock} + ${row.quantity}` }).where(eq(skus.id, row.skuId));
      await tx.update(stockReservations).set({ status: 'RELEASED' }).where(eq(stockReservations.id, row.id));
      const [after] = await tx.select({ stock: skus.stock, productId: skus.productId }).from(skus).where(eq(skus.id, row.skuId));
      if (after) await stockChanged(tx, { skuId: String(row.skuId), productId: String(after.productId), stock: after.stock, change: row.quantity, reason: 'RELEASED', orderId });
    }
    return { released: held.length, replayed: held.length === 0 && rows.length > 0 };
  }));
}

/** Makes an order's reservation a sale: SKU and product sales grow. Idempotent; CONFLICT once released. */
export async function commitStock(db: CatalogDb, orderId: string): Promise<{ committed: number; replayed: boolean }> {
  return retryOnDeadlock(() => db.transaction(async (tx) => {
    const rows = await tx.select().from(stockReservations).where(eq(stockReservations.orderId, orderId)).orderBy(asc(stockReservations.skuId)).for('update');
    if (rows.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `Order ${orderId} holds no stock.`);
    if (rows.some((r) => r.status === 'RELEASED')) throw conflict(`Order ${orderId} released its stock: it cannot be sold.`);
    const held = rows.filter((r) => r.status === 'RESERVED');
    for (const row of held) {
      await tx.update(skus).set({ sales: sql`${skus.sales} + ${row.quantity}` }).where(eq(skus.id, row.skuId));
      const [sku] = await tx.select({ productId: skus.productId }).from(skus).where(eq(skus.id, row.skuId));
      if (sku) await tx.update(products).set({ sales: sql`${products.sales} + ${row.quantity}` }).where(eq(products.id, sku.productId));
      await tx.update(stockReservations).set({ status: 'COMMITTED' }).where(eq(stockReservations.id, row.id));
    }
    return { committed: held.length, replayed: held.length === 0 };
  }));
}
