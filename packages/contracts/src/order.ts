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

/**
 * Places the order of a flash-sale winner (promotion's hold `holdId` of `quantity` units of
 * an entry) at the flash price, with order's short flash payment window, to the member's
 * address (`addressId`, or their default). Idempotent by `holdId`: sent again, it answers
 * the same order (`replayed`). NOT_FOUND when the member has no such address (or none);
 * CONFLICT `UNAVAILABLE` when the SKU is off sale. Its stock is the session's, not the
 * shelf's: the order never reserves, commits or releases catalog stock; its events carry
 * `flash`, and promotion settles the units.
 */
export const placeFlashOrder = defineCommand(
  'orders.flash.place',
  z.object({
    holdId: z.string().regex(ID_PATTERN),
    entryId: z.string().regex(ID_PATTERN),
    memberId: z.string().regex(ID_PATTERN),
    addressId: z.string().regex(ID_PATTERN).nullable(),
    skuId: z.string().regex(ID_PATTERN),
    quantity: z.number().int().min(1).max(99),
    /** The SKU's price (the line's unit price) and the flash price each unit is sold at. */
    listPrice: z.number().int().min(1).max(100_000_000),
    flashPrice: z.number().int().min(1).max(100_000_000),
  }),
  z.object({ orderId: z.string(), orderNo: z.string(), payable: z.number().int(), expiresAt: z.string(), replayed: z.boolean() }),
);
export type PlaceFlashOrderRequest = z.infer<typeof placeFlashOrder.request>;
