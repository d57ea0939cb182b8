import { asc, eq, inArray } from 'drizzle-orm';
import { catalog, events, type EventData } from '@mall/contracts';
import { notFound } from '@mall/kit';
import type { OrderDeps, OrderTx } from '../context.ts';
import { orderLines, orders, type OrderRow } from '../db/schema.ts';
import { markSettled, orderFacts, transition } from './lifecycle.ts';

export type RefusalReason = 'ORDER_CANCELLED' | 'ALREADY_PAID' | 'AMOUNT_MISMATCH';

/** What the order made of a payment: taken (now PAID, or taken before), or refused and why. */
export type PaymentVerdict =
  | { accepted: true; order: OrderRow; replayed: boolean }
  | { accepted: false; order: OrderRow; reason: RefusalReason };

/**
 * A settled payment reaches the order, inside `tx` and under the order's row lock:
 * pending → PAID (even past its expiry time, if the expiry has not cancelled it yet:
 * payment and expiry have one winner); already paid by this payment → replay; cancelled,
 * paid by another payment, or a different amount → refused, and payment gives the money back.
 */
export async function acceptPayment(tx: OrderTx, input: { orderId: number; paymentRef: string; amount: number }): Promise<PaymentVerdict> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
  if (!order) throw notFound('Order', input.orderId);
  if (order.paymentRef === input.paymentRef) return { accepted: true, order, replayed: true };
  if (order.status === 'CANCELLED') return { accepted: false, order, reason: 'ORDER_CANCELLED' };
  if (order.status !== 'PENDING_PAYMENT') return { accepted: false, order, reason: 'ALREADY_PAID' };
  if (input.amount !== order.payableAmount) return { accepted: false, order, reason: 'AMOUNT_MISMATCH' };
  const paid = await transition(tx, order, 'PAID', { actor: 'payment', note: input.paymentRef, set: { paidAt: new Date(), paymentRef: input.paymentRef } });
  return { accepted: true, order: paid!, replayed: false };
}

/**
 * Order's durable consumer of `payment.succeeded`: the payment is taken (order PAID, in the
 * same transaction as the record that this event was applied) or refused with an
 * `order.payment_refused` event, which payment answers with a refund.
 */
export async function onPaymentSucceeded(deps: OrderDeps, tx: OrderTx, payment: EventData<'payment.succeeded'>): Promise<(() => Promise<void>) | undefined> {
  if (payment.purpose !== 'ORDER' || !payment.orderId) return undefined;
  const verdict = await acceptPayment(tx, { orderId: Number(payment.orderId), paymentRef: payment.paymentNo, amount: payment.amount });
  if (!verdict.accepted) {
    deps.log.warn({ orderNo: verdict.order.orderNo, paymentNo: payment.paymentNo, reason: verdict.reason }, 'payment refused; payment refunds it');
    await events.write(tx, 'order.payment_refused', {
      orderId: String(verdict.order.id),
      orderNo: verdict.order.orderNo,
      paymentId: payment.paymentId,
      paymentNo: payment.paymentNo,
      reason: verdict.reason,
    });
    return undefined;
  }
  if (verdict.replayed && verdict.order.stockSettled) return undefined;
  // Once paid, the reserved stock is committed into sales (the sweep retries what fails here).
  return async () => {
    await commitPaidStock(deps, verdict.order).catch((error: unknown) => deps.log.warn({ err: error }, 'stock commit deferred to the sweep'));
  };
}

export async function commitPaidStock(deps: Pick<OrderDeps, 'db' | 'send'>, order: OrderRow): Promise<void> {
  // A flash-sale order's units are counted sold by promotion (order.paid).
  if (!order.flash) await deps.send(catalog.commitStock, { orderId: order.orderNo });
  await markSettled(deps, order, ['PAID', 'SHIPPED', 'COMPLETED']);
}

/** The `orders.paymentInfo` command: what payment needs to know about an order it takes money for. */
export async function paymentInfoOf(deps: Pick<OrderDeps, 'db'>, orderId: number) {
  const { db } = deps;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound('Order', orderId);
  const lines = await db.select({ title: orderLines.title, quantity: orderLines.quantity }).from(orderLines).where(inArray(orderLines.orderId, [order.id])).orderBy(asc(orderLines.id));
  const units = lines.reduce((sum, l) => sum + l.quantity, 0);
  const first = lines[0]?.title ?? order.orderNo;
  const description = (units > 1 ? `${first.slice(0, 100)} 等${units}件` : first).slice(0, 127);
  return {
    ...orderFacts(order),
    expiresAt: order.expiresAt.toISOString(),
    description,
  };
}
