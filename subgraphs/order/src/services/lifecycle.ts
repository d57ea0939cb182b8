import { and, eq } from 'drizzle-orm';
import type { EventType } from '@mall/contracts';
import { AppError, ErrorCode, writeEvent } from '@mall/kit';
import type { OrderTx } from '../context.ts';
import { orderLines, orders, orderStatusChanges, type OrderRow, type OrderStatus } from '../db/schema.ts';

/**
 * The order's life, as data: which status may follow which. Everything that changes an
 * order's status goes through `transition`, which checks this table, updates only if the
 * status is still the expected one (so two racing changes have one winner), and writes the
 * timeline entry and the event in the same transaction.
 */
export const TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED'],
  SHIPPED: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
};

const EVENT_OF: Partial<Record<OrderStatus, EventType>> = {
  PAID: 'order.paid',
  SHIPPED: 'order.shipped',
  COMPLETED: 'order.completed',
  CANCELLED: 'order.cancelled',
};

type Tx = OrderTx;

export function illegal(order: Pick<OrderRow, 'status' | 'orderNo'>, to: OrderStatus): AppError {
  return new AppError(ErrorCode.CONFLICT, `Order ${order.orderNo} is ${order.status}; it cannot become ${to}.`, {
    reason: 'ILLEGAL_TRANSITION',
    status: order.status,
  });
}

/** The event payload for an order as it is now (after a change). */
export async function orderEventData(tx: Tx, order: OrderRow, reason: string | null) {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
  return {
    orderId: String(order.id),
    orderNo: order.orderNo,
    memberId: String(order.memberId),
    shopId: String(order.shopId),
    status: order.status,
    payable: order.payableAmount,
    lines: lines.map((l) => ({ skuId: String(l.skuId), quantity: l.quantity })),
    reason,
  };
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
  const type = EVENT_OF[to];
  if (type) await writeEvent(tx, 'order', type, await orderEventData(tx, after!, change.note ?? null));
  return after!;
}
