import { sql } from 'drizzle-orm';
import { check, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { amountColumn, createdAtColumn, idColumn, jobs, outbox, parkedEvents, processedEvents, refColumn, timeColumn, updatedAtColumn } from '@mall/kit';

export const PAYMENT_METHODS = ['WECHAT', 'BALANCE', 'DEV'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_STATUSES = ['PENDING', 'SUCCEEDED', 'CLOSED', 'FAILED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const REFUND_STATUSES = ['PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_SOURCES = ['AFTER_SALE', 'MERCHANT', 'ADMIN', 'ORDER_CANCELLED', 'DUPLICATE_PAYMENT', 'AMOUNT_MISMATCH', 'GROUP_BUY_FAILED'] as const;
export type RefundSource = (typeof REFUND_SOURCES)[number];

/**
 * One attempt to take money: for an order, or a wallet recharge. `paymentNo` is the
 * provider's `out_trade_no`. `refundedAmount` counts every refund not failed (asked for,
 * in progress or done), so a check under the row lock keeps refunds within `amount`.
 */
export const payments = mysqlTable('payments', {
  id: idColumn(),
  paymentNo: varchar('payment_no', { length: 32 }).notNull(),
  purpose: mysqlEnum('purpose', ['ORDER', 'RECHARGE']).notNull(),
  orderId: refColumn('order_id'),
  orderNo: varchar('order_no', { length: 32 }),
  memberId: refColumn('member_id').notNull(),
  /** The order's shop (its merchant may refund); null for a recharge. */
  shopId: refColumn('shop_id'),
  method: mysqlEnum('method', PAYMENT_METHODS).notNull(),
  amount: amountColumn('amount').notNull(),
  /**
   * What the payer paid themself, once paid: `amount` less what a WeChat Pay coupon paid
   * (WeChat Pay's `payer_total`), all of it from a wallet. Null before, and for WeChat
   * payments settled before payment kept it.
   */
  payerTotal: amountColumn('payer_total'),
  status: mysqlEnum('status', PAYMENT_STATUSES).notNull().default('PENDING'),
  refundedAmount: amountColumn('refunded_amount').notNull().default(0),
  description: varchar('description', { length: 127 }).notNull(),
  prepayId: varchar('prepay_id', { length: 64 }),
  /** WeChat Pay's transaction_id, or the wallet ledger entry of a balance payment. */
  providerTransactionId: varchar('provider_transaction_id', { length: 64 }),
  failureReason: varchar('failure_reason', { length: 200 }),
  /** The payer must pay before this (the order's expiry; two hours for a recharge). */
  expiresAt: timeColumn('expires_at').notNull(),
  /** When the sweeper last asked the provider about it. */
  checkedAt: timeColumn('checked_at'),
  paidAt: timeColumn('paid_at'),
  closedAt: timeColumn('closed_at'),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('payments_payment_no_uq').on(t.paymentNo),
  index('payments_order_idx').on(t.orderId),
  index('payments_member_idx').on(t.memberId, t.id),
  index('payments_status_idx').on(t.status, t.expiresAt),
  check('payments_amount_positive', sql`amount > 0`),
  check('payments_refunds_within_amount', sql`refunded_amount >= 0 AND refunded_amount <= amount`),
  check('payments_payer_total_within_amount', sql`payer_total IS NULL OR (payer_total >= 0 AND payer_total <= amount)`),
]);

/**
 * One row per order someone started paying: payOrder locks it, so two payOrder calls of one
 * order take turns (no two wallet debits for one order).
 */
export const payableOrders = mysqlTable('payable_orders', {
  orderId: refColumn('order_id').primaryKey(),
  createdAt: createdAtColumn(),
});

/** Money going back. `refundNo` is the provider's `out_refund_no`; `requestKey` makes a request idempotent. */
export const refunds = mysqlTable('refunds', {
  id: idColumn(),
  refundNo: varchar('refund_no', { length: 64 }).notNull(),
  paymentId: refColumn('payment_id').notNull(),
  amount: amountColumn('amount').notNull(),
  status: mysqlEnum('status', REFUND_STATUSES).notNull().default('PENDING'),
  source: mysqlEnum('source', REFUND_SOURCES).notNull(),
  reason: varchar('reason', { length: 200 }).notNull(),
  /** `after-sale:<id>`, `refused:<paymentId>`, or the staff's idempotency key: one refund per key. */
  requestKey: varchar('request_key', { length: 120 }),
  afterSaleId: refColumn('after_sale_id'),
  /** Who asked: `member:1`, `merchant:3`, `admin:1`, `system`. */
  requestedBy: varchar('requested_by', { length: 40 }).notNull(),
  providerRefundId: varchar('provider_refund_id', { length: 64 }),
  failureReason: varchar('failure_reason', { length: 200 }),
  checkedAt: timeColumn('checked_at'),
  succeededAt: timeColumn('succeeded_at'),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('refunds_refund_no_uq').on(t.refundNo),
  uniqueIndex('refunds_request_key_uq').on(t.requestKey),
  index('refunds_payment_idx').on(t.paymentId),
  index('refunds_status_idx').on(t.status, t.createdAt),
  check('refunds_amount_positive', sql`amount > 0`),
]);

export { jobs, outbox, parkedEvents, processedEvents };
export const paymentSchema = { payments, payableOrders, refunds, outbox, processedEvents, parkedEvents, jobs };
export type PaymentSchema = typeof paymentSchema;
export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
