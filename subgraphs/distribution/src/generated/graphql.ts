import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MemberRef, OrderRef, DistributionContext } from '../context.ts';
import type { DistributorRow, BindingRow, CommissionRow, CommissionLineRow, SettingsRow, RateOverrideRow, WithdrawalRow, GradeRow } from '../db/schema.ts';
import type { RankView } from '../services/rankings.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
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

export type BindRule =
  /** The first share binds for good. */
  | 'FIRST_TOUCH'
  /** The first share binds for `lockDays`; after that a later share may rebind. */
  | 'FIRST_TOUCH_LOCK'
  /** Every new share rebinds. */
  | 'LAST_TOUCH';

/**
 * What one paid order earns one distributor, at one level: a share of each line's paid
 * amount (after every discount and points, never freight), rounded down to the cent per line.
 */
export type Commission = {
  __typename?: 'Commission';
  /** What it is worth now (refunds take their lines' share back). */
  amount: Money;
  /** The buyer, masked (会员****12). */
  buyer: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** 1: the buyer's distributor; 2: that distributor's own distributor. */
  level: Scalars['Int']['output'];
  lines: Array<CommissionLine>;
  orderNo: Scalars['String']['output'];
  /** The goods the buyer paid. */
  paid: Money;
  /** What it was worth when it settled. */
  settledAmount: Maybe<Money>;
  settledAt: Maybe<Scalars['DateTime']['output']>;
  status: CommissionStatus;
};

export type CommissionLine = {
  __typename?: 'CommissionLine';
  amount: Money;
  /** What the buyer paid for the line. */
  paid: Money;
  product: Product;
  /** Basis points of what is kept of the line (1000 = 10%). */
  rate: Scalars['Int']['output'];
  /** What was refunded of it. */
  refunded: Money;
  sku: Sku;
};

/** Rates of one product, or one SKU, over the grades' and the settings'. */
export type CommissionRate = {
  __typename?: 'CommissionRate';
  level1Rate: Scalars['Int']['output'];
  level2Rate: Scalars['Int']['output'];
  product: Maybe<Product>;
  sku: Maybe<Sku>;
};

export type CommissionStatus =
  /** Its goods were refunded in full before it settled. */
  | 'CANCELLED'
  /** The order is paid; its after-sale window has not closed. */
  | 'PENDING'
  /** Moved to the available balance. */
  | 'SETTLED';

/**
 * The admin's rules of distribution. Rates are basis points of what a line was paid (1000 =
 * 10%). At most two levels: WeChat allows no more, and China's rules against pyramid selling
 * (禁止传销条例) forbid pay for recruiting, entry fees and team-based pay: commission is only
 * ever a share of goods actually paid.
 */
export type DistributionSettings = {
  __typename?: 'DistributionSettings';
  bindRule: BindRule;
  eligibility: DistributorEligibility;
  level1Rate: Scalars['Int']['output'];
  level2Rate: Scalars['Int']['output'];
  levels: Scalars['Int']['output'];
  lockDays: Scalars['Int']['output'];
  /** A distributor's own purchases earn them the first level's commission. */
  selfPurchase: Scalars['Boolean']['output'];
  spendThreshold: Money;
  /** Withdrawals above this wait for an admin. */
  withdrawApprovalAbove: Money;
  /** What one distributor may withdraw in a day (Beijing time). */
  withdrawDailyCap: Money;
  /** Basis points of a withdrawal kept as its fee (rounded down). */
  withdrawFeeRate: Scalars['Int']['output'];
  /** The least one withdrawal takes. */
  withdrawMin: Money;
};

export type DistributionSettingsInput = {
  bindRule: BindRule;
  eligibility: DistributorEligibility;
  /** 0–3000 basis points. */
  level1Rate: Scalars['Int']['input'];
  /** 0–3000 basis points (levels 2); the two together at most 5000. */
  level2Rate?: InputMaybe<Scalars['Int']['input']>;
  /** 1 or 2; 3 or more is refused (BAD_USER_INPUT TOO_MANY_LEVELS, with why). */
  levels: Scalars['Int']['input'];
  /** 1–365 (FIRST_TOUCH_LOCK). */
  lockDays?: InputMaybe<Scalars['Int']['input']>;
  selfPurchase?: InputMaybe<Scalars['Boolean']['input']>;
  /** Cents (SPENDING). */
  spendThreshold?: InputMaybe<Scalars['Cents']['input']>;
  /** Cents; ¥5,000.00 when omitted. */
  withdrawApprovalAbove?: InputMaybe<Scalars['Cents']['input']>;
  /** Cents; ¥20,000.00 when omitted. */
  withdrawDailyCap?: InputMaybe<Scalars['Cents']['input']>;
  /** 0–1000 basis points; none when omitted. */
  withdrawFeeRate?: InputMaybe<Scalars['Int']['input']>;
  /** Cents; ¥1.00 when omitted. */
  withdrawMin?: InputMaybe<Scalars['Cents']['input']>;
};

/** A member who shares products for commission on what the members they brought buy. */
export type Distributor = {
  __typename?: 'Distributor';
  appliedAt: Scalars['DateTime']['output'];
  balances: DistributorBalances;
  /** Their share code: the mini-program code's `scene`, bound with `bindReferrer`. */
  code: Scalars['String']['output'];
  /** Their commissions, newest first (1–50). */
  commissions: Array<Commission>;
  decidedAt: Maybe<Scalars['DateTime']['output']>;
  /** Their grade's name (默认 without one). */
  levelName: Scalars['String']['output'];
  member: Member;
  /** An admin's note (why an application was rejected). */
  note: Maybe<Scalars['String']['output']>;
  /**
   * Their mini-program code (小程序码, WeChat's unlimited code) opening `page` (a path without a
   * leading slash, e.g. `pages/product/index`; the home page when omitted) with `code` as its
   * scene, as a `data:image/…;base64,` URL. Made once per page and kept; at most 20 pages
   * per distributor (CONFLICT TOO_MANY_PAGES: each new one uses WeChat's daily quota).
   */
  shareImage: Scalars['String']['output'];
  status: DistributorStatus;
  /** Members bound to them (level 1), and members bound to those (level 2). */
  team: DistributorTeam;
  /** Their withdrawals, newest first (1–50). */
  withdrawals: Array<Withdrawal>;
};


/** A member who shares products for commission on what the members they brought buy. */
export type DistributorCommissionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A member who shares products for commission on what the members they brought buy. */
export type DistributorShareImageArgs = {
  page?: InputMaybe<Scalars['String']['input']>;
};


/** A member who shares products for commission on what the members they brought buy. */
export type DistributorWithdrawalsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A distributor's money. Commission is `pending` from when the order is paid until its
 * after-sale window has closed, then `available`. A refund after that takes its share back
 * from `available`, and what `available` cannot cover becomes `receivable`, deducted from
 * future commissions: `available` is never negative.
 */
export type DistributorBalances = {
  __typename?: 'DistributorBalances';
  available: Money;
  pending: Money;
  receivable: Money;
  /** Settled so far, less what refunds took back after settling. */
  settled: Money;
  /** Held for withdrawals being sent (or waiting for an admin). */
  withdrawing: Money;
  /** Withdrawn so far (fees included). */
  withdrawn: Money;
};

export type DistributorEligibility =
  /** An admin approves each application. */
  | 'APPLICATION'
  /** Any member who applies is a distributor at once. */
  | 'EVERYONE'
  /** A member whose settled orders reach `spendThreshold` is one at once when they apply. */
  | 'SPENDING';

/** A distributor grade (等级): its name and rates. */
export type DistributorGrade = {
  __typename?: 'DistributorGrade';
  id: Scalars['ID']['output'];
  level1Rate: Scalars['Int']['output'];
  level2Rate: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

export type DistributorRank = {
  __typename?: 'DistributorRank';
  /** The distributor (their nickname and avatar are public). */
  member: Member;
  /** 1 for the first. */
  rank: Scalars['Int']['output'];
  /** Commission settled so far (admins and the distributor themself; null for others). */
  settled: Maybe<Money>;
  /** Members bound to them (admins and the distributor themself; null for others). */
  team: Maybe<Scalars['Int']['output']>;
};

export type DistributorStatus =
  /** Shares and earns commission. */
  | 'ACTIVE'
  /** Stopped by an admin: earns nothing on orders paid from then. */
  | 'DISABLED'
  /** Applied; an admin decides. */
  | 'PENDING'
  | 'REJECTED';

export type DistributorTeam = {
  __typename?: 'DistributorTeam';
  /** Members bound to them. */
  direct: Scalars['Int']['output'];
  /** Members bound to the members bound to them. */
  indirect: Scalars['Int']['output'];
};

/** A shopper of the mall; distribution adds what concerns their sharing. */
export type Member = {
  __typename?: 'Member';
  /** The member as a distributor (分销员), once they applied (the member themself and admins; null for others). */
  distributor: Maybe<Distributor>;
  /** Member id. */
  id: Scalars['ID']['output'];
  /** Who the member is bound to (their referrer; the member themself and admins; null when none or for others). */
  referrer: Maybe<ReferralBinding>;
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
  /** Apply to be a distributor (MEMBER): ACTIVE at once or PENDING, by the rules; no fee, ever. CONFLICT THRESHOLD_NOT_REACHED (with `missing` cents) under SPENDING; ALREADY_APPLIED. */
  applyDistributor: Distributor;
  /**
   * Bind the calling member to the distributor whose share code this is (MEMBER), from
   * `source` (a product page `product:<id>`, the shop `shop`; 1–40 characters). By the rule:
   * answers the binding as it is when it holds (first touch, or within the lock). Never to
   * oneself, nor to anyone bound below oneself (CONFLICT CYCLE); NOT_FOUND for an unknown or
   * inactive code.
   */
  bindReferrer: ReferralBinding;
  /** Create a distributor grade (等级) with its rates (ADMIN): over the settings' for its distributors; a product's or SKU's rate comes first. */
  createDistributorGrade: DistributorGrade;
  /** Approve or reject an application, or disable (approve false) an active distributor (ADMIN); rejecting needs a note. */
  decideDistributor: Distributor;
  /** Approve (it is sent) or reject (with a note; the money back) a withdrawal waiting for an admin (ADMIN). */
  decideWithdrawal: Withdrawal;
  /**
   * Withdraw available commission (MEMBER, a distributor, also a disabled one): at least `withdrawMin`,
   * within the day's cap (CONFLICT DAILY_CAP_REACHED with `left`) and what is available
   * (CONFLICT INSUFFICIENT_BALANCE). The amount is held at once; above
   * `withdrawApprovalAbove` it waits for an admin. The same `idempotencyKey` (8–100
   * characters) answers the same withdrawal.
   */
  requestWithdrawal: Withdrawal;
  /** Set the rates of a product or a SKU (ADMIN; one of them), over grades and settings. */
  setCommissionRate: CommissionRate;
  /** Set the rules (ADMIN). More than two levels is refused (BAD_USER_INPUT TOO_MANY_LEVELS): WeChat and China's rules against pyramid selling allow no more. */
  setDistributionSettings: DistributionSettings;
  /** Give a distributor a grade, or none (ADMIN); orders paid from then use its rates. */
  setDistributorGrade: Distributor;
};


export type MutationBindReferrerArgs = {
  code: Scalars['String']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCreateDistributorGradeArgs = {
  level1Rate: Scalars['Int']['input'];
  level2Rate?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};


export type MutationDecideDistributorArgs = {
  approve: Scalars['Boolean']['input'];
  memberId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationDecideWithdrawalArgs = {
  approve: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRequestWithdrawalArgs = {
  amount: Scalars['Cents']['input'];
  idempotencyKey: Scalars['String']['input'];
  method: WithdrawalMethod;
};


export type MutationSetCommissionRateArgs = {
  level1Rate: Scalars['Int']['input'];
  level2Rate?: InputMaybe<Scalars['Int']['input']>;
  productId?: InputMaybe<Scalars['ID']['input']>;
  skuId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetDistributionSettingsArgs = {
  input: DistributionSettingsInput;
};


export type MutationSetDistributorGradeArgs = {
  gradeId?: InputMaybe<Scalars['ID']['input']>;
  memberId: Scalars['ID']['input'];
};

/** An order, by id (the order subgraph owns it). */
export type Order = {
  __typename?: 'Order';
  /** The commissions its paid goods earn distributors (its shop's merchant and admins; null for anyone else, the buyer too). */
  commissions: Maybe<Array<Commission>>;
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

/** A product, by id (catalog owns it). */
export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Rates set per product and SKU (ADMIN). */
  commissionRates: Array<CommissionRate>;
  /** The rules of distribution (public: a recruiting page shows them). */
  distributionSettings: DistributionSettings;
  /** Applications waiting for an admin, oldest first (ADMIN). */
  distributorApplications: Array<Distributor>;
  /** Active distributors by commission settled or by team (1–100; ties: the earlier distributor first). For distributors and admins; a distributor sees only their own figures. */
  distributorRanking: Array<DistributorRank>;
  /** Withdrawals waiting for an admin, oldest first (ADMIN). */
  withdrawalQueue: Array<Withdrawal>;
};


export type QueryDistributorApplicationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDistributorRankingArgs = {
  by: RankingBy;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWithdrawalQueueArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RankingBy =
  /** Commission settled so far. */
  | 'COMMISSION'
  /** Members bound to them. */
  | 'TEAM';

/** A member's referrer: the distributor whose share they came through. */
export type ReferralBinding = {
  __typename?: 'ReferralBinding';
  boundAt: Scalars['DateTime']['output'];
  distributor: Member;
  /** Until when a later share cannot rebind them (FIRST_TOUCH_LOCK); null for a binding made under another rule (under FIRST_TOUCH_LOCK it then holds for the lock period from `boundAt`). */
  lockedUntil: Maybe<Scalars['DateTime']['output']>;
  /** Where the share came from (`product:12`, `shop`, …). */
  source: Scalars['String']['output'];
};

/** A SKU, by id (catalog owns it). */
export type Sku = {
  __typename?: 'Sku';
  id: Scalars['ID']['output'];
};

/** Commission taken out of the available balance. */
export type Withdrawal = {
  __typename?: 'Withdrawal';
  /** Taken from the available balance. */
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  distributor: Member;
  /** Why it failed or was rejected. */
  failureReason: Maybe<Scalars['String']['output']>;
  /** Kept by the mall (the settings' fee rate of the amount, rounded down). */
  fee: Money;
  id: Scalars['ID']['output'];
  method: WithdrawalMethod;
  /** What reaches the member: the amount less the fee. */
  net: Money;
  status: WithdrawalStatus;
  updatedAt: Scalars['DateTime']['output'];
};

export type WithdrawalMethod =
  /** To the member's wallet (余额), at once. */
  | 'WALLET';

export type WithdrawalStatus =
  /** Could not be sent: the money is back in the available balance. */
  | 'FAILED'
  /** Being sent. */
  | 'PROCESSING'
  /** Rejected by an admin: the money is back in the available balance. */
  | 'REJECTED'
  /** Above the approval threshold: an admin decides. */
  | 'REQUESTED'
  | 'SUCCEEDED';



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
  BindRule: BindRule;
  Cents: ResolverTypeWrapper<Scalars['Cents']['output']>;
  Commission: ResolverTypeWrapper<CommissionRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CommissionLine: ResolverTypeWrapper<CommissionLineRow>;
  CommissionRate: ResolverTypeWrapper<RateOverrideRow>;
  CommissionStatus: CommissionStatus;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DistributionSettings: ResolverTypeWrapper<SettingsRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DistributionSettingsInput: DistributionSettingsInput;
  Distributor: ResolverTypeWrapper<DistributorRow>;
  DistributorBalances: ResolverTypeWrapper<DistributorRow>;
  DistributorEligibility: DistributorEligibility;
  DistributorGrade: ResolverTypeWrapper<GradeRow>;
  DistributorRank: ResolverTypeWrapper<RankView>;
  DistributorStatus: DistributorStatus;
  DistributorTeam: ResolverTypeWrapper<DistributorRow>;
  Member: ResolverTypeWrapper<MemberRef>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RankingBy: RankingBy;
  ReferralBinding: ResolverTypeWrapper<BindingRow>;
  Sku: ResolverTypeWrapper<Sku>;
  Withdrawal: ResolverTypeWrapper<WithdrawalRow>;
  WithdrawalMethod: WithdrawalMethod;
  WithdrawalStatus: WithdrawalStatus;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Cents: Scalars['Cents']['output'];
  Commission: CommissionRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  CommissionLine: CommissionLineRow;
  CommissionRate: RateOverrideRow;
  DateTime: Scalars['DateTime']['output'];
  DistributionSettings: SettingsRow;
  Boolean: Scalars['Boolean']['output'];
  DistributionSettingsInput: DistributionSettingsInput;
  Distributor: DistributorRow;
  DistributorBalances: DistributorRow;
  DistributorGrade: GradeRow;
  DistributorRank: RankView;
  DistributorTeam: DistributorRow;
  Member: MemberRef;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Order: OrderRef;
  PageInfo: PageInfo;
  Product: Product;
  Query: Record<PropertyKey, never>;
  ReferralBinding: BindingRow;
  Sku: Sku;
  Withdrawal: WithdrawalRow;
};

export interface CentsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Cents'], any> {
  name: 'Cents';
}

export type CommissionResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Commission'] = ResolversParentTypes['Commission']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  buyer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['CommissionLine']>, ParentType, ContextType>;
  orderNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  settledAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  settledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CommissionStatus'], ParentType, ContextType>;
};

export type CommissionLineResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['CommissionLine'] = ResolversParentTypes['CommissionLine']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
};

export type CommissionRateResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['CommissionRate'] = ResolversParentTypes['CommissionRate']> = {
  level1Rate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  level2Rate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['Sku']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DistributionSettingsResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['DistributionSettings'] = ResolversParentTypes['DistributionSettings']> = {
  bindRule?: Resolver<ResolversTypes['BindRule'], ParentType, ContextType>;
  eligibility?: Resolver<ResolversTypes['DistributorEligibility'], ParentType, ContextType>;
  level1Rate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  level2Rate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  levels?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lockDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  selfPurchase?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  spendThreshold?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  withdrawApprovalAbove?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  withdrawDailyCap?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  withdrawFeeRate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  withdrawMin?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type DistributorResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Distributor'] = ResolversParentTypes['Distributor']> = {
  appliedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  balances?: Resolver<ResolversTypes['DistributorBalances'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  commissions?: Resolver<Array<ResolversTypes['Commission']>, ParentType, ContextType, RequireFields<DistributorCommissionsArgs, 'first'>>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  levelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shareImage?: Resolver<ResolversTypes['String'], ParentType, ContextType, Partial<DistributorShareImageArgs>>;
  status?: Resolver<ResolversTypes['DistributorStatus'], ParentType, ContextType>;
  team?: Resolver<ResolversTypes['DistributorTeam'], ParentType, ContextType>;
  withdrawals?: Resolver<Array<ResolversTypes['Withdrawal']>, ParentType, ContextType, RequireFields<DistributorWithdrawalsArgs, 'first'>>;
};

export type DistributorBalancesResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['DistributorBalances'] = ResolversParentTypes['DistributorBalances']> = {
  available?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  receivable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  settled?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  withdrawing?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  withdrawn?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type DistributorGradeResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['DistributorGrade'] = ResolversParentTypes['DistributorGrade']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level1Rate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  level2Rate?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DistributorRankResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['DistributorRank'] = ResolversParentTypes['DistributorRank']> = {
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  settled?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type DistributorTeamResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['DistributorTeam'] = ResolversParentTypes['DistributorTeam']> = {
  direct?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  indirect?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MemberResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  distributor?: Resolver<Maybe<ResolversTypes['Distributor']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  referrer?: Resolver<Maybe<ResolversTypes['ReferralBinding']>, ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Cents'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  applyDistributor?: Resolver<ResolversTypes['Distributor'], ParentType, ContextType>;
  bindReferrer?: Resolver<ResolversTypes['ReferralBinding'], ParentType, ContextType, RequireFields<MutationBindReferrerArgs, 'code'>>;
  createDistributorGrade?: Resolver<ResolversTypes['DistributorGrade'], ParentType, ContextType, RequireFields<MutationCreateDistributorGradeArgs, 'level1Rate' | 'name'>>;
  decideDistributor?: Resolver<ResolversTypes['Distributor'], ParentType, ContextType, RequireFields<MutationDecideDistributorArgs, 'approve' | 'memberId'>>;
  decideWithdrawal?: Resolver<ResolversTypes['Withdrawal'], ParentType, ContextType, RequireFields<MutationDecideWithdrawalArgs, 'approve' | 'id'>>;
  requestWithdrawal?: Resolver<ResolversTypes['Withdrawal'], ParentType, ContextType, RequireFields<MutationRequestWithdrawalArgs, 'amount' | 'idempotencyKey' | 'method'>>;
  setCommissionRate?: Resolver<ResolversTypes['CommissionRate'], ParentType, ContextType, RequireFields<MutationSetCommissionRateArgs, 'level1Rate'>>;
  setDistributionSettings?: Resolver<ResolversTypes['DistributionSettings'], ParentType, ContextType, RequireFields<MutationSetDistributionSettingsArgs, 'input'>>;
  setDistributorGrade?: Resolver<ResolversTypes['Distributor'], ParentType, ContextType, RequireFields<MutationSetDistributorGradeArgs, 'memberId'>>;
};

export type OrderResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  commissions?: Resolver<Maybe<Array<ResolversTypes['Commission']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  commissionRates?: Resolver<Array<ResolversTypes['CommissionRate']>, ParentType, ContextType>;
  distributionSettings?: Resolver<ResolversTypes['DistributionSettings'], ParentType, ContextType>;
  distributorApplications?: Resolver<Array<ResolversTypes['Distributor']>, ParentType, ContextType, RequireFields<QueryDistributorApplicationsArgs, 'first'>>;
  distributorRanking?: Resolver<Array<ResolversTypes['DistributorRank']>, ParentType, ContextType, RequireFields<QueryDistributorRankingArgs, 'by' | 'first'>>;
  withdrawalQueue?: Resolver<Array<ResolversTypes['Withdrawal']>, ParentType, ContextType, RequireFields<QueryWithdrawalQueueArgs, 'first'>>;
};

export type ReferralBindingResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['ReferralBinding'] = ResolversParentTypes['ReferralBinding']> = {
  boundAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  distributor?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  lockedUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SkuResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type WithdrawalResolvers<ContextType = DistributionContext, ParentType extends ResolversParentTypes['Withdrawal'] = ResolversParentTypes['Withdrawal']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  distributor?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fee?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['WithdrawalMethod'], ParentType, ContextType>;
  net?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WithdrawalStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type Resolvers<ContextType = DistributionContext> = {
  Cents?: GraphQLScalarType;
  Commission?: CommissionResolvers<ContextType>;
  CommissionLine?: CommissionLineResolvers<ContextType>;
  CommissionRate?: CommissionRateResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DistributionSettings?: DistributionSettingsResolvers<ContextType>;
  Distributor?: DistributorResolvers<ContextType>;
  DistributorBalances?: DistributorBalancesResolvers<ContextType>;
  DistributorGrade?: DistributorGradeResolvers<ContextType>;
  DistributorRank?: DistributorRankResolvers<ContextType>;
  DistributorTeam?: DistributorTeamResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReferralBinding?: ReferralBindingResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
  Withdrawal?: WithdrawalResolvers<ContextType>;
};

