import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PaymentRow, RefundRow } from '../db/schema.ts';
import type { EntityRef, PaymentContext } from '../context.ts';
import type { StartedPayment } from '../services/payments.ts';
import type { RequestPaymentParams } from '@mall/wechat-pay';
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

/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type Member = {
  __typename?: 'Member';
  /** Member id. */
  id: Scalars['ID']['output'];
  /** The member's payments (orders and recharges), newest first (the member themself and admins). */
  payments: PaymentConnection;
};


/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type MemberPaymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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
  /**
   * Pays an order of the caller (members). The amount is the order's payable amount. WECHAT
   * answers `wechatPay` for `wx.requestPayment` (the same prepay again while it is pending);
   * BALANCE debits the wallet at once (CONFLICT reason INSUFFICIENT_BALANCE when short). The
   * order becomes PAID once the payment succeeds. CONFLICT with reason ALREADY_PAID,
   * ORDER_NOT_PAYABLE or PAYMENT_IN_PROGRESS when it cannot be paid now.
   */
  payOrder: PaymentStart;
  /**
   * Tops up the caller's wallet through WeChat Pay (`amount` in 分, 1 to 1000000); the wallet
   * is credited with any recharge bonus once WeChat Pay's notification is verified.
   */
  rechargeWallet: PaymentStart;
  /**
   * Refunds part or all of an order payment (the shop's merchant, admins). `amount` in 分; the
   * refunds of a payment never add up past what was paid (CONFLICT reason EXCEEDS_REFUNDABLE).
   * `idempotencyKey` (8 to 64 characters, new for each refund the caller means) makes a retry
   * safe: the same key again answers the same refund, also when the requests come at once. A
   * refund WeChat Pay has not accepted yet is PENDING and is sent again until it is.
   */
  refundPayment: Refund;
};


export type MutationPayOrderArgs = {
  method: PaymentMethod;
  orderId: Scalars['ID']['input'];
};


export type MutationRechargeWalletArgs = {
  amount: Scalars['Int']['input'];
  method?: InputMaybe<PaymentMethod>;
};


export type MutationRefundPaymentArgs = {
  amount: Scalars['Int']['input'];
  idempotencyKey: Scalars['String']['input'];
  paymentId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

/** An order of one shop's goods. */
export type Order = {
  __typename?: 'Order';
  /** Order id. */
  id: Scalars['ID']['output'];
  /** Every payment started for the order, oldest first (the buyer, the shop's merchant, admins). */
  payments: Array<Payment>;
  /** Every refund of the order's payments, oldest first. */
  refunds: Array<Refund>;
};

/** Where a page of a connection ends, for cursor pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge on this page, null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass `endCursor` as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** One attempt to take money for an order or a recharge. */
export type Payment = {
  __typename?: 'Payment';
  /** How much: always the order's payable amount (never the client's word). */
  amount: Money;
  /** When it was closed unpaid. */
  closedAt: Maybe<Scalars['DateTime']['output']>;
  /** When it was started. */
  createdAt: Scalars['DateTime']['output'];
  /** Why it failed, when it did. */
  failureReason: Maybe<Scalars['String']['output']>;
  /** Payment id. */
  id: Scalars['ID']['output'];
  /** Who pays. */
  member: Member;
  /** How. */
  method: PaymentMethod;
  /** The order paid for; null for a recharge. */
  order: Maybe<Order>;
  /** When the money came in. */
  paidAt: Maybe<Scalars['DateTime']['output']>;
  /**
   * What the payer paid themself, once the money is in: `amount` less what a WeChat Pay
   * coupon (代金券) paid, as WeChat Pay reports it (`payer_total`); all of `amount` for a
   * wallet payment. Null until paid, and for WeChat payments paid before payment kept it.
   */
  payerPaid: Maybe<Money>;
  /** The payment number (WeChat Pay's `out_trade_no`). */
  paymentNo: Scalars['String']['output'];
  /** WeChat Pay's transaction id, or the wallet ledger entry, once paid. */
  providerTransactionId: Maybe<Scalars['String']['output']>;
  /** An order, or a wallet recharge. */
  purpose: PaymentPurpose;
  /** What may still be refunded (paid, less every refund asked for and not failed). */
  refundable: Money;
  /** Refunded so far (completed refunds). */
  refunded: Money;
  /** Its refunds, oldest first. */
  refunds: Array<Refund>;
  /** Where it stands. */
  status: PaymentStatus;
};

/** A page of payments. */
export type PaymentConnection = {
  __typename?: 'PaymentConnection';
  /** The payments on this page. */
  edges: Array<PaymentEdge>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many there are in all. */
  totalCount: Scalars['Int']['output'];
};

/** One payment in a page. */
export type PaymentEdge = {
  __typename?: 'PaymentEdge';
  /** Cursor to pass as `after`. */
  cursor: Scalars['String']['output'];
  /** The payment. */
  node: Payment;
};

/** How a payment is made. */
export type PaymentMethod =
  /** The member's wallet balance (余额支付), all or nothing. */
  | 'BALANCE'
  /** Development only (PAYMENT_DEV_METHOD=true): a WeChat Pay payment the fake WeChat Pay server completes at once, through the real notification path. */
  | 'DEV'
  /** WeChat Pay in the mini-program (JSAPI): the client calls `wx.requestPayment` with `wechatPay`. */
  | 'WECHAT';

/** What a payment is for. */
export type PaymentPurpose =
  /** An order. */
  | 'ORDER'
  /** Topping up the wallet (充值). */
  | 'RECHARGE';

/** A payment just started: for WeChat Pay, what the mini-program passes to `wx.requestPayment`. */
export type PaymentStart = {
  __typename?: 'PaymentStart';
  /** The payment (SUCCEEDED at once for BALANCE and DEV; PENDING for WECHAT until WeChat Pay notifies). */
  payment: Payment;
  /** For WECHAT: pass these to `wx.requestPayment`. Null for other methods. */
  wechatPay: Maybe<WechatPayParams>;
};

/** Where a payment stands. */
export type PaymentStatus =
  /** Not paid, and can no longer be (the order expired or another payment was used). */
  | 'CLOSED'
  /** Refused (e.g. the wallet balance was short). */
  | 'FAILED'
  /** Waiting for the payer (or for the provider's word). */
  | 'PENDING'
  /** The money is in. */
  | 'SUCCEEDED';

export type Query = {
  __typename?: 'Query';
  /** A payment: its payer, the order's shop's merchant, admins (NOT_FOUND for anyone else). */
  payment: Maybe<Payment>;
};


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
};

/** Money going back to the payer: to WeChat Pay for WeChat payments, to the wallet for balance payments. */
export type Refund = {
  __typename?: 'Refund';
  /** How much. */
  amount: Money;
  /** When it was asked for. */
  createdAt: Scalars['DateTime']['output'];
  /** Why it failed, when it did. */
  failureReason: Maybe<Scalars['String']['output']>;
  /** Refund id. */
  id: Scalars['ID']['output'];
  /** The payment refunded. */
  payment: Payment;
  /** WeChat Pay's refund id, once it accepted the refund. */
  providerRefundId: Maybe<Scalars['String']['output']>;
  /** The reason given. */
  reason: Scalars['String']['output'];
  /** The refund number (WeChat Pay's `out_refund_no`). */
  refundNo: Scalars['String']['output'];
  /** Why. */
  source: RefundSource;
  /** Where it stands. */
  status: RefundStatus;
  /** When the money was back. */
  succeededAt: Maybe<Scalars['DateTime']['output']>;
};

/** Why money goes back. */
export type RefundSource =
  /** An admin refunded. */
  | 'ADMIN'
  /** The shop approved an after-sale request. */
  | 'AFTER_SALE'
  /** The payment did not match the order's amount (automatic). */
  | 'AMOUNT_MISMATCH'
  /** The order had already been paid by another payment (automatic). */
  | 'DUPLICATE_PAYMENT'
  /** The order's group-buy team failed (automatic, in full). */
  | 'GROUP_BUY_FAILED'
  /** The shop's merchant refunded. */
  | 'MERCHANT'
  /** The payment arrived after the order was cancelled (automatic). */
  | 'ORDER_CANCELLED';

/** Where a refund stands. */
export type RefundStatus =
  /** Refused by the provider; the amount can be refunded again. */
  | 'FAILED'
  /** Asked for; not yet accepted by the provider. */
  | 'PENDING'
  /** Accepted by WeChat Pay, waiting for its notification. */
  | 'PROCESSING'
  /** The money is back with the payer. */
  | 'SUCCEEDED';

/** Exactly what `wx.requestPayment` takes (signType RSA, signed with the merchant key). */
export type WechatPayParams = {
  __typename?: 'WechatPayParams';
  /** A random string. */
  nonceStr: Scalars['String']['output'];
  /** `prepay_id=…` */
  package: Scalars['String']['output'];
  /** The merchant's signature over appId, timeStamp, nonceStr and package. */
  paySign: Scalars['String']['output'];
  /** Always `RSA`. */
  signType: Scalars['String']['output'];
  /** Seconds since the epoch, as a string. */
  timeStamp: Scalars['String']['output'];
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
  Payment: Payment;
  Refund: Refund;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Payment:
    ( { __typename: 'Payment' }
    & GraphQLRecursivePick<FederationTypes['Payment'], {"id":true}> );
  Refund:
    ( { __typename: 'Refund' }
    & GraphQLRecursivePick<FederationTypes['Refund'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Cents: ResolverTypeWrapper<Scalars['Cents']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Member: ResolverTypeWrapper<EntityRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<EntityRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Payment: ResolverTypeWrapper<PaymentRow>;
  PaymentConnection: ResolverTypeWrapper<Connection<PaymentRow>>;
  PaymentEdge: ResolverTypeWrapper<Omit<PaymentEdge, 'node'> & { node: ResolversTypes['Payment'] }>;
  PaymentMethod: PaymentMethod;
  PaymentPurpose: PaymentPurpose;
  PaymentStart: ResolverTypeWrapper<StartedPayment>;
  PaymentStatus: PaymentStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Refund: ResolverTypeWrapper<RefundRow>;
  RefundSource: RefundSource;
  RefundStatus: RefundStatus;
  WechatPayParams: ResolverTypeWrapper<RequestPaymentParams>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Cents: Scalars['Cents']['output'];
  DateTime: Scalars['DateTime']['output'];
  Member: EntityRef;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Order: EntityRef;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Payment: PaymentRow;
  PaymentConnection: Connection<PaymentRow>;
  PaymentEdge: Omit<PaymentEdge, 'node'> & { node: ResolversParentTypes['Payment'] };
  PaymentStart: StartedPayment;
  Query: Record<PropertyKey, never>;
  Refund: RefundRow;
  WechatPayParams: RequestPaymentParams;
};

export interface CentsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Cents'], any> {
  name: 'Cents';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MemberResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payments?: Resolver<ResolversTypes['PaymentConnection'], ParentType, ContextType, RequireFields<MemberPaymentsArgs, 'first'>>;
};

export type MoneyResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Cents'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  payOrder?: Resolver<ResolversTypes['PaymentStart'], ParentType, ContextType, RequireFields<MutationPayOrderArgs, 'method' | 'orderId'>>;
  rechargeWallet?: Resolver<ResolversTypes['PaymentStart'], ParentType, ContextType, RequireFields<MutationRechargeWalletArgs, 'amount' | 'method'>>;
  refundPayment?: Resolver<ResolversTypes['Refund'], ParentType, ContextType, RequireFields<MutationRefundPaymentArgs, 'amount' | 'idempotencyKey' | 'paymentId' | 'reason'>>;
};

export type OrderResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payments?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
  refunds?: Resolver<Array<ResolversTypes['Refund']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PaymentResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment'], FederationReferenceType extends FederationReferenceTypes['Payment'] = FederationReferenceTypes['Payment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Payment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['PaymentMethod'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  payerPaid?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  paymentNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  providerTransactionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['PaymentPurpose'], ParentType, ContextType>;
  refundable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunds?: Resolver<Array<ResolversTypes['Refund']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
};

export type PaymentConnectionResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['PaymentConnection'] = ResolversParentTypes['PaymentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PaymentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PaymentEdgeResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['PaymentEdge'] = ResolversParentTypes['PaymentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Payment'], ParentType, ContextType>;
};

export type PaymentStartResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['PaymentStart'] = ResolversParentTypes['PaymentStart']> = {
  payment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType>;
  wechatPay?: Resolver<Maybe<ResolversTypes['WechatPayParams']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType, RequireFields<QueryPaymentArgs, 'id'>>;
};

export type RefundResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Refund'] = ResolversParentTypes['Refund'], FederationReferenceType extends FederationReferenceTypes['Refund'] = FederationReferenceTypes['Refund']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Refund']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType>;
  providerRefundId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refundNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['RefundSource'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RefundStatus'], ParentType, ContextType>;
  succeededAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type WechatPayParamsResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['WechatPayParams'] = ResolversParentTypes['WechatPayParams']> = {
  nonceStr?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  package?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paySign?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeStamp?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = PaymentContext> = {
  Cents?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Member?: MemberResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  PaymentConnection?: PaymentConnectionResolvers<ContextType>;
  PaymentEdge?: PaymentEdgeResolvers<ContextType>;
  PaymentStart?: PaymentStartResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Refund?: RefundResolvers<ContextType>;
  WechatPayParams?: WechatPayParamsResolvers<ContextType>;
};

