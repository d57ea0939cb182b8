import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MemberRow, AddressRow, PointsEntryRow, WalletEntryRow, StaffRow, RechargeRuleRow } from '../db/schema.ts';
import type { Level } from '../services/levels.ts';
import type { AuthResult } from '../services/auth.ts';
import type { Connection } from '@mall/kit';
import type { MembershipContext } from '../context.ts';
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

/** A shipping address. */
export type Address = {
  __typename?: 'Address';
  /** City code, e.g. 440300. */
  cityCode: Scalars['String']['output'];
  /** Street, building and room. */
  detail: Scalars['String']['output'];
  /** District code, e.g. 440305. */
  districtCode: Scalars['String']['output'];
  /** Address id. */
  id: Scalars['ID']['output'];
  /** True for the member's default address. */
  isDefault: Scalars['Boolean']['output'];
  /** Recipient's mobile number. */
  phone: Scalars['String']['output'];
  /** Province code (GB/T 2260), e.g. 440000. */
  provinceCode: Scalars['String']['output'];
  /** Who receives the parcel. */
  recipient: Scalars['String']['output'];
  /** Province, city and district as shown, e.g. 广东省 深圳市 南山区. */
  region: Scalars['String']['output'];
};

/** A shipping address. All fields are required when adding; omitted fields stay when updating. */
export type AddressInput = {
  /** City code within the province, e.g. 440300. */
  cityCode?: InputMaybe<Scalars['String']['input']>;
  /** Street, building and room, 2–200 characters. */
  detail?: InputMaybe<Scalars['String']['input']>;
  /** District code within the city, e.g. 440305. */
  districtCode?: InputMaybe<Scalars['String']['input']>;
  /** Make it the default address. */
  isDefault?: InputMaybe<Scalars['Boolean']['input']>;
  /** 11-digit mainland mobile number. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Province code, e.g. 440000. */
  provinceCode?: InputMaybe<Scalars['String']['input']>;
  /** Who receives the parcel, 1–32 characters. */
  recipient?: InputMaybe<Scalars['String']['input']>;
  /** Province, city and district as shown, 2–100 characters. */
  region?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A signed-in session: send `accessToken` as `Authorization: Bearer …`; trade
 * `refreshToken` for a new session before the access token expires.
 */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Short-lived access token (JWT). */
  accessToken: Scalars['String']['output'];
  /** Seconds until the access token expires. */
  expiresIn: Scalars['Int']['output'];
  /** True when this login created the member. */
  isNewMember: Scalars['Boolean']['output'];
  /** The member, for a member login. */
  member: Maybe<Member>;
  /** One-time refresh token; each refresh returns a new one. */
  refreshToken: Scalars['String']['output'];
  /** The staff account, for a staff login. */
  staff: Maybe<StaffAccount>;
  /** Always `Bearer`. */
  tokenType: Scalars['String']['output'];
};

/** A new staff account. */
export type CreateStaffAccountInput = {
  /** Login name: 3–32 letters, digits, '.', '_' or '-'. */
  account: Scalars['String']['input'];
  /** Password, 10–128 characters. */
  password: Scalars['String']['input'];
  /** Role. */
  role: StaffRole;
  /** The shop, for a merchant. */
  shopId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type Member = {
  __typename?: 'Member';
  /** Shipping addresses, the default first. */
  addresses: Array<Address>;
  /** Avatar image URL. */
  avatar: Maybe<Scalars['String']['output']>;
  /** When the member first logged in. */
  createdAt: Scalars['DateTime']['output'];
  /** The default shipping address, if any. */
  defaultAddress: Maybe<Address>;
  /** Growth value accrued from paid orders. */
  growth: Scalars['Int']['output'];
  /** Member id. */
  id: Scalars['ID']['output'];
  /** Current level, decided by growth value. */
  level: MemberLevel;
  /** Display name. */
  nickname: Scalars['String']['output'];
  /** Mobile number bound through WeChat's phone-number button, null until bound. */
  phone: Maybe<Scalars['String']['output']>;
  /** Points balance and history. */
  points: PointsAccount;
  /** Stored-value wallet: balance and history. */
  wallet: Wallet;
};

/** A member level and what it is worth. */
export type MemberLevel = {
  __typename?: 'MemberLevel';
  /** Level code. */
  code: MemberLevelCode;
  /** Price paid at checkout in per mille: 950 means members of this level pay 95%. */
  discountPermille: Scalars['Int']['output'];
  /** Growth value from which a member holds this level. */
  minGrowth: Scalars['Int']['output'];
  /** Display name, e.g. 黄金会员. */
  name: Scalars['String']['output'];
  /** Growth value of the next level up, null at the top. */
  nextLevelGrowth: Maybe<Scalars['Int']['output']>;
};

/** Member levels, lowest first. */
export type MemberLevelCode =
  /** 钻石会员 */
  | 'DIAMOND'
  /** 黄金会员 */
  | 'GOLD'
  /** 普通会员 */
  | 'REGULAR'
  /** 白银会员 */
  | 'SILVER';

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
  /** Add a shipping address (MEMBER); the first one becomes the default. */
  addAddress: Address;
  /** Add or remove growth value (ADMIN), once per idempotency key. */
  adjustGrowth: Member;
  /** Add or remove points (ADMIN), once per idempotency key. */
  adjustPoints: Member;
  /** Bind the phone number from WeChat's phone-number button (its code) (MEMBER). */
  bindPhone: Member;
  /** Create a merchant or admin account (ADMIN). */
  createStaffAccount: StaffAccount;
  /** Delete one of the caller's addresses (MEMBER). */
  deleteAddress: Scalars['Boolean']['output'];
  /** Log a merchant or admin in with account and password (locks after repeated failures). */
  loginStaff: AuthPayload;
  /** Log in with the code from `wx.login`; creates the member at their first login. */
  loginWithWechat: AuthPayload;
  /** End the session the refresh token belongs to. */
  logout: Scalars['Boolean']['output'];
  /** Trade a refresh token for a new session; reusing a spent refresh token ends every session of that login. */
  refreshSession: AuthPayload;
  /** Make one of the caller's addresses the default (MEMBER). */
  setDefaultAddress: Address;
  /** Replace the recharge bonus rules (ADMIN). */
  setRechargeRules: Array<RechargeRule>;
  /** Change one of the caller's addresses (MEMBER). */
  updateAddress: Address;
  /** Change the calling member's nickname or avatar (MEMBER). */
  updateProfile: Member;
};


export type MutationAddAddressArgs = {
  input: AddressInput;
};


export type MutationAdjustGrowthArgs = {
  delta: Scalars['Int']['input'];
  idempotencyKey: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationAdjustPointsArgs = {
  delta: Scalars['Int']['input'];
  idempotencyKey: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationBindPhoneArgs = {
  code: Scalars['String']['input'];
};


export type MutationCreateStaffAccountArgs = {
  input: CreateStaffAccountInput;
};


export type MutationDeleteAddressArgs = {
  id: Scalars['ID']['input'];
};


export type MutationLoginStaffArgs = {
  account: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationLoginWithWechatArgs = {
  code: Scalars['String']['input'];
};


export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationSetDefaultAddressArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetRechargeRulesArgs = {
  rules: Array<RechargeRuleInput>;
};


export type MutationUpdateAddressArgs = {
  id: Scalars['ID']['input'];
  input: AddressInput;
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};

/** Where a page of a connection ends, for cursor pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge on this page, null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass `endCursor` as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A member's points (积分). */
export type PointsAccount = {
  __typename?: 'PointsAccount';
  /** Points available now. */
  balance: Scalars['Int']['output'];
  /** Points that expire within the next 30 days. */
  expiringSoon: Scalars['Int']['output'];
  /** Every change, newest first. */
  history: PointsEntryConnection;
};


/** A member's points (积分). */
export type PointsAccountHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One change of a points balance. */
export type PointsEntry = {
  __typename?: 'PointsEntry';
  /** The balance right after this entry. */
  balanceAfter: Scalars['Int']['output'];
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** Points added (positive) or taken (negative). */
  delta: Scalars['Int']['output'];
  /** When points earned here expire, if they do. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Entry id. */
  id: Scalars['ID']['output'];
  /** Why the balance changed. */
  kind: PointsEntryKind;
  /** A note for the member. */
  note: Maybe<Scalars['String']['output']>;
  /** What the entry is about, e.g. an order number. */
  reference: Maybe<Scalars['String']['output']>;
};

/** A page of points entries. */
export type PointsEntryConnection = {
  __typename?: 'PointsEntryConnection';
  /** The entries. */
  nodes: Array<PointsEntry>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many entries there are in all. */
  totalCount: Scalars['Int']['output'];
};

/** What changed a points balance. */
export type PointsEntryKind =
  /** Corrected by an admin. */
  | 'ADJUST'
  /** Earned (from an order). */
  | 'EARN'
  /** Expired unused. */
  | 'EXPIRE'
  /** Spent. */
  | 'SPEND';

export type Query = {
  __typename?: 'Query';
  /** One of the calling member's addresses. */
  address: Maybe<Address>;
  /** The calling member (MEMBER). */
  me: Member;
  /** A member by id (ADMIN). */
  member: Maybe<Member>;
  /** Every member level, lowest first. */
  memberLevels: Array<MemberLevel>;
  /** The recharge bonus rules, by threshold. */
  rechargeRules: Array<RechargeRule>;
};


export type QueryAddressArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemberArgs = {
  id: Scalars['ID']['input'];
};

/** A recharge bonus rule: topping up at least `threshold` earns `bonus` (the highest rule reached applies). */
export type RechargeRule = {
  __typename?: 'RechargeRule';
  /** Bonus credited with the recharge. */
  bonus: Money;
  /** Smallest recharge the rule applies to. */
  threshold: Money;
};

/** A recharge bonus rule, in cents. */
export type RechargeRuleInput = {
  /** Bonus credited, at most the threshold. */
  bonus: Scalars['Int']['input'];
  /** Smallest recharge the rule applies to. */
  threshold: Scalars['Int']['input'];
};

/** A merchant's storefront. Every product belongs to one shop. */
export type Shop = {
  __typename?: 'Shop';
  /** Shop id. */
  id: Scalars['ID']['output'];
};

/** A merchant's or admin's back-office account. */
export type StaffAccount = {
  __typename?: 'StaffAccount';
  /** Login name. */
  account: Scalars['String']['output'];
  /** Account id. */
  id: Scalars['ID']['output'];
  /** Role. */
  role: StaffRole;
  /** The shop a merchant runs. */
  shop: Maybe<Shop>;
};

/** Staff roles. */
export type StaffRole =
  /** Runs the mall. */
  | 'ADMIN'
  /** Runs one shop. */
  | 'MERCHANT';

/** Profile changes; omitted fields stay as they are. */
export type UpdateProfileInput = {
  /** Avatar URL (http or https); null clears it. */
  avatar?: InputMaybe<Scalars['String']['input']>;
  /** Display name, 1–32 characters. */
  nickname?: InputMaybe<Scalars['String']['input']>;
};

/** A member's stored-value wallet (余额). */
export type Wallet = {
  __typename?: 'Wallet';
  /** Money available now. */
  balance: Money;
  /** Every change, newest first. */
  history: WalletEntryConnection;
};


/** A member's stored-value wallet (余额). */
export type WalletHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One change of a wallet balance. */
export type WalletEntry = {
  __typename?: 'WalletEntry';
  /** Money added (positive) or taken (negative). */
  amount: Money;
  /** The balance right after this entry. */
  balanceAfter: Money;
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** Entry id. */
  id: Scalars['ID']['output'];
  /** Why the balance changed. */
  kind: WalletEntryKind;
  /** A note for the member. */
  note: Maybe<Scalars['String']['output']>;
  /** What the entry is about, e.g. an order or payment number. */
  reference: Maybe<Scalars['String']['output']>;
};

/** A page of wallet entries. */
export type WalletEntryConnection = {
  __typename?: 'WalletEntryConnection';
  /** The entries. */
  nodes: Array<WalletEntry>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many entries there are in all. */
  totalCount: Scalars['Int']['output'];
};

/** What changed a wallet balance. */
export type WalletEntryKind =
  /** Corrected by an admin. */
  | 'ADJUST'
  /** Recharge bonus (充值赠送). */
  | 'BONUS'
  /** A distributor's commission withdrawn to the wallet (分销佣金提现). */
  | 'COMMISSION'
  /** Paid for an order. */
  | 'PAY'
  /** Topped up. */
  | 'RECHARGE'
  /** Refunded from an order. */
  | 'REFUND';



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
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<AddressRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AddressInput: AddressInput;
  AuthPayload: ResolverTypeWrapper<AuthResult>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Cents: ResolverTypeWrapper<Scalars['Cents']['output']>;
  CreateStaffAccountInput: CreateStaffAccountInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Member: ResolverTypeWrapper<MemberRow>;
  MemberLevel: ResolverTypeWrapper<Level>;
  MemberLevelCode: MemberLevelCode;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PointsAccount: ResolverTypeWrapper<MemberRow>;
  PointsEntry: ResolverTypeWrapper<PointsEntryRow>;
  PointsEntryConnection: ResolverTypeWrapper<Connection<PointsEntryRow>>;
  PointsEntryKind: PointsEntryKind;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RechargeRule: ResolverTypeWrapper<RechargeRuleRow>;
  RechargeRuleInput: RechargeRuleInput;
  Shop: ResolverTypeWrapper<Shop>;
  StaffAccount: ResolverTypeWrapper<StaffRow>;
  StaffRole: StaffRole;
  UpdateProfileInput: UpdateProfileInput;
  Wallet: ResolverTypeWrapper<MemberRow>;
  WalletEntry: ResolverTypeWrapper<WalletEntryRow>;
  WalletEntryConnection: ResolverTypeWrapper<Connection<WalletEntryRow>>;
  WalletEntryKind: WalletEntryKind;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: AddressRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  AddressInput: AddressInput;
  AuthPayload: AuthResult;
  Int: Scalars['Int']['output'];
  Cents: Scalars['Cents']['output'];
  CreateStaffAccountInput: CreateStaffAccountInput;
  DateTime: Scalars['DateTime']['output'];
  Member: MemberRow;
  MemberLevel: Level;
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PointsAccount: MemberRow;
  PointsEntry: PointsEntryRow;
  PointsEntryConnection: Connection<PointsEntryRow>;
  Query: Record<PropertyKey, never>;
  RechargeRule: RechargeRuleRow;
  RechargeRuleInput: RechargeRuleInput;
  Shop: Shop;
  StaffAccount: StaffRow;
  UpdateProfileInput: UpdateProfileInput;
  Wallet: MemberRow;
  WalletEntry: WalletEntryRow;
  WalletEntryConnection: Connection<WalletEntryRow>;
};

export type AddressResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = {
  cityCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  districtCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provinceCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recipient?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuthPayloadResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresIn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  isNewMember?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  staff?: Resolver<Maybe<ResolversTypes['StaffAccount']>, ParentType, ContextType>;
  tokenType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface CentsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Cents'], any> {
  name: 'Cents';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MemberResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  addresses?: Resolver<Array<ResolversTypes['Address']>, ParentType, ContextType>;
  avatar?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  defaultAddress?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  growth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['MemberLevel'], ParentType, ContextType>;
  nickname?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  points?: Resolver<ResolversTypes['PointsAccount'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
};

export type MemberLevelResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['MemberLevel'] = ResolversParentTypes['MemberLevel']> = {
  code?: Resolver<ResolversTypes['MemberLevelCode'], ParentType, ContextType>;
  discountPermille?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minGrowth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nextLevelGrowth?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Cents'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addAddress?: Resolver<ResolversTypes['Address'], ParentType, ContextType, RequireFields<MutationAddAddressArgs, 'input'>>;
  adjustGrowth?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationAdjustGrowthArgs, 'delta' | 'idempotencyKey' | 'memberId'>>;
  adjustPoints?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationAdjustPointsArgs, 'delta' | 'idempotencyKey' | 'memberId'>>;
  bindPhone?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationBindPhoneArgs, 'code'>>;
  createStaffAccount?: Resolver<ResolversTypes['StaffAccount'], ParentType, ContextType, RequireFields<MutationCreateStaffAccountArgs, 'input'>>;
  deleteAddress?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteAddressArgs, 'id'>>;
  loginStaff?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginStaffArgs, 'account' | 'password'>>;
  loginWithWechat?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginWithWechatArgs, 'code'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationLogoutArgs, 'refreshToken'>>;
  refreshSession?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshSessionArgs, 'refreshToken'>>;
  setDefaultAddress?: Resolver<ResolversTypes['Address'], ParentType, ContextType, RequireFields<MutationSetDefaultAddressArgs, 'id'>>;
  setRechargeRules?: Resolver<Array<ResolversTypes['RechargeRule']>, ParentType, ContextType, RequireFields<MutationSetRechargeRulesArgs, 'rules'>>;
  updateAddress?: Resolver<ResolversTypes['Address'], ParentType, ContextType, RequireFields<MutationUpdateAddressArgs, 'id' | 'input'>>;
  updateProfile?: Resolver<ResolversTypes['Member'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PointsAccountResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['PointsAccount'] = ResolversParentTypes['PointsAccount']> = {
  balance?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiringSoon?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  history?: Resolver<ResolversTypes['PointsEntryConnection'], ParentType, ContextType, RequireFields<PointsAccountHistoryArgs, 'first'>>;
};

export type PointsEntryResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['PointsEntry'] = ResolversParentTypes['PointsEntry']> = {
  balanceAfter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  delta?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PointsEntryKind'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PointsEntryConnectionResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['PointsEntryConnection'] = ResolversParentTypes['PointsEntryConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['PointsEntry']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  address?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType, RequireFields<QueryAddressArgs, 'id'>>;
  me?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  member?: Resolver<Maybe<ResolversTypes['Member']>, ParentType, ContextType, RequireFields<QueryMemberArgs, 'id'>>;
  memberLevels?: Resolver<Array<ResolversTypes['MemberLevel']>, ParentType, ContextType>;
  rechargeRules?: Resolver<Array<ResolversTypes['RechargeRule']>, ParentType, ContextType>;
};

export type RechargeRuleResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['RechargeRule'] = ResolversParentTypes['RechargeRule']> = {
  bonus?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type ShopResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['Shop'] = ResolversParentTypes['Shop']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type StaffAccountResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['StaffAccount'] = ResolversParentTypes['StaffAccount']> = {
  account?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['StaffRole'], ParentType, ContextType>;
  shop?: Resolver<Maybe<ResolversTypes['Shop']>, ParentType, ContextType>;
};

export type WalletResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['Wallet'] = ResolversParentTypes['Wallet']> = {
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  history?: Resolver<ResolversTypes['WalletEntryConnection'], ParentType, ContextType, RequireFields<WalletHistoryArgs, 'first'>>;
};

export type WalletEntryResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['WalletEntry'] = ResolversParentTypes['WalletEntry']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  balanceAfter?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['WalletEntryKind'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WalletEntryConnectionResolvers<ContextType = MembershipContext, ParentType extends ResolversParentTypes['WalletEntryConnection'] = ResolversParentTypes['WalletEntryConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['WalletEntry']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = MembershipContext> = {
  Address?: AddressResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  Cents?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Member?: MemberResolvers<ContextType>;
  MemberLevel?: MemberLevelResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PointsAccount?: PointsAccountResolvers<ContextType>;
  PointsEntry?: PointsEntryResolvers<ContextType>;
  PointsEntryConnection?: PointsEntryConnectionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RechargeRule?: RechargeRuleResolvers<ContextType>;
  Shop?: ShopResolvers<ContextType>;
  StaffAccount?: StaffAccountResolvers<ContextType>;
  Wallet?: WalletResolvers<ContextType>;
  WalletEntry?: WalletEntryResolvers<ContextType>;
  WalletEntryConnection?: WalletEntryConnectionResolvers<ContextType>;
};

