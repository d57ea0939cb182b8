import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { OrderDeps } from './context.ts';
import type { OrderSchema } from './db/schema.ts';
import { onPaymentSucceeded } from './services/payments.ts';

/** Payments reach orders through the outbox: applied once per payment.succeeded, however often it is delivered. */
export function consumers(deps: OrderDeps): ConsumerSpec<OrderSchema>[] {
  return [
    events.consumer('payment.succeeded', {
      name: 'order-payment-succeeded',
      handle: (tx, payment) => onPaymentSucceeded(deps, tx, payment),
    }),
  ];
}
