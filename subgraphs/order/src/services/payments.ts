import { asc, eq, inArray } from 'drizzle-orm';
import { catalog, type EventData } from '@mall/contracts';
import { AppError, ErrorCode, notFound, writeEvent, type CommandSender, type Logger } from '@mall/kit';
import type { OrderDb, OrderTx } from '../context.ts';
import { orderLines, orders, type OrderRow } from '../db/schema.ts';
import { transition } from './lifecycle.ts';

type Tx = OrderTx;

export type RefusalReason = 'ORDER_CANCELLED' | 'ALREADY_PAID' | 'AMOUNT_MISMATCH';

/** What the order made of a payment: taken (now PAID, or taken before), or refused and why. */
export type PaymentVerdict =
  | { accepted: true; order: OrderRow; replayed: boolean }
  | { accepted: false; order: OrderRow; reason: RefusalReason };

/**
 * A settled payment reaches the order, inside `tx` and under the order's row lock:
 * pending → PAID (even past its expiry time, if the sweeper has not cancelled it yet:
 * payment and expiry have one winner); already paid by this payment → replay; cancelled,
 * paid by another payment, or a different amount → refused, and payment gives the money back.
 */
export async function acceptPayment(tx: Tx, input: { orderId: number; paymentRef: string; amount: number }): Promise<PaymentVerdict> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) throw notFound('Order', input.orderId);
  if (order.paymentRef === input.paymentRef) return { accepted: true, order, replayed: true };
  if (order.status === 'CANCELLED') return { accepted: false, order, reason: 'ORDER_CANCELLED' };
  if (order.status !== 'PENDING_PAYMENT') return { accepted: false, order, reason: 'ALREADY_PAID' };
  if (input.amount !== order.payableAmount) return { accepted: false, order, reason: 'AMOUNT_MISMATCH' };
  const paid = await transition(tx, order, 'PAID', { actor: 'payment', note: input.paymentRef, set: { paidAt: new Date(), paymentRef: input.paymentRef } });
  return { accepted: true, order: paid!, replayed: false };
}

const refusalMessages: Record<RefusalReason, string> = {
  ORDER_CANCELLED: 'was cancelled before the payment arrived',
  ALREADY_PAID: 'was already paid by another payment',
  AMOUNT_MISMATCH: 'costs a different amount',
};

/**
 * The `orders.markPaid` command: a payment settled directly (tests and tools). A refusal
 * is a CONFLICT whose reason says why.
 */
export async function markPaid(
  db: OrderDb,
  send: CommandSender,
  log: Logger,
  input: { orderId: number; paymentRef: string; amount: number },
): Promise<{ order: OrderRow; replayed: boolean }> {
  const verdict = await db.transaction((tx) => acceptPayment(tx, input));
  if (!verdict.accepted) {
    throw new AppError(ErrorCode.CONFLICT, `Order ${verdict.order.orderNo} ${refusalMessages[verdict.reason]}.`, { reason: verdict.reason });
  }
  await settleStockOfPaid(db, send, log, verdict);
  return verdict;
}

/** Once paid, the reserved stock is committed into sales (the sweeper retries what fails here). */
async function settleStockOfPaid(db: OrderDb, send: CommandSender, log: Logger, verdict: { order: OrderRow; replayed: boolean }): Promise<void> {
  if (verdict.replayed && verdict.order.stockSettled) return;
  await commitPaidStock(db, send, verdict.order).catch((error: unknown) => log.warn({ err: error }, 'stock commit deferred to the sweeper'));
}

/**
 * Order's durable consumer of `payment.succeeded`: the payment is taken (order PAID, in the
 * same transaction as the record that this event was applied) or refused with an
 * `order.payment_refused` event, which payment answers with a refund.
 */
export function paymentSucceededHandler(db: OrderDb, send: CommandSender, log: Logger, nudge: () => void) {
  return async (tx: Tx, data: EventData<'payment.succeeded'>): Promise<(() => Promise<void>) | undefined> => {
    if (data.purpose !== 'ORDER' || !data.orderId) return undefined;
    const verdict = await acceptPayment(tx, { orderId: Number(data.orderId), paymentRef: data.paymentNo, amount: data.amount });
    if (!verdict.accepted) {
      log.warn({ orderNo: verdict.order.orderNo, paymentNo: data.paymentNo, reason: verdict.reason }, 'payment refused; payment refunds it');
      await writeEvent(tx, 'order', 'order.payment_refused', {
        orderId: String(verdict.order.id),
        orderNo: verdict.order.orderNo,
        paymentId: data.paymentId,
        paymentNo: data.paymentNo,
        reason: verdict.reason,
      } satisfies EventData<'order.payment_refused'>);
      return async () => nudge();
    }
    return async () => {
      nudge();
      await settleStockOfPaid(db, send, log, verdict);
    };
  };
}

export async function commitPaidStock(db: OrderDb, send: CommandSender, order: OrderRow): Promise<void> {
  await send(catalog.commitStock, { orderId: order.orderNo });
  await db.update(orders).set({ stockSettled: true }).where(eq(orders.id, order.id));
}

/** The `orders.paymentInfo` command: what payment needs to know about an order it takes money for. */
export async function paymentInfoOf(db: OrderDb, orderId: number) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound('Order', orderId);
  const lines = await db.select({ title: orderLines.title, quantity: orderLines.quantity }).from(orderLines).where(inArray(orderLines.orderId, [order.id])).orderBy(asc(orderLines.id));
  const units = lines.reduce((sum, l) => sum + l.quantity, 0);
  const first = lines[0]?.title ?? order.orderNo;
  const description = (units > 1 ? `${first.slice(0, 100)} 等${units}件` : first).slice(0, 127);
  return {
    orderId: String(order.id),
    orderNo: order.orderNo,
    memberId: String(order.memberId),
    shopId: String(order.shopId),
    status: order.status,
    payable: order.payableAmount,
    expiresAt: order.expiresAt.toISOString(),
    description,
  };
}
