import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { MembershipDeps } from './context.ts';
import type { MembershipSchema } from './db/schema.ts';
import { growthForPaidOrder } from './services/members.ts';

/** Growth accrues from paid orders, once per order however often order.paid is delivered. */
export function consumers(deps: MembershipDeps): ConsumerSpec<MembershipSchema>[] {
  return [
    events.consumer('order.paid', {
      name: 'membership-order-paid',
      handle: (tx, order) => growthForPaidOrder(deps, tx, order),
    }),
  ];
}
