import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { PaymentDeps } from './context.ts';
import type { PaymentSchema } from './db/schema.ts';
import { acceptRecharge } from './services/recharges.ts';
import { refundAfterSale, refundGroupBuyOrder, refundRefusedPayment } from './services/refunds.ts';

/**
 * Payment's durable consumers, each applied once per event:
 * - `order.payment_refused` (the order was cancelled first, or paid by another payment):
 *   the whole payment goes back, automatically;
 * - `order.after_sale_approved`: the approved amount goes back through the payment the order
 *   was paid with;
 * - `order.group_buy_refund` (a paid group-buy order whose team failed): refunded in full;
 * - `payment.succeeded` of a recharge: the wallet is credited (with its bonus), once.
 */
export function consumers(deps: PaymentDeps): ConsumerSpec<PaymentSchema>[] {
  return [
    events.consumer('order.payment_refused', { name: 'payment-order-refused', handle: (tx, refused) => refundRefusedPayment(deps, tx, refused) }),
    events.consumer('order.after_sale_approved', { name: 'payment-after-sale', handle: (tx, afterSale) => refundAfterSale(deps, tx, afterSale) }),
    events.consumer('order.group_buy_refund', { name: 'payment-group-buy-refund', handle: (tx, order) => refundGroupBuyOrder(deps, tx, order) }),
    events.consumer('payment.succeeded', { name: 'payment-recharge-credit', handle: (tx, payment) => acceptRecharge(deps, tx, payment) }),
  ];
}
