import { order as contracts } from '@mall/contracts';
import { command, type CommandSpec } from '@mall/kit';
import type { OrderDeps } from './context.ts';
import { placeFlashOrder } from './services/flashOrders.ts';
import { paymentInfoOf } from './services/payments.ts';

/** Order's NATS commands: what payment needs to know to take money for an order; a flash-sale winner's order. */
export function commands(deps: OrderDeps): CommandSpec[] {
  return [
    command(contracts.paymentInfo, ({ orderId }) => paymentInfoOf(deps, Number(orderId))),
    command(contracts.placeFlashOrder, (request) => placeFlashOrder(deps, request)),
  ];
}
