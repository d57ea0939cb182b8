import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { CartSchema } from './db/schema.ts';
import { removeOrderedLines } from './services/cart.ts';

/** Ordered lines leave the cart: applied once per order.created, whatever the redeliveries. */
export function consumers(): ConsumerSpec<CartSchema>[] {
  return [
    events.consumer('order.created', {
      name: 'cart-order-created',
      handle: (tx, order) => removeOrderedLines(tx, order),
    }),
  ];
}
