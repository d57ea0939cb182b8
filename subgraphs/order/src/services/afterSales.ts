import { and, eq } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { AppError, ErrorCode, badInput, conflict, intInRange, notFound, requireRole, text, tryParseId } from '@mall/kit';
import type { OrderContext, OrderTx } from '../context.ts';
import { afterSales, orderLines, orders, type AfterSaleLine, type AfterSaleRow } from '../db/schema.ts';
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
  input: { orderId: string; type: 'REFUND_ONLY' | 'RETURN_AND_REFUND'; amount?: number | null; lines?: ReadonlyArray<{ orderLineId: string; quantity: number }> | null; reason: string },
): Promise<AfterSaleRow> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const order = await visibleOrder(ctx, input.orderId);
  const reason = text(input.reason, 'reason', 2, 200);
  if (input.lines != null && input.amount != null) throw badInput('Name lines or an amount, not both.', 'amount');
  const asked = input.lines == null ? null : askedLines(input.lines);
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
    let amount: number;
    let lines: AfterSaleLine[] | null = null;
    if (asked) {
      lines = await lineRefunds(tx, order.id, previous, asked);
      amount = lines.reduce((sum, l) => sum + l.amount, 0);
      if (amount === 0) throw new AppError(ErrorCode.CONFLICT, 'These units cost nothing after their discounts: there is no money to refund.', { reason: 'NOTHING_REFUNDABLE' });
      if (amount > refundable) throw new AppError(ErrorCode.CONFLICT, `These units cost ${amount} cents, but only ${refundable} can still be refunded.`, { reason: 'NOTHING_REFUNDABLE', refundable });
    } else {
      amount = input.amount == null ? refundable : intInRange(input.amount, 'amount', 1, refundable);
    }
    // Units give back the points they took; an amount gives back the points not yet given
    // back (or on their way) in proportion to what it refunds of what is left, so refunding
    // all that is left gives back all of them.
    const refundingPoints = previous.filter((a) => a.status === 'REFUNDING').reduce((sum, a) => sum + a.points, 0);
    const unclaimed = Math.max(0, current.points - current.pointsReturned - refundingPoints);
    // Whatever the request names, refunding all that is left gives back every point left.
    const points = amount === refundable ? unclaimed : lines ? Math.min(unclaimed, lines.reduce((sum, l) => sum + l.points, 0)) : Math.floor((unclaimed * amount) / refundable);
    const [created] = await tx
      .insert(afterSales)
      .values({ orderId: order.id, memberId: Number(caller.userId), shopId: current.shopId, type: input.type, amount, lines, points, reason })
      .$returningId();
    return created!.id;
  });
  const [row] = await ctx.db.select().from(afterSales).where(eq(afterSales.id, id));
  return row!;
}

/** The units asked for, by line: each line once (its quantities added), 1–100 lines. */
function askedLines(lines: ReadonlyArray<{ orderLineId: string; quantity: number }>): Map<number, number> {
  if (lines.length < 1 || lines.length > 100) throw badInput('Name 1–100 lines.', 'lines');
  const asked = new Map<number, number>();
  for (const [i, line] of lines.entries()) {
    const id = tryParseId(line.orderLineId);
    if (id === null) throw badInput('orderLineId is not a line id.', `lines[${i}].orderLineId`);
    asked.set(id, (asked.get(id) ?? 0) + intInRange(line.quantity, `lines[${i}].quantity`, 1, 9999));
  }
  return asked;
}

/**
 * What refunding `asked` units of an order's lines takes back, line by line: of a line of Q
 * units that cost P after every discount and took N points, the first k units refunded
 * take back ⌊P·k/Q⌋ cents and ⌊N·k/Q⌋ points (less what live after-sales of it take), so
 * units refunded one after-sale at a time add up to exactly P and N once all are back. Units still asked for, being refunded or
 * refunded count as gone; NOT_FOUND for a line not of the order, CONFLICT
 * `NOTHING_REFUNDABLE` for more units than are left.
 */
async function lineRefunds(tx: OrderTx, orderId: number, previous: AfterSaleRow[], asked: Map<number, number>): Promise<AfterSaleLine[]> {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  // What live after-sales (not rejected, not failed) already take of each line.
  const gone = new Map<number, { units: number; amount: number; points: number }>();
  for (const a of previous) {
    if (a.status === 'REJECTED' || a.status === 'FAILED') continue;
    for (const l of a.lines ?? []) {
      const sum = gone.get(l.orderLineId) ?? { units: 0, amount: 0, points: 0 };
      gone.set(l.orderLineId, { units: sum.units + l.quantity, amount: sum.amount + l.amount, points: sum.points + l.points });
    }
  }
  return [...asked.entries()].map(([lineId, quantity]) => {
    const line = lines.find((l) => l.id === lineId);
    if (!line) throw notFound('Order line', String(lineId));
    const taken = gone.get(lineId) ?? { units: 0, amount: 0, points: 0 };
    const before = taken.units;
    if (before + quantity > line.quantity) {
      throw new AppError(ErrorCode.CONFLICT, `Only ${line.quantity - before} unit(s) of this line are left to refund.`, { reason: 'NOTHING_REFUNDABLE', orderLineId: String(lineId) });
    }
    const cost = line.unitPrice * line.quantity - line.discountAmount;
    const upTo = (k: number, total: number) => Math.floor((total * k) / line.quantity);
    // Up to these units, less what live after-sales take: after a failed one the shares
    // still add up to the line's cost and points, never more.
    return {
      orderLineId: lineId,
      quantity,
      amount: Math.max(0, upTo(before + quantity, cost) - taken.amount),
      points: Math.max(0, upTo(before + quantity, line.points) - taken.points),
    };
  });
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
    // Under the order's row lock, as refunds are applied: what is approved is still there to refund.
    const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    if (approve) {
      const others = await tx.select().from(afterSales).where(and(eq(afterSales.orderId, order.id), eq(afterSales.status, 'REFUNDING')));
      const left = current!.payableAmount - current!.refundedAmount - others.reduce((sum, a) => sum + a.amount, 0);
      if (current!.status === 'CLOSED' || found.amount > left) {
        throw new AppError(ErrorCode.CONFLICT, `Only ${Math.max(0, left)} cents of this order can still be refunded; reject this request.`, { reason: 'NOTHING_REFUNDABLE', refundable: Math.max(0, left) });
      }
    }
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
