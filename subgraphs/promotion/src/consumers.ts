import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { PromotionDeps } from './context.ts';
import type { PromotionSchema } from './db/schema.ts';
import { welcomeMember } from './services/grants.ts';
import { orderEndedUnpaid, orderPaid } from './services/reservations.ts';

/**
 * Promotion's durable consumers: a new member's welcome coupons; a checkout's coupons
 * spent when one of its orders is paid, given back when all of them ended unpaid.
 */
export function consumers(deps: PromotionDeps): ConsumerSpec<PromotionSchema>[] {
  return [
    events.consumer('member.registered', {
      name: 'promotion-welcome',
      handle: async (tx, member) => void (await welcomeMember(deps, tx, Number(member.memberId))),
    }),
    events.consumer('order.paid', {
      name: 'promotion-order-paid',
      handle: async (_tx, order) => {
        if (order.couponHold) await orderPaid(deps, order.couponHold);
      },
    }),
    events.consumer('order.cancelled', {
      name: 'promotion-order-cancelled',
      handle: async (_tx, order) => {
        if (order.couponHold) await orderEndedUnpaid(deps, order.couponHold, order.orderNo);
      },
    }),
  ];
}
