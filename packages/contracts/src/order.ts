import { ID_PATTERN, defineCommand, z } from '@mall/kit';

/**
 * Commands the order subgraph answers (on `orders.*`: `order.*` subjects are events).
 * Payments reach orders as `payment.succeeded` events, through order's durable consumer,
 * never by a command: nobody marks an order paid without money.
 */
const orderId = z.string().regex(ID_PATTERN);

/** What payment needs to take money for an order: who owes how much, until when. */
export const paymentInfo = defineCommand(
  'orders.paymentInfo',
  z.object({ orderId }),
  z.object({
    orderId: z.string(),
    orderNo: z.string().max(32),
    memberId: z.string(),
    shopId: z.string(),
    status: z.enum(['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED']),
    payable: z.number().int().nonnegative(),
    expiresAt: z.string(),
    /** What the payer sees on WeChat's payment page, e.g. 「示例商品 等3件」. */
    description: z.string().max(127),
  }),
);
