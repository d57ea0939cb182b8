import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { amountColumn, createdAtColumn, idColumn, jobs, outbox, parkedEvents, processedEvents, refColumn, reservationTables, timeColumn, updatedAtColumn } from '@mall/kit';

/**
 * A shopper, created at their first WeChat login. `growth`, `points` and `walletBalance`
 * are the balances of their ledgers below, changed only by a conditional UPDATE in the
 * same transaction as the ledger entry, so they can never go negative or drift.
 */
export const members = mysqlTable('members', {
  id: idColumn(),
  openid: varchar('openid', { length: 64 }).notNull(),
  unionid: varchar('unionid', { length: 64 }),
  nickname: varchar('nickname', { length: 32 }).notNull(),
  avatar: varchar('avatar', { length: 500 }),
  phone: varchar('phone', { length: 20 }),
  growth: amountColumn('growth').notNull().default(0),
  points: amountColumn('points').notNull().default(0),
  walletBalance: amountColumn('wallet_balance').notNull().default(0),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('members_openid_uq').on(t.openid),
  index('members_unionid_idx').on(t.unionid),
  uniqueIndex('members_phone_uq').on(t.phone),
  check('members_growth_nonnegative', sql`growth >= 0`),
  check('members_points_nonnegative', sql`points >= 0`),
  check('members_wallet_nonnegative', sql`wallet_balance >= 0`),
]);

/** WeChat's session_key per member: server-side only, never in a response, log or event. */
export const wechatSessions = mysqlTable('wechat_sessions', {
  memberId: refColumn('member_id').primaryKey(),
  sessionKey: varchar('session_key', { length: 64 }).notNull(),
  updatedAt: updatedAtColumn(),
});

/** Merchants' and admins' back-office accounts (password login). */
export const staffAccounts = mysqlTable('staff_accounts', {
  id: idColumn(),
  account: varchar('account', { length: 32 }).notNull(),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  role: mysqlEnum('role', ['MERCHANT', 'ADMIN']).notNull(),
  shopId: refColumn('shop_id'),
  failedAttempts: int('failed_attempts').notNull().default(0),
  lockedUntil: timeColumn('locked_until'),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [uniqueIndex('staff_accounts_account_uq').on(t.account)]);

/**
 * Refresh tokens, stored as SHA-256 hashes. Each refresh rotates the token within its
 * family; presenting a rotated token again revokes the whole family.
 */
export const refreshTokens = mysqlTable('refresh_tokens', {
  id: idColumn(),
  familyId: char('family_id', { length: 36 }).notNull(),
  tokenHash: char('token_hash', { length: 64 }).notNull(),
  subjectKind: mysqlEnum('subject_kind', ['MEMBER', 'STAFF']).notNull(),
  subjectId: refColumn('subject_id').notNull(),
  expiresAt: timeColumn('expires_at').notNull(),
  rotatedAt: timeColumn('rotated_at'),
  revokedAt: timeColumn('revoked_at'),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_family_idx').on(t.familyId)]);

/** Append-only wallet ledger in cents. `balanceAfter` is the member's balance once applied. */
export const walletEntries = mysqlTable('wallet_entries', {
  id: idColumn(),
  memberId: refColumn('member_id').notNull(),
  kind: mysqlEnum('kind', ['RECHARGE', 'BONUS', 'REFUND', 'PAY', 'ADJUST', 'COMMISSION']).notNull(),
  delta: amountColumn('delta').notNull(),
  balanceAfter: amountColumn('balance_after').notNull(),
  idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
  reference: varchar('reference', { length: 100 }),
  note: varchar('note', { length: 200 }),
  createdAt: createdAtColumn(),
}, (t) => [
  uniqueIndex('wallet_entries_key_uq').on(t.memberId, t.idempotencyKey, t.kind),
  index('wallet_entries_member_idx').on(t.memberId, t.id),
]);

/**
 * Append-only points ledger. Earned entries keep `remaining` (not yet spent or expired)
 * and `expiresAt`; spending consumes the oldest first, expiry takes what remains.
 */
export const pointsEntries = mysqlTable('points_entries', {
  id: idColumn(),
  memberId: refColumn('member_id').notNull(),
  kind: mysqlEnum('kind', ['EARN', 'SPEND', 'EXPIRE', 'ADJUST']).notNull(),
  delta: amountColumn('delta').notNull(),
  balanceAfter: amountColumn('balance_after').notNull(),
  remaining: amountColumn('remaining').notNull().default(0),
  expiresAt: timeColumn('expires_at'),
  idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
  reference: varchar('reference', { length: 100 }),
  note: varchar('note', { length: 200 }),
  createdAt: createdAtColumn(),
}, (t) => [
  uniqueIndex('points_entries_key_uq').on(t.memberId, t.idempotencyKey),
  index('points_entries_member_idx').on(t.memberId, t.id),
  index('points_entries_expiry_idx').on(t.expiresAt, t.remaining),
]);

/** Append-only growth ledger (growth decides the member level). */
export const growthEntries = mysqlTable('growth_entries', {
  id: idColumn(),
  memberId: refColumn('member_id').notNull(),
  delta: amountColumn('delta').notNull(),
  balanceAfter: amountColumn('balance_after').notNull(),
  idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
  note: varchar('note', { length: 200 }),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('growth_entries_key_uq').on(t.memberId, t.idempotencyKey)]);

/** 充值赠送: a recharge of at least `threshold` cents earns `bonus` cents (the highest rule that applies). */
export const rechargeRules = mysqlTable('recharge_rules', {
  id: idColumn(),
  threshold: amountColumn('threshold').notNull(),
  bonus: amountColumn('bonus').notNull(),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('recharge_rules_threshold_uq').on(t.threshold)]);

/** Shipping addresses; at most one default per member. Region codes are the 6-digit GB/T 2260 codes. */
export const addresses = mysqlTable('addresses', {
  id: idColumn(),
  memberId: refColumn('member_id').notNull(),
  recipient: varchar('recipient', { length: 32 }).notNull(),
  phone: varchar('phone', { length: 20 }).notNull(),
  provinceCode: char('province_code', { length: 6 }).notNull(),
  cityCode: char('city_code', { length: 6 }).notNull(),
  districtCode: char('district_code', { length: 6 }).notNull(),
  regionText: varchar('region_text', { length: 100 }).notNull(),
  detail: varchar('detail', { length: 200 }).notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  /** The member id on their default address, null on the others: unique, so no member ever has two defaults. */
  defaultOf: bigint('default_of', { mode: 'number', unsigned: true }).generatedAlwaysAs(sql`IF(is_default, member_id, NULL)`, { mode: 'virtual' }),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [index('addresses_member_idx').on(t.memberId, t.id), uniqueIndex('addresses_one_default_uq').on(t.defaultOf)]);

/** Points held for unpaid orders: the kit's reservation tables (pool `points`, owner the order number, resource the member id). */
export const { reservationHolds, reservationLines } = reservationTables;

export { jobs, outbox, parkedEvents, processedEvents };
export const membershipSchema = {
  reservationHolds,
  reservationLines,
  members,
  wechatSessions,
  staffAccounts,
  refreshTokens,
  walletEntries,
  pointsEntries,
  growthEntries,
  rechargeRules,
  addresses,
  processedEvents,
  parkedEvents,
  jobs,
  outbox,
};
export type MembershipSchema = typeof membershipSchema;

export type MemberRow = typeof members.$inferSelect;
export type StaffRow = typeof staffAccounts.$inferSelect;
export type WalletEntryRow = typeof walletEntries.$inferSelect;
export type PointsEntryRow = typeof pointsEntries.$inferSelect;
export type AddressRow = typeof addresses.$inferSelect;
export type RechargeRuleRow = typeof rechargeRules.$inferSelect;
