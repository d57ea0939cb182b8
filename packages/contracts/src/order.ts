import { defineCommand, z } from '@mall/kit';

/**
 * Commands the order subgraph answers (on `orders.*`: `order.*` subjects are events). `markPaid` is how a settled payment reaches the
 * order (the payment subgraph will send it; tests and the dev tools send it meanwhile).
 */
export const markPaid = defineCommand(
  'orders.markPaid',
  z.object({ orderId: z.string().regex(/^[1-9][0-9]{0,14}$/), paymentRef: z.string().min(1).max(64), amount: z.number().int().positive() }),
  z.object({ status: z.string(), replayed: z.boolean() }),
);
