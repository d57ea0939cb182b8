import { sql } from 'drizzle-orm';
import { boolean, check, char, datetime, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { AddressSnapshot } from '@mall/contracts/membership';
import type { LineDiscount } from '@mall/contracts/promotion';
import { amountColumn, createdAtColumn, idColumn, jobs, jsonColumn, outbox, parkedEvents, processedEvents, refColumn, timeColumn, updatedAtColumn } from '@mall/kit';

export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED'] as const;
/** Where a group-buy order's team stands: FORMING (it may not ship yet), SUCCEEDED (it ships), FAILED (cancelled or refunded in full). */
export const GROUP_STATES = ['FORMING', 'SUCCEEDED', 'FAILED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * One `placeOrder` call, keyed by the member's idempotency key: a retry finds it and gets
 * the same orders; `requestHash` tells a retry from a different request under the same key.
 */
export const checkouts = mysqlTable('checkouts', {
  id: idColumn(),
  memberId: refColumn('member_id').notNull(),
  idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
  requestHash: char('request_hash', { length: 64 }).notNull(),
  status: mysqlEnum('status', ['PROCESSING', 'DONE', 'FAILED']).notNull().default('PROCESSING'),
  /** Order numbers this checkout reserves stock under (released if it never finishes). */
  plannedOrderNos: jsonColumn<string[]>('planned_order_nos').notNull(),
  /** The attempt that owns it while PROCESSING, until `leaseUntil`; then a retry or the sweep may take it over. */
  ownerToken: char('owner_token', { length: 36 }),
  leaseUntil: datetime('lease_until', { mode: 'date', fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  /** The owners of the coupons it holds in promotion (an order number, or the checkout for a coupon over several orders); given back with the stock when it never finishes. */
  couponHolds: jsonColumn<string[]>('coupon_holds'),
  /** Its orders hold points in membership (under their order numbers), given back with the stock when it never finishes. */
  holdsPoints: boolean('holds_points').notNull().default(false),
  /** Its orders hold parts of their shops' activity budgets in promotion (under their order numbers), given back with the stock when it never finishes. */
  holdsActivities: boolean('holds_activities').notNull().default(false),
  /** Its order holds a group-buy seat in promotion (under its order number). */
  holdsSeat: boolean('holds_seat').notNull().default(false),
  /** A refused checkout's stock was confirmed given back (else the sweep keeps releasing it). */
  stockReleased: boolean('stock_released').notNull().default(false),
  errorCode: varchar('error_code', { length: 40 }),
  errorMessage: varchar('error_message', { length: 300 }),
  errorDetails: jsonColumn<Record<string, unknown>>('error_details'),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [uniqueIndex('checkouts_member_key_uq').on(t.memberId, t.idempotencyKey), index('checkouts_status_idx').on(t.status, t.createdAt), index('checkouts_lease_idx').on(t.status, t.leaseUntil)]);

/** What a flash-sale order bought: `quantity` units of promotion's entry `entryId`, held under `holdId`. */
export interface FlashOf {
  entryId: string;
  holdId: string;
  quantity: number;
}

/** Coupons held in promotion under `owner`, for this many orders. */
export interface CouponHold {
  owner: string;
  orders: number;
}

/** An order of one shop. Amounts are integer cents; the address is a snapshot. */
export const orders = mysqlTable('orders', {
  id: idColumn(),
  orderNo: varchar('order_no', { length: 32 }).notNull(),
  checkoutId: refColumn('checkout_id').notNull(),
  memberId: refColumn('member_id').notNull(),
  shopId: refColumn('shop_id').notNull(),
  status: mysqlEnum('status', ORDER_STATUSES).notNull(),
  goodsAmount: amountColumn('goods_amount').notNull(),
  discountAmount: amountColumn('discount_amount').notNull(),
  freightAmount: amountColumn('freight_amount').notNull(),
  payableAmount: amountColumn('payable_amount').notNull(),
  address: jsonColumn<AddressSnapshot>('address').notNull(),
  remark: varchar('remark', { length: 200 }).notNull().default(''),
  /**
   * The coupons in promotion this order's price used, by owner: its own (`orders` 1) or its
   * checkout's for a coupon over several orders. Spent when it is paid; given back when
   * every order of the owner ended unpaid.
   */
  couponHolds: jsonColumn<CouponHold[]>('coupon_holds'),
  /** Points it spent (held in membership under its order number until it is paid or ends unpaid). */
  points: int('points').notNull().default(0),
  /** It holds part of its shop's activity budgets in promotion, under its order number (committed when paid, released when it ends unpaid). */
  activityHold: boolean('activity_hold').notNull().default(false),
  /** A flash-sale order: promotion's hold of a session entry's units (its stock is the session's, settled by promotion). */
  flash: jsonColumn<FlashOf>('flash'),
  /**
   * A group-buy order: its team in promotion (its seat held under the order number). It
   * ships only once the team succeeded (`groupState`); a team that failed has it cancelled or
   * refunded in full.
   */
  groupTeamId: refColumn('group_team_id'),
  groupState: mysqlEnum('group_state', GROUP_STATES),
  /** Of those, what refunds gave back to the member (`order.points_returned`). */
  pointsReturned: int('points_returned').notNull().default(0),
  expiresAt: timeColumn('expires_at').notNull(),
  paymentRef: varchar('payment_ref', { length: 64 }),
  /** What has been refunded of the payment the order took (payment's `payment.refunded`), however it was asked for. */
  refundedAmount: amountColumn('refunded_amount').notNull().default(0),
  closedAt: timeColumn('closed_at'),
  paidAt: timeColumn('paid_at'),
  carrier: varchar('carrier', { length: 40 }),
  trackingNumber: varchar('tracking_number', { length: 64 }),
  shippedAt: timeColumn('shipped_at'),
  completedAt: timeColumn('completed_at'),
  /** When its after-sale window closed and `order.settled` was written (what was finally paid). */
  settledAt: timeColumn('settled_at'),
  cancelledAt: timeColumn('cancelled_at'),
  cancelReason: varchar('cancel_reason', { length: 200 }),
  /** Catalog has been told: stock released (after a cancel), committed (after payment), or back on the shelf (closed). */
  stockSettled: boolean('stock_settled').notNull().default(false),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('orders_order_no_uq').on(t.orderNo),
  index('orders_member_idx').on(t.memberId, t.id),
  index('orders_group_team_idx').on(t.groupTeamId),
  index('orders_shop_idx').on(t.shopId, t.id),
  index('orders_status_expiry_idx').on(t.status, t.expiresAt),
  check('orders_payable_nonnegative', sql`payable_amount >= 0`),
]);

/** What was bought: a snapshot of the SKU at checkout. */
export const orderLines = mysqlTable('order_lines', {
  id: idColumn(),
  orderId: refColumn('order_id').notNull(),
  skuId: refColumn('sku_id').notNull(),
  productId: refColumn('product_id').notNull(),
  title: varchar('title', { length: 120 }).notNull(),
  specText: varchar('spec_text', { length: 400 }).notNull(),
  image: varchar('image', { length: 500 }),
  unitPrice: amountColumn('unit_price').notNull(),
  quantity: int('quantity').notNull(),
  /** This line's share of the order's discount, allocated once at checkout (what a partial refund of the line goes by). */
  discountAmount: amountColumn('discount_amount').notNull().default(0),
  /** What took that share, promotion by promotion (the pricing engine's allocation); they add up to `discountAmount`. */
  discounts: jsonColumn<LineDiscount[]>('discounts'),
  /** Points that paid part of it. */
  points: int('points').notNull().default(0),
}, (t) => [index('order_lines_order_idx').on(t.orderId), check('order_lines_quantity_positive', sql`quantity > 0`)]);

/** Units of one order line an after-sale refunds. */
export interface AfterSaleLine {
  orderLineId: number;
  quantity: number;
  /** Cents of what the line cost that these units take back. */
  amount: number;
  points: number;
}

/** The timeline: every status change, who made it and why. */
export const orderStatusChanges = mysqlTable('order_status_changes', {
  id: idColumn(),
  orderId: refColumn('order_id').notNull(),
  fromStatus: mysqlEnum('from_status', ORDER_STATUSES),
  toStatus: mysqlEnum('to_status', ORDER_STATUSES).notNull(),
  actor: varchar('actor', { length: 40 }).notNull(),
  note: varchar('note', { length: 200 }),
  createdAt: createdAtColumn(),
}, (t) => [index('order_status_changes_order_idx').on(t.orderId, t.id)]);

export const AFTER_SALE_STATUSES = ['REQUESTED', 'REJECTED', 'REFUNDING', 'REFUNDED', 'FAILED'] as const;
export type AfterSaleStatus = (typeof AFTER_SALE_STATUSES)[number];

/**
 * An after-sale request on a paid order: refund only, or return and refund. Its own small
 * life: REQUESTED → REJECTED, or approved → REFUNDING → REFUNDED (payment's refund done) or
 * FAILED (with the reason: the refund could not be made). The refund itself is payment's
 * work, started by the `order.after_sale_approved` event.
 */
export const afterSales = mysqlTable('after_sales', {
  id: idColumn(),
  orderId: refColumn('order_id').notNull(),
  memberId: refColumn('member_id').notNull(),
  shopId: refColumn('shop_id').notNull(),
  type: mysqlEnum('type', ['REFUND_ONLY', 'RETURN_AND_REFUND']).notNull(),
  status: mysqlEnum('status', AFTER_SALE_STATUSES).notNull().default('REQUESTED'),
  amount: amountColumn('amount').notNull(),
  /** A refund of lines: which units of which lines, what each refunds of what the line cost, and its points. */
  lines: jsonColumn<AfterSaleLine[]>('lines'),
  /** Points the refunded units took at checkout, given back to the member once it is refunded. */
  points: int('points').notNull().default(0),
  reason: varchar('reason', { length: 200 }).notNull(),
  merchantNote: varchar('merchant_note', { length: 200 }),
  decidedAt: timeColumn('decided_at'),
  /** Payment's refund number, once it made the refund. */
  refundNo: varchar('refund_no', { length: 64 }),
  refundedAt: timeColumn('refunded_at'),
  /** Why the refund could not be made (FAILED). */
  failureReason: varchar('failure_reason', { length: 200 }),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [index('after_sales_order_idx').on(t.orderId), check('after_sales_amount_positive', sql`amount > 0`)]);

export { jobs, outbox, parkedEvents, processedEvents };

export const orderSchema = { checkouts, orders, orderLines, orderStatusChanges, afterSales, outbox, processedEvents, parkedEvents, jobs };
export type OrderSchema = typeof orderSchema;
export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderStatusChangeRow = typeof orderStatusChanges.$inferSelect;
export type CheckoutRow = typeof checkouts.$inferSelect;
export type AfterSaleRow = typeof afterSales.$inferSelect;
