import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { DistributionDeps } from './context.ts';
import type { DistributionSchema } from './db/schema.ts';
import { onOrderClosed, onOrderPaid, onOrderRefunded, onOrderSettled } from './services/commissions.ts';

/**
 * Distribution follows orders: paid (commissions pending), refunded and closed (their lines'
 * share taken back), settled (commissions available, once the after-sale window closed:
 * order's settlement is a job of its own, once across replicas).
 */
export function consumers(deps: DistributionDeps): ConsumerSpec<DistributionSchema>[] {
  return [
    events.consumer('order.paid', { name: 'distribution-order-paid', handle: (tx, order) => onOrderPaid(deps, tx, order) }),
    events.consumer('order.refunded', { name: 'distribution-order-refunded', handle: (tx, refund) => onOrderRefunded(tx, refund) }),
    events.consumer('order.closed', { name: 'distribution-order-closed', handle: (tx, order) => onOrderClosed(tx, order) }),
    events.consumer('order.settled', { name: 'distribution-order-settled', handle: (tx, order) => onOrderSettled(tx, order) }),
  ];
}
