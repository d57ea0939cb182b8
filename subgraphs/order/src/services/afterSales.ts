import { and, eq } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { AppError, ErrorCode, badInput, conflict, intInRange, notFound, requireRole, text, tryParseId } from '@mall/kit';
import type { OrderContext } from '../context.ts';
import { afterSales, orders, type AfterSaleRow } from '../db/schema.ts';
import { canSee, visibleOrder } from './orders.ts';

/**
 * After-sale: the buyer asks for a refund (only, or with the goods returned) on a paid,
 * shipped, or completed order — completed ones within `ORDER_AFTER_SALE_DAYS`. One request
 * at a time per order, for at most what can still be refunded. The shop's merchant (or an
 * admin) approves or rejects; approval (REFUNDING) publishes `order.after_sale_approved`,
 * which payment turns into a refund, and payment's answer makes it REFUNDED or FAILED
 * (services/refunds.ts).
 */
export async function requestAfterSale(
  ctx: OrderContext,
  input: { orderId: string; type: 'REFUND_ONLY' | 'RETURN_AND_REFUND'; amount?: number | null; reason: string },
): Promise<AfterSaleRow> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const order = await visibleOrder(ctx, input.orderId);
  const reason = text(input.reason, 'reason', 2, 200);
  const id = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    if (!current || !['PAID', 'SHIPPED', 'COMPLETED'].includes(current.status)) {
      throw new AppError(ErrorCode.CONFLICT, `Order ${order.orderNo} is ${current?.status}: after-sale starts once it is paid.`, { reason: 'ILLEGAL_TRANSITION' });
    }
    if (current.status === 'COMPLETED' && current.completedAt && Date.now() - current.completedAt.getTime() > ctx.settings.afterSaleWindowMs) {
      throw new AppError(ErrorCode.CONFLICT, 'The after-sale window of this order has closed.', { reason: 'AFTER_SALE_WINDOW_CLOSED' });
    }
    const previous = await tx.select().from(afterSales).where(eq(afterSales.orderId, order.id));
    if (previous.some((a) => a.status === 'REQUESTED')) throw conflict('This order already has an after-sale request waiting for the merchant.');
    // What can still be refunded: what was paid, less what has been refunded by any means
    // (after-sales, the merchant, an admin), less after-sales whose refunds are on their way.
    const refunding = previous.filter((a) => a.status === 'REFUNDING').reduce((sum, a) => sum + a.amount, 0);
    const refundable = current.payableAmount - current.refundedAmount - refunding;
    if (refundable <= 0) {
      throw new AppError(ErrorCode.CONFLICT, refunding > 0 ? 'The rest of this order is being refunded already.' : 'This order has been refunded in full.', { reason: 'NOTHING_REFUNDABLE' });
    }
    const amount = input.amount == null ? refundable : intInRange(input.amount, 'amount', 1, refundable);
    const [created] = await tx
      .insert(afterSales)
      .values({ orderId: order.id, memberId: Number(caller.userId), shopId: current.shopId, type: input.type, amount, reason })
      .$returningId();
    return created!.id;
  });
  const [row] = await ctx.db.select().from(afterSales).where(eq(afterSales.id, id));
  return row!;
}

/** The shop's merchant (or an admin) approves or rejects a waiting request. */
export async function decideAfterSale(ctx: OrderContext, id: string, approve: boolean, note?: string | null): Promise<AfterSaleRow> {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const parsed = tryParseId(id);
  const [found] = parsed === null ? [] : await ctx.db.select().from(afterSales).where(eq(afterSales.id, parsed));
  const [order] = found ? await ctx.db.select().from(orders).where(eq(orders.id, found.orderId)) : [];
  if (!found || !order || !canSee(ctx.identity, order)) throw notFound('After-sale', id);
  const merchantNote = note == null ? null : text(note, 'note', 1, 200);
  if (!approve && merchantNote === null) throw badInput('Say why the request is rejected.', 'note');
  await ctx.db.transaction(async (tx) => {
    const [result] = await tx
      .update(afterSales)
      .set({ status: approve ? 'REFUNDING' : 'REJECTED', merchantNote, decidedAt: new Date() })
      .where(and(eq(afterSales.id, found.id), eq(afterSales.status, 'REQUESTED')));
    if (result.affectedRows === 0) throw conflict('This after-sale request was already decided.');
    if (approve) {
      await events.write(tx, 'order.after_sale_approved', {
        afterSaleId: String(found.id),
        orderId: String(order.id),
        orderNo: order.orderNo,
        memberId: String(order.memberId),
        shopId: String(order.shopId),
        type: found.type,
        amount: found.amount,
        paymentRef: order.paymentRef,
      });
    }
  });
  const [row] = await ctx.db.select().from(afterSales).where(eq(afterSales.id, found.id));
  return row!;
}
