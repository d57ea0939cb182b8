import { and, asc, eq, inArray, lt, lte } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import type { CommandSender, Logger, OutboxRelay } from '@mall/kit';
import type { OrderConfig } from '../config.ts';
import type { OrderDb } from '../context.ts';
import { checkouts, orders } from '../db/schema.ts';
import { transition } from './lifecycle.ts';
import { settleCancelledStock } from './orders.ts';
import { commitPaidStock } from './payments.ts';

/**
 * The order's timed work, driven by the database alone so it survives any restart and
 * runs safely on every replica at once (each change is a conditional update):
 * - unpaid orders past their expiry are cancelled and their stock released;
 * - stock that catalog could not be told about (cancelled or paid orders) is settled;
 * - checkouts that never finished (a crash mid-way) give their reserved stock back;
 * - shipped orders past the auto-complete time complete.
 * Returns what it did, for tests and logs.
 */
export async function sweep(deps: { db: OrderDb; send: CommandSender; relay: OutboxRelay; log: Logger; config: OrderConfig }, now = new Date()) {
  const { db, send, log } = deps;
  let expired = 0;
  const due = await db.select().from(orders).where(and(eq(orders.status, 'PENDING_PAYMENT'), lte(orders.expiresAt, now))).orderBy(asc(orders.expiresAt)).limit(200);
  for (const order of due) {
    const cancelled = await db.transaction(async (tx) => {
      const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
      // Paid (or cancelled) since it was read: nothing to do.
      if (!current || current.status !== 'PENDING_PAYMENT') return null;
      return transition(tx, current, 'CANCELLED', { actor: 'system', note: '超时未支付', set: { cancelledAt: now, cancelReason: '超时未支付' } });
    });
    if (cancelled) expired++;
  }

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
      if (order.status === 'CANCELLED') await settleCancelledStock(db, send, order);
      else await commitPaidStock(db, send, order);
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

  let completed = 0;
  const delivered = await db.select().from(orders).where(and(eq(orders.status, 'SHIPPED'), lte(orders.shippedAt, new Date(now.getTime() - deps.config.autoCompleteMs)))).limit(200);
  for (const order of delivered) {
    const done = await db.transaction(async (tx) => {
      const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
      if (!current || current.status !== 'SHIPPED') return null;
      return transition(tx, current, 'COMPLETED', { actor: 'system', note: '自动确认收货', set: { completedAt: now } });
    });
    if (done) completed++;
  }
  if (expired + completed > 0) deps.relay.nudge();
  if (expired + settled + completed + stale.length > 0) log.info({ expired, settled, completed, staleCheckouts: stale.length }, 'order sweep');
  return { expired, settled, completed, staleCheckouts: stale.length };
}
