import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { MembershipDeps } from './context.ts';
import type { MembershipSchema } from './db/schema.ts';
import { growthForPaidOrder } from './services/members.ts';
import { earnPointsIn } from './services/points.ts';
import { commitPoints, releasePoints } from './services/pointsHolds.ts';

/**
 * Growth accrues from paid orders, once per order however often order.paid is delivered.
 * Points an order holds are kept for good when it is paid and given back when it ends
 * unpaid (each idempotent by the order number); an approved after-sale of lines gives
 * back the points its units took (once, by the after-sale), and an order refunded in full
 * before it shipped (closed) gives back the rest.
 */
export function consumers(deps: MembershipDeps): ConsumerSpec<MembershipSchema>[] {
  return [
    events.consumer('order.paid', {
      name: 'membership-order-paid',
      handle: (tx, order) => growthForPaidOrder(deps, tx, order),
    }),
    events.consumer('order.paid', {
      name: 'membership-order-points-paid',
      handle: async (_tx, order) => {
        if ((order.points ?? 0) > 0) await commitPoints(deps, order.orderNo);
      },
    }),
    events.consumer('order.after_sale_approved', {
      name: 'membership-after-sale-points',
      handle: async (tx, afterSale) => {
        if ((afterSale.points ?? 0) === 0) return;
        await earnPointsIn(tx, { memberId: Number(afterSale.memberId), points: afterSale.points!, idempotencyKey: `after-sale:${afterSale.afterSaleId}`, reference: afterSale.orderNo, note: '售后退款，积分退回' });
      },
    }),
    events.consumer('order.closed', {
      name: 'membership-order-closed-points',
      handle: async (tx, order) => {
        // Refunded in full before it shipped: the points no after-sale gave back yet come back.
        const points = order.pointsNotReturned ?? 0;
        if (points > 0) await earnPointsIn(tx, { memberId: Number(order.memberId), points, idempotencyKey: `order-closed:${order.orderNo}`, reference: order.orderNo, note: '订单全额退款，积分退回' });
      },
    }),
    events.consumer('order.cancelled', {
      name: 'membership-order-points-back',
      handle: async (_tx, order) => {
        if ((order.points ?? 0) > 0) await releasePoints(deps, order.orderNo);
      },
    }),
  ];
}
