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
 * unpaid (each idempotent by the order number); points order gives back after a refund
 * (`order.points_returned`: the refunded units', or the rest of a closed order's) are
 * earned again, once per key.
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
    events.consumer('order.settled', {
      name: 'membership-order-settled-points',
      handle: async (tx, order) => {
        // One point per whole yuan finally paid, once the order can no longer be refunded.
        const points = Math.floor(order.paid / 100);
        if (points > 0) await earnPointsIn(tx, { memberId: Number(order.memberId), points, idempotencyKey: `order-settled:${order.orderNo}`, reference: order.orderNo, note: '订单完成奖励积分' });
      },
    }),
    events.consumer('order.points_returned', {
      name: 'membership-order-points-returned',
      handle: async (tx, returned) => {
        await earnPointsIn(tx, { memberId: Number(returned.memberId), points: returned.points, idempotencyKey: `order-points:${returned.key}`.slice(0, 100), reference: returned.orderNo, note: '订单退款，积分退回' });
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
