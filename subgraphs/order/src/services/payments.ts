import { eq } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import { AppError, ErrorCode, conflict, notFound, type CommandSender, type Logger } from '@mall/kit';
import type { OrderDb } from '../context.ts';
import { orders, type OrderRow } from '../db/schema.ts';
import { transition } from './lifecycle.ts';

/**
 * A settled payment reaches the order. Under the order's row lock: pending → PAID (even
 * past its expiry time, if the sweeper has not cancelled it yet: payment and expiry have
 * one winner); already paid by the same payment → replay; cancelled → CONFLICT with reason
 * ORDER_CANCELLED, so the payment side refunds. The stock is then committed into sales.
 */
export async function markPaid(
  db: OrderDb,
  send: CommandSender,
  log: Logger,
  input: { orderId: number; paymentRef: string; amount: number },
): Promise<{ order: OrderRow; replayed: boolean }> {
  const outcome = await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for('update');
    if (!order) throw notFound('Order', input.orderId);
    if (order.status === 'CANCELLED') {
      throw new AppError(ErrorCode.CONFLICT, `Order ${order.orderNo} was cancelled before the payment arrived.`, { reason: 'ORDER_CANCELLED' });
    }
    if (order.status !== 'PENDING_PAYMENT') {
      if (order.paymentRef === input.paymentRef) return { order, replayed: true };
      throw conflict(`Order ${order.orderNo} was already paid by another payment.`);
    }
    if (input.amount !== order.payableAmount) {
      throw new AppError(ErrorCode.CONFLICT, `Order ${order.orderNo} costs ${order.payableAmount}, not ${input.amount}.`, { reason: 'AMOUNT_MISMATCH' });
    }
    const paid = await transition(tx, order, 'PAID', { actor: 'payment', note: input.paymentRef, set: { paidAt: new Date(), paymentRef: input.paymentRef } });
    return { order: paid!, replayed: false };
  });
  if (!outcome.replayed || !outcome.order.stockSettled) {
    await commitPaidStock(db, send, outcome.order).catch((error: unknown) => log.warn({ err: error }, 'stock commit deferred to the sweeper'));
  }
  return outcome;
}

export async function commitPaidStock(db: OrderDb, send: CommandSender, order: OrderRow): Promise<void> {
  await send(catalog.commitStock, { orderId: order.orderNo });
  await db.update(orders).set({ stockSettled: true }).where(eq(orders.id, order.id));
}
