import { eq } from 'drizzle-orm';
import { events, type EventData } from '@mall/contracts';
import { AppError, ErrorCode, parseId } from '@mall/kit';
import type { OrderContext, OrderDeps, OrderTx } from '../context.ts';
import { orders, type OrderRow } from '../db/schema.ts';
import { placeOrder } from './checkout.ts';
import { settleCancelledStock, transition } from './lifecycle.ts';

/** What `openGroupBuy` and `joinGroupBuy` take besides the team: one SKU, its units, and the checkout's usual choices. */
export interface GroupBuyOrderInput {
  skuId: string;
  quantity: number;
  idempotencyKey: string;
  addressId?: string | null;
  remark?: string | null;
  couponIds?: readonly string[] | null;
  points?: number | null;
}

/**
 * `openGroupBuy` / `joinGroupBuy` (MEMBER): a checkout of one line at the group price
 * (the opener's price when opening), with a seat in the team taken before anything is
 * charged. The order ships only once its team succeeds. Idempotent by key like `placeOrder`.
 */
export async function placeGroupBuyOrder(ctx: OrderContext, teamId: string | null, input: GroupBuyOrderInput): Promise<OrderRow> {
  const team = teamId === null ? null : String(parseId(teamId, 'GroupBuyTeam'));
  const [order] = await placeOrder(ctx, {
    idempotencyKey: input.idempotencyKey,
    addressId: input.addressId ?? null,
    remark: input.remark ?? null,
    lines: [{ skuId: input.skuId, quantity: input.quantity }],
    couponIds: input.couponIds ?? null,
    points: input.points ?? null,
    groupBuy: { teamId: team },
  });
  return order!;
}

/** Why an order of a team may not ship yet (null: it may). */
export function groupBuyHold(order: Pick<OrderRow, 'groupState'>): AppError | null {
  if (order.groupState === 'FORMING') return new AppError(ErrorCode.CONFLICT, 'This order’s group-buy team has not filled yet: it ships once the team succeeds.', { reason: 'GROUP_BUY_FORMING' });
  if (order.groupState === 'FAILED') return new AppError(ErrorCode.CONFLICT, 'This order’s group-buy team failed: it is being refunded.', { reason: 'GROUP_BUY_FAILED' });
  return null;
}

const FAILED_NOTE = '拼团未成功';

/**
 * groupbuy.team.succeeded / groupbuy.team.failed (promotion's outcome of a team): the kept
 * seats' orders may ship (`order.group_buy_succeeded`, for live pages); every other order of the team ends: cancelled when unpaid (its
 * stock back), refunded in full through payment when paid (`order.group_buy_refund`; the
 * refund then closes it, its stock, points and coupons back). Under each order's row lock,
 * in the consumer's transaction; applied once per event.
 */
export async function onTeamEnded(
  deps: OrderDeps,
  tx: OrderTx,
  outcome: EventData<'groupbuy.team.succeeded'>,
): Promise<(() => Promise<void>) | undefined> {
  const rows = await tx.select().from(orders).where(eq(orders.groupTeamId, Number(outcome.teamId))).for('update');
  const kept = new Set(outcome.kept);
  const cancelled: OrderRow[] = [];
  for (const order of rows) {
    if (kept.has(order.orderNo)) {
      if (order.groupState === 'SUCCEEDED') continue;
      await tx.update(orders).set({ groupState: 'SUCCEEDED' }).where(eq(orders.id, order.id));
      // Refunded in full meanwhile: nothing to ship, nothing to announce.
      if (order.status !== 'PAID') continue;
      await events.write(tx, 'order.group_buy_succeeded', { orderId: String(order.id), orderNo: order.orderNo, memberId: String(order.memberId), shopId: String(order.shopId), teamId: outcome.teamId });
      continue;
    }
    if (order.groupState !== 'FAILED') await tx.update(orders).set({ groupState: 'FAILED' }).where(eq(orders.id, order.id));
    const current = { ...order, groupState: 'FAILED' as const };
    if (order.status === 'PENDING_PAYMENT') {
      const done = await transition(tx, current, 'CANCELLED', { actor: 'system', note: FAILED_NOTE, set: { cancelledAt: new Date(), cancelReason: FAILED_NOTE } });
      if (done) cancelled.push(done);
    } else if (order.status === 'PAID' && order.refundedAmount < order.payableAmount) {
      if (!order.paymentRef) {
        deps.attention('group_buy_paid_without_payment', { orderNo: order.orderNo }, 'a paid group-buy order names no payment to refund');
        continue;
      }
      await events.write(tx, 'order.group_buy_refund', { orderId: String(order.id), orderNo: order.orderNo, memberId: String(order.memberId), shopId: String(order.shopId), paymentRef: order.paymentRef, teamId: outcome.teamId });
    }
  }
  if (cancelled.length === 0) return undefined;
  return async () => {
    for (const order of cancelled) await settleCancelledStock(deps, order).catch((error: unknown) => deps.log.warn({ err: error, orderNo: order.orderNo }, 'stock release deferred to the sweep'));
  };
}
