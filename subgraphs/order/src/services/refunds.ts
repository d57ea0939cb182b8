import { and, eq, ne } from 'drizzle-orm';
import { events, type EventData } from '@mall/contracts';
import { AppError, ErrorCode } from '@mall/kit';
import type { OrderDeps, OrderTx } from '../context.ts';
import { afterSales, orders } from '../db/schema.ts';
import { restockClosed, returnPoints, transition } from './lifecycle.ts';

/**
 * What payment's refunds mean for an order (order's consumers of `payment.refunded` and
 * `payment.refund_failed`, each applied once, in the consumer's transaction):
 * - the order keeps what has been refunded of its payment, however it was asked for (an
 *   after-sale, the merchant, an admin), so an after-sale is never asked for more than
 *   is left, and the order shows PARTIAL or FULL;
 * - a paid order refunded in full before it ships is CLOSED: it cannot be shipped, and its
 *   goods go back on the shelf;
 * - the after-sale a refund was made for becomes REFUNDED, or FAILED with the reason;
 * - every refund is announced with the lines it took back (`order.refunded`).
 */
export async function onPaymentRefunded(deps: OrderDeps, tx: OrderTx, refund: EventData<'payment.refunded'>): Promise<(() => Promise<void>) | undefined> {
  if (!refund.orderId) return undefined;
  // Refunds of payments the order refused (too late, a second payment, another amount) were
  // never the order's money.
  if (refund.source === 'ORDER_CANCELLED' || refund.source === 'DUPLICATE_PAYMENT' || refund.source === 'AMOUNT_MISMATCH') return undefined;
  const [order] = await tx.select().from(orders).where(eq(orders.id, Number(refund.orderId))).for('update');
  if (!order) return undefined;
  // The two events travel through different consumers: a refund may come before the payment
  // it refunds has reached the order. Until the order has taken or refused that payment, the
  // refund waits (thrown: it comes again after a back-off), so it is never lost.
  if (order.status === 'PENDING_PAYMENT') {
    throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, `Order ${order.orderNo} has not taken payment ${refund.paymentNo} yet; the refund waits for it.`, { reason: 'PAYMENT_NOT_TAKEN_YET' });
  }
  // A refund of a payment the order never took (one it refused) is payment's own business.
  if (order.paymentRef !== refund.paymentNo) return undefined;
  if (refund.afterSaleId) {
    const [done] = await tx
      .update(afterSales)
      .set({ status: 'REFUNDED', refundNo: refund.refundNo, refundedAt: new Date(), failureReason: null })
      .where(and(eq(afterSales.id, Number(refund.afterSaleId)), eq(afterSales.orderId, order.id), ne(afterSales.status, 'REFUNDED')));
    // Refunded units give back the points they took, once the money is back.
    const [afterSale] = done.affectedRows === 1 ? await tx.select().from(afterSales).where(eq(afterSales.id, Number(refund.afterSaleId))) : [];
    if (afterSale && afterSale.points > 0) await returnPoints(tx, order, afterSale.points, `after-sale:${afterSale.id}`);
  }
  // What it took back of which lines (distribution takes the lines' commission back by it):
  // an after-sale's lines, or none named (an amount).
  const [asked] = refund.afterSaleId ? await tx.select({ lines: afterSales.lines }).from(afterSales).where(eq(afterSales.id, Number(refund.afterSaleId))) : [];
  await events.write(tx, 'order.refunded', {
    orderId: String(order.id),
    orderNo: order.orderNo,
    memberId: String(order.memberId),
    shopId: String(order.shopId),
    refundNo: refund.refundNo,
    amount: refund.amount,
    lines: (asked?.lines ?? []).map((l) => ({ lineId: String(l.orderLineId), amount: l.amount })),
  });
  // Refunds may be reported out of order: the running total only grows.
  const refunded = Math.max(order.refundedAmount, refund.refundedTotal);
  if (refunded !== order.refundedAmount) await tx.update(orders).set({ refundedAmount: refunded }).where(eq(orders.id, order.id));
  if (order.status !== 'PAID' || refunded < order.payableAmount) return undefined;
  const closed = await transition(tx, order, 'CLOSED', { actor: 'payment', note: '已全额退款', set: { closedAt: new Date(), refundedAmount: refunded, stockSettled: false } });
  if (!closed) return undefined;
  // Refunded in full: every point it spent comes back (less what refunds of lines gave).
  if (closed.points > 0) await returnPoints(tx, closed, closed.points, `order-closed:${closed.orderNo}`);
  return async () => {
    await restockClosed(deps, closed).catch((error: unknown) => deps.log.warn({ err: error, orderNo: closed.orderNo }, 'restock deferred to the sweep'));
  };
}

/**
 * A refund that could not be made: its after-sale shows FAILED, and why. A failed group-buy
 * order's refund that failed for good is a person's to settle (the order stays PAID, unshippable).
 */
export async function onRefundFailed(deps: Pick<OrderDeps, 'attention'>, tx: OrderTx, failure: EventData<'payment.refund_failed'>): Promise<void> {
  if (failure.source === 'GROUP_BUY_FAILED') {
    deps.attention('group_buy_refund_failed', { orderId: failure.orderId, paymentNo: failure.paymentNo, reason: failure.reason }, 'a failed group-buy order could not be refunded');
  }
  if (!failure.afterSaleId || !failure.orderId) return;
  await tx
    .update(afterSales)
    .set({ status: 'FAILED', failureReason: failure.reason.slice(0, 200) })
    .where(and(eq(afterSales.id, Number(failure.afterSaleId)), eq(afterSales.orderId, Number(failure.orderId)), eq(afterSales.status, 'REFUNDING')));
}
