import { sql } from 'drizzle-orm';
import { boolean, check, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { amountColumn, createdAtColumn, idColumn, jobs, jsonColumn, outbox, parkedEvents, processedEvents, refColumn, timeColumn, updatedAtColumn } from '@mall/kit';

export const ELIGIBILITIES = ['EVERYONE', 'APPLICATION', 'SPENDING'] as const;
export const BIND_RULES = ['FIRST_TOUCH', 'FIRST_TOUCH_LOCK', 'LAST_TOUCH'] as const;
export const DISTRIBUTOR_STATUSES = ['PENDING', 'ACTIVE', 'REJECTED', 'DISABLED'] as const;
export const COMMISSION_STATUSES = ['PENDING', 'SETTLED', 'CANCELLED'] as const;
export const LEDGER_BUCKETS = ['PENDING', 'AVAILABLE', 'RECEIVABLE', 'WITHDRAWING', 'WITHDRAWN'] as const;
export const WITHDRAWAL_METHODS = ['WALLET'] as const;
export const WITHDRAWAL_STATUSES = ['REQUESTED', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'REJECTED'] as const;

/**
 * The admin's rules (one row, id 1; without it: anyone may apply and an admin approves,
 * first touch for good, one level at 10%, no self-purchase commission). Rates are in basis
 * points of what a line was paid (1000 = 10%).
 */
export const settings = mysqlTable('distribution_settings', {
  id: int('id').primaryKey(),
  eligibility: mysqlEnum('eligibility', ELIGIBILITIES).notNull(),
  /** SPENDING: cents a member's settled orders must reach. */
  spendThreshold: amountColumn('spend_threshold').notNull().default(0),
  bindRule: mysqlEnum('bind_rule', BIND_RULES).notNull(),
  /** FIRST_TOUCH_LOCK: days a binding holds before a later share may rebind. */
  lockDays: int('lock_days').notNull().default(0),
  levels: int('levels').notNull(),
  level1Rate: int('level1_rate').notNull(),
  level2Rate: int('level2_rate').notNull().default(0),
  /** A distributor's own purchases earn them the first level's commission. */
  selfPurchase: boolean('self_purchase').notNull().default(false),
  /** Withdrawals: the least one takes, its fee (basis points of it), what one distributor takes a day, and above what an admin approves. */
  withdrawMin: amountColumn('withdraw_min').notNull().default(100),
  withdrawFeeRate: int('withdraw_fee_rate').notNull().default(0),
  withdrawDailyCap: amountColumn('withdraw_daily_cap').notNull().default(2_000_000),
  withdrawApprovalAbove: amountColumn('withdraw_approval_above').notNull().default(500_000),
  updatedBy: varchar('updated_by', { length: 40 }).notNull(),
  updatedAt: updatedAtColumn(),
}, () => [check('distribution_settings_levels', sql`levels BETWEEN 1 AND 2`)]);

/** A distributor grade (等级): its name and its rates, over the settings' for its distributors. */
export const grades = mysqlTable('distributor_grades', {
  id: idColumn(),
  name: varchar('name', { length: 20 }).notNull(),
  level1Rate: int('level1_rate').notNull(),
  level2Rate: int('level2_rate').notNull().default(0),
  createdAt: createdAtColumn(),
});

/** Rates of one product or one SKU, over a grade's and the settings' (a SKU's over its product's). */
export const rateOverrides = mysqlTable('commission_rates', {
  id: idColumn(),
  /** `product:<id>` or `sku:<id>`: one row per product or SKU (a unique key NULLs cannot break). */
  target: varchar('target', { length: 40 }).notNull(),
  productId: refColumn('product_id'),
  skuId: refColumn('sku_id'),
  level1Rate: int('level1_rate').notNull(),
  level2Rate: int('level2_rate').notNull().default(0),
  updatedBy: varchar('updated_by', { length: 40 }).notNull(),
  updatedAt: updatedAtColumn(),
}, (t) => [uniqueIndex('commission_rates_target_uq').on(t.target)]);

/**
 * A distributor (分销员): a member who may share for commission. Their balances are ledgers
 * (`ledger_entries`): `pending` (orders paid, not settled), `available` (settled, never
 * below zero), `receivable` (taken back after settlement beyond what was available, deducted
 * from future commissions).
 */
export const distributors = mysqlTable('distributors', {
  memberId: refColumn('member_id').primaryKey(),
  status: mysqlEnum('status', DISTRIBUTOR_STATUSES).notNull(),
  /** Their share code: the mini-program's `scene`, bound with `bindReferrer`. */
  code: varchar('code', { length: 12 }).notNull(),
  gradeId: refColumn('grade_id'),
  note: varchar('note', { length: 200 }),
  pending: amountColumn('pending').notNull().default(0),
  available: amountColumn('available').notNull().default(0),
  receivable: amountColumn('receivable').notNull().default(0),
  /** Held for withdrawals in flight, and withdrawn so far. */
  withdrawing: amountColumn('withdrawing').notNull().default(0),
  withdrawn: amountColumn('withdrawn').notNull().default(0),
  /** Commission settled so far (rankings). */
  settledTotal: amountColumn('settled_total').notNull().default(0),
  appliedAt: createdAtColumn(),
  decidedAt: timeColumn('decided_at'),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('distributors_code_uq').on(t.code),
  index('distributors_status_idx').on(t.status, t.appliedAt),
  check('distributors_balances', sql`pending >= 0 AND available >= 0 AND receivable >= 0 AND withdrawing >= 0 AND withdrawn >= 0`),
]);

/** Who a member is bound to now (their referrer), since when, and until when it holds (FIRST_TOUCH_LOCK). */
export const bindings = mysqlTable('referral_bindings', {
  memberId: refColumn('member_id').primaryKey(),
  distributorId: refColumn('distributor_id').notNull(),
  /** Where the share came from (a product page `product:<id>`, the shop `shop`, …). */
  source: varchar('source', { length: 40 }).notNull(),
  boundAt: timeColumn('bound_at').notNull(),
  lockedUntil: timeColumn('locked_until'),
}, (t) => [index('referral_bindings_distributor_idx').on(t.distributorId)]);

/** Every binding and rebinding, with its time and source: an order's chain is the binding in force when it was placed. */
export const bindingHistory = mysqlTable('referral_binding_history', {
  id: idColumn(),
  memberId: refColumn('member_id').notNull(),
  distributorId: refColumn('distributor_id').notNull(),
  previousDistributorId: refColumn('previous_distributor_id'),
  source: varchar('source', { length: 40 }).notNull(),
  at: timeColumn('at').notNull(),
}, (t) => [index('referral_binding_history_member_idx').on(t.memberId, t.at)]);

/**
 * A commission of one distributor on one paid order, at one level (1: the buyer's
 * distributor; 2: that distributor's own). `amount` is what it is worth now (its lines'
 * amounts: refunds take theirs back); PENDING until the order settles, then SETTLED;
 * CANCELLED when refunded in full before.
 */
export const commissions = mysqlTable('commissions', {
  id: idColumn(),
  orderId: refColumn('order_id').notNull(),
  orderNo: varchar('order_no', { length: 32 }).notNull(),
  shopId: refColumn('shop_id').notNull(),
  buyerId: refColumn('buyer_id').notNull(),
  distributorId: refColumn('distributor_id').notNull(),
  level: int('level').notNull(),
  status: mysqlEnum('status', COMMISSION_STATUSES).notNull().default('PENDING'),
  /** The goods the buyer paid (lines after every discount and points; never freight). */
  paid: amountColumn('paid').notNull(),
  amount: amountColumn('amount').notNull(),
  /** What settled (its amount then); refunds after settlement are reversals of it. */
  settledAmount: amountColumn('settled_amount'),
  settledAt: timeColumn('settled_at'),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('commissions_order_level_uq').on(t.orderId, t.level),
  index('commissions_distributor_idx').on(t.distributorId, t.id),
  check('commissions_amount', sql`amount >= 0 AND level BETWEEN 1 AND 2`),
]);

/** A commission's share of one order line: `floor((paid − refunded) × rate / 10000)`. */
export const commissionLines = mysqlTable('commission_lines', {
  id: idColumn(),
  commissionId: refColumn('commission_id').notNull(),
  lineId: refColumn('line_id').notNull(),
  skuId: refColumn('sku_id').notNull(),
  productId: refColumn('product_id').notNull(),
  paid: amountColumn('paid').notNull(),
  refunded: amountColumn('refunded').notNull().default(0),
  /** Basis points of the line's paid amount. */
  rate: int('rate').notNull(),
  amount: amountColumn('amount').notNull(),
}, (t) => [index('commission_lines_commission_idx').on(t.commissionId), check('commission_lines_refunded', sql`refunded >= 0 AND refunded <= paid`)]);

/** The distributors' ledgers: every change of a balance (bucket), with the balance after it, once per key. */
export const ledgerEntries = mysqlTable('ledger_entries', {
  id: idColumn(),
  distributorId: refColumn('distributor_id').notNull(),
  bucket: mysqlEnum('bucket', LEDGER_BUCKETS).notNull(),
  kind: varchar('kind', { length: 24 }).notNull(),
  delta: amountColumn('delta').notNull(),
  balanceAfter: amountColumn('balance_after').notNull(),
  key: varchar('entry_key', { length: 100 }).notNull(),
  commissionId: refColumn('commission_id'),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('ledger_entries_key_uq').on(t.distributorId, t.key, t.bucket), index('ledger_entries_distributor_idx').on(t.distributorId, t.id)]);

/**
 * A withdrawal of available commission: held (available → withdrawing) when asked for,
 * REQUESTED while an admin must approve it, PROCESSING while the money is sent, then
 * SUCCEEDED (withdrawing → withdrawn) or FAILED / REJECTED (the money back to available).
 */
export const withdrawals = mysqlTable('withdrawals', {
  id: idColumn(),
  distributorId: refColumn('distributor_id').notNull(),
  method: mysqlEnum('method', WITHDRAWAL_METHODS).notNull(),
  amount: amountColumn('amount').notNull(),
  fee: amountColumn('fee').notNull(),
  status: mysqlEnum('status', WITHDRAWAL_STATUSES).notNull(),
  idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
  failureReason: varchar('failure_reason', { length: 200 }),
  decidedBy: varchar('decided_by', { length: 40 }),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('withdrawals_key_uq').on(t.distributorId, t.idempotencyKey),
  index('withdrawals_status_idx').on(t.status, t.updatedAt),
  index('withdrawals_distributor_idx').on(t.distributorId, t.createdAt),
  check('withdrawals_amounts', sql`amount > 0 AND fee >= 0 AND fee < amount`),
]);

/**
 * What distribution has seen of an order, whatever order its events came in (each has a
 * consumer of its own): paid (its commissions made), closed, settled. Every handler locks
 * this row first, so the events of one order are applied one at a time.
 */
export const orderMarks = mysqlTable('order_marks', {
  orderId: refColumn('order_id').primaryKey(),
  paid: boolean('paid').notNull().default(false),
  closed: boolean('closed').notNull().default(false),
  settled: boolean('settled').notNull().default(false),
  updatedAt: updatedAtColumn(),
});

/** Every refund of an order, once per refund number: applied to its commissions when they exist, or when they are made. */
export const orderRefunds = mysqlTable('order_refunds', {
  id: idColumn(),
  orderId: refColumn('order_id').notNull(),
  refundNo: varchar('refund_no', { length: 64 }).notNull(),
  amount: amountColumn('amount').notNull(),
  lines: jsonColumn<Array<{ lineId: string; amount: number }>>('lines').notNull(),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('order_refunds_no_uq').on(t.refundNo), index('order_refunds_order_idx').on(t.orderId)]);

/** What a member's settled orders came to (SPENDING eligibility). */
export const memberSpend = mysqlTable('member_spend', {
  memberId: refColumn('member_id').primaryKey(),
  settled: amountColumn('settled').notNull().default(0),
  updatedAt: updatedAtColumn(),
});

/** The kit's tables distribution uses (exported for drizzle-kit). */
export { jobs, outbox, parkedEvents, processedEvents };

export const distributionSchema = { settings, grades, rateOverrides, distributors, bindings, bindingHistory, commissions, commissionLines, ledgerEntries, withdrawals, orderMarks, orderRefunds, memberSpend, jobs, outbox, processedEvents, parkedEvents };
export type DistributionSchema = typeof distributionSchema;
export type SettingsRow = typeof settings.$inferSelect;
export type GradeRow = typeof grades.$inferSelect;
export type RateOverrideRow = typeof rateOverrides.$inferSelect;
export type DistributorRow = typeof distributors.$inferSelect;
export type BindingRow = typeof bindings.$inferSelect;
export type CommissionRow = typeof commissions.$inferSelect;
export type CommissionLineRow = typeof commissionLines.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type WithdrawalRow = typeof withdrawals.$inferSelect;
