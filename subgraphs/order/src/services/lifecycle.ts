import { and, eq, inArray } from 'drizzle-orm';
import { catalog, events } from '@mall/contracts';
import { AppError, ErrorCode, cancelJob, scheduleJob } from '@mall/kit';
import type { OrderDeps, OrderTx } from '../context.ts';
import { afterSales, orderLines, orders, orderStatusChanges, type OrderRow, type OrderStatus } from '../db/schema.ts';

/**
 * The order's life, as data: which status may follow which. Everything that changes an
 * order's status goes through `transition`, which checks this table, updates only if the
 * status is still the expected one (so two racing changes have one winner), and writes the
 * timeline entry and the event in the same transaction.
 */
export const TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  // A paid order refunded in full before it ships is CLOSED (its stock back); a partial
  // refund leaves it PAID and shippable, with `refunded` showing what went back.
  PAID: ['SHIPPED', 'CLOSED'],
  // Once shipped, the goods have left: refunds (after-sales) show on the order, the status stays.
  SHIPPED: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
  CLOSED: [],
};

const EVENT_OF = {
  PAID: 'order.paid',
  SHIPPED: 'order.shipped',
  COMPLETED: 'order.completed',
  CANCELLED: 'order.cancelled',
  CLOSED: 'order.closed',
} as const satisfies Partial<Record<OrderStatus, string>>;

type Tx = OrderTx;

export function illegal(order: Pick<OrderRow, 'status' | 'orderNo'>, to: OrderStatus): AppError {
  return new AppError(ErrorCode.CONFLICT, `Order ${order.orderNo} is ${order.status}; it cannot become ${to}.`, {
    reason: 'ILLEGAL_TRANSITION',
    status: order.status,
  });
}

/** What every message about an order says of it (its events, `orders.paymentInfo`). */
export function orderFacts(order: OrderRow) {
  return {
    orderId: String(order.id),
    orderNo: order.orderNo,
    memberId: String(order.memberId),
    shopId: String(order.shopId),
    status: order.status,
    payable: order.payableAmount,
  };
}

/** The event payload for an order as it is now (after a change). */
export async function orderEventData(tx: Tx, order: OrderRow, reason: string | null) {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
  return {
    ...orderFacts(order),
    lines: lines.map((l) => ({ skuId: String(l.skuId), quantity: l.quantity, lineId: String(l.id), productId: String(l.productId), paid: l.unitPrice * l.quantity - l.discountAmount })),
    reason,
    placedAt: order.createdAt.toISOString(),
    // Promotion spends an owner's coupons when one of its orders is paid, and gives them back when all ended unpaid.
    couponHolds: order.couponHolds ?? [],
    points: order.points,
    activityHold: order.activityHold,
    flash: order.flash,
    groupBuy: order.groupTeamId === null ? null : { teamId: String(order.groupTeamId) },
  };
}

/**
 * Gives up to `points` of what the order spent back to its member (`order.points_returned`,
 * once per `key`), counted on the order in the caller's transaction, which holds the
 * order's row lock: what comes back never passes what was spent. Returns what came back.
 */
export async function returnPoints(tx: Tx, order: OrderRow, points: number, key: string): Promise<number> {
  const [current] = await tx.select({ points: orders.points, returned: orders.pointsReturned }).from(orders).where(eq(orders.id, order.id));
  const back = Math.min(points, current!.points - current!.returned);
  if (back <= 0) return 0;
  await tx.update(orders).set({ pointsReturned: current!.returned + back }).where(eq(orders.id, order.id));
  await events.write(tx, 'order.points_returned', { orderId: String(order.id), orderNo: order.orderNo, memberId: String(order.memberId), points: back, key });
  return back;
}

/**
 * Moves `order` from its current status to `to` inside `tx`. Throws CONFLICT when the
 * table forbids it; returns false when another change won the race (nothing written).
 */
export async function transition(
  tx: Tx,
  order: OrderRow,
  to: OrderStatus,
  change: { actor: string; note?: string | null; set?: Partial<typeof orders.$inferInsert> },
): Promise<OrderRow | null> {
  if (!TRANSITIONS[order.status].includes(to)) throw illegal(order, to);
  const [result] = await tx
    .update(orders)
    .set({ ...change.set, status: to })
    .where(and(eq(orders.id, order.id), eq(orders.status, order.status)));
  if (result.affectedRows === 0) return null;
  await tx.insert(orderStatusChanges).values({ orderId: order.id, fromStatus: order.status, toStatus: to, actor: change.actor, note: change.note ?? null });
  const [after] = await tx.select().from(orders).where(eq(orders.id, order.id));
  const type = to in EVENT_OF ? EVENT_OF[to as keyof typeof EVENT_OF] : null;
  if (type) await events.write(tx, type, await orderEventData(tx, after!, change.note ?? null));
  // A pending order's payment deadline is moot once it is paid or cancelled.
  if (order.status === 'PENDING_PAYMENT') await cancelJob(tx, 'order.expire', String(order.id));
  return after!;
}

/** Schedules the end of a pending order's payment window (in the transaction that creates it). */
export function scheduleExpiry(tx: OrderTx, order: Pick<OrderRow, 'id' | 'expiresAt'>): Promise<void> {
  return scheduleJob(tx, { name: 'order.expire', key: String(order.id), dueAt: order.expiresAt });
}

/** Schedules a shipped order's completion (in the transaction that ships it). */
export function scheduleAutoComplete(tx: OrderTx, deps: Pick<OrderDeps, 'settings'>, order: Pick<OrderRow, 'id'>, shippedAt: Date): Promise<void> {
  return scheduleJob(tx, { name: 'order.autoComplete', key: String(order.id), dueAt: new Date(shippedAt.getTime() + deps.settings.autoCompleteMs) });
}

/**
 * Marks an order's stock settled, but only while the order is still in a status that
 * settlement was for: a commit answered after the order closed must not mark the closed
 * order settled (its goods would never be restocked).
 */
export async function markSettled(deps: Pick<OrderDeps, 'db'>, order: Pick<OrderRow, 'id'>, statuses: OrderStatus[]): Promise<void> {
  await deps.db.update(orders).set({ stockSettled: true }).where(and(eq(orders.id, order.id), inArray(orders.status, statuses)));
}

/** Releases a cancelled order's stock and remembers it did; the sweep retries when catalog could not be reached. */
export async function settleCancelledStock(deps: Pick<OrderDeps, 'db' | 'send'>, order: OrderRow): Promise<void> {
  // A flash-sale order's units are the session's: promotion takes them back on order.cancelled.
  if (!order.flash) await deps.send(catalog.releaseStock, { orderId: order.orderNo });
  await markSettled(deps, order, ['CANCELLED']);
}

/** Puts a closed order's goods back on the shelf (reserved or already sold); the sweep retries what fails. */
export async function restockClosed(deps: Pick<OrderDeps, 'db' | 'send'>, order: OrderRow): Promise<void> {
  // A flash-sale order's units go back to the shelf through promotion (order.closed).
  if (!order.flash) await deps.send(catalog.restock, { orderId: order.orderNo });
  await markSettled(deps, order, ['CLOSED']);
}

/**
 * The job `order.expire`: an order still unpaid when its payment window closes is
 * cancelled (under its row lock, so a payment arriving at the same moment either wins
 * before or is refused after), and its stock goes back.
 */
export async function expireOrder(deps: OrderDeps, orderId: number, now = new Date()): Promise<void> {
  const cancelled = await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!current || current.status !== 'PENDING_PAYMENT') return null;
    if (current.expiresAt > now) {
      await scheduleExpiry(tx, current);
      return null;
    }
    return transition(tx, current, 'CANCELLED', { actor: 'system', note: '超时未支付', set: { cancelledAt: now, cancelReason: '超时未支付' } });
  });
  if (cancelled) await settleCancelledStock(deps, cancelled).catch((error: unknown) => deps.log.warn({ err: error, orderNo: cancelled.orderNo }, 'stock release deferred to the sweep'));
}

/** The job `order.autoComplete`: a shipped order completes by itself `ORDER_AUTO_COMPLETE_DAYS` after shipping. */
export async function autoComplete(deps: OrderDeps, orderId: number, now = new Date()): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!current || current.status !== 'SHIPPED' || !current.shippedAt) return;
    if (current.shippedAt.getTime() + deps.settings.autoCompleteMs > now.getTime()) {
      // The setting grew since it was scheduled: come back when it is due.
      await scheduleAutoComplete(tx, deps, current, current.shippedAt);
      return;
    }
    const done = await transition(tx, current, 'COMPLETED', { actor: 'system', note: '自动确认收货', set: { completedAt: now } });
    if (done) await scheduleSettlement(tx, deps, done);
  });
}

/** Schedules the end of a completed order's after-sale window (in the transaction that completes it). */
export function scheduleSettlement(tx: OrderTx, deps: Pick<OrderDeps, 'settings'>, order: Pick<OrderRow, 'id' | 'completedAt'>, at?: Date): Promise<void> {
  const due = at ?? new Date((order.completedAt ?? new Date()).getTime() + deps.settings.afterSaleWindowMs);
  return scheduleJob(tx, { name: 'order.settle', key: String(order.id), dueAt: due });
}

/** How long a settlement waits again for an after-sale still being decided or refunded. */
const SETTLE_RETRY_MS = 10 * 60_000;

/**
 * The job `order.settle`: once a completed order's after-sale window has closed (and no
 * after-sale of it is still waiting or refunding), it is settled for good: `order.settled`
 * says what the buyer finally paid (payable less refunded), which membership rewards with
 * points (one per whole yuan) and, later, distribution settles commissions on. Once per order.
 */
export async function settleOrder(deps: OrderDeps, orderId: number, now = new Date()): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!current || current.status !== 'COMPLETED' || !current.completedAt || current.settledAt) return;
    const due = new Date(current.completedAt.getTime() + deps.settings.afterSaleWindowMs);
    if (due > now) return scheduleSettlement(tx, deps, current, due);
    const open = await tx.select({ id: afterSales.id }).from(afterSales).where(and(eq(afterSales.orderId, orderId), inArray(afterSales.status, ['REQUESTED', 'REFUNDING'])));
    if (open.length > 0) return scheduleSettlement(tx, deps, current, new Date(now.getTime() + SETTLE_RETRY_MS));
    await tx.update(orders).set({ settledAt: now }).where(eq(orders.id, orderId));
    await events.write(tx, 'order.settled', { ...(await orderEventData(tx, current, null)), paid: Math.max(0, current.payableAmount - current.refundedAmount) });
  });
}
