import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import type { OrderDeps } from '../context.ts';
import { checkouts, orders } from '../db/schema.ts';
import { settleCancelledStock } from './lifecycle.ts';
import { commitPaidStock } from './payments.ts';

/**
 * The job `order.sweep` (every `ORDER_SWEEP_INTERVAL_MS`, once across replicas), for what a
 * lost message or a crash can leave behind; deadlines are jobs of their own (`order.expire`,
 * `order.autoComplete`). Driven by the database alone, so it survives any restart:
 * - stock that catalog could not be told about (cancelled or paid orders) is settled;
 * - checkouts that never finished (a crash mid-way) give their reserved stock back.
 * Returns what it did, for tests and logs.
 */
export async function sweep(deps: OrderDeps, now = new Date()) {
  const { db, send, log } = deps;
  let settled = 0;
  // Oldest attempt first; a failure moves the order to the back, so none can crowd out the rest.
  const unsettled = await db
    .select()
    .from(orders)
    .where(and(eq(orders.stockSettled, false), inArray(orders.status, ['CANCELLED', 'PAID', 'SHIPPED', 'COMPLETED'])))
    .orderBy(asc(orders.updatedAt))
    .limit(200);
  for (const order of unsettled) {
    try {
      if (order.status === 'CANCELLED') await settleCancelledStock(deps, order);
      else await commitPaidStock(deps, order);
      settled++;
    } catch (error) {
      log.warn({ err: error, orderNo: order.orderNo }, 'stock not settled yet');
      await db.update(orders).set({ updatedAt: new Date() }).where(eq(orders.id, order.id));
    }
  }

  const stale = await db.select().from(checkouts).where(and(eq(checkouts.status, 'PROCESSING'), lt(checkouts.updatedAt, new Date(now.getTime() - 120_000)))).limit(50);
  for (const checkout of stale) {
    try {
      const placed = await db.select({ id: orders.id }).from(orders).where(eq(orders.checkoutId, checkout.id));
      if (placed.length > 0) {
        await db.update(checkouts).set({ status: 'DONE' }).where(and(eq(checkouts.id, checkout.id), eq(checkouts.status, 'PROCESSING')));
        continue;
      }
      // Give the checkout up first (its owner can then no longer complete it), then its stock back.
      const [given] = await db
        .update(checkouts)
        .set({ status: 'FAILED', errorCode: 'SERVICE_UNAVAILABLE', errorMessage: 'The checkout was interrupted; place the order again.' })
        .where(and(eq(checkouts.id, checkout.id), eq(checkouts.status, 'PROCESSING')));
      if (given.affectedRows === 0) continue;
      for (const orderNo of checkout.plannedOrderNos) await send(catalog.releaseStock, { orderId: orderNo });
    } catch (error) {
      log.warn({ err: error, checkoutId: checkout.id }, 'interrupted checkout not cleaned yet');
    }
  }
  if (settled + stale.length > 0) log.info({ settled, staleCheckouts: stale.length }, 'order sweep');
  return { settled, staleCheckouts: stale.length };
}
