import { defineEvents, z } from '@mall/kit';

/** Every order event carries the order's state after the change. */
const orderEvent = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  memberId: z.string(),
  shopId: z.string(),
  status: z.enum(['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED']),
  payable: z.number().int(),
  /**
   * Its lines; `lineId`, `productId` and `paid` (what the buyer paid for the line: its price
   * less every discount and points, never freight) in events written since distribution.
   */
  lines: z.array(z.object({ skuId: z.string(), quantity: z.number().int(), lineId: z.string().optional(), productId: z.string().optional(), paid: z.number().int().min(0).optional() })),
  reason: z.string().nullable(),
  /** When the order was placed (absent in events written before distribution). */
  placedAt: z.string().optional(),
  /** On order.created: the lines came from the buyer's cart (and leave it). */
  fromCart: z.boolean().optional(),
  /**
   * The coupons in promotion the order's price used, by owner: the order's own (`orders` 1),
   * or its checkout's for a coupon over several orders (`orders`: how many it made).
   */
  couponHolds: z.array(z.object({ owner: z.string(), orders: z.number().int().min(1) })).max(60).optional(),
  /** Points the order spent, held in membership under its order number until it is paid or ends unpaid. */
  points: z.number().int().min(0).optional(),
  /** The order holds part of its shop's activities' budgets in promotion, under its order number. */
  activityHold: z.boolean().optional(),
  /** A flash-sale order: promotion's hold of an entry's units (settled by promotion, not catalog's stock). */
  flash: z.object({ entryId: z.string(), holdId: z.string(), quantity: z.number().int().min(1) }).nullable().optional(),
  /** A group-buy order: its seat in promotion's team (owner: the order number). */
  groupBuy: z.object({ teamId: z.string() }).nullable().optional(),
});

/** An approved after-sale: payment refunds `amount` of the order's payment. */
const afterSaleEvent = z.object({
  afterSaleId: z.string(),
  orderId: z.string(),
  orderNo: z.string(),
  memberId: z.string(),
  shopId: z.string(),
  type: z.enum(['REFUND_ONLY', 'RETURN_AND_REFUND']),
  amount: z.number().int(),
  /** The payment the order was paid with (its payment number), which the refund goes back through. */
  paymentRef: z.string().nullable(),
});

/**
 * Points an order spent come back to its member (a refund of lines was made, or the order
 * was refunded in full before it shipped): once per `key`, never more than the order spent.
 */
const pointsReturned = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  memberId: z.string(),
  points: z.number().int().min(1),
  key: z.string().max(100),
});

/** A payment that has been received (money is in). */
const paymentSucceeded = z.object({
  paymentId: z.string(),
  paymentNo: z.string(),
  purpose: z.enum(['ORDER', 'RECHARGE']),
  /** The order paid for (null for a wallet recharge). */
  orderId: z.string().nullable(),
  memberId: z.string(),
  method: z.enum(['WECHAT', 'BALANCE', 'DEV']),
  amount: z.number().int(),
  /** The shop of the order paid for (null for a recharge; absent in events written before it was added). */
  shopId: z.string().nullable().optional(),
});

/** Money that went back to the payer. */
const paymentRefunded = z.object({
  refundId: z.string(),
  refundNo: z.string(),
  paymentId: z.string(),
  paymentNo: z.string(),
  orderId: z.string().nullable(),
  memberId: z.string(),
  amount: z.number().int(),
  /** Refunded so far on this payment, this refund included. */
  refundedTotal: z.number().int(),
  source: z.enum(['AFTER_SALE', 'MERCHANT', 'ADMIN', 'ORDER_CANCELLED', 'DUPLICATE_PAYMENT', 'AMOUNT_MISMATCH', 'GROUP_BUY_FAILED']),
  afterSaleId: z.string().nullable(),
  /** The shop of the order refunded (absent in events written before it was added). */
  shopId: z.string().nullable().optional(),
});

/**
 * A refund that did not happen: WeChat Pay refused it for good, the wallet would not take it
 * back, or it could not even be recorded (more than is still refundable). An after-sale's
 * refund that fails shows FAILED on the after-sale, with the reason.
 */
const refundFailed = z.object({
  /** The refund, when one was recorded (null: refused before it was, e.g. EXCEEDS_REFUNDABLE). */
  refundId: z.string().nullable(),
  refundNo: z.string().nullable(),
  paymentId: z.string(),
  paymentNo: z.string(),
  orderId: z.string().nullable(),
  memberId: z.string(),
  amount: z.number().int(),
  source: z.enum(['AFTER_SALE', 'MERCHANT', 'ADMIN', 'ORDER_CANCELLED', 'DUPLICATE_PAYMENT', 'AMOUNT_MISMATCH', 'GROUP_BUY_FAILED']),
  afterSaleId: z.string().nullable(),
  /** The shop of the order refunded (absent in events written before it was added). */
  shopId: z.string().nullable().optional(),
  /** Why, for the buyer and the merchant to read. */
  reason: z.string(),
});

/** The order did not take a payment (it was cancelled first, or paid by another): payment refunds it. */
const paymentRefused = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  paymentId: z.string(),
  paymentNo: z.string(),
  reason: z.enum(['ORDER_CANCELLED', 'ALREADY_PAID', 'AMOUNT_MISMATCH']),
});

/**
 * A refund the order took (after-sale, merchant, admin, automatic), with what it took back
 * of each line's paid amount: an after-sale of lines names them; any other refund is spread
 * over the lines by what is left of each (the kit's `allocate`), freight last.
 */
const orderRefunded = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  memberId: z.string(),
  shopId: z.string(),
  refundNo: z.string(),
  amount: z.number().int().min(1),
  lines: z.array(z.object({ lineId: z.string(), amount: z.number().int().min(0) })).max(100),
});

/** A paid group-buy order whose team failed (or dropped its seat): payment refunds all of it. */
const groupBuyRefund = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  memberId: z.string(),
  shopId: z.string(),
  /** The payment the order took (its payment number). */
  paymentRef: z.string(),
  teamId: z.string(),
});

/** A group-buy team ended: its kept seats' orders (order numbers) proceed; every other order of the team is cancelled or refunded. */
const groupBuyOutcome = z.object({
  teamId: z.string(),
  activityId: z.string(),
  shopId: z.string(),
  kept: z.array(z.string()).max(50),
});

/** A member who logged in for the first time (promotion's welcome coupons). */
const memberRegistered = z.object({
  memberId: z.string(),
});

/** A coupon a member came to hold. */
const couponClaimed = z.object({
  couponId: z.string(),
  templateId: z.string(),
  memberId: z.string(),
  /** The template's shop; null for a platform coupon. */
  shopId: z.string().nullable(),
  source: z.enum(['CLAIM', 'CODE', 'GRANT', 'EVENT']),
  validUntil: z.string(),
});

/** A coupon spent on a paid checkout (`owner`), or given back by a checkout that ended unpaid or was refunded. */
const couponSettled = z.object({
  couponId: z.string(),
  templateId: z.string(),
  memberId: z.string(),
  shopId: z.string().nullable(),
  /** The checkout that held it. */
  owner: z.string(),
  /** Cents it took off the checkout. */
  discount: z.number().int(),
});

/** Payloads of the mall's events, by type (the subject without the deployment prefix). */
export const eventSchemas = {
  'stock.changed': z.object({
    skuId: z.string(),
    productId: z.string(),
    /** Stock after the change. */
    stock: z.number().int(),
    /** Units added (positive) or taken (negative). */
    change: z.number().int(),
    reason: z.enum(['RESERVED', 'RELEASED', 'RESTOCKED', 'SET', 'ADJUSTED']),
    orderId: z.string().nullable(),
  }),
  'order.created': orderEvent,
  'order.paid': orderEvent,
  'order.cancelled': orderEvent,
  'order.shipped': orderEvent,
  'order.completed': orderEvent,
  /** A completed order's after-sale window closed: `paid` is what the buyer finally paid (payable less refunded). */
  'order.settled': orderEvent.extend({ paid: z.number().int().min(0) }),
  /** Refunded in full before it was shipped: closed, its stock back on the shelf. */
  'order.closed': orderEvent,
  'order.after_sale_approved': afterSaleEvent,
  'order.payment_refused': paymentRefused,
  'order.points_returned': pointsReturned,
  'order.group_buy_refund': groupBuyRefund,
  'order.refunded': orderRefunded,
  /** A group-buy order's team succeeded: it may ship now (for live order pages and the shop's list). */
  'order.group_buy_succeeded': z.object({ orderId: z.string(), orderNo: z.string(), memberId: z.string(), shopId: z.string(), teamId: z.string() }),
  'payment.succeeded': paymentSucceeded,
  'payment.refunded': paymentRefunded,
  'payment.refund_failed': refundFailed,
  /** A flash sale's units changed (won, released, sold out, ended): at most a few a second per session, for live pages. */
  'flash.changed': z.object({ sessionId: z.string(), entryIds: z.array(z.string()).max(200) }),
  /** A group-buy team changed (a seat taken, paid or freed; it opened, succeeded or failed), for live share pages. */
  'groupbuy.team.updated': z.object({ teamId: z.string() }),
  'groupbuy.team.succeeded': groupBuyOutcome,
  'groupbuy.team.failed': groupBuyOutcome,
  'coupon.claimed': couponClaimed,
  'coupon.used': couponSettled,
  'coupon.released': couponSettled,
  'member.registered': memberRegistered,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

/**
 * The mall's events, typed and validated: `events.write(tx, 'order.paid', data)` in a
 * service's transaction, `events.consumer('order.paid', { name, handle })` in a subgraph's
 * consumers.
 */
export const events = defineEvents(eventSchemas);
