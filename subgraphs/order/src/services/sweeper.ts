import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { OrderDeps } from '../context.ts';
import { orders } from '../db/schema.ts';
import { sweepCheckouts } from './checkout.ts';
import { expireOrder, restockClosed, settleCancelledStock } from './lifecycle.ts';
import { commitPaidStock } from './payments.ts';

/**
 * The job `order.sweep` (every `ORDER_SWEEP_INTERVAL_MS`, once across replicas), for what a
 * lost message or a crash can leave behind; deadlines are jobs of their own (`order.expire`,
 * `order.autoComplete`). Driven by the database alone, so it survives any restart:
 * - stock that catalog could not be told about (cancelled, paid or closed orders) is settled;
 * - orders still pending well past their expiry (a lost deadline job) are cancelled;
 * - checkouts whose owner died (their lease ran out) are recovered: their orders found, or
 *   their stock given back and their key freed; refused ones get their stock released.
 * Returns what it did, for tests and logs.
 */
export async function sweep(deps: OrderDeps, now = new Date()) {
  const { db, log } = deps;
  let settled = 0;
  // Oldest attempt first; a failure moves the order to the back, so none can crowd out the rest.
  const unsettled = await db
    .select()
    .from(orders)
    .where(and(eq(orders.stockSettled, false), inArray(orders.status, ['CANCELLED', 'PAID', 'SHIPPED', 'COMPLETED', 'CLOSED'])))
    .orderBy(asc(orders.updatedAt))
    .limit(200);
  for (const order of unsettled) {
    try {
      if (order.status === 'CANCELLED') await settleCancelledStock(deps, order);
      else if (order.status === 'CLOSED') await restockClosed(deps, order);
      else await commitPaidStock(deps, order);
      settled++;
    } catch (error) {
      log.warn({ err: error, orderNo: order.orderNo }, 'stock not settled yet');
      await db.update(orders).set({ updatedAt: new Date() }).where(eq(orders.id, order.id));
    }
  }

  const checkoutsSettled = await sweepCheckouts(deps, now);

  // A safety net under the deadline jobs: an order still pending a minute after its expiry
  // (placed by a replica from before the jobs, or whose job was lost) is expired here.
  const overdue = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'PENDING_PAYMENT'), lt(orders.expiresAt, new Date(now.getTime() - 60_000))))
    .orderBy(asc(orders.expiresAt))
    .limit(100);
  for (const order of overdue) {
    await expireOrder(deps, order.id, now).catch((error: unknown) => log.warn({ err: error, orderId: order.id }, 'overdue order not expired yet'));
  }
  if (settled + checkoutsSettled + overdue.length > 0) log.info({ settled, checkouts: checkoutsSettled, overdue: overdue.length }, 'order sweep');
  return { settled, checkouts: checkoutsSettled, overdue: overdue.length };
}
