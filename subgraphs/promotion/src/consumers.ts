import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { PromotionDeps } from './context.ts';
import type { PromotionSchema } from './db/schema.ts';
import { activityOrderCancelled, activityOrderClosed, activityOrderPaid } from './services/activities.ts';
import { flashOrderCancelled, flashOrderClosed, flashOrderPaid } from './services/flashBuy.ts';
import { groupOrderCancelled, groupOrderClosed, groupOrderPaid } from './services/groupTeams.ts';
import { rewardOrder, welcomeMember } from './services/grants.ts';
import { orderClosed, orderEndedUnpaid, orderPaid } from './services/reservations.ts';

/**
 * Promotion's durable consumers: a new member's welcome coupons; coupons for an order whose
 * after-sale window closed (返券); an order's coupons spent
 * when it is paid, given back when it ends unpaid (a coupon over several orders of a
 * checkout: spent when any is paid, given back when all ended unpaid), and given back
 * after a full refund where their templates say so (退款退券); what an order took from its
 * shop's activities spent from their budgets when it is paid, and given back when it ends
 * unpaid or is refunded in full; a group-buy order's seat paid (opening or filling its
 * team), freed when it ends unpaid, given back when it is refunded in full.
 */
export function consumers(deps: PromotionDeps): ConsumerSpec<PromotionSchema>[] {
  return [
    events.consumer('member.registered', {
      name: 'promotion-welcome',
      handle: async (tx, member) => void (await welcomeMember(deps, tx, Number(member.memberId))),
    }),
    events.consumer('order.settled', {
      name: 'promotion-order-settled',
      handle: async (tx, order) => rewardOrder(deps, tx, { orderNo: order.orderNo, memberId: Number(order.memberId), shopId: Number(order.shopId), paid: order.paid }),
    }),
    events.consumer('order.paid', {
      name: 'promotion-order-paid',
      handle: async (tx, order) => {
        if (order.flash) await flashOrderPaid(deps, tx, order.flash, order.payable);
        for (const hold of order.couponHolds ?? []) await orderPaid(deps, hold);
        if (order.activityHold) await activityOrderPaid(deps, order.orderNo);
        if (order.groupBuy) await groupOrderPaid(deps, order.orderNo, order.payable);
      },
    }),
    events.consumer('order.closed', {
      name: 'promotion-order-closed',
      handle: async (tx, order) => {
        if (order.flash) await flashOrderClosed(deps, tx, order.flash, order.orderNo, order.payable);
        for (const hold of order.couponHolds ?? []) await orderClosed(deps, hold, order.orderNo);
        if (order.activityHold) await activityOrderClosed(deps, order.orderNo);
        if (order.groupBuy) await groupOrderClosed(deps, order.orderNo, order.payable);
      },
    }),
    events.consumer('order.cancelled', {
      name: 'promotion-order-cancelled',
      handle: async (tx, order) => {
        for (const hold of order.couponHolds ?? []) await orderEndedUnpaid(deps, hold, order.orderNo);
        if (order.activityHold) await activityOrderCancelled(deps, order.orderNo);
        if (order.groupBuy) await groupOrderCancelled(deps, order.orderNo);
        // Last: its follow-up puts a flash order's units back in the gate once this commits.
        if (order.flash) return flashOrderCancelled(deps, tx, order.flash, order.orderNo);
        return undefined;
      },
    }),
  ];
}
