import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { OrderDeps } from './context.ts';
import type { OrderSchema } from './db/schema.ts';
import { onTeamEnded } from './services/groupOrders.ts';
import { onPaymentSucceeded } from './services/payments.ts';
import { onPaymentRefunded, onRefundFailed } from './services/refunds.ts';

/**
 * Payments reach orders through the outbox, each event applied once however often it is
 * delivered: payment.succeeded (the order PAID, or the payment refused), payment.refunded
 * and payment.refund_failed (what was refunded; after-sales REFUNDED or FAILED; a full
 * refund before shipping closes the order); promotion's group-buy outcomes (a team's
 * orders may ship, or are cancelled and refunded).
 */
export function consumers(deps: OrderDeps): ConsumerSpec<OrderSchema>[] {
  return [
    events.consumer('payment.succeeded', {
      name: 'order-payment-succeeded',
      handle: (tx, payment) => onPaymentSucceeded(deps, tx, payment),
    }),
    events.consumer('payment.refunded', {
      name: 'order-payment-refunded',
      handle: (tx, refund) => onPaymentRefunded(deps, tx, refund),
    }),
    events.consumer('payment.refund_failed', {
      name: 'order-refund-failed',
      handle: (tx, failure) => onRefundFailed(deps, tx, failure),
    }),
    events.consumer('groupbuy.team.succeeded', {
      name: 'order-group-succeeded',
      handle: (tx, outcome) => onTeamEnded(deps, tx, outcome),
    }),
    events.consumer('groupbuy.team.failed', {
      name: 'order-group-failed',
      handle: (tx, outcome) => onTeamEnded(deps, tx, outcome),
    }),
  ];
}
