import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRow, OrderLineRow, OrderStatusChangeRow, AfterSaleRow } from '../db/schema.ts';
import type { MemberRef, OrderContext } from '../context.ts';
import type { Connection } from '@mall/kit';
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

/** An after-sale request on a paid order. */
export type AfterSale = {
  __typename?: 'AfterSale';
  /** Money to refund. */
  amount: Money;
  /** When it was asked for. */
  createdAt: Scalars['DateTime']['output'];
  /** When the merchant decided. */
  decidedAt: Maybe<Scalars['DateTime']['output']>;
  /** Why the refund could not be made (FAILED). */
  failureReason: Maybe<Scalars['String']['output']>;
  /** Request id. */
  id: Scalars['ID']['output'];
  /** For a refund of lines: which units of which lines, and what each takes back. */
  lines: Array<AfterSaleLine>;
  /** The merchant's note (required when rejecting). */
  merchantNote: Maybe<Scalars['String']['output']>;
  /** Points the refunded units took at checkout, given back to the member when the merchant approves. */
  points: Scalars['Int']['output'];
  /** The buyer's reason. */
  reason: Scalars['String']['output'];
  /** Payment's refund number, once the refund was made. */
  refundNo: Maybe<Scalars['String']['output']>;
  /** When the refund was made. */
  refundedAt: Maybe<Scalars['DateTime']['output']>;
  /** Where it stands. */
  status: AfterSaleStatus;
  /** Refund only, or return and refund. */
  type: AfterSaleType;
};

/**
 * Units of an order line an after-sale refunds: exactly what those units cost the buyer
 * after every discount (the line keeps the discount shares it was given at checkout), and
 * the points they took.
 */
export type AfterSaleLine = {
  __typename?: 'AfterSaleLine';
  amount: Money;
  line: OrderLine;
  points: Scalars['Int']['output'];
  quantity: Scalars['Int']['output'];
};

/** Units of one line of the order to refund. */
export type AfterSaleLineInput = {
  orderLineId: Scalars['ID']['input'];
  /** 1 to the units not refunded yet. */
  quantity: Scalars['Int']['input'];
};

/** Where an after-sale request stands. */
export type AfterSaleStatus =
  /** Approved, but the refund could not be made (see `failureReason`); the buyer may ask again for what can still be refunded. */
  | 'FAILED'
  /** Approved and refunded: the money is back with the buyer (see `refundNo`). */
  | 'REFUNDED'
  /** Approved by the merchant; payment is refunding the amount. */
  | 'REFUNDING'
  /** Rejected by the merchant, with a note. */
  | 'REJECTED'
  /** Waiting for the merchant. */
  | 'REQUESTED';

/** What the buyer asks for after paying. */
export type AfterSaleType =
  /** Money back, goods kept (e.g. not shipped yet, or a partial refund). */
  | 'REFUND_ONLY'
  /** Goods sent back, money back. */
  | 'RETURN_AND_REFUND';

/** The orders one `placeOrder` made: one per shop. */
export type Checkout = {
  __typename?: 'Checkout';
  /** The orders, by shop. */
  orders: Array<Order>;
};

/** A group-buy team (promotion owns it). */
export type GroupBuyTeam = {
  __typename?: 'GroupBuyTeam';
  id: Scalars['ID']['output'];
};

/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type Member = {
  __typename?: 'Member';
  /** Member id. */
  id: Scalars['ID']['output'];
  /** The member's orders, newest first (the member themself and admins). */
  orders: OrderConnection;
};


/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type MemberOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
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
  /** Cancel an order waiting for payment (its buyer, or ADMIN); the stock goes back. */
  cancelOrder: Order;
  /** Confirm receipt of a shipped order (its buyer). */
  confirmReceipt: Order;
  /** Approve or reject a waiting after-sale request (its shop's merchant, or ADMIN); rejecting needs a note. */
  decideAfterSale: AfterSale;
  /**
   * Join a team (MEMBER, 参团) with one SKU of its group buy at the group price. The seat is
   * taken before anything is charged: CONFLICT `TEAM_FULL`, `TEAM_NOT_OPEN` (its opener has
   * not paid), `TEAM_ENDED`, `ALREADY_IN_TEAM`, `LIMIT_REACHED`, `SOLD_OUT`, `ACTIVITY_CLOSED`;
   * NOT_FOUND for an unknown team; BAD_USER_INPUT `NOT_IN_ACTIVITY` for a SKU the team's group
   * buy does not sell. An unpaid seat is freed when its order expires.
   */
  joinGroupBuy: Order;
  /**
   * Open a group-buy team (MEMBER, 开团): an order of one SKU of a running group buy at its
   * opener's price (团长价, or the group price), to pay as any order. The team opens for others
   * to join once this order is paid; its time runs from then. Coupons apply only when the
   * group buy allows them (shop activities never do); points as for any order. CONFLICT
   * `ACTIVITY_CLOSED` (no group buy of the SKU runs), `LIMIT_REACHED`, `SOLD_OUT`. The same
   * `idempotencyKey` answers the same order.
   */
  openGroupBuy: Order;
  /** Check out (MEMBER): reserves stock for every line or none and places one order per shop, PENDING_PAYMENT. */
  placeOrder: Checkout;
  /**
   * Ask for a refund on a paid, shipped or (within the window) completed order (its buyer).
   * With `lines`, units of its lines: the refund is exactly what those units cost after every
   * discount (each line keeps the shares it was given at checkout, so the lines kept cost
   * what they cost) and their points go back to the member. Otherwise `amount`, at most what
   * can still be refunded (what was paid, less what was refunded by any means, less
   * after-sales still refunding), all of it when omitted. Not both.
   */
  requestAfterSale: AfterSale;
  /** Ship a paid order (its shop's merchant, or ADMIN); a group-buy order once its team succeeded (CONFLICT GROUP_BUY_FORMING before, GROUP_BUY_FAILED after it failed). */
  shipOrder: Order;
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationConfirmReceiptArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDecideAfterSaleArgs = {
  approve: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationJoinGroupBuyArgs = {
  addressId?: InputMaybe<Scalars['ID']['input']>;
  couponIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  idempotencyKey: Scalars['String']['input'];
  points?: InputMaybe<Scalars['Int']['input']>;
  quantity: Scalars['Int']['input'];
  remark?: InputMaybe<Scalars['String']['input']>;
  skuId: Scalars['ID']['input'];
  teamId: Scalars['ID']['input'];
};


export type MutationOpenGroupBuyArgs = {
  addressId?: InputMaybe<Scalars['ID']['input']>;
  couponIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  idempotencyKey: Scalars['String']['input'];
  points?: InputMaybe<Scalars['Int']['input']>;
  quantity: Scalars['Int']['input'];
  remark?: InputMaybe<Scalars['String']['input']>;
  skuId: Scalars['ID']['input'];
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationRequestAfterSaleArgs = {
  amount?: InputMaybe<Scalars['Int']['input']>;
  lines?: InputMaybe<Array<AfterSaleLineInput>>;
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  type: AfterSaleType;
};


export type MutationShipOrderArgs = {
  carrier: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  trackingNumber: Scalars['String']['input'];
};

/** An order of one shop's goods. */
export type Order = {
  __typename?: 'Order';
  /** Where it goes, as it was at checkout. */
  address: OrderAddress;
  /** After-sale requests, oldest first. */
  afterSales: Array<AfterSale>;
  /** Goods, discount, freight and what is to be paid. */
  amounts: OrderAmounts;
  /** Why it was cancelled. */
  cancelReason: Maybe<Scalars['String']['output']>;
  /** When it was cancelled. */
  cancelledAt: Maybe<Scalars['DateTime']['output']>;
  /** When it was closed by a full refund before shipping. */
  closedAt: Maybe<Scalars['DateTime']['output']>;
  /** When it completed. */
  completedAt: Maybe<Scalars['DateTime']['output']>;
  /** When it was placed. */
  createdAt: Scalars['DateTime']['output'];
  /** When an unpaid order is cancelled. */
  expiresAt: Scalars['DateTime']['output'];
  /** Its group-buy team, for a group-buy order (拼团); null for others. */
  groupBuy: Maybe<OrderGroupBuy>;
  /** Order id. */
  id: Scalars['ID']['output'];
  /** What was bought, as it was at checkout. */
  lines: Array<OrderLine>;
  /** The buyer. */
  member: Member;
  /** The order number shown to people. */
  orderNo: Scalars['String']['output'];
  /** When it was paid. */
  paidAt: Maybe<Scalars['DateTime']['output']>;
  /** Nothing, part or all of the payment refunded. */
  refundState: RefundState;
  /** What has been refunded of what was paid (by after-sales, the merchant or an admin), once payment made the refunds. */
  refunded: Money;
  /** The buyer's remark. */
  remark: Scalars['String']['output'];
  /** How it was shipped, once shipped. */
  shipment: Maybe<Shipment>;
  /** The shop that sells it. */
  shop: Shop;
  /** Where the order is in its life. */
  status: OrderStatus;
  /** Every status change, oldest first. */
  timeline: Array<OrderStatusChange>;
};

/** The shipping address an order was placed with. */
export type OrderAddress = {
  __typename?: 'OrderAddress';
  /** Street, building and room. */
  detail: Scalars['String']['output'];
  /** Recipient's mobile number. */
  phone: Scalars['String']['output'];
  /** Who receives the parcel. */
  recipient: Scalars['String']['output'];
  /** Province, city and district as shown. */
  region: Scalars['String']['output'];
};

/** An order's money, in integer cents. */
export type OrderAmounts = {
  __typename?: 'OrderAmounts';
  /** Taken off the goods (coupons, member level), the sum of the lines' discounts. */
  discount: Money;
  /** Shipping. */
  freight: Money;
  /** Sum of the lines. */
  goods: Money;
  /** goods − discount + freight: what the buyer pays. */
  payable: Money;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders. */
  nodes: Array<Order>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many orders match in all. */
  totalCount: Scalars['Int']['output'];
};

/** What took a part of an order line's price. */
export type OrderDiscountSource =
  /** A shop activity: a special price (限时折扣), a full reduction (满减) or a full discount (满件折). */
  | 'ACTIVITY'
  | 'COUPON'
  /** A flash sale's price (秒杀): the list price less the flash price. */
  | 'FLASH_SALE'
  /** A group buy's price (拼团价, or the opener's 团长价): the list price less it. */
  | 'GROUP_BUY'
  | 'MEMBER_LEVEL'
  /** Points spent (积分抵扣). */
  | 'POINTS';

export type OrderGroupBuy = {
  __typename?: 'OrderGroupBuy';
  state: OrderGroupBuyState;
  team: GroupBuyTeam;
};

export type OrderGroupBuyState =
  /** Its team failed (or dropped its unpaid seat): cancelled when unpaid, refunded in full when paid. */
  | 'FAILED'
  /** Its team is still filling: the order may not ship yet (CONFLICT GROUP_BUY_FORMING). */
  | 'FORMING'
  /** Its team succeeded: it ships. */
  | 'SUCCEEDED';

/** One bought SKU, snapshotted at checkout. */
export type OrderLine = {
  __typename?: 'OrderLine';
  /** This line's share of the order's discount, in whole cents (the shares add up to the order's discount exactly). */
  discount: Money;
  /** What took that share, promotion by promotion, in the order the pricing engine applied them; they add up to `discount`. */
  discounts: Array<OrderLineDiscount>;
  /** Line id (what an after-sale of some of its units names). */
  id: Scalars['ID']['output'];
  /** Image at checkout. */
  image: Maybe<Scalars['String']['output']>;
  /** subtotal − discount: what this line cost the buyer. */
  payable: Money;
  /** Points that paid part of this line. */
  points: Scalars['Int']['output'];
  /** Units bought. */
  quantity: Scalars['Int']['output'];
  /** The SKU (resolved by catalog, as it is today). */
  sku: Sku;
  /** Spec text at checkout, e.g. 颜色:黑色 尺码:L. */
  specText: Scalars['String']['output'];
  /** unitPrice × quantity. */
  subtotal: Money;
  /** Product title at checkout. */
  title: Scalars['String']['output'];
  /** Unit price at checkout. */
  unitPrice: Money;
};

export type OrderLineDiscount = {
  __typename?: 'OrderLineDiscount';
  /** The shop activity (source ACTIVITY), by id (promotion's `activity(id)` has it). */
  activityId: Maybe<Scalars['ID']['output']>;
  amount: Money;
  /** The coupon (source COUPON), by id (promotion's `Member.coupons` has it). */
  couponId: Maybe<Scalars['ID']['output']>;
  /** What the buyer reads, e.g. 满200减25 or 会员折扣. */
  label: Scalars['String']['output'];
  source: OrderDiscountSource;
};

/** One line to buy. */
export type OrderLineInput = {
  /** Units, 1–999. */
  quantity: Scalars['Int']['input'];
  /** The SKU. */
  skuId: Scalars['ID']['input'];
};

/** Where an order is in its life. */
export type OrderStatus =
  /** Cancelled before payment (by the buyer, an admin, or the payment window closing). */
  | 'CANCELLED'
  /** Refunded in full before it was shipped: closed for good, its stock back on the shelf, never shipped. */
  | 'CLOSED'
  /** Received (confirmed by the buyer, or automatically some days after shipping). */
  | 'COMPLETED'
  /** Paid; waiting for the merchant to ship. */
  | 'PAID'
  /** Placed, waiting for payment; cancelled automatically when the payment window closes. */
  | 'PENDING_PAYMENT'
  /** On its way. */
  | 'SHIPPED';

/** A status change in an order's timeline. */
export type OrderStatusChange = {
  __typename?: 'OrderStatusChange';
  /** Who made the change: member, merchant, admin, payment or system. */
  actor: Scalars['String']['output'];
  /** When. */
  at: Scalars['DateTime']['output'];
  /** Status before (null for the first entry). */
  from: Maybe<OrderStatus>;
  /** Why, or a detail such as the tracking number. */
  note: Maybe<Scalars['String']['output']>;
  /** Status after. */
  to: OrderStatus;
};

/** Where a page of a connection ends, for cursor pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge on this page, null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass `endCursor` as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** What to order. Lines of several shops make one order per shop. */
export type PlaceOrderInput = {
  /** Shipping address (one of the member's); the default address when omitted. */
  addressId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * The member's coupons to use (at most 10; `[]`: none). Omitted: the quote's coupons when
   * `quoteId` is given, else the best combination of the member's coupons, as `quoteCheckout`
   * picks it. A coupon not the member's is NOT_FOUND; one that does not apply is CONFLICT
   * `COUPON_NOT_APPLICABLE` (with `why`); one another checkout took first is CONFLICT
   * `COUPON_UNAVAILABLE`.
   */
  couponIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** True when the lines are the cart's selected lines: they leave the cart once the orders are placed. */
  fromCart?: InputMaybe<Scalars['Boolean']['input']>;
  /** A key the client makes for this checkout (8–100 characters): a retry with it returns the same orders. */
  idempotencyKey: Scalars['String']['input'];
  /** The lines: the cart's selected lines, or one line for "buy now". */
  lines: Array<OrderLineInput>;
  /**
   * Points to spend (积分抵扣; omitted: the quote's, else none). At most what promotion's
   * `pointsRule` lets these goods take (BAD_USER_INPUT `POINTS_OVER_LIMIT` with `max`); more
   * than the member owns is CONFLICT `INSUFFICIENT_POINTS`. Either way nothing is spent.
   * They are held from the member's balance while the orders wait for payment and come
   * back when an order ends unpaid.
   */
  points?: InputMaybe<Scalars['Int']['input']>;
  /**
   * The `id` of the `quoteCheckout` answer the buyer saw: the orders cost exactly that, or the
   * checkout is refused with CONFLICT `QUOTE_CHANGED` and `changes` naming every difference
   * (a price, a coupon, the member discount, a shop's freight), `QUOTE_EXPIRED` after 30
   * minutes, `QUOTE_MISMATCH` for other lines.
   */
  quoteId?: InputMaybe<Scalars['ID']['input']>;
  /** A remark for the merchant, at most 200 characters. */
  remark?: InputMaybe<Scalars['String']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** The calling member's orders, newest first (MEMBER). */
  myOrders: OrderConnection;
  /** An order: for its buyer, its shop's merchant and admins; null for anyone else, as for an order that does not exist. */
  order: Maybe<Order>;
  /** The calling merchant's shop's orders, newest first (MERCHANT). */
  shopOrders: OrderConnection;
};


export type QueryMyOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryShopOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};

/** How much of an order's payment has gone back to the buyer. */
export type RefundState =
  /** All of it refunded. */
  | 'FULL'
  /** Nothing refunded. */
  | 'NONE'
  /** Part of the payment refunded (the order goes on: a paid one can still be shipped). */
  | 'PARTIAL';

/** How an order was shipped. */
export type Shipment = {
  __typename?: 'Shipment';
  /** Carrier name, e.g. 顺丰速运. */
  carrier: Scalars['String']['output'];
  /** When it was shipped. */
  shippedAt: Scalars['DateTime']['output'];
  /** The carrier's tracking number. */
  trackingNumber: Scalars['String']['output'];
};

/** A merchant's storefront. Every product belongs to one shop. */
export type Shop = {
  __typename?: 'Shop';
  /** Shop id. */
  id: Scalars['ID']['output'];
};

/** A stock-keeping unit: one buyable variant of a product, with its own price and stock. */
export type Sku = {
  __typename?: 'Sku';
  /** SKU id. */
  id: Scalars['ID']['output'];
};

/**
 * Live updates over graphql-ws on the gateway's `/graphql` (the subgraphs themselves do not
 * serve them). Each event is answered with the subscriber's whole selection, resolved through
 * the supergraph with the subscriber's identity, exactly as the matching query would be.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /** The caller's orders as they change: a member's own, a merchant's shop's, every order for admins. Nothing is sent at the start. */
  myOrdersUpdated: Order;
  /** One order's changes (its buyer, its shop's merchant, admins; FORBIDDEN otherwise): the order as it is now first, then again after every change (status, payment, refund, after-sale). */
  orderUpdated: Order;
};


/**
 * Live updates over graphql-ws on the gateway's `/graphql` (the subgraphs themselves do not
 * serve them). Each event is answered with the subscriber's whole selection, resolved through
 * the supergraph with the subscriber's identity, exactly as the matching query would be.
 */
export type SubscriptionOrderUpdatedArgs = {
  orderId: Scalars['ID']['input'];
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
  Member: Member;
  Order: Order;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AfterSale: ResolverTypeWrapper<AfterSaleRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AfterSaleLine: ResolverTypeWrapper<Omit<AfterSaleLine, 'line'> & { line: ResolversTypes['OrderLine'] }>;
  AfterSaleLineInput: AfterSaleLineInput;
  AfterSaleStatus: AfterSaleStatus;
  AfterSaleType: AfterSaleType;
  Cents: ResolverTypeWrapper<Scalars['Cents']['output']>;
  Checkout: ResolverTypeWrapper<Omit<Checkout, 'orders'> & { orders: Array<ResolversTypes['Order']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GroupBuyTeam: ResolverTypeWrapper<GroupBuyTeam>;
  Member: ResolverTypeWrapper<MemberRef>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderAddress: ResolverTypeWrapper<OrderAddress>;
  OrderAmounts: ResolverTypeWrapper<OrderAmounts>;
  OrderConnection: ResolverTypeWrapper<Connection<OrderRow>>;
  OrderDiscountSource: OrderDiscountSource;
  OrderGroupBuy: ResolverTypeWrapper<OrderGroupBuy>;
  OrderGroupBuyState: OrderGroupBuyState;
  OrderLine: ResolverTypeWrapper<OrderLineRow>;
  OrderLineDiscount: ResolverTypeWrapper<OrderLineDiscount>;
  OrderLineInput: OrderLineInput;
  OrderStatus: OrderStatus;
  OrderStatusChange: ResolverTypeWrapper<OrderStatusChangeRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PlaceOrderInput: PlaceOrderInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefundState: RefundState;
  Shipment: ResolverTypeWrapper<Shipment>;
  Shop: ResolverTypeWrapper<Shop>;
  Sku: ResolverTypeWrapper<Sku>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AfterSale: AfterSaleRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AfterSaleLine: Omit<AfterSaleLine, 'line'> & { line: ResolversParentTypes['OrderLine'] };
  AfterSaleLineInput: AfterSaleLineInput;
  Cents: Scalars['Cents']['output'];
  Checkout: Omit<Checkout, 'orders'> & { orders: Array<ResolversParentTypes['Order']> };
  DateTime: Scalars['DateTime']['output'];
  GroupBuyTeam: GroupBuyTeam;
  Member: MemberRef;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Order: OrderRow;
  OrderAddress: OrderAddress;
  OrderAmounts: OrderAmounts;
  OrderConnection: Connection<OrderRow>;
  OrderGroupBuy: OrderGroupBuy;
  OrderLine: OrderLineRow;
  OrderLineDiscount: OrderLineDiscount;
  OrderLineInput: OrderLineInput;
  OrderStatusChange: OrderStatusChangeRow;
  PageInfo: PageInfo;
  PlaceOrderInput: PlaceOrderInput;
  Query: Record<PropertyKey, never>;
  Shipment: Shipment;
  Shop: Shop;
  Sku: Sku;
  Subscription: Record<PropertyKey, never>;
};

export type AfterSaleResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['AfterSale'] = ResolversParentTypes['AfterSale']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['AfterSaleLine']>, ParentType, ContextType>;
  merchantNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refundNo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refundedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AfterSaleStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['AfterSaleType'], ParentType, ContextType>;
};

export type AfterSaleLineResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['AfterSaleLine'] = ResolversParentTypes['AfterSaleLine']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  line?: Resolver<ResolversTypes['OrderLine'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface CentsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Cents'], any> {
  name: 'Cents';
}

export type CheckoutResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Checkout'] = ResolversParentTypes['Checkout']> = {
  orders?: Resolver<Array<ResolversTypes['Order']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GroupBuyTeamResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['GroupBuyTeam'] = ResolversParentTypes['GroupBuyTeam']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MemberResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<MemberOrdersArgs, 'first'>>;
};

export type MoneyResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Cents'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  confirmReceipt?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationConfirmReceiptArgs, 'id'>>;
  decideAfterSale?: Resolver<ResolversTypes['AfterSale'], ParentType, ContextType, RequireFields<MutationDecideAfterSaleArgs, 'approve' | 'id'>>;
  joinGroupBuy?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationJoinGroupBuyArgs, 'idempotencyKey' | 'quantity' | 'skuId' | 'teamId'>>;
  openGroupBuy?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationOpenGroupBuyArgs, 'idempotencyKey' | 'quantity' | 'skuId'>>;
  placeOrder?: Resolver<ResolversTypes['Checkout'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  requestAfterSale?: Resolver<ResolversTypes['AfterSale'], ParentType, ContextType, RequireFields<MutationRequestAfterSaleArgs, 'orderId' | 'reason' | 'type'>>;
  shipOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationShipOrderArgs, 'carrier' | 'id' | 'trackingNumber'>>;
};

export type OrderResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['OrderAddress'], ParentType, ContextType>;
  afterSales?: Resolver<Array<ResolversTypes['AfterSale']>, ParentType, ContextType>;
  amounts?: Resolver<ResolversTypes['OrderAmounts'], ParentType, ContextType>;
  cancelReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  groupBuy?: Resolver<Maybe<ResolversTypes['OrderGroupBuy']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  orderNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  refundState?: Resolver<ResolversTypes['RefundState'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  remark?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType>;
  shop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  timeline?: Resolver<Array<ResolversTypes['OrderStatusChange']>, ParentType, ContextType>;
};

export type OrderAddressResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['OrderAddress'] = ResolversParentTypes['OrderAddress']> = {
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recipient?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OrderAmountsResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['OrderAmounts'] = ResolversParentTypes['OrderAmounts']> = {
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  freight?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  goods?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  payable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Order']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrderGroupBuyResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['OrderGroupBuy'] = ResolversParentTypes['OrderGroupBuy']> = {
  state?: Resolver<ResolversTypes['OrderGroupBuyState'], ParentType, ContextType>;
  team?: Resolver<ResolversTypes['GroupBuyTeam'], ParentType, ContextType>;
};

export type OrderLineResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = {
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  discounts?: Resolver<Array<ResolversTypes['OrderLineDiscount']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  payable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
  specText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type OrderLineDiscountResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['OrderLineDiscount'] = ResolversParentTypes['OrderLineDiscount']> = {
  activityId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  couponId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['OrderDiscountSource'], ParentType, ContextType>;
};

export type OrderStatusChangeResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['OrderStatusChange'] = ResolversParentTypes['OrderStatusChange']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  myOrders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryMyOrdersArgs, 'first'>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  shopOrders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryShopOrdersArgs, 'first'>>;
};

export type ShipmentResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment']> = {
  carrier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shippedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  trackingNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ShopResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Shop'] = ResolversParentTypes['Shop']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type SkuResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = OrderContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  myOrdersUpdated?: SubscriptionResolver<ResolversTypes['Order'], "myOrdersUpdated", ParentType, ContextType>;
  orderUpdated?: SubscriptionResolver<ResolversTypes['Order'], "orderUpdated", ParentType, ContextType, RequireFields<SubscriptionOrderUpdatedArgs, 'orderId'>>;
};

export type Resolvers<ContextType = OrderContext> = {
  AfterSale?: AfterSaleResolvers<ContextType>;
  AfterSaleLine?: AfterSaleLineResolvers<ContextType>;
  Cents?: GraphQLScalarType;
  Checkout?: CheckoutResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GroupBuyTeam?: GroupBuyTeamResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderAddress?: OrderAddressResolvers<ContextType>;
  OrderAmounts?: OrderAmountsResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderGroupBuy?: OrderGroupBuyResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  OrderLineDiscount?: OrderLineDiscountResolvers<ContextType>;
  OrderStatusChange?: OrderStatusChangeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  Shop?: ShopResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

