import { sql } from 'drizzle-orm';
import { boolean, check, index, int, mysqlEnum, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { amountColumn, createdAtColumn, idColumn, jobs, jsonColumn, outbox, parkedEvents, processedEvents, refColumn, reservationTables, timeColumn, updatedAtColumn } from '@mall/kit';

export const COUPON_KINDS = ['AMOUNT_OFF', 'PERCENT_OFF', 'FREE_SHIPPING'] as const;
export const COUPON_SCOPES = ['ALL', 'SHOP', 'CATEGORIES', 'PRODUCTS', 'SKUS'] as const;
export const TEMPLATE_STATUSES = ['ACTIVE', 'PAUSED', 'ENDED'] as const;
export const COUPON_STATUSES = ['UNUSED', 'LOCKED', 'USED', 'EXPIRED'] as const;
export const COUPON_SOURCES = ['CLAIM', 'CODE', 'GRANT', 'EVENT'] as const;
export const FLASH_ENTRY_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'ENDED'] as const;
export const FLASH_HOLD_STATUSES = ['HELD', 'ORDERED', 'PAID', 'RELEASED'] as const;
export const ACTIVITY_KINDS = ['FULL_REDUCTION', 'FULL_DISCOUNT', 'SPECIAL_PRICE'] as const;
export const ACTIVITY_SCOPES = ['ALL', 'CATEGORIES', 'PRODUCTS', 'SKUS'] as const;
export const FREIGHT_CHARGE_BY = ['PIECE', 'WEIGHT'] as const;
export const GROUP_ACTIVITY_STATUSES = ['ACTIVE', 'PAUSED', 'ENDED'] as const;
export const GROUP_TEAM_STATUSES = ['OPENING', 'FORMING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export const GROUP_SEAT_STATUSES = ['HELD', 'PAID', 'RELEASED', 'REFUNDED'] as const;

/**
 * What a coupon is: its kind and amounts, what it applies to, how long a claimed one lasts,
 * and how many may be issued. A platform template (`shopId` null) is the admins'; a shop's
 * is its merchant's. `issued` counts every coupon made from it, under the template's row
 * lock, so it never passes `totalQuantity`.
 */
export const couponTemplates = mysqlTable('coupon_templates', {
  id: idColumn(),
  shopId: refColumn('shop_id'),
  name: varchar('name', { length: 40 }).notNull(),
  description: varchar('description', { length: 200 }).notNull().default(''),
  kind: mysqlEnum('kind', COUPON_KINDS).notNull(),
  /** The goods the scope covers must reach this (0: no threshold). */
  threshold: amountColumn('threshold').notNull().default(0),
  /** AMOUNT_OFF: cents off. */
  amountOff: amountColumn('amount_off'),
  /** PERCENT_OFF: percent off (10 is 打9折). */
  percentOff: int('percent_off'),
  /** PERCENT_OFF: at most this many cents off (null: no cap). */
  maxOff: amountColumn('max_off'),
  scope: mysqlEnum('scope', COUPON_SCOPES).notNull().default('ALL'),
  /** The shop, categories, products or SKUs of the scope (ids as strings). */
  scopeIds: jsonColumn<string[]>('scope_ids').notNull(),
  /** Products the scope leaves out. */
  excludedProductIds: jsonColumn<string[]>('excluded_product_ids').notNull(),
  /** A fixed validity window, or… */
  validFrom: timeColumn('valid_from'),
  validUntil: timeColumn('valid_until'),
  /** …this many days from claiming. */
  validDays: int('valid_days'),
  claimStartsAt: timeColumn('claim_starts_at').notNull(),
  claimEndsAt: timeColumn('claim_ends_at').notNull(),
  totalQuantity: int('total_quantity').notNull(),
  perMemberLimit: int('per_member_limit').notNull().default(1),
  issued: int('issued').notNull().default(0),
  used: int('used').notNull().default(0),
  /** A member may use at most this many of its coupons (null: as many as they hold). */
  perMemberUseLimit: int('per_member_use_limit'),
  /** Cents its used coupons took off paid orders. */
  discountGiven: amountColumn('discount_given').notNull().default(0),
  /** What the paid orders that used its coupons cost (the goods it drove). */
  orderAmount: amountColumn('order_amount').notNull().default(0),
  /** Shown in the coupon centre (false: only granted, redeemed by code, or given by events). */
  claimable: boolean('claimable').notNull().default(true),
  /** Given to every new member when they register (a welcome coupon). */
  welcome: boolean('welcome').notNull().default(false),
  /**
   * Given to a member when an order of theirs completes (received) and cost at least
   * `afterOrderMin` cents: any shop's order for a platform template, its shop's for a shop's.
   */
  afterOrder: boolean('after_order').notNull().default(false),
  afterOrderMin: amountColumn('after_order_min').notNull().default(0),
  /** A coupon of a fully refunded order comes back (退款退券). */
  returnOnRefund: boolean('return_on_refund').notNull().default(false),
  status: mysqlEnum('status', TEMPLATE_STATUSES).notNull().default('ACTIVE'),
  createdBy: varchar('created_by', { length: 40 }).notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  index('coupon_templates_shop_idx').on(t.shopId, t.status, t.id),
  index('coupon_templates_centre_idx').on(t.status, t.claimable, t.claimEndsAt),
  check('coupon_templates_issued_within_total', sql`issued >= 0 AND issued <= total_quantity`),
  check('coupon_templates_used_within_issued', sql`used >= 0 AND used <= issued`),
]);

/** One coupon a member holds, made from a template; its validity fixed when it was issued. */
export const coupons = mysqlTable('coupons', {
  id: idColumn(),
  templateId: refColumn('template_id').notNull(),
  memberId: refColumn('member_id').notNull(),
  status: mysqlEnum('status', COUPON_STATUSES).notNull().default('UNUSED'),
  source: mysqlEnum('source', COUPON_SOURCES).notNull(),
  validFrom: timeColumn('valid_from').notNull(),
  validUntil: timeColumn('valid_until').notNull(),
  /** The order holding it (LOCKED) or that used it (USED): its reservation's owner. */
  orderNo: varchar('order_no', { length: 64 }),
  /** While LOCKED or USED: what it takes off its checkout, and what the orders it is used on cost. */
  discountAmount: amountColumn('discount_amount'),
  orderAmount: amountColumn('order_amount'),
  usedAt: timeColumn('used_at'),
  claimedAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  index('coupons_member_idx').on(t.memberId, t.status, t.id),
  index('coupons_template_member_idx').on(t.templateId, t.memberId),
]);

/**
 * Codes that give a template's coupon: single-use ones (generated in batches, each redeemed
 * once) or one shared code per template (each member redeems it within the template's
 * limits). Codes are unique across the mall.
 */
export const couponCodes = mysqlTable('coupon_codes', {
  id: idColumn(),
  templateId: refColumn('template_id').notNull(),
  code: varchar('code', { length: 32 }).notNull(),
  shared: boolean('shared').notNull().default(false),
  /** A single-use code's member, once redeemed. */
  redeemedBy: refColumn('redeemed_by'),
  redeemedAt: timeColumn('redeemed_at'),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('coupon_codes_code_uq').on(t.code), index('coupon_codes_template_idx').on(t.templateId, t.id)]);

/** A grant of a template's coupons to members by staff, once per idempotency key. */
export const couponGrants = mysqlTable('coupon_grants', {
  id: idColumn(),
  templateId: refColumn('template_id').notNull(),
  idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
  grantedBy: varchar('granted_by', { length: 40 }).notNull(),
  /** Members who got a coupon, and members skipped (at their limit). */
  granted: jsonColumn<string[]>('granted').notNull(),
  skipped: jsonColumn<string[]>('skipped').notNull(),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('coupon_grants_key_uq').on(t.templateId, t.idempotencyKey)]);

/** A tier of a full reduction (满 `threshold` 减 `amountOff`) or a full discount (满 `minQuantity` 件 `percentOff` percent off). */
export interface TierTerms {
  threshold?: number;
  amountOff?: number;
  minQuantity?: number;
  percentOff?: number;
}

/** A special price of one SKU (限时折扣), with the SKU's product (for product tags). */
export interface SkuSpecialPrice {
  skuId: string;
  productId: string;
  price: number;
}

/**
 * A shop's automatic promotion (no coupon): tiered full reduction (满100减10, 满200减25),
 * full discount by quantity (满2件9折) over a scope, or limited-time special prices per SKU
 * (限时折扣), each within a window. `budget` (null: none) caps what it may take off orders:
 * `held` is what unpaid orders reserved of it, `spent` what paid orders took; a reservation
 * is a conditional UPDATE keeping `held + spent` within the budget.
 */
export const activities = mysqlTable('activities', {
  id: idColumn(),
  shopId: refColumn('shop_id').notNull(),
  name: varchar('name', { length: 40 }).notNull(),
  description: varchar('description', { length: 200 }).notNull().default(''),
  kind: mysqlEnum('kind', ACTIVITY_KINDS).notNull(),
  /** FULL_REDUCTION and FULL_DISCOUNT: tiers, lowest first. */
  tiers: jsonColumn<TierTerms[]>('tiers').notNull(),
  /** SPECIAL_PRICE: the SKUs and their prices. */
  prices: jsonColumn<SkuSpecialPrice[]>('prices').notNull(),
  scope: mysqlEnum('scope', ACTIVITY_SCOPES).notNull().default('ALL'),
  scopeIds: jsonColumn<string[]>('scope_ids').notNull(),
  excludedProductIds: jsonColumn<string[]>('excluded_product_ids').notNull(),
  /** Lines it took from take no coupon (活动商品不可用券). */
  excludesCoupons: boolean('excludes_coupons').notNull().default(false),
  startsAt: timeColumn('starts_at').notNull(),
  endsAt: timeColumn('ends_at').notNull(),
  budget: amountColumn('budget'),
  held: amountColumn('held').notNull().default(0),
  spent: amountColumn('spent').notNull().default(0),
  /** Paid orders it took from. */
  orders: int('orders').notNull().default(0),
  status: mysqlEnum('status', TEMPLATE_STATUSES).notNull().default('ACTIVE'),
  createdBy: varchar('created_by', { length: 40 }).notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  index('activities_shop_idx').on(t.shopId, t.status, t.endsAt),
  check('activities_within_budget', sql`held >= 0 AND spent >= 0 AND (budget IS NULL OR held + spent <= budget)`),
]);

/**
 * A flash-sale session (秒杀场次), set by an admin: a window in which its approved SKUs sell
 * at their flash price. Visible before it starts (预热); members may ask to be reminded.
 */
export const flashSessions = mysqlTable('flash_sessions', {
  id: idColumn(),
  name: varchar('name', { length: 40 }).notNull(),
  startsAt: timeColumn('starts_at').notNull(),
  endsAt: timeColumn('ends_at').notNull(),
  /** Members who asked to be reminded (预约). */
  reminders: int('reminders').notNull().default(0),
  cancelled: boolean('cancelled').notNull().default(false),
  createdBy: varchar('created_by', { length: 40 }).notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [index('flash_sessions_time_idx').on(t.startsAt, t.endsAt)]);

/**
 * A SKU a merchant entered into a session: its flash price, how many units (taken from the
 * SKU's stock when an admin approves it, the unsold given back when the session ends) and
 * what one member may buy. The database is the truth of its units: `sold + held` never
 * passes `quantity` (a CHECK), remaining is `quantity − sold − held`; Redis is a gate
 * rebuilt from these figures.
 */
export const flashEntries = mysqlTable('flash_entries', {
  id: idColumn(),
  sessionId: refColumn('session_id').notNull(),
  shopId: refColumn('shop_id').notNull(),
  skuId: refColumn('sku_id').notNull(),
  productId: refColumn('product_id').notNull(),
  flashPrice: amountColumn('flash_price').notNull(),
  /** The SKU's price when it was entered (what the flash price is shown against). */
  listPrice: amountColumn('list_price').notNull(),
  quantity: int('quantity').notNull(),
  perMemberLimit: int('per_member_limit').notNull(),
  status: mysqlEnum('status', FLASH_ENTRY_STATUSES).notNull().default('PENDING'),
  /** Units of paid orders, and of orders waiting for payment (remaining: quantity − sold − held − refunded). */
  sold: int('sold').notNull().default(0),
  held: int('held').notNull().default(0),
  /** Units of paid orders refunded in full afterwards (back on the SKU's shelf). */
  refunded: int('refunded').notNull().default(0),
  /** Units of unpaid orders that came back (bought again, or returned at the end). */
  released: int('released').notNull().default(0),
  /** Paid amount of its orders (GMV), less refunds in full. */
  gmv: amountColumn('gmv').notNull().default(0),
  /** Attempts counted by the gate, copied when the session ends (live ones are in Redis). */
  attempts: int('attempts').notNull().default(0),
  /** Units given back to the SKU's stock when the session ended (null until it has). */
  returnedAtEnd: int('returned_at_end'),
  /** Units refunded before the session ended (taken off catalog's sales with the unsold at the end). */
  refundedAtEnd: int('refunded_at_end'),
  note: varchar('note', { length: 200 }),
  createdBy: varchar('created_by', { length: 40 }).notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('flash_entries_session_sku_uq').on(t.sessionId, t.skuId),
  index('flash_entries_sku_idx').on(t.skuId, t.status),
  index('flash_entries_shop_idx').on(t.shopId, t.id),
  check('flash_entries_units', sql`sold >= 0 AND held >= 0 AND refunded >= 0 AND sold + held + refunded <= quantity`),
]);

/**
 * A winner's units (a hold): taken in the gate and the database in one attempt, then its
 * order. HELD until order has placed it (ORDERED), PAID when paid, RELEASED when the order
 * ended unpaid (or could not be placed). One per member and idempotency key of an entry.
 */
export const flashHolds = mysqlTable('flash_holds', {
  id: idColumn(),
  entryId: refColumn('entry_id').notNull(),
  memberId: refColumn('member_id').notNull(),
  quantity: int('quantity').notNull(),
  idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
  addressId: refColumn('address_id'),
  /** The device the winning attempt came from (its `X-Device-Id`), for the per-device limit. */
  deviceId: varchar('device_id', { length: 64 }),
  status: mysqlEnum('status', FLASH_HOLD_STATUSES).notNull().default('HELD'),
  orderId: refColumn('order_id'),
  orderNo: varchar('order_no', { length: 32 }),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('flash_holds_key_uq').on(t.entryId, t.memberId, t.idempotencyKey),
  index('flash_holds_status_idx').on(t.status, t.updatedAt),
  index('flash_holds_order_idx').on(t.orderNo),
]);

/** A member's ask to be reminded of a session (预约). */
export const flashReminders = mysqlTable('flash_reminders', {
  sessionId: refColumn('session_id').notNull(),
  memberId: refColumn('member_id').notNull(),
  createdAt: createdAtColumn(),
}, (t) => [primaryKey({ columns: [t.sessionId, t.memberId] })]);

/**
 * A group buy (拼团) of one product of a shop: its SKUs' group prices, the team size, how long
 * a team has to fill from when it opens, what one member may buy and how many units the
 * activity sells in all (`used`: units of seats held or paid, under the activity's row lock,
 * never more than `quantity`). `virtualPercent`: a team whose time runs out with at least
 * this share of its seats paid succeeds as it is (虚拟成团; null: off).
 */
export const groupBuyActivities = mysqlTable('group_buy_activities', {
  id: idColumn(),
  shopId: refColumn('shop_id').notNull(),
  productId: refColumn('product_id').notNull(),
  name: varchar('name', { length: 40 }).notNull(),
  teamSize: int('team_size').notNull(),
  hours: int('hours').notNull(),
  perMemberLimit: int('per_member_limit').notNull(),
  quantity: int('quantity').notNull(),
  used: int('used').notNull().default(0),
  startsAt: timeColumn('starts_at').notNull(),
  endsAt: timeColumn('ends_at').notNull(),
  /** Coupons may be used on its orders (off: the group price is the whole discount). */
  allowCoupons: boolean('allow_coupons').notNull().default(false),
  virtualPercent: int('virtual_percent'),
  status: mysqlEnum('status', GROUP_ACTIVITY_STATUSES).notNull().default('ACTIVE'),
  createdBy: varchar('created_by', { length: 40 }).notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  index('group_buy_activities_product_idx').on(t.productId, t.status),
  index('group_buy_activities_shop_idx').on(t.shopId, t.id),
  check('group_buy_activities_units', sql`used >= 0 AND used <= quantity`),
]);

/** A SKU's price in a group buy, and the opener's (团长价; null: the group price). */
export const groupBuyPrices = mysqlTable('group_buy_prices', {
  activityId: refColumn('activity_id').notNull(),
  skuId: refColumn('sku_id').notNull(),
  price: amountColumn('price').notNull(),
  leaderPrice: amountColumn('leader_price'),
  /** The SKU's price when the activity was set (what the group price is shown against). */
  listPrice: amountColumn('list_price').notNull(),
}, (t) => [primaryKey({ columns: [t.activityId, t.skuId] }), index('group_buy_prices_sku_idx').on(t.skuId)]);

/**
 * A team: OPENING while its opener's order waits for payment (nobody may join yet), FORMING
 * once paid (its time runs from then: `expiresAt`), SUCCEEDED when every seat is paid (or
 * virtually, at the deadline), FAILED when time ran out, CANCELLED when the opener never paid.
 * `seatsTaken` counts seats held or paid (never more than `size`, under the team's row lock).
 */
export const groupBuyTeams = mysqlTable('group_buy_teams', {
  id: idColumn(),
  activityId: refColumn('activity_id').notNull(),
  productId: refColumn('product_id').notNull(),
  leaderMemberId: refColumn('leader_member_id').notNull(),
  size: int('size').notNull(),
  status: mysqlEnum('status', GROUP_TEAM_STATUSES).notNull().default('OPENING'),
  seatsTaken: int('seats_taken').notNull().default(0),
  seatsPaid: int('seats_paid').notNull().default(0),
  openedAt: timeColumn('opened_at'),
  expiresAt: timeColumn('expires_at'),
  endedAt: timeColumn('ended_at'),
  /** Succeeded at the deadline with seats left empty (虚拟成团). */
  virtual: boolean('virtual').notNull().default(false),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  index('group_buy_teams_open_idx').on(t.productId, t.status, t.expiresAt),
  index('group_buy_teams_activity_idx').on(t.activityId, t.status),
  check('group_buy_teams_seats', sql`seats_paid >= 0 AND seats_taken >= seats_paid AND seats_taken <= size`),
]);

/**
 * A member's seat in a team, taken by their order's checkout (`owner`: the order number):
 * HELD while the order waits for payment, PAID, RELEASED when it ended unpaid (or was
 * dropped at the deadline), REFUNDED when a paid order was refunded in full.
 */
export const groupBuySeats = mysqlTable('group_buy_seats', {
  id: idColumn(),
  teamId: refColumn('team_id').notNull(),
  activityId: refColumn('activity_id').notNull(),
  memberId: refColumn('member_id').notNull(),
  skuId: refColumn('sku_id').notNull(),
  quantity: int('quantity').notNull(),
  leader: boolean('leader').notNull().default(false),
  owner: varchar('owner', { length: 64 }).notNull(),
  status: mysqlEnum('status', GROUP_SEAT_STATUSES).notNull().default('HELD'),
  /** What its order paid (GMV), once paid. */
  paid: amountColumn('paid').notNull().default(0),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('group_buy_seats_owner_uq').on(t.owner),
  index('group_buy_seats_team_idx').on(t.teamId, t.status),
  index('group_buy_seats_member_idx').on(t.memberId, t.activityId, t.status),
]);

/** A checkout's coupons held for its orders: the kit's reservation tables (pool `coupon`, owner the checkout, resource the coupon id). */
export const { reservationHolds, reservationLines } = reservationTables;

/**
 * How points pay at checkout, set by an admin: one row (id 1); without it, 100 points are
 * ¥1 and pay at most half of the goods.
 */
export const pointsRules = mysqlTable('points_rules', {
  id: int('id').primaryKey(),
  pointsPerYuan: int('points_per_yuan').notNull(),
  maxSharePercent: int('max_share_percent').notNull(),
  updatedBy: varchar('updated_by', { length: 40 }).notNull(),
  updatedAt: updatedAtColumn(),
});

/**
 * The orders of a checkout holding coupons that ended unpaid (cancelled or expired): when
 * every order of the checkout has, its coupons go back. An order that ended is never paid,
 * so once all have, none was.
 */
export const endedOrders = mysqlTable('ended_orders', {
  owner: varchar('owner', { length: 64 }).notNull(),
  orderNo: varchar('order_no', { length: 64 }).notNull(),
  createdAt: createdAtColumn(),
}, (t) => [primaryKey({ columns: [t.owner, t.orderNo] })]);

/**
 * One region of a freight template: the provinces it covers (GB/T 2260 province codes; none
 * for the default region, everywhere no other region names), what the first `first` pieces
 * (or grams) cost, and what each further `extra` pieces (or grams) add. Fees in cents.
 */
export interface FreightRegion {
  provinceCodes: string[];
  first: number;
  firstFee: number;
  extra: number;
  extraFee: number;
}

/**
 * A shop's freight (运费模板), one per shop, set by its merchant: charged by piece or by
 * weight, region by region, free when the shop's goods after discounts reach
 * `freeThreshold` (满 X 包邮), never delivered to `undeliverable` provinces. Regions are
 * checked when written (exactly one default, a province in at most one region). A shop
 * without one pays the flat freight of the config.
 */
export const freightTemplates = mysqlTable('freight_templates', {
  id: idColumn(),
  shopId: refColumn('shop_id').notNull(),
  name: varchar('name', { length: 40 }).notNull(),
  chargeBy: mysqlEnum('charge_by', FREIGHT_CHARGE_BY).notNull(),
  regions: jsonColumn<FreightRegion[]>('regions').notNull(),
  /** Provinces it does not deliver to (不配送区域). */
  undeliverable: jsonColumn<string[]>('undeliverable').notNull(),
  /** 满 X 包邮: free when the shop's goods after discounts reach this many cents (null: never). */
  freeThreshold: amountColumn('free_threshold'),
  /** Who set it as it is now (setting it again replaces it). */
  createdBy: varchar('created_by', { length: 40 }).notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [
  uniqueIndex('freight_templates_shop_uq').on(t.shopId),
  check('freight_templates_free_threshold_positive', sql`free_threshold IS NULL OR free_threshold > 0`),
]);

export { jobs, outbox, parkedEvents, processedEvents };

export const promotionSchema = { groupBuyActivities, groupBuyPrices, groupBuyTeams, groupBuySeats, flashSessions, flashEntries, flashHolds, flashReminders, jobs, activities, couponTemplates, coupons, couponCodes, couponGrants, reservationHolds, reservationLines, endedOrders, pointsRules, freightTemplates, outbox, processedEvents, parkedEvents };
export type PromotionSchema = typeof promotionSchema;
export type CouponTemplateRow = typeof couponTemplates.$inferSelect;
export type CouponRow = typeof coupons.$inferSelect;
export type CouponCodeRow = typeof couponCodes.$inferSelect;
export type FreightTemplateRow = typeof freightTemplates.$inferSelect;
export type FreightChargeBy = (typeof FREIGHT_CHARGE_BY)[number];
/** A region as stored in a template's JSON (codegen's mapper name for `FreightRegion`). */
export type FreightRegionRow = FreightRegion;
export type CouponKind = (typeof COUPON_KINDS)[number];
export type CouponScope = (typeof COUPON_SCOPES)[number];
export type CouponSource = (typeof COUPON_SOURCES)[number];
export type ActivityRow = typeof activities.$inferSelect;
export type FlashSessionRow = typeof flashSessions.$inferSelect;
export type FlashEntryRow = typeof flashEntries.$inferSelect;
export type FlashHoldRow = typeof flashHolds.$inferSelect;
export type GroupBuyActivityRow = typeof groupBuyActivities.$inferSelect;
export type GroupBuyPriceRow = typeof groupBuyPrices.$inferSelect;
export type GroupBuyTeamRow = typeof groupBuyTeams.$inferSelect;
export type GroupBuySeatRow = typeof groupBuySeats.$inferSelect;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type ActivityScope = (typeof ACTIVITY_SCOPES)[number];
