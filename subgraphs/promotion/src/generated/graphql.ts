import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ActivityRow, FlashSessionRow, FlashEntryRow, FlashHoldRow, GroupBuyActivityRow, GroupBuyPriceRow, GroupBuyTeamRow, GroupBuySeatRow, TierTerms, SkuSpecialPrice, CouponTemplateRow, CouponRow, CouponCodeRow, FreightTemplateRow, FreightRegionRow } from '../db/schema.ts';
import type { FlashSessionFiguresView } from '../services/flashSessions.ts';
import type { GroupBuyFiguresView } from '../services/groupBuys.ts';
import type { FlashSaleView } from '../services/flashBuy.ts';
import type { OrderRef, MemberRef, ShopRef, SkuRef, ProductRef, PromotionContext } from '../context.ts';
import type { Connection } from '@mall/kit';
import type { SkuPromotionView } from '../services/skuPromotions.ts';
import type { QuoteView } from '../services/quote.ts';
import type { FreightEstimateView } from '../services/freightTemplates.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string | number; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * A whole number of cents (分, 1/100 yuan), exact up to ±9007199254740991: a JSON number,
   * wider than GraphQL's 32-bit `Int`, so the total of a large cart never overflows.
   */
  Cents: { input: number; output: number; }
  /** A point in time, as an ISO 8601 string in UTC (e.g. `2026-11-21T04:30:00.000Z`). */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: string; output: string; }
};

/**
 * A shop's automatic promotion: a full reduction, a full discount or special prices, within
 * a window and an optional budget. See the stacking table in docs/architecture.md.
 */
export type Activity = {
  __typename?: 'Activity';
  /** The most it may take off orders in all (its shop's merchant and admins; null for others, or when it has none). */
  budget: Maybe<Money>;
  /** What is left of the budget, less what unpaid orders hold (its shop's merchant and admins). */
  budgetLeft: Maybe<Money>;
  description: Scalars['String']['output'];
  /** What it took off paid orders (its shop's merchant and admins; null for others). */
  discountGiven: Maybe<Money>;
  endsAt: Scalars['DateTime']['output'];
  excludedProductIds: Array<Scalars['ID']['output']>;
  /** Lines it takes from take no coupon (活动商品不可用券). */
  excludesCoupons: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  kind: ActivityKind;
  /** Its short label (a product tag): its first tier, or 限时折扣. */
  label: Scalars['String']['output'];
  /** 2–40 characters. */
  name: Scalars['String']['output'];
  /** Paid orders it took from (its shop's merchant and admins; null for others). */
  orders: Maybe<Scalars['Int']['output']>;
  /** Active and within its window now. */
  running: Scalars['Boolean']['output'];
  scope: ActivityScope;
  scopeIds: Array<Scalars['ID']['output']>;
  shop: Shop;
  /** SPECIAL_PRICE. */
  specialPrices: Array<SpecialPrice>;
  startsAt: Scalars['DateTime']['output'];
  status: ActivityStatus;
  /** FULL_REDUCTION and FULL_DISCOUNT: lowest first. */
  tiers: Array<ActivityTier>;
};

export type ActivityConnection = {
  __typename?: 'ActivityConnection';
  edges: Array<ActivityEdge>;
  nodes: Array<Activity>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ActivityEdge = {
  __typename?: 'ActivityEdge';
  cursor: Scalars['String']['output'];
  node: Activity;
};

export type ActivityInput = {
  /** 1 cent to ¥100,000,000; none when omitted. */
  budget?: InputMaybe<Scalars['Cents']['input']>;
  /** Up to 200 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** After `startsAt`, in the future, within a year of `startsAt`. */
  endsAt: Scalars['DateTime']['input'];
  /** Up to 100 products the scope leaves out. */
  excludedProductIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** False when omitted. */
  excludesCoupons?: InputMaybe<Scalars['Boolean']['input']>;
  kind: ActivityKind;
  /** 2–40 characters. */
  name: Scalars['String']['input'];
  /** ALL when omitted (SPECIAL_PRICE: always its SKUs). */
  scope?: InputMaybe<ActivityScope>;
  /** 1–100 ids for CATEGORIES, PRODUCTS and SKUS. */
  scopeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The shop: a merchant's own (the default for merchants); required for admins. */
  shopId?: InputMaybe<Scalars['ID']['input']>;
  /** SPECIAL_PRICE: 1–200 SKUs, each once. */
  specialPrices?: InputMaybe<Array<SpecialPriceInput>>;
  /** Now when omitted. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** FULL_REDUCTION, FULL_DISCOUNT: 1–5 tiers, lowest first. */
  tiers?: InputMaybe<Array<ActivityTierInput>>;
};

/** What a shop activity does. Activities apply by themselves, without a coupon. */
export type ActivityKind =
  /** 满件折: tiers of `minQuantity` → `percentOff` over the pieces in scope (满2件9折); the highest tier reached applies. */
  | 'FULL_DISCOUNT'
  /** 满减: tiers of `threshold` → `amountOff` over the goods in scope (满100减10, 满200减25); the highest tier reached applies. */
  | 'FULL_REDUCTION'
  /** 限时折扣: special prices of SKUs. */
  | 'SPECIAL_PRICE';

/** What a FULL_REDUCTION or FULL_DISCOUNT activity covers (always within its shop). */
export type ActivityScope =
  /** The whole shop. */
  | 'ALL'
  /** Products in these categories and their subcategories. */
  | 'CATEGORIES'
  | 'PRODUCTS'
  | 'SKUS';

export type ActivityStatus =
  /** Prices carts between `startsAt` and `endsAt`. */
  | 'ACTIVE'
  /** Over for good. */
  | 'ENDED'
  /** Prices nothing for now. */
  | 'PAUSED';

export type ActivityTier = {
  __typename?: 'ActivityTier';
  /** …and this comes off. */
  amountOff: Maybe<Money>;
  /** 满100减10, 满2件9折. */
  label: Scalars['String']['output'];
  /** FULL_DISCOUNT: this many pieces in scope… */
  minQuantity: Maybe<Scalars['Int']['output']>;
  /** …take this percent off (10 is 打9折). */
  percentOff: Maybe<Scalars['Int']['output']>;
  /** FULL_REDUCTION: the goods in scope reach this… */
  threshold: Maybe<Money>;
};

export type ActivityTierInput = {
  /** FULL_REDUCTION: below its threshold, more than the tier before. */
  amountOff?: InputMaybe<Scalars['Cents']['input']>;
  /** FULL_DISCOUNT: 1–999, more than the tier before. */
  minQuantity?: InputMaybe<Scalars['Int']['input']>;
  /** FULL_DISCOUNT: 1–99, more than the tier before. */
  percentOff?: InputMaybe<Scalars['Int']['input']>;
  /** FULL_REDUCTION: 1 cent to ¥1,000,000, higher than the tier before. */
  threshold?: InputMaybe<Scalars['Cents']['input']>;
};

export type AppliedActivity = {
  __typename?: 'AppliedActivity';
  activity: Activity;
  /** What it took off the goods. */
  amount: Money;
  /** What to show, e.g. 已减 ¥10.00，再买 ¥12.00 可享 满200减25. */
  message: Scalars['String']['output'];
  /** nextTier: what the lines in scope still lack (FULL_REDUCTION)… */
  missing: Maybe<Money>;
  /** …or the pieces they lack (FULL_DISCOUNT). */
  missingQuantity: Maybe<Scalars['Int']['output']>;
  /** A higher tier within reach of this cart (null at the top tier). */
  nextTier: Maybe<ActivityTier>;
};

export type AppliedCoupon = {
  __typename?: 'AppliedCoupon';
  /** What it took off the goods, or the freight it waived. */
  amount: Money;
  coupon: Coupon;
};

/** A coupon a member holds. */
export type Coupon = {
  __typename?: 'Coupon';
  claimedAt: Scalars['DateTime']['output'];
  /** Coupon id. */
  id: Scalars['ID']['output'];
  source: CouponSource;
  status: CouponStatus;
  template: CouponTemplate;
  /** When it was spent (USED). */
  usedAt: Maybe<Scalars['DateTime']['output']>;
  /** Usable from… */
  validFrom: Scalars['DateTime']['output'];
  /** …until. */
  validUntil: Scalars['DateTime']['output'];
};

/** A code that gives a template's coupon (for its shop's merchant and admins). */
export type CouponCode = {
  __typename?: 'CouponCode';
  code: Scalars['String']['output'];
  /** A single-use code that has been redeemed. */
  redeemed: Scalars['Boolean']['output'];
  redeemedAt: Maybe<Scalars['DateTime']['output']>;
  /** One code every member may redeem (within the template's limits), or a single-use one. */
  shared: Scalars['Boolean']['output'];
};

export type CouponCodeConnection = {
  __typename?: 'CouponCodeConnection';
  edges: Array<CouponCodeEdge>;
  nodes: Array<CouponCode>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CouponCodeEdge = {
  __typename?: 'CouponCodeEdge';
  cursor: Scalars['String']['output'];
  node: CouponCode;
};

export type CouponConnection = {
  __typename?: 'CouponConnection';
  edges: Array<CouponEdge>;
  nodes: Array<Coupon>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CouponEdge = {
  __typename?: 'CouponEdge';
  cursor: Scalars['String']['output'];
  node: Coupon;
};

/** What a grant of coupons to members did. */
export type CouponGrant = {
  __typename?: 'CouponGrant';
  /** Members who were given a coupon. */
  grantedMemberIds: Array<Scalars['ID']['output']>;
  /** Members left out: they hold as many as one member may. */
  skippedMemberIds: Array<Scalars['ID']['output']>;
};

/** What a coupon takes off. */
export type CouponKind =
  /** 满 X 减 Y: `amountOff` off goods of at least `threshold` (a threshold of 0: no threshold). */
  | 'AMOUNT_OFF'
  /** 包邮: the freight of the order is free when its goods reach `threshold`. */
  | 'FREE_SHIPPING'
  /** 满 X 打 N 折: `percentOff` percent off goods of at least `threshold`, at most `maxOff` (10 percent off is 打9折). */
  | 'PERCENT_OFF';

/** What a coupon applies to. A shop's coupon never applies beyond its shop. */
export type CouponScope =
  /** Everything its owner sells: the whole mall for a platform coupon, the shop for a shop's. */
  | 'ALL'
  /** Products in these categories and their subcategories. */
  | 'CATEGORIES'
  /** These products. */
  | 'PRODUCTS'
  /** One shop's goods (`scopeIds` holds the shop; platform coupons only). */
  | 'SHOP'
  /** These SKUs. */
  | 'SKUS';

/** How a member came to hold a coupon. */
export type CouponSource =
  /** Claimed in the coupon centre. */
  | 'CLAIM'
  /** Redeemed with a code. */
  | 'CODE'
  /** Given by the mall on an event (a welcome coupon, a coupon after an order). */
  | 'EVENT'
  /** Granted by an admin or the shop's merchant. */
  | 'GRANT';

export type CouponStatus =
  /** Its validity ended before it was used. */
  | 'EXPIRED'
  /** Held by an order waiting for payment: spent when it is paid, back to UNUSED when it is not. */
  | 'LOCKED'
  /** Held and usable within its validity. */
  | 'UNUSED'
  /** Spent on an order. */
  | 'USED';

/**
 * A kind of coupon: what it takes off, what it applies to, how long a claimed one lasts and
 * how many may be issued. Platform coupons are the admins'; a shop's coupons are its merchant's.
 */
export type CouponTemplate = {
  __typename?: 'CouponTemplate';
  /** Given to a member once an order of theirs is settled (completed, its after-sale window closed) having finally paid at least `afterOrderMinAmount`, while it is active and in its claim window: any shop's order for a platform coupon, its shop's orders for a shop's (返券). */
  afterOrder: Scalars['Boolean']['output'];
  /** afterOrder: the least the order must have cost (0: any order). */
  afterOrderMinAmount: Money;
  /** AMOUNT_OFF: what it takes off. */
  amountOff: Maybe<Money>;
  /** Whether the calling member may claim one now; null for anyone but a member. */
  canClaim: Maybe<Scalars['Boolean']['output']>;
  /** …until. */
  claimEndsAt: Scalars['DateTime']['output'];
  /** Members may claim it from… */
  claimStartsAt: Scalars['DateTime']['output'];
  /** Listed in the coupon centre for members to claim. */
  claimable: Scalars['Boolean']['output'];
  /** How many the calling member holds (0 for anyone else). */
  claimedByMe: Scalars['Int']['output'];
  /** A line for the coupon card, up to 200 characters. */
  description: Scalars['String']['output'];
  /** What its coupons took off paid orders (its shop's merchant and admins; null for others). */
  discountGiven: Maybe<Money>;
  /** Products the scope leaves out. */
  excludedProductIds: Array<Scalars['ID']['output']>;
  /** Template id. */
  id: Scalars['ID']['output'];
  /** How many have been issued. */
  issued: Scalars['Int']['output'];
  kind: CouponKind;
  /** PERCENT_OFF: the most it takes off; null for no cap. */
  maxOff: Maybe<Money>;
  /** Its name (2–40 characters), e.g. 满200减25. */
  name: Scalars['String']['output'];
  /** What the paid orders that used its coupons cost, the sales it drove (its shop's merchant and admins; null for others). */
  orderAmount: Maybe<Money>;
  /** How many one member may claim. */
  perMemberLimit: Scalars['Int']['output'];
  /** How many one member may use (null: as many as they hold). */
  perMemberUseLimit: Maybe<Scalars['Int']['output']>;
  /** PERCENT_OFF: percent off, 1–99 (10 is 打9折). */
  percentOff: Maybe<Scalars['Int']['output']>;
  /** How many are still to be issued. */
  remaining: Scalars['Int']['output'];
  /** A coupon of a fully refunded order comes back to its member (退款退券). */
  returnOnRefund: Scalars['Boolean']['output'];
  scope: CouponScope;
  /** The shop, categories, products or SKUs of the scope (empty for ALL). */
  scopeIds: Array<Scalars['ID']['output']>;
  /** The shop whose coupon it is; null for a platform coupon. */
  shop: Maybe<Shop>;
  status: CouponTemplateStatus;
  /** The goods in scope must reach this; 0 for no threshold. */
  threshold: Money;
  /** How many may be issued in all. */
  totalQuantity: Scalars['Int']['output'];
  /** How many have been spent on paid orders. */
  used: Scalars['Int']['output'];
  /** Or: a claimed coupon is usable this many days from its claim. */
  validDays: Maybe<Scalars['Int']['output']>;
  /** A fixed validity: coupons are usable from then… */
  validFrom: Maybe<Scalars['DateTime']['output']>;
  /** …until then. */
  validUntil: Maybe<Scalars['DateTime']['output']>;
  /** Given to every member when they register, while it is active and in its claim window (a welcome coupon). */
  welcome: Scalars['Boolean']['output'];
};

export type CouponTemplateConnection = {
  __typename?: 'CouponTemplateConnection';
  edges: Array<CouponTemplateEdge>;
  nodes: Array<CouponTemplate>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CouponTemplateEdge = {
  __typename?: 'CouponTemplateEdge';
  cursor: Scalars['String']['output'];
  node: CouponTemplate;
};

/** A new coupon template. Exactly one validity: `validFrom` and `validUntil`, or `validDays`. */
export type CouponTemplateInput = {
  /** Give it to a member when an order of theirs is settled (返券); false when omitted. Such a template is not `claimable` unless said so. */
  afterOrder?: InputMaybe<Scalars['Boolean']['input']>;
  /** afterOrder: the least the order must finally have paid, 0 (the default) to 100,000,000 cents. */
  afterOrderMinAmount?: InputMaybe<Scalars['Cents']['input']>;
  /** AMOUNT_OFF (required): 1 cent up to ¥1,000,000, and below a threshold that is not 0. */
  amountOff?: InputMaybe<Scalars['Cents']['input']>;
  /** `validUntil` (or 30 days from `claimStartsAt`) when omitted; within a year of `claimStartsAt`. */
  claimEndsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Now when omitted. */
  claimStartsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** True when omitted. */
  claimable?: InputMaybe<Scalars['Boolean']['input']>;
  /** Up to 200 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Up to 100 products the scope leaves out. */
  excludedProductIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  kind: CouponKind;
  /** PERCENT_OFF: the most it takes off, 1 cent up to ¥1,000,000. */
  maxOff?: InputMaybe<Scalars['Cents']['input']>;
  /** 2–40 characters. */
  name: Scalars['String']['input'];
  /** 1–100; 1 when omitted. */
  perMemberLimit?: InputMaybe<Scalars['Int']['input']>;
  /** How many of its coupons one member may use, 1–100 and at most `perMemberLimit`; no limit but what they hold when omitted. */
  perMemberUseLimit?: InputMaybe<Scalars['Int']['input']>;
  /** PERCENT_OFF (required): 1–99. */
  percentOff?: InputMaybe<Scalars['Int']['input']>;
  /** False when omitted. */
  returnOnRefund?: InputMaybe<Scalars['Boolean']['input']>;
  /** ALL when omitted. */
  scope?: InputMaybe<CouponScope>;
  /** 1–100 ids for SHOP (exactly one), CATEGORIES, PRODUCTS and SKUS; none for ALL. */
  scopeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The shop it is for: a merchant's own (required for merchants); omitted by an admin for a platform coupon. */
  shopId?: InputMaybe<Scalars['ID']['input']>;
  /** The goods in scope must reach this, 0 (the default) to 100,000,000 cents. */
  threshold?: InputMaybe<Scalars['Cents']['input']>;
  /** 1–10,000,000. */
  totalQuantity: Scalars['Int']['input'];
  /** 1–365. */
  validDays?: InputMaybe<Scalars['Int']['input']>;
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
  /** Give it to every new member when they register (a welcome coupon); false when omitted. */
  welcome?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CouponTemplateStatus =
  /** Members may claim it (in its claim window) and use the coupons they hold. */
  | 'ACTIVE'
  /** Over for good: nobody may claim it again. */
  | 'ENDED'
  /** Nobody may claim it for now; coupons already held stay usable. */
  | 'PAUSED';

/** What may change on a template once its coupons are out; omitted fields stay as they are. */
export type CouponTemplateUpdateInput = {
  /** A later or earlier end of claiming: in the future, within a year of `claimStartsAt`, not after a fixed `validUntil`. */
  claimEndsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Listed in the coupon centre. */
  claimable?: InputMaybe<Scalars['Boolean']['input']>;
  /** Up to 200 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 2–40 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** 1–10,000,000, and at least as many as have been issued. */
  totalQuantity?: InputMaybe<Scalars['Int']['input']>;
};

export type CreateFlashSessionsInput = {
  /** One a day at the same time for this many days, 1–31 (1 when omitted). */
  days?: InputMaybe<Scalars['Int']['input']>;
  /** How long each lasts, 1–1,440 minutes. */
  minutes: Scalars['Int']['input'];
  /** 2–40 characters, e.g. 10点场. */
  name: Scalars['String']['input'];
  /** The first session's start, in the future. */
  startsAt: Scalars['DateTime']['input'];
};

/** What took a part of a line's price. */
export type DiscountSource =
  /** A shop activity (special price, full reduction, full discount). */
  | 'ACTIVITY'
  | 'COUPON'
  /** A group buy's price (拼团价, or the opener's 团长价). */
  | 'GROUP_BUY'
  | 'MEMBER_LEVEL'
  /** Points spent (积分抵扣). */
  | 'POINTS';

/** A SKU in a session at its flash price. */
export type FlashEntry = {
  __typename?: 'FlashEntry';
  /** Its figures (its shop's merchant and admins; null for others). */
  figures: Maybe<FlashEntryFigures>;
  /** What one unit costs in the flash sale. */
  flashPrice: Money;
  id: Scalars['ID']['output'];
  /** The SKU's price when it was entered. */
  listPrice: Money;
  /** An admin's note (why it was rejected). */
  note: Maybe<Scalars['String']['output']>;
  /** Units one member may buy. */
  perMemberLimit: Scalars['Int']['output'];
  /** Units in the sale. */
  quantity: Scalars['Int']['output'];
  /** Units still to be had now (units of unpaid orders come back when those end). */
  remaining: Scalars['Int']['output'];
  session: FlashSession;
  shop: Shop;
  sku: Sku;
  soldOut: Scalars['Boolean']['output'];
  status: FlashEntryStatus;
};

export type FlashEntryFigures = {
  __typename?: 'FlashEntryFigures';
  /** Attempts the gate counted (refused ones included). */
  attempts: Scalars['Int']['output'];
  /** What paid orders paid, less full refunds. */
  gmv: Money;
  /** Units of orders waiting for payment. */
  held: Scalars['Int']['output'];
  /** Units of paid orders refunded in full. */
  refunded: Scalars['Int']['output'];
  /** Units of unpaid orders that came back. */
  released: Scalars['Int']['output'];
  /** Units given back to the SKU's stock when the session ended. */
  returnedAtEnd: Maybe<Scalars['Int']['output']>;
  /** Units of paid orders. */
  sold: Scalars['Int']['output'];
  /** Holds won (one per winning attempt). */
  winners: Scalars['Int']['output'];
};

export type FlashEntryInput = {
  /** 1 cent and below the SKU's price. */
  flashPrice: Scalars['Cents']['input'];
  /** Units one member may buy, 1–99 (1 when omitted). */
  perMemberLimit?: InputMaybe<Scalars['Int']['input']>;
  /** Units taken from the SKU's stock when approved, 1–100,000. */
  quantity: Scalars['Int']['input'];
  sessionId: Scalars['ID']['input'];
  /** A SKU of the merchant's shop. */
  skuId: Scalars['ID']['input'];
};

export type FlashEntryStatus =
  /** Its units are taken from the SKU's stock and sell in the session. */
  | 'APPROVED'
  /** Its session ended: the unsold units went back to the SKU's stock. */
  | 'ENDED'
  /** Entered by its merchant, waiting for an admin. */
  | 'PENDING'
  | 'REJECTED';

/** A winner's units of a flash sale and their order. */
export type FlashHold = {
  __typename?: 'FlashHold';
  entry: FlashEntry;
  id: Scalars['ID']['output'];
  /** The order (pay it within its window: 5 minutes by default). */
  order: Maybe<Order>;
  orderNo: Maybe<Scalars['String']['output']>;
  quantity: Scalars['Int']['output'];
  status: FlashHoldStatus;
};

export type FlashHoldStatus =
  /** Won; the order is being placed (send the same request again to get it). */
  | 'HELD'
  /** The order is placed and waits for payment. */
  | 'ORDERED'
  | 'PAID'
  /** The order ended unpaid (or could not be placed): its units went back. */
  | 'RELEASED';

/** A SKU's flash sale as its product page shows it. */
export type FlashSale = {
  __typename?: 'FlashSale';
  endsAt: Scalars['DateTime']['output'];
  entry: FlashEntry;
  price: Money;
  remaining: Scalars['Int']['output'];
  session: FlashSession;
  startsAt: Scalars['DateTime']['output'];
};

/** A flash-sale session (秒杀场次): a window in which its approved SKUs sell at their flash price. */
export type FlashSession = {
  __typename?: 'FlashSession';
  endsAt: Scalars['DateTime']['output'];
  /** Its approved SKUs (everyone); admins also see pending and rejected ones. */
  entries: Array<FlashEntry>;
  /** Its figures, summed over its approved and ended SKUs: all of them for admins, their shop's for a merchant (null for others). */
  figures: Maybe<FlashSessionFigures>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Whether the calling member asked to be reminded. */
  remindedByMe: Scalars['Boolean']['output'];
  /** Members who asked to be reminded (预约). */
  reminders: Scalars['Int']['output'];
  /** Seconds until it starts (0 once it has), for the countdown. */
  secondsToStart: Scalars['Int']['output'];
  startsAt: Scalars['DateTime']['output'];
  status: FlashSessionStatus;
};

/** A session's figures for operators: its SKUs' figures added up. */
export type FlashSessionFigures = {
  __typename?: 'FlashSessionFigures';
  /** Attempts the gate counted (refused ones included). */
  attempts: Scalars['Int']['output'];
  /** SKUs summed. */
  entries: Scalars['Int']['output'];
  /** What paid orders paid, less full refunds. */
  gmv: Money;
  /** Units of orders waiting for payment. */
  held: Scalars['Int']['output'];
  /** Units in the sale. */
  quantity: Scalars['Int']['output'];
  /** Units of paid orders refunded in full. */
  refunded: Scalars['Int']['output'];
  /** Units of unpaid orders that came back. */
  released: Scalars['Int']['output'];
  /** Units still to be had now. */
  remaining: Scalars['Int']['output'];
  /** Units given back to the SKUs' stock when the session ended (null before). */
  returnedAtEnd: Maybe<Scalars['Int']['output']>;
  /** Units of paid orders. */
  sold: Scalars['Int']['output'];
  /** Holds won (one per winning attempt). */
  winners: Scalars['Int']['output'];
};

export type FlashSessionStatus =
  | 'CANCELLED'
  | 'ENDED'
  | 'RUNNING'
  /** Not started: shown with a countdown (预热). */
  | 'UPCOMING';

/** How a freight template counts a parcel. */
export type FreightChargeBy =
  /** By pieces: `first` and `extra` are pieces. */
  | 'PIECE'
  /** By weight: `first` and `extra` are grams (each SKU's `weightGrams` times its quantity). */
  | 'WEIGHT';

/** The freight of one shop's parcel (运费估算 on a product page). */
export type FreightEstimate = {
  __typename?: 'FreightEstimate';
  /** False when the shop does not deliver to the province. */
  deliverable: Scalars['Boolean']['output'];
  /** What it costs to ship (0 when free or not deliverable). */
  fee: Money;
  /** Why it ships free; null when it costs `fee`. */
  free: Maybe<FreightFreeReason>;
};

/** Why a parcel ships free. */
export type FreightFreeReason =
  /** The goods reach the template's `freeThreshold` (满 X 包邮). */
  | 'THRESHOLD';

/**
 * One region of a freight template: `firstFee` for up to `first` pieces (or grams), then
 * `extraFee` for every started `extra` pieces (or grams) beyond.
 */
export type FreightRegion = {
  __typename?: 'FreightRegion';
  /** Pieces (or grams) of each further step. */
  extra: Scalars['Int']['output'];
  /** What each further step adds. */
  extraFee: Money;
  /** Pieces (or grams) the first fee covers. */
  first: Scalars['Int']['output'];
  firstFee: Money;
  /** Province codes (GB/T 2260, e.g. 440000) it covers; empty for the default region, everywhere no other region names. */
  provinceCodes: Array<Scalars['String']['output']>;
};

/** One region of a new freight template. Fees in cents. */
export type FreightRegionInput = {
  /** 1–100,000 pieces (or grams). */
  extra: Scalars['Int']['input'];
  /** 0–1,000,000 cents. */
  extraFee: Scalars['Cents']['input'];
  /** 1–100,000 pieces (or grams). */
  first: Scalars['Int']['input'];
  /** 0–1,000,000 cents. */
  firstFee: Scalars['Cents']['input'];
  /** Province codes such as 440000, each in at most one region; empty for the default region (exactly one). */
  provinceCodes: Array<Scalars['String']['input']>;
};

/**
 * A shop's freight (运费模板), one per shop. A shop without one charges the mall's flat
 * freight on every order.
 */
export type FreightTemplate = {
  __typename?: 'FreightTemplate';
  chargeBy: FreightChargeBy;
  /** 满 X 包邮: the shop's order ships free when its goods after discounts reach this; null for never. */
  freeThreshold: Maybe<Money>;
  /** Template id (it stays the same when the template is set again). */
  id: Scalars['ID']['output'];
  /** Its name, 2–40 characters. */
  name: Scalars['String']['output'];
  /** Its regions, the default one among them. */
  regions: Array<FreightRegion>;
  /** The shop whose orders it prices. */
  shop: Shop;
  /** Province codes it does not deliver to (不配送区域). */
  undeliverable: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

/** A shop's freight template; setting it again replaces the one before. */
export type FreightTemplateInput = {
  chargeBy: FreightChargeBy;
  /** 满 X 包邮: 1 to 100,000,000 cents; null (the default) for never. */
  freeThreshold?: InputMaybe<Scalars['Cents']['input']>;
  /** 2–40 characters. */
  name: Scalars['String']['input'];
  /** 1–40 regions, exactly one of them the default (no provinceCodes). */
  regions: Array<FreightRegionInput>;
  /** Province codes it does not deliver to, none of them in a region; none when omitted. */
  undeliverable?: InputMaybe<Array<Scalars['String']['input']>>;
};

/**
 * A group buy (拼团) of one product of a shop: a team of `teamSize` members buying at the group
 * price fills within `hours` of its opener paying, or everyone is refunded.
 */
export type GroupBuy = {
  __typename?: 'GroupBuy';
  /** Whether coupons may be used on its orders (off: the group price is the whole discount; shop activities never apply to it). */
  allowCoupons: Scalars['Boolean']['output'];
  endsAt: Scalars['DateTime']['output'];
  /** Its figures (its shop's merchant and admins; null for others). */
  figures: Maybe<GroupBuyFigures>;
  /** Hours a team has to fill, from when its opener pays (joining never extends it). */
  hours: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Units one member may buy in it, all their teams together. */
  perMemberLimit: Scalars['Int']['output'];
  product: Product;
  /** Units it sells in all. */
  quantity: Scalars['Int']['output'];
  /** Units still to be had (seats of unpaid orders come back when those end). */
  remaining: Scalars['Int']['output'];
  /** Whether it sells now (ACTIVE, inside its window). */
  running: Scalars['Boolean']['output'];
  shop: Shop;
  /** Its SKUs and their prices. */
  skus: Array<GroupBuySku>;
  /** New teams open from then until `endsAt`; a team that opened runs its hours to the end, past `endsAt` too. */
  startsAt: Scalars['DateTime']['output'];
  status: GroupBuyStatus;
  /** Members a team needs, its opener included (2–50). */
  teamSize: Scalars['Int']['output'];
  /** 虚拟成团: a team whose time runs out with at least this share (percent) of its seats paid succeeds as it is; null when off (the default). */
  virtualPercent: Maybe<Scalars['Int']['output']>;
};

export type GroupBuyFigures = {
  __typename?: 'GroupBuyFigures';
  /** What paid seats paid, less full refunds. */
  gmv: Money;
  /** What went back to buyers in full refunds (failed teams, refunds before shipping). */
  refunded: Money;
  /** Seats paid and not refunded. */
  seatsPaid: Scalars['Int']['output'];
  teamsFailed: Scalars['Int']['output'];
  teamsForming: Scalars['Int']['output'];
  /** Teams whose opener paid. */
  teamsOpened: Scalars['Int']['output'];
  teamsSucceeded: Scalars['Int']['output'];
  /** Of those, teams that succeeded at their deadline with seats left empty (虚拟成团). */
  teamsSucceededVirtually: Scalars['Int']['output'];
};

export type GroupBuyInput = {
  /** Let coupons be used on its orders (off when omitted). */
  allowCoupons?: InputMaybe<Scalars['Boolean']['input']>;
  endsAt: Scalars['DateTime']['input'];
  /** 1–72. */
  hours: Scalars['Int']['input'];
  name: Scalars['String']['input'];
  /** 1–99; 1 when omitted. */
  perMemberLimit?: InputMaybe<Scalars['Int']['input']>;
  /** Units it sells in all. */
  quantity: Scalars['Int']['input'];
  /** SKUs of one product of the caller's shop (1–50). */
  skus: Array<GroupBuySkuInput>;
  /** Now when omitted. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** 2–50. */
  teamSize: Scalars['Int']['input'];
  /** Turn virtual completion on: a team whose time runs out with at least this share (1–99 percent) of its seats paid succeeds as it is. */
  virtualPercent?: InputMaybe<Scalars['Int']['input']>;
};

export type GroupBuyQuoteInput = {
  /** The team to join; omitted: opening a team (the opener's price). */
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** A member's seat in a team, and its order. */
export type GroupBuySeat = {
  __typename?: 'GroupBuySeat';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  leader: Scalars['Boolean']['output'];
  /** Its order's number. */
  orderNo: Scalars['String']['output'];
  quantity: Scalars['Int']['output'];
  sku: Sku;
  status: GroupBuySeatStatus;
  team: GroupBuyTeam;
};

export type GroupBuySeatStatus =
  /** Its order waits for payment. */
  | 'HELD'
  | 'PAID'
  /** Its order was refunded in full. */
  | 'REFUNDED'
  /** Its order ended unpaid (or was dropped when the team's time ran out). */
  | 'RELEASED';

export type GroupBuySku = {
  __typename?: 'GroupBuySku';
  /** What the opener pays (团长价); null: the group price. */
  leaderPrice: Maybe<Money>;
  /** The SKU's price when the group buy was set. */
  listPrice: Money;
  /** What one unit costs in a team. */
  price: Money;
  sku: Sku;
};

export type GroupBuySkuInput = {
  /** Cents the opener pays (团长价), at most `price`; omitted: `price`. */
  leaderPrice?: InputMaybe<Scalars['Cents']['input']>;
  /** Cents, below the SKU's price. */
  price: Scalars['Cents']['input'];
  skuId: Scalars['ID']['input'];
};

export type GroupBuyStatus =
  /** New teams open within its window. */
  | 'ACTIVE'
  /** Over for good: no new teams; teams forming still run to their end. */
  | 'ENDED'
  /** No new teams for now; teams forming keep their time, take joins and end as they would. */
  | 'PAUSED';

/** A team of a group buy, as its share page shows it (public). */
export type GroupBuyTeam = {
  __typename?: 'GroupBuyTeam';
  /** It succeeded at its deadline with seats left empty (虚拟成团). */
  completedVirtually: Scalars['Boolean']['output'];
  /** When its time runs out (null before its opener paid). */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  groupBuy: GroupBuy;
  id: Scalars['ID']['output'];
  /** Members who paid, opener first. */
  members: Array<GroupBuyTeamMember>;
  /** The group price (its group buy's lowest). */
  price: Money;
  product: Product;
  /** Seats still to be taken (an OPENING team takes them once its opener paid; 0 once it ended). */
  seatsLeft: Scalars['Int']['output'];
  seatsPaid: Scalars['Int']['output'];
  /** Seats taken (paid, or held by an order waiting for payment). */
  seatsTaken: Scalars['Int']['output'];
  /** Seconds left, for the countdown (0 when over or not started). */
  secondsLeft: Scalars['Int']['output'];
  /** Members it needs, its opener included. */
  size: Scalars['Int']['output'];
  status: GroupBuyTeamStatus;
};

export type GroupBuyTeamMember = {
  __typename?: 'GroupBuyTeamMember';
  joinedAt: Scalars['DateTime']['output'];
  /** The team's opener (团长). */
  leader: Scalars['Boolean']['output'];
  /** The member (their nickname and avatar are public). */
  member: Member;
};

export type GroupBuyTeamStatus =
  /** Its opener never paid. */
  | 'CANCELLED'
  /** Its time ran out: every paid order is refunded in full. */
  | 'FAILED'
  /** Taking seats until it is full or its time runs out. */
  | 'FORMING'
  /** Its opener's order waits for payment: nobody may join yet, and its time has not started. */
  | 'OPENING'
  /** Every seat paid (or virtually, at its deadline): its orders ship. */
  | 'SUCCEEDED';

/** A part of a line's price taken off, by one promotion. */
export type LineDiscount = {
  __typename?: 'LineDiscount';
  /** The activity (ACTIVITY). */
  activity: Maybe<Activity>;
  amount: Money;
  /** The coupon (COUPON). */
  coupon: Maybe<Coupon>;
  /** What to show: the activity's or coupon's name, or the member level. */
  label: Scalars['String']['output'];
  source: DiscountSource;
};

/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type Member = {
  __typename?: 'Member';
  /** The member's coupons, newest first (the member themself and admins); all of them when `status` is omitted. */
  coupons: CouponConnection;
  /** Member id. */
  id: Scalars['ID']['output'];
};


/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type MemberCouponsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CouponStatus>;
};

/** An amount of money. Always integer minor units (分 for CNY): ¥12.34 is `amount: 1234`. */
export type Money = {
  __typename?: 'Money';
  /** Integer amount in minor units (分). */
  amount: Scalars['Cents']['output'];
  /** ISO 4217 currency code; the mall trades in CNY. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Claim a coupon in the coupon centre (MEMBER). When it cannot be claimed now: CONFLICT with `reason` NOT_STARTED (its claim window has not opened), CLAIM_ENDED (closed, paused or ended), SOLD_OUT (all issued) or LIMIT_REACHED (the member holds as many as one member may claim). */
  claimCoupon: Coupon;
  /** Create a shop activity (a merchant for their shop, an admin for any). ACTIVE at once; it prices carts from `startsAt`. */
  createActivity: Activity;
  /** Create a coupon template (a merchant for their shop, an admin for any shop or the platform). It is ACTIVE at once. */
  createCouponTemplate: CouponTemplate;
  /** Create a flash-sale session, or one a day for `days` days (ADMIN). */
  createFlashSessions: Array<FlashSession>;
  /** Set a group buy on SKUs of one product of one's shop (MERCHANT, or ADMIN). CONFLICT OVERLAPPING_GROUP_BUY when a SKU is in another group buy at the same time. */
  createGroupBuy: GroupBuy;
  /** Approve (its units taken from the SKU's stock; CONFLICT OUT_OF_STOCK when there are fewer) or reject (with a note) an entry (ADMIN). */
  decideFlashEntry: FlashEntry;
  /** Enter a SKU of one's shop into an upcoming session (MERCHANT, or ADMIN): PENDING until an admin decides. CONFLICT OVERLAPPING_SESSION when the SKU is in another session at the same time, SESSION_STARTED once it has started. */
  enterFlashSale: FlashEntry;
  /** Buy units of a flash sale (MEMBER). Refused at once by the gate: CONFLICT SOLD_OUT, LIMIT_REACHED, NOT_STARTED or ENDED; FORBIDDEN TOO_MANY_ATTEMPTS for a burst. A winner gets the order at the flash price (to `addressId`, or the default address), to pay within its window. Sent again with the same `idempotencyKey` (8–100 characters) it answers the same hold; SERVICE_UNAVAILABLE FLASH_ORDER_PENDING means: send it again. */
  flashBuy: FlashHold;
  /** Generate 1–1,000 single-use codes for a template (its shop's merchant, admins); a template has at most `totalQuantity` of them. Answers the new codes. */
  generateCouponCodes: Array<Scalars['String']['output']>;
  /** Give one coupon of a template to each of 1–500 members (its shop's merchant, admins), once per `idempotencyKey`; members at their limit are skipped. CONFLICT SOLD_OUT, giving none, when fewer are left than members to give. */
  grantCoupons: CouponGrant;
  /** Redeem a code (MEMBER): NOT_FOUND for a code that does not exist; CONFLICT CODE_USED for a single-use code already redeemed, or a claim refusal reason (not `claimable` templates too); FORBIDDEN TOO_MANY_ATTEMPTS after 10 unknown codes in a minute. */
  redeemCouponCode: Coupon;
  /** Ask to be reminded of a session (MEMBER, 预约); once per member. */
  remindFlashSession: FlashSession;
  /** Remove a shop's freight template (its merchant, admins): its orders pay the flat freight again. False when it had none. */
  removeFreightTemplate: Scalars['Boolean']['output'];
  /** Pause, resume or end an activity (its shop's merchant, admins). Orders already placed keep their price. */
  setActivityStatus: Activity;
  /** Pause, resume or end a template (its shop's merchant, admins). An ended one stays ended. */
  setCouponTemplateStatus: CouponTemplate;
  /** Set a shop's freight template (its merchant, admins), replacing the one it had. */
  setFreightTemplate: FreightTemplate;
  /** Pause, resume or end a group buy (its shop's merchant, admins): no new teams while paused or once ended; teams forming keep their time, joins and outcome. */
  setGroupBuyStatus: GroupBuy;
  /** Set how points pay at checkout (ADMIN); quotes and checkouts use it at once. */
  setPointsRule: PointsRule;
  /** Set a template's one shared code, 4–32 letters, digits or dashes (kept upper-case); CONFLICT CODE_TAKEN when another template has it. */
  setSharedCouponCode: CouponCode;
  /** New terms for an activity that has not started (its shop's merchant, admins); CONFLICT ACTIVITY_STARTED once it has. */
  updateActivity: Activity;
  /** Change a template's name, description, total, claim end or listing (its shop's merchant, admins); the coupons' terms never change once issued. CONFLICT once it has ended. */
  updateCouponTemplate: CouponTemplate;
};


export type MutationClaimCouponArgs = {
  templateId: Scalars['ID']['input'];
};


export type MutationCreateActivityArgs = {
  input: ActivityInput;
};


export type MutationCreateCouponTemplateArgs = {
  input: CouponTemplateInput;
};


export type MutationCreateFlashSessionsArgs = {
  input: CreateFlashSessionsInput;
};


export type MutationCreateGroupBuyArgs = {
  input: GroupBuyInput;
};


export type MutationDecideFlashEntryArgs = {
  approve: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationEnterFlashSaleArgs = {
  input: FlashEntryInput;
};


export type MutationFlashBuyArgs = {
  addressId?: InputMaybe<Scalars['ID']['input']>;
  entryId: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationGenerateCouponCodesArgs = {
  count: Scalars['Int']['input'];
  templateId: Scalars['ID']['input'];
};


export type MutationGrantCouponsArgs = {
  idempotencyKey: Scalars['String']['input'];
  memberIds: Array<Scalars['ID']['input']>;
  templateId: Scalars['ID']['input'];
};


export type MutationRedeemCouponCodeArgs = {
  code: Scalars['String']['input'];
};


export type MutationRemindFlashSessionArgs = {
  sessionId: Scalars['ID']['input'];
};


export type MutationRemoveFreightTemplateArgs = {
  shopId: Scalars['ID']['input'];
};


export type MutationSetActivityStatusArgs = {
  id: Scalars['ID']['input'];
  status: ActivityStatus;
};


export type MutationSetCouponTemplateStatusArgs = {
  id: Scalars['ID']['input'];
  status: CouponTemplateStatus;
};


export type MutationSetFreightTemplateArgs = {
  input: FreightTemplateInput;
  shopId: Scalars['ID']['input'];
};


export type MutationSetGroupBuyStatusArgs = {
  id: Scalars['ID']['input'];
  status: GroupBuyStatus;
};


export type MutationSetPointsRuleArgs = {
  input: PointsRuleInput;
};


export type MutationSetSharedCouponCodeArgs = {
  code: Scalars['String']['input'];
  templateId: Scalars['ID']['input'];
};


export type MutationUpdateActivityArgs = {
  id: Scalars['ID']['input'];
  input: ActivityInput;
};


export type MutationUpdateCouponTemplateArgs = {
  id: Scalars['ID']['input'];
  input: CouponTemplateUpdateInput;
};

export type NotAppliedActivity = {
  __typename?: 'NotAppliedActivity';
  activity: Activity;
  /** What to show, e.g. 再买 ¥12.00 可享 满200减25. */
  message: Scalars['String']['output'];
  /** THRESHOLD_NOT_REACHED: what the lines in scope lack for the first tier (FULL_REDUCTION)… */
  missing: Maybe<Money>;
  /** …or the pieces they lack (FULL_DISCOUNT). */
  missingQuantity: Maybe<Scalars['Int']['output']>;
  /** THRESHOLD_NOT_REACHED, NOT_IN_SCOPE, NOTHING_LEFT, LIMIT_REACHED (its budget is used up) or NOT_STACKABLE (its lines took another activity, or a lower special price). */
  reason: NotAppliedReason;
};

export type NotAppliedCoupon = {
  __typename?: 'NotAppliedCoupon';
  coupon: Coupon;
  /** What to show, e.g. 再买 ¥12.00 可用 满200减25. */
  message: Scalars['String']['output'];
  /** THRESHOLD_NOT_REACHED: what the lines in scope still lack. */
  missing: Maybe<Money>;
  reason: NotAppliedReason;
};

/** Why a coupon took nothing from this cart. */
export type NotAppliedReason =
  /** Its validity has ended. */
  | 'EXPIRED'
  /** The member already uses as many coupons of its kind as one member may (`perMemberUseLimit`). */
  | 'LIMIT_REACHED'
  /** Its lines reach its threshold, but the promotions before it left nothing to take off (or no freight to waive). */
  | 'NOTHING_LEFT'
  /** No line of the cart is in its scope. */
  | 'NOT_IN_SCOPE'
  /** It would apply, but not with the coupons used: another of its kind (one per shop, one platform coupon, one free-shipping coupon), or a combination that costs less. */
  | 'NOT_STACKABLE'
  /** Its validity has not begun. */
  | 'NOT_STARTED'
  /** It was spent on another order, or is held by another order waiting for payment. */
  | 'NOT_USABLE'
  /** The lines in its scope do not reach its threshold; `missing` says by how much. */
  | 'THRESHOLD_NOT_REACHED';

/** An order, by id (the order subgraph owns it). */
export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
};

/** Where a page of a connection ends, for cursor pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge on this page, null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass `endCursor` as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** How points pay at checkout (积分抵扣), set by an admin. */
export type PointsRule = {
  __typename?: 'PointsRule';
  /** Points pay at most this share of the goods after discounts (never the freight); 0: points do not pay. */
  maxSharePercent: Scalars['Int']['output'];
  /** This many points are ¥1. */
  pointsPerYuan: Scalars['Int']['output'];
};

export type PointsRuleInput = {
  /** 0–100. */
  maxSharePercent: Scalars['Int']['input'];
  /** One of 1, 2, 4, 5, 10, 20, 25, 50, 100 (a point is worth whole cents). */
  pointsPerYuan: Scalars['Int']['input'];
};

/** A product (SPU): what a buyer sees on a product page. Its SKUs are what gets bought. */
export type Product = {
  __typename?: 'Product';
  /** The coupon centre's coupons that cover it now, its shop's first (a product page's 领券). */
  coupons: Array<CouponTemplate>;
  /** Its group buy (拼团) running now, or the next one to come; null when none. */
  groupBuy: Maybe<GroupBuy>;
  /** Product id. */
  id: Scalars['ID']['output'];
  /** Its teams still taking seats, those ending soonest first (去参团), at most `first` (1–50). */
  openTeams: Array<GroupBuyTeam>;
  /** Short labels of the promotions that cover it now, for lists and the product page: up to 3 labels, its shop's running activities first (限时折扣, 满100减10), then coupons (满200减25, 满99享9折, 满49包邮); then 券 when any coupon covers it. */
  promotionTags: Array<Scalars['String']['output']>;
};


/** A product (SPU): what a buyer sees on a product page. Its SKUs are what gets bought. */
export type ProductOpenTeamsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** A shop's activities, newest first: active ones not over for anyone; all of them (or those of `status`) for its merchant and admins. */
  activities: ActivityConnection;
  /** An activity: public while active and not over; others for their shop's merchant and admins (null for others). */
  activity: Maybe<Activity>;
  /** The coupon centre (领券中心): templates members may claim now, newest first; one shop's when `shopId` is given. Public. */
  couponCenter: CouponTemplateConnection;
  /** A template's codes, newest first (its shop's merchant, admins). */
  couponCodes: CouponCodeConnection;
  /** A template: public while active; paused and ended ones for their shop's merchant and admins (null for others). */
  couponTemplate: Maybe<CouponTemplate>;
  /** Templates of a shop (its merchant, admins), newest first. With no `shopId`: a merchant's own shop's, an admin's the platform's. */
  couponTemplates: CouponTemplateConnection;
  /** A session: public unless cancelled. */
  flashSession: Maybe<FlashSession>;
  /** Flash-sale sessions not over yet (from `from`, for `days` days, 1–14; 2 when omitted), soonest first. Public. */
  flashSessions: Array<FlashSession>;
  /**
   * What the shop charges to ship these lines (1–50 of its SKUs) to a province; the default
   * region's fee without one. Public. An estimate: the free threshold is read on today's
   * prices before discounts, while checkout reads the goods after them.
   */
  freightEstimate: FreightEstimate;
  /** A shop's freight template; null when it has none (its orders pay the flat freight). Public. */
  freightTemplate: Maybe<FreightTemplate>;
  /** A group buy (public). */
  groupBuy: Maybe<GroupBuy>;
  /** A team as its share page shows it (public); null when there is none. */
  groupBuyTeam: Maybe<GroupBuyTeam>;
  /** The calling member's group-buy seats, newest first, with their teams (MEMBER). */
  myGroupBuySeats: Array<GroupBuySeat>;
  /** How points pay at checkout. Public. */
  pointsRule: PointsRule;
  /** Prices lines for the calling member (MEMBER): today's prices, their coupons (the best, or those named), their level, freight. */
  quoteCheckout: Quote;
  /** A shop's group buys, newest first (its merchant, admins); a merchant's own shop's when `shopId` is omitted. */
  shopGroupBuys: Array<GroupBuy>;
};


export type QueryActivitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  shopId: Scalars['ID']['input'];
  status?: InputMaybe<ActivityStatus>;
};


export type QueryActivityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCouponCenterArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  shopId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCouponCodesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  templateId: Scalars['ID']['input'];
};


export type QueryCouponTemplateArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCouponTemplatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  shopId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<CouponTemplateStatus>;
};


export type QueryFlashSessionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFlashSessionsArgs = {
  days?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryFreightEstimateArgs = {
  lines: Array<QuoteLineInput>;
  provinceCode?: InputMaybe<Scalars['String']['input']>;
  shopId: Scalars['ID']['input'];
};


export type QueryFreightTemplateArgs = {
  shopId: Scalars['ID']['input'];
};


export type QueryGroupBuyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGroupBuyTeamArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMyGroupBuySeatsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryQuoteCheckoutArgs = {
  input: QuoteInput;
};


export type QueryShopGroupBuysArgs = {
  shopId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * What a cart costs after every promotion, explained. `placeOrder` with its `id` as `quoteId`
 * charges exactly this, or answers CONFLICT `QUOTE_CHANGED` naming what changed.
 */
export type Quote = {
  __typename?: 'Quote';
  /** The shops' activities that took something (they apply by themselves, before coupons). */
  activities: Array<AppliedActivity>;
  applied: Array<AppliedCoupon>;
  discount: Money;
  expiresAt: Scalars['DateTime']['output'];
  freight: Money;
  goods: Money;
  /** Pass as `placeOrder(input: { quoteId })`, until `expiresAt`. */
  id: Scalars['ID']['output'];
  /** The member's coupons that took nothing, and why. */
  notApplied: Array<NotAppliedCoupon>;
  /** The cart's shops' running activities that took nothing, and why. */
  notAppliedActivities: Array<NotAppliedActivity>;
  payable: Money;
  /** Points spent on it, and the most it may take. */
  points: QuotePoints;
  shops: Array<ShopQuote>;
};

export type QuoteInput = {
  /** The delivery address (one of the member's) its freight is reckoned for; omitted: their default address, or each shop's default region when they have none. */
  addressId?: InputMaybe<Scalars['ID']['input']>;
  /** The member's coupons to use; omitted: the best combination of the member's coupons. */
  couponIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** A group-buy order's price (one line): what `openGroupBuy` (no `teamId`) or `joinGroupBuy` would charge. Such an order is placed without the quote's id. */
  groupBuy?: InputMaybe<GroupBuyQuoteInput>;
  /** 1–50 lines; one SKU named twice counts once, with the quantities added. */
  lines: Array<QuoteLineInput>;
  /** Points to spend (0 when omitted); more than `Quote.points.max` is BAD_USER_INPUT `POINTS_OVER_LIMIT`. */
  points?: InputMaybe<Scalars['Int']['input']>;
};

export type QuoteLine = {
  __typename?: 'QuoteLine';
  /** Every promotion's share of this line, in the order they apply; they add up to subtotal − payable. */
  discounts: Array<LineDiscount>;
  payable: Money;
  quantity: Scalars['Int']['output'];
  sku: Sku;
  subtotal: Money;
  unitPrice: Money;
};

/** One line of a cart to price. */
export type QuoteLineInput = {
  /** 1–999. */
  quantity: Scalars['Int']['input'];
  skuId: Scalars['ID']['input'];
};

export type QuotePoints = {
  __typename?: 'QuotePoints';
  /** What the points used pay. */
  amount: Money;
  /** The most points this cart may take under the points rule (whether the member owns that many is `me { points }`). */
  max: Scalars['Int']['output'];
  used: Scalars['Int']['output'];
};

/** A merchant's storefront. Every product belongs to one shop. */
export type Shop = {
  __typename?: 'Shop';
  /** Shop id. */
  id: Scalars['ID']['output'];
};

/** One shop's part of a quote: one order when it is placed. */
export type ShopQuote = {
  __typename?: 'ShopQuote';
  /** Whether the shop delivers to the address (false: placing the order is CONFLICT `NOT_DELIVERABLE`). */
  deliverable: Scalars['Boolean']['output'];
  discount: Money;
  /** What its goods still lack for 满 X 包邮 (null when reached, free anyway, or none), for 再买 ¥X 包邮. */
  freeShippingMissing: Maybe<Money>;
  /** The shop's 满 X 包邮: its goods after discounts (before points) ship free from this. */
  freeShippingThreshold: Maybe<Money>;
  freight: Money;
  /** The free-shipping coupon that waived the freight. */
  freightWaivedBy: Maybe<Coupon>;
  goods: Money;
  lines: Array<QuoteLine>;
  payable: Money;
  shop: Shop;
};

/** A stock-keeping unit: one buyable variant of a product, with its own price and stock. */
export type Sku = {
  __typename?: 'Sku';
  /** Its flash sale running now, or the next one coming (预热); null when none is approved. */
  flashSale: Maybe<FlashSale>;
  /** SKU id. */
  id: Scalars['ID']['output'];
  /** What promotes it now, for the product page: its special price (限时折扣) first, then its shop's full reductions and discounts, then the coupon centre's coupons that cover it. */
  promotions: Array<SkuPromotion>;
};

/** One promotion of a SKU now. */
export type SkuPromotion = {
  __typename?: 'SkuPromotion';
  /** The activity (SPECIAL_PRICE, FULL_REDUCTION, FULL_DISCOUNT). */
  activity: Maybe<Activity>;
  /** The coupon's template (COUPON), to claim it. */
  couponTemplate: Maybe<CouponTemplate>;
  /** When it stops: the activity's end, or the coupon's claim end. */
  endsAt: Scalars['DateTime']['output'];
  kind: SkuPromotionKind;
  /** What to show: 限时折扣, 满100减10, 满2件9折, or the coupon's label. */
  label: Scalars['String']['output'];
  /** SPECIAL_PRICE: what one unit costs (the lowest special price of the SKU). */
  price: Maybe<Money>;
};

export type SkuPromotionKind =
  | 'COUPON'
  | 'FULL_DISCOUNT'
  | 'FULL_REDUCTION'
  | 'SPECIAL_PRICE';

export type SpecialPrice = {
  __typename?: 'SpecialPrice';
  price: Money;
  sku: Sku;
};

export type SpecialPriceInput = {
  /** 1 cent and below the SKU's price now. */
  price: Scalars['Cents']['input'];
  /** A SKU of the activity's shop. */
  skuId: Scalars['ID']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** A flash-sale session as it is now first, then again whenever units of it are won, come back or sell out, or it ends: at most a few times a second however many units go (anyone). */
  flashSaleChanged: FlashSession;
  /** A team as it is now first, then again after every join, payment, seat freed, and its success or failure (anyone: a share page's public view). */
  groupBuyTeamUpdated: GroupBuyTeam;
};


export type SubscriptionFlashSaleChangedArgs = {
  sessionId: Scalars['ID']['input'];
};


export type SubscriptionGroupBuyTeamUpdatedArgs = {
  teamId: Scalars['ID']['input'];
};



export type ResolverTypeWrapper<T> = T | Promise<T>;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Activity: Activity;
  CouponTemplate: CouponTemplate;
  FlashEntry: FlashEntry;
  FlashSession: FlashSession;
  GroupBuy: GroupBuy;
  GroupBuyTeam: GroupBuyTeam;
  Member: Member;
  Product: Product;
  Sku: Sku;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Activity:
    ( { __typename: 'Activity' }
    & GraphQLRecursivePick<FederationTypes['Activity'], {"id":true}> );
  CouponTemplate:
    ( { __typename: 'CouponTemplate' }
    & GraphQLRecursivePick<FederationTypes['CouponTemplate'], {"id":true}> );
  FlashEntry:
    ( { __typename: 'FlashEntry' }
    & GraphQLRecursivePick<FederationTypes['FlashEntry'], {"id":true}> );
  FlashSession:
    ( { __typename: 'FlashSession' }
    & GraphQLRecursivePick<FederationTypes['FlashSession'], {"id":true}> );
  GroupBuy:
    ( { __typename: 'GroupBuy' }
    & GraphQLRecursivePick<FederationTypes['GroupBuy'], {"id":true}> );
  GroupBuyTeam:
    ( { __typename: 'GroupBuyTeam' }
    & GraphQLRecursivePick<FederationTypes['GroupBuyTeam'], {"id":true}> );
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
  Sku:
    ( { __typename: 'Sku' }
    & GraphQLRecursivePick<FederationTypes['Sku'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Activity: ResolverTypeWrapper<ActivityRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ActivityConnection: ResolverTypeWrapper<Connection<ActivityRow>>;
  ActivityEdge: ResolverTypeWrapper<Omit<ActivityEdge, 'node'> & { node: ResolversTypes['Activity'] }>;
  ActivityInput: ActivityInput;
  ActivityKind: ActivityKind;
  ActivityScope: ActivityScope;
  ActivityStatus: ActivityStatus;
  ActivityTier: ResolverTypeWrapper<TierTerms>;
  ActivityTierInput: ActivityTierInput;
  AppliedActivity: ResolverTypeWrapper<Omit<AppliedActivity, 'activity' | 'nextTier'> & { activity: ResolversTypes['Activity'], nextTier?: Maybe<ResolversTypes['ActivityTier']> }>;
  AppliedCoupon: ResolverTypeWrapper<Omit<AppliedCoupon, 'coupon'> & { coupon: ResolversTypes['Coupon'] }>;
  Cents: ResolverTypeWrapper<Scalars['Cents']['output']>;
  Coupon: ResolverTypeWrapper<CouponRow>;
  CouponCode: ResolverTypeWrapper<CouponCodeRow>;
  CouponCodeConnection: ResolverTypeWrapper<Connection<CouponCodeRow>>;
  CouponCodeEdge: ResolverTypeWrapper<Omit<CouponCodeEdge, 'node'> & { node: ResolversTypes['CouponCode'] }>;
  CouponConnection: ResolverTypeWrapper<Connection<CouponRow>>;
  CouponEdge: ResolverTypeWrapper<Omit<CouponEdge, 'node'> & { node: ResolversTypes['Coupon'] }>;
  CouponGrant: ResolverTypeWrapper<CouponGrant>;
  CouponKind: CouponKind;
  CouponScope: CouponScope;
  CouponSource: CouponSource;
  CouponStatus: CouponStatus;
  CouponTemplate: ResolverTypeWrapper<CouponTemplateRow>;
  CouponTemplateConnection: ResolverTypeWrapper<Connection<CouponTemplateRow>>;
  CouponTemplateEdge: ResolverTypeWrapper<Omit<CouponTemplateEdge, 'node'> & { node: ResolversTypes['CouponTemplate'] }>;
  CouponTemplateInput: CouponTemplateInput;
  CouponTemplateStatus: CouponTemplateStatus;
  CouponTemplateUpdateInput: CouponTemplateUpdateInput;
  CreateFlashSessionsInput: CreateFlashSessionsInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DiscountSource: DiscountSource;
  FlashEntry: ResolverTypeWrapper<FlashEntryRow>;
  FlashEntryFigures: ResolverTypeWrapper<FlashEntryRow>;
  FlashEntryInput: FlashEntryInput;
  FlashEntryStatus: FlashEntryStatus;
  FlashHold: ResolverTypeWrapper<FlashHoldRow>;
  FlashHoldStatus: FlashHoldStatus;
  FlashSale: ResolverTypeWrapper<FlashSaleView>;
  FlashSession: ResolverTypeWrapper<FlashSessionRow>;
  FlashSessionFigures: ResolverTypeWrapper<FlashSessionFiguresView>;
  FlashSessionStatus: FlashSessionStatus;
  FreightChargeBy: FreightChargeBy;
  FreightEstimate: ResolverTypeWrapper<FreightEstimateView>;
  FreightFreeReason: FreightFreeReason;
  FreightRegion: ResolverTypeWrapper<FreightRegionRow>;
  FreightRegionInput: FreightRegionInput;
  FreightTemplate: ResolverTypeWrapper<FreightTemplateRow>;
  FreightTemplateInput: FreightTemplateInput;
  GroupBuy: ResolverTypeWrapper<GroupBuyActivityRow>;
  GroupBuyFigures: ResolverTypeWrapper<GroupBuyFiguresView>;
  GroupBuyInput: GroupBuyInput;
  GroupBuyQuoteInput: GroupBuyQuoteInput;
  GroupBuySeat: ResolverTypeWrapper<GroupBuySeatRow>;
  GroupBuySeatStatus: GroupBuySeatStatus;
  GroupBuySku: ResolverTypeWrapper<GroupBuyPriceRow>;
  GroupBuySkuInput: GroupBuySkuInput;
  GroupBuyStatus: GroupBuyStatus;
  GroupBuyTeam: ResolverTypeWrapper<GroupBuyTeamRow>;
  GroupBuyTeamMember: ResolverTypeWrapper<GroupBuySeatRow>;
  GroupBuyTeamStatus: GroupBuyTeamStatus;
  LineDiscount: ResolverTypeWrapper<Omit<LineDiscount, 'activity' | 'coupon'> & { activity?: Maybe<ResolversTypes['Activity']>, coupon?: Maybe<ResolversTypes['Coupon']> }>;
  Member: ResolverTypeWrapper<MemberRef>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NotAppliedActivity: ResolverTypeWrapper<Omit<NotAppliedActivity, 'activity'> & { activity: ResolversTypes['Activity'] }>;
  NotAppliedCoupon: ResolverTypeWrapper<Omit<NotAppliedCoupon, 'coupon'> & { coupon: ResolversTypes['Coupon'] }>;
  NotAppliedReason: NotAppliedReason;
  Order: ResolverTypeWrapper<OrderRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PointsRule: ResolverTypeWrapper<PointsRule>;
  PointsRuleInput: PointsRuleInput;
  Product: ResolverTypeWrapper<ProductRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Quote: ResolverTypeWrapper<QuoteView>;
  QuoteInput: QuoteInput;
  QuoteLine: ResolverTypeWrapper<Omit<QuoteLine, 'discounts' | 'sku'> & { discounts: Array<ResolversTypes['LineDiscount']>, sku: ResolversTypes['Sku'] }>;
  QuoteLineInput: QuoteLineInput;
  QuotePoints: ResolverTypeWrapper<QuotePoints>;
  Shop: ResolverTypeWrapper<ShopRef>;
  ShopQuote: ResolverTypeWrapper<Omit<ShopQuote, 'freightWaivedBy' | 'lines' | 'shop'> & { freightWaivedBy?: Maybe<ResolversTypes['Coupon']>, lines: Array<ResolversTypes['QuoteLine']>, shop: ResolversTypes['Shop'] }>;
  Sku: ResolverTypeWrapper<SkuRef>;
  SkuPromotion: ResolverTypeWrapper<SkuPromotionView>;
  SkuPromotionKind: SkuPromotionKind;
  SpecialPrice: ResolverTypeWrapper<SkuSpecialPrice>;
  SpecialPriceInput: SpecialPriceInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Activity: ActivityRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  ActivityConnection: Connection<ActivityRow>;
  ActivityEdge: Omit<ActivityEdge, 'node'> & { node: ResolversParentTypes['Activity'] };
  ActivityInput: ActivityInput;
  ActivityTier: TierTerms;
  ActivityTierInput: ActivityTierInput;
  AppliedActivity: Omit<AppliedActivity, 'activity' | 'nextTier'> & { activity: ResolversParentTypes['Activity'], nextTier?: Maybe<ResolversParentTypes['ActivityTier']> };
  AppliedCoupon: Omit<AppliedCoupon, 'coupon'> & { coupon: ResolversParentTypes['Coupon'] };
  Cents: Scalars['Cents']['output'];
  Coupon: CouponRow;
  CouponCode: CouponCodeRow;
  CouponCodeConnection: Connection<CouponCodeRow>;
  CouponCodeEdge: Omit<CouponCodeEdge, 'node'> & { node: ResolversParentTypes['CouponCode'] };
  CouponConnection: Connection<CouponRow>;
  CouponEdge: Omit<CouponEdge, 'node'> & { node: ResolversParentTypes['Coupon'] };
  CouponGrant: CouponGrant;
  CouponTemplate: CouponTemplateRow;
  CouponTemplateConnection: Connection<CouponTemplateRow>;
  CouponTemplateEdge: Omit<CouponTemplateEdge, 'node'> & { node: ResolversParentTypes['CouponTemplate'] };
  CouponTemplateInput: CouponTemplateInput;
  CouponTemplateUpdateInput: CouponTemplateUpdateInput;
  CreateFlashSessionsInput: CreateFlashSessionsInput;
  DateTime: Scalars['DateTime']['output'];
  FlashEntry: FlashEntryRow;
  FlashEntryFigures: FlashEntryRow;
  FlashEntryInput: FlashEntryInput;
  FlashHold: FlashHoldRow;
  FlashSale: FlashSaleView;
  FlashSession: FlashSessionRow;
  FlashSessionFigures: FlashSessionFiguresView;
  FreightEstimate: FreightEstimateView;
  FreightRegion: FreightRegionRow;
  FreightRegionInput: FreightRegionInput;
  FreightTemplate: FreightTemplateRow;
  FreightTemplateInput: FreightTemplateInput;
  GroupBuy: GroupBuyActivityRow;
  GroupBuyFigures: GroupBuyFiguresView;
  GroupBuyInput: GroupBuyInput;
  GroupBuyQuoteInput: GroupBuyQuoteInput;
  GroupBuySeat: GroupBuySeatRow;
  GroupBuySku: GroupBuyPriceRow;
  GroupBuySkuInput: GroupBuySkuInput;
  GroupBuyTeam: GroupBuyTeamRow;
  GroupBuyTeamMember: GroupBuySeatRow;
  LineDiscount: Omit<LineDiscount, 'activity' | 'coupon'> & { activity?: Maybe<ResolversParentTypes['Activity']>, coupon?: Maybe<ResolversParentTypes['Coupon']> };
  Member: MemberRef;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  NotAppliedActivity: Omit<NotAppliedActivity, 'activity'> & { activity: ResolversParentTypes['Activity'] };
  NotAppliedCoupon: Omit<NotAppliedCoupon, 'coupon'> & { coupon: ResolversParentTypes['Coupon'] };
  Order: OrderRef;
  PageInfo: PageInfo;
  PointsRule: PointsRule;
  PointsRuleInput: PointsRuleInput;
  Product: ProductRef;
  Query: Record<PropertyKey, never>;
  Quote: QuoteView;
  QuoteInput: QuoteInput;
  QuoteLine: Omit<QuoteLine, 'discounts' | 'sku'> & { discounts: Array<ResolversParentTypes['LineDiscount']>, sku: ResolversParentTypes['Sku'] };
  QuoteLineInput: QuoteLineInput;
  QuotePoints: QuotePoints;
  Shop: ShopRef;
  ShopQuote: Omit<ShopQuote, 'freightWaivedBy' | 'lines' | 'shop'> & { freightWaivedBy?: Maybe<ResolversParentTypes['Coupon']>, lines: Array<ResolversParentTypes['QuoteLine']>, shop: ResolversParentTypes['Shop'] };
  Sku: SkuRef;
  SkuPromotion: SkuPromotionView;
  SpecialPrice: SkuSpecialPrice;
  SpecialPriceInput: SpecialPriceInput;
  Subscription: Record<PropertyKey, never>;
};

export type ActivityResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Activity'] = ResolversParentTypes['Activity'], FederationReferenceType extends FederationReferenceTypes['Activity'] = FederationReferenceTypes['Activity']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Activity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  budget?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  budgetLeft?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discountGiven?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  excludedProductIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  excludesCoupons?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ActivityKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['ActivityScope'], ParentType, ContextType>;
  scopeIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  shop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
  specialPrices?: Resolver<Array<ResolversTypes['SpecialPrice']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ActivityStatus'], ParentType, ContextType>;
  tiers?: Resolver<Array<ResolversTypes['ActivityTier']>, ParentType, ContextType>;
};

export type ActivityConnectionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['ActivityConnection'] = ResolversParentTypes['ActivityConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ActivityEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Activity']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ActivityEdgeResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['ActivityEdge'] = ResolversParentTypes['ActivityEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Activity'], ParentType, ContextType>;
};

export type ActivityTierResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['ActivityTier'] = ResolversParentTypes['ActivityTier']> = {
  amountOff?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  minQuantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  percentOff?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  threshold?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
};

export type AppliedActivityResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['AppliedActivity'] = ResolversParentTypes['AppliedActivity']> = {
  activity?: Resolver<ResolversTypes['Activity'], ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  missing?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  missingQuantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  nextTier?: Resolver<Maybe<ResolversTypes['ActivityTier']>, ParentType, ContextType>;
};

export type AppliedCouponResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['AppliedCoupon'] = ResolversParentTypes['AppliedCoupon']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  coupon?: Resolver<ResolversTypes['Coupon'], ParentType, ContextType>;
};

export interface CentsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Cents'], any> {
  name: 'Cents';
}

export type CouponResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Coupon'] = ResolversParentTypes['Coupon']> = {
  claimedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['CouponSource'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CouponStatus'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType>;
  usedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CouponCodeResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponCode'] = ResolversParentTypes['CouponCode']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  redeemed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  redeemedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  shared?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CouponCodeConnectionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponCodeConnection'] = ResolversParentTypes['CouponCodeConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CouponCodeEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['CouponCode']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CouponCodeEdgeResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponCodeEdge'] = ResolversParentTypes['CouponCodeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CouponCode'], ParentType, ContextType>;
};

export type CouponConnectionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponConnection'] = ResolversParentTypes['CouponConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CouponEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Coupon']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CouponEdgeResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponEdge'] = ResolversParentTypes['CouponEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Coupon'], ParentType, ContextType>;
};

export type CouponGrantResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponGrant'] = ResolversParentTypes['CouponGrant']> = {
  grantedMemberIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  skippedMemberIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type CouponTemplateResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponTemplate'] = ResolversParentTypes['CouponTemplate'], FederationReferenceType extends FederationReferenceTypes['CouponTemplate'] = FederationReferenceTypes['CouponTemplate']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CouponTemplate']> | FederationReferenceType, FederationReferenceType, ContextType>;
  afterOrder?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  afterOrderMinAmount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  amountOff?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  canClaim?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  claimEndsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  claimStartsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  claimable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  claimedByMe?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discountGiven?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  excludedProductIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CouponKind'], ParentType, ContextType>;
  maxOff?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orderAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  perMemberLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  perMemberUseLimit?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  percentOff?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  returnOnRefund?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['CouponScope'], ParentType, ContextType>;
  scopeIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  shop?: Resolver<Maybe<ResolversTypes['Shop']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CouponTemplateStatus'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  totalQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  used?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  validDays?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  welcome?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CouponTemplateConnectionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponTemplateConnection'] = ResolversParentTypes['CouponTemplateConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CouponTemplateEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['CouponTemplate']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CouponTemplateEdgeResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['CouponTemplateEdge'] = ResolversParentTypes['CouponTemplateEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FlashEntryResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FlashEntry'] = ResolversParentTypes['FlashEntry'], FederationReferenceType extends FederationReferenceTypes['FlashEntry'] = FederationReferenceTypes['FlashEntry']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FlashEntry']> | FederationReferenceType, FederationReferenceType, ContextType>;
  figures?: Resolver<Maybe<ResolversTypes['FlashEntryFigures']>, ParentType, ContextType>;
  flashPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  listPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  perMemberLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  session?: Resolver<ResolversTypes['FlashSession'], ParentType, ContextType>;
  shop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
  soldOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['FlashEntryStatus'], ParentType, ContextType>;
};

export type FlashEntryFiguresResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FlashEntryFigures'] = ResolversParentTypes['FlashEntryFigures']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gmv?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  held?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  released?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  returnedAtEnd?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  winners?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FlashHoldResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FlashHold'] = ResolversParentTypes['FlashHold']> = {
  entry?: Resolver<ResolversTypes['FlashEntry'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  orderNo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['FlashHoldStatus'], ParentType, ContextType>;
};

export type FlashSaleResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FlashSale'] = ResolversParentTypes['FlashSale']> = {
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  entry?: Resolver<ResolversTypes['FlashEntry'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  session?: Resolver<ResolversTypes['FlashSession'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type FlashSessionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FlashSession'] = ResolversParentTypes['FlashSession'], FederationReferenceType extends FederationReferenceTypes['FlashSession'] = FederationReferenceTypes['FlashSession']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FlashSession']> | FederationReferenceType, FederationReferenceType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  entries?: Resolver<Array<ResolversTypes['FlashEntry']>, ParentType, ContextType>;
  figures?: Resolver<Maybe<ResolversTypes['FlashSessionFigures']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  remindedByMe?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reminders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  secondsToStart?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['FlashSessionStatus'], ParentType, ContextType>;
};

export type FlashSessionFiguresResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FlashSessionFigures'] = ResolversParentTypes['FlashSessionFigures']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  entries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gmv?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  held?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  released?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  returnedAtEnd?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  winners?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FreightEstimateResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FreightEstimate'] = ResolversParentTypes['FreightEstimate']> = {
  deliverable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  fee?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  free?: Resolver<Maybe<ResolversTypes['FreightFreeReason']>, ParentType, ContextType>;
};

export type FreightRegionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FreightRegion'] = ResolversParentTypes['FreightRegion']> = {
  extra?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  extraFee?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  first?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstFee?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  provinceCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FreightTemplateResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['FreightTemplate'] = ResolversParentTypes['FreightTemplate']> = {
  chargeBy?: Resolver<ResolversTypes['FreightChargeBy'], ParentType, ContextType>;
  freeThreshold?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regions?: Resolver<Array<ResolversTypes['FreightRegion']>, ParentType, ContextType>;
  shop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
  undeliverable?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type GroupBuyResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['GroupBuy'] = ResolversParentTypes['GroupBuy'], FederationReferenceType extends FederationReferenceTypes['GroupBuy'] = FederationReferenceTypes['GroupBuy']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['GroupBuy']> | FederationReferenceType, FederationReferenceType, ContextType>;
  allowCoupons?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  figures?: Resolver<Maybe<ResolversTypes['GroupBuyFigures']>, ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  perMemberLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  shop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
  skus?: Resolver<Array<ResolversTypes['GroupBuySku']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['GroupBuyStatus'], ParentType, ContextType>;
  teamSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  virtualPercent?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type GroupBuyFiguresResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['GroupBuyFigures'] = ResolversParentTypes['GroupBuyFigures']> = {
  gmv?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  seatsPaid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  teamsFailed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  teamsForming?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  teamsOpened?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  teamsSucceeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  teamsSucceededVirtually?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type GroupBuySeatResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['GroupBuySeat'] = ResolversParentTypes['GroupBuySeat']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  leader?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  orderNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['GroupBuySeatStatus'], ParentType, ContextType>;
  team?: Resolver<ResolversTypes['GroupBuyTeam'], ParentType, ContextType>;
};

export type GroupBuySkuResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['GroupBuySku'] = ResolversParentTypes['GroupBuySku']> = {
  leaderPrice?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  listPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
};

export type GroupBuyTeamResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['GroupBuyTeam'] = ResolversParentTypes['GroupBuyTeam'], FederationReferenceType extends FederationReferenceTypes['GroupBuyTeam'] = FederationReferenceTypes['GroupBuyTeam']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['GroupBuyTeam']> | FederationReferenceType, FederationReferenceType, ContextType>;
  completedVirtually?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  groupBuy?: Resolver<ResolversTypes['GroupBuy'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['GroupBuyTeamMember']>, ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  seatsLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seatsPaid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seatsTaken?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  secondsLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['GroupBuyTeamStatus'], ParentType, ContextType>;
};

export type GroupBuyTeamMemberResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['GroupBuyTeamMember'] = ResolversParentTypes['GroupBuyTeamMember']> = {
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  leader?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
};

export type LineDiscountResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['LineDiscount'] = ResolversParentTypes['LineDiscount']> = {
  activity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  coupon?: Resolver<Maybe<ResolversTypes['Coupon']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['DiscountSource'], ParentType, ContextType>;
};

export type MemberResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coupons?: Resolver<ResolversTypes['CouponConnection'], ParentType, ContextType, RequireFields<MemberCouponsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Cents'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  claimCoupon?: Resolver<ResolversTypes['Coupon'], ParentType, ContextType, RequireFields<MutationClaimCouponArgs, 'templateId'>>;
  createActivity?: Resolver<ResolversTypes['Activity'], ParentType, ContextType, RequireFields<MutationCreateActivityArgs, 'input'>>;
  createCouponTemplate?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType, RequireFields<MutationCreateCouponTemplateArgs, 'input'>>;
  createFlashSessions?: Resolver<Array<ResolversTypes['FlashSession']>, ParentType, ContextType, RequireFields<MutationCreateFlashSessionsArgs, 'input'>>;
  createGroupBuy?: Resolver<ResolversTypes['GroupBuy'], ParentType, ContextType, RequireFields<MutationCreateGroupBuyArgs, 'input'>>;
  decideFlashEntry?: Resolver<ResolversTypes['FlashEntry'], ParentType, ContextType, RequireFields<MutationDecideFlashEntryArgs, 'approve' | 'id'>>;
  enterFlashSale?: Resolver<ResolversTypes['FlashEntry'], ParentType, ContextType, RequireFields<MutationEnterFlashSaleArgs, 'input'>>;
  flashBuy?: Resolver<ResolversTypes['FlashHold'], ParentType, ContextType, RequireFields<MutationFlashBuyArgs, 'entryId' | 'idempotencyKey' | 'quantity'>>;
  generateCouponCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType, RequireFields<MutationGenerateCouponCodesArgs, 'count' | 'templateId'>>;
  grantCoupons?: Resolver<ResolversTypes['CouponGrant'], ParentType, ContextType, RequireFields<MutationGrantCouponsArgs, 'idempotencyKey' | 'memberIds' | 'templateId'>>;
  redeemCouponCode?: Resolver<ResolversTypes['Coupon'], ParentType, ContextType, RequireFields<MutationRedeemCouponCodeArgs, 'code'>>;
  remindFlashSession?: Resolver<ResolversTypes['FlashSession'], ParentType, ContextType, RequireFields<MutationRemindFlashSessionArgs, 'sessionId'>>;
  removeFreightTemplate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveFreightTemplateArgs, 'shopId'>>;
  setActivityStatus?: Resolver<ResolversTypes['Activity'], ParentType, ContextType, RequireFields<MutationSetActivityStatusArgs, 'id' | 'status'>>;
  setCouponTemplateStatus?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType, RequireFields<MutationSetCouponTemplateStatusArgs, 'id' | 'status'>>;
  setFreightTemplate?: Resolver<ResolversTypes['FreightTemplate'], ParentType, ContextType, RequireFields<MutationSetFreightTemplateArgs, 'input' | 'shopId'>>;
  setGroupBuyStatus?: Resolver<ResolversTypes['GroupBuy'], ParentType, ContextType, RequireFields<MutationSetGroupBuyStatusArgs, 'id' | 'status'>>;
  setPointsRule?: Resolver<ResolversTypes['PointsRule'], ParentType, ContextType, RequireFields<MutationSetPointsRuleArgs, 'input'>>;
  setSharedCouponCode?: Resolver<ResolversTypes['CouponCode'], ParentType, ContextType, RequireFields<MutationSetSharedCouponCodeArgs, 'code' | 'templateId'>>;
  updateActivity?: Resolver<ResolversTypes['Activity'], ParentType, ContextType, RequireFields<MutationUpdateActivityArgs, 'id' | 'input'>>;
  updateCouponTemplate?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType, RequireFields<MutationUpdateCouponTemplateArgs, 'id' | 'input'>>;
};

export type NotAppliedActivityResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['NotAppliedActivity'] = ResolversParentTypes['NotAppliedActivity']> = {
  activity?: Resolver<ResolversTypes['Activity'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  missing?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  missingQuantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['NotAppliedReason'], ParentType, ContextType>;
};

export type NotAppliedCouponResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['NotAppliedCoupon'] = ResolversParentTypes['NotAppliedCoupon']> = {
  coupon?: Resolver<ResolversTypes['Coupon'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  missing?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['NotAppliedReason'], ParentType, ContextType>;
};

export type OrderResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PointsRuleResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['PointsRule'] = ResolversParentTypes['PointsRule']> = {
  maxSharePercent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pointsPerYuan?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coupons?: Resolver<Array<ResolversTypes['CouponTemplate']>, ParentType, ContextType>;
  groupBuy?: Resolver<Maybe<ResolversTypes['GroupBuy']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openTeams?: Resolver<Array<ResolversTypes['GroupBuyTeam']>, ParentType, ContextType, RequireFields<ProductOpenTeamsArgs, 'first'>>;
  promotionTags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  activities?: Resolver<ResolversTypes['ActivityConnection'], ParentType, ContextType, RequireFields<QueryActivitiesArgs, 'first' | 'shopId'>>;
  activity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType, RequireFields<QueryActivityArgs, 'id'>>;
  couponCenter?: Resolver<ResolversTypes['CouponTemplateConnection'], ParentType, ContextType, RequireFields<QueryCouponCenterArgs, 'first'>>;
  couponCodes?: Resolver<ResolversTypes['CouponCodeConnection'], ParentType, ContextType, RequireFields<QueryCouponCodesArgs, 'first' | 'templateId'>>;
  couponTemplate?: Resolver<Maybe<ResolversTypes['CouponTemplate']>, ParentType, ContextType, RequireFields<QueryCouponTemplateArgs, 'id'>>;
  couponTemplates?: Resolver<ResolversTypes['CouponTemplateConnection'], ParentType, ContextType, RequireFields<QueryCouponTemplatesArgs, 'first'>>;
  flashSession?: Resolver<Maybe<ResolversTypes['FlashSession']>, ParentType, ContextType, RequireFields<QueryFlashSessionArgs, 'id'>>;
  flashSessions?: Resolver<Array<ResolversTypes['FlashSession']>, ParentType, ContextType, Partial<QueryFlashSessionsArgs>>;
  freightEstimate?: Resolver<ResolversTypes['FreightEstimate'], ParentType, ContextType, RequireFields<QueryFreightEstimateArgs, 'lines' | 'shopId'>>;
  freightTemplate?: Resolver<Maybe<ResolversTypes['FreightTemplate']>, ParentType, ContextType, RequireFields<QueryFreightTemplateArgs, 'shopId'>>;
  groupBuy?: Resolver<Maybe<ResolversTypes['GroupBuy']>, ParentType, ContextType, RequireFields<QueryGroupBuyArgs, 'id'>>;
  groupBuyTeam?: Resolver<Maybe<ResolversTypes['GroupBuyTeam']>, ParentType, ContextType, RequireFields<QueryGroupBuyTeamArgs, 'id'>>;
  myGroupBuySeats?: Resolver<Array<ResolversTypes['GroupBuySeat']>, ParentType, ContextType, RequireFields<QueryMyGroupBuySeatsArgs, 'first'>>;
  pointsRule?: Resolver<ResolversTypes['PointsRule'], ParentType, ContextType>;
  quoteCheckout?: Resolver<ResolversTypes['Quote'], ParentType, ContextType, RequireFields<QueryQuoteCheckoutArgs, 'input'>>;
  shopGroupBuys?: Resolver<Array<ResolversTypes['GroupBuy']>, ParentType, ContextType, Partial<QueryShopGroupBuysArgs>>;
};

export type QuoteResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Quote'] = ResolversParentTypes['Quote']> = {
  activities?: Resolver<Array<ResolversTypes['AppliedActivity']>, ParentType, ContextType>;
  applied?: Resolver<Array<ResolversTypes['AppliedCoupon']>, ParentType, ContextType>;
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  freight?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  goods?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  notApplied?: Resolver<Array<ResolversTypes['NotAppliedCoupon']>, ParentType, ContextType>;
  notAppliedActivities?: Resolver<Array<ResolversTypes['NotAppliedActivity']>, ParentType, ContextType>;
  payable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['QuotePoints'], ParentType, ContextType>;
  shops?: Resolver<Array<ResolversTypes['ShopQuote']>, ParentType, ContextType>;
};

export type QuoteLineResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['QuoteLine'] = ResolversParentTypes['QuoteLine']> = {
  discounts?: Resolver<Array<ResolversTypes['LineDiscount']>, ParentType, ContextType>;
  payable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type QuotePointsResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['QuotePoints'] = ResolversParentTypes['QuotePoints']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  used?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShopResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Shop'] = ResolversParentTypes['Shop']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ShopQuoteResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['ShopQuote'] = ResolversParentTypes['ShopQuote']> = {
  deliverable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  freeShippingMissing?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  freeShippingThreshold?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  freight?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  freightWaivedBy?: Resolver<Maybe<ResolversTypes['Coupon']>, ParentType, ContextType>;
  goods?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['QuoteLine']>, ParentType, ContextType>;
  payable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  shop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
};

export type SkuResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku'], FederationReferenceType extends FederationReferenceTypes['Sku'] = FederationReferenceTypes['Sku']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Sku']> | FederationReferenceType, FederationReferenceType, ContextType>;
  flashSale?: Resolver<Maybe<ResolversTypes['FlashSale']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  promotions?: Resolver<Array<ResolversTypes['SkuPromotion']>, ParentType, ContextType>;
};

export type SkuPromotionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['SkuPromotion'] = ResolversParentTypes['SkuPromotion']> = {
  activity?: Resolver<Maybe<ResolversTypes['Activity']>, ParentType, ContextType>;
  couponTemplate?: Resolver<Maybe<ResolversTypes['CouponTemplate']>, ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SkuPromotionKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
};

export type SpecialPriceResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['SpecialPrice'] = ResolversParentTypes['SpecialPrice']> = {
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = PromotionContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  flashSaleChanged?: SubscriptionResolver<ResolversTypes['FlashSession'], "flashSaleChanged", ParentType, ContextType, RequireFields<SubscriptionFlashSaleChangedArgs, 'sessionId'>>;
  groupBuyTeamUpdated?: SubscriptionResolver<ResolversTypes['GroupBuyTeam'], "groupBuyTeamUpdated", ParentType, ContextType, RequireFields<SubscriptionGroupBuyTeamUpdatedArgs, 'teamId'>>;
};

export type Resolvers<ContextType = PromotionContext> = {
  Activity?: ActivityResolvers<ContextType>;
  ActivityConnection?: ActivityConnectionResolvers<ContextType>;
  ActivityEdge?: ActivityEdgeResolvers<ContextType>;
  ActivityTier?: ActivityTierResolvers<ContextType>;
  AppliedActivity?: AppliedActivityResolvers<ContextType>;
  AppliedCoupon?: AppliedCouponResolvers<ContextType>;
  Cents?: GraphQLScalarType;
  Coupon?: CouponResolvers<ContextType>;
  CouponCode?: CouponCodeResolvers<ContextType>;
  CouponCodeConnection?: CouponCodeConnectionResolvers<ContextType>;
  CouponCodeEdge?: CouponCodeEdgeResolvers<ContextType>;
  CouponConnection?: CouponConnectionResolvers<ContextType>;
  CouponEdge?: CouponEdgeResolvers<ContextType>;
  CouponGrant?: CouponGrantResolvers<ContextType>;
  CouponTemplate?: CouponTemplateResolvers<ContextType>;
  CouponTemplateConnection?: CouponTemplateConnectionResolvers<ContextType>;
  CouponTemplateEdge?: CouponTemplateEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  FlashEntry?: FlashEntryResolvers<ContextType>;
  FlashEntryFigures?: FlashEntryFiguresResolvers<ContextType>;
  FlashHold?: FlashHoldResolvers<ContextType>;
  FlashSale?: FlashSaleResolvers<ContextType>;
  FlashSession?: FlashSessionResolvers<ContextType>;
  FlashSessionFigures?: FlashSessionFiguresResolvers<ContextType>;
  FreightEstimate?: FreightEstimateResolvers<ContextType>;
  FreightRegion?: FreightRegionResolvers<ContextType>;
  FreightTemplate?: FreightTemplateResolvers<ContextType>;
  GroupBuy?: GroupBuyResolvers<ContextType>;
  GroupBuyFigures?: GroupBuyFiguresResolvers<ContextType>;
  GroupBuySeat?: GroupBuySeatResolvers<ContextType>;
  GroupBuySku?: GroupBuySkuResolvers<ContextType>;
  GroupBuyTeam?: GroupBuyTeamResolvers<ContextType>;
  GroupBuyTeamMember?: GroupBuyTeamMemberResolvers<ContextType>;
  LineDiscount?: LineDiscountResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NotAppliedActivity?: NotAppliedActivityResolvers<ContextType>;
  NotAppliedCoupon?: NotAppliedCouponResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PointsRule?: PointsRuleResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Quote?: QuoteResolvers<ContextType>;
  QuoteLine?: QuoteLineResolvers<ContextType>;
  QuotePoints?: QuotePointsResolvers<ContextType>;
  Shop?: ShopResolvers<ContextType>;
  ShopQuote?: ShopQuoteResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
  SkuPromotion?: SkuPromotionResolvers<ContextType>;
  SpecialPrice?: SpecialPriceResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

