import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CartView } from '../services/cart.ts';
import type { CartLineRow } from '../db/schema.ts';
import type { MemberRef, CartContext } from '../context.ts';
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

/** A member's cart. Prices and stock are today's, read from catalog. */
export type Cart = {
  __typename?: 'Cart';
  /** Lines, newest first. */
  lines: Array<CartLine>;
  /** Units in the selected lines that can be bought now. */
  selectedQuantity: Scalars['Int']['output'];
  /** What the selected lines that can be bought now cost at today's prices. */
  selectedTotal: Money;
};

/** One SKU in the cart. */
export type CartLine = {
  __typename?: 'CartLine';
  /** When it was first added. */
  addedAt: Scalars['DateTime']['output'];
  /** Line id. */
  id: Scalars['ID']['output'];
  /** What stands in the way of buying it, null when nothing does. */
  problem: Maybe<CartLineProblem>;
  /** Units wanted, 1–999. */
  quantity: Scalars['Int']['output'];
  /** Whether the line is ticked for checkout. */
  selected: Scalars['Boolean']['output'];
  /** The SKU (title, price, stock and shelf state resolve through catalog). */
  sku: Sku;
  /** Today's price × quantity, null when the SKU is gone. */
  subtotal: Maybe<Money>;
  /** Today's unit price, null when the SKU is gone. */
  unitPrice: Maybe<Money>;
};

/** Why a cart line cannot be bought as it is. */
export type CartLineProblem =
  /** The SKU no longer exists. */
  | 'GONE'
  /** Fewer units in stock than the line asks for. */
  | 'NOT_ENOUGH_STOCK'
  /** The product is off the shelf or its shop closed. */
  | 'OFF_SHELF'
  /** The SKU has no stock. */
  | 'SOLD_OUT';

/**
 * A shopper of the mall, created at their first WeChat login. Only `id`, `nickname` and
 * `avatar` are public; every other field is for the member themself and admins (FORBIDDEN
 * for anyone else).
 */
export type Member = {
  __typename?: 'Member';
  /** The member's cart (the member themself and admins). */
  cart: Cart;
  /** Member id. */
  id: Scalars['ID']['output'];
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
  /** Add units of a SKU (MEMBER); adding a SKU already in the cart adds to its line. An unknown SKU is NOT_FOUND; one off the shelf is CONFLICT. */
  addToCart: Cart;
  /** Empty the cart (MEMBER). */
  clearCart: Cart;
  /** Remove the lines of up to 100 SKUs (MEMBER). */
  removeFromCart: Cart;
  /** Tick or untick the lines of up to 100 SKUs for checkout (MEMBER). */
  selectCartLines: Cart;
  /** Set a line's quantity, 1–999 (MEMBER). */
  setCartQuantity: Cart;
};


export type MutationAddToCartArgs = {
  quantity?: InputMaybe<Scalars['Int']['input']>;
  skuId: Scalars['ID']['input'];
};


export type MutationRemoveFromCartArgs = {
  skuIds: Array<Scalars['ID']['input']>;
};


export type MutationSelectCartLinesArgs = {
  selected: Scalars['Boolean']['input'];
  skuIds: Array<Scalars['ID']['input']>;
};


export type MutationSetCartQuantityArgs = {
  quantity: Scalars['Int']['input'];
  skuId: Scalars['ID']['input'];
};

/** Where a page of a connection ends, for cursor pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge on this page, null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass `endCursor` as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The calling member's cart (MEMBER). */
  myCart: Cart;
};

/** A stock-keeping unit: one buyable variant of a product, with its own price and stock. */
export type Sku = {
  __typename?: 'Sku';
  /** SKU id. */
  id: Scalars['ID']['output'];
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
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Member:
    ( { __typename: 'Member' }
    & GraphQLRecursivePick<FederationTypes['Member'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Cart: ResolverTypeWrapper<CartView>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CartLine: ResolverTypeWrapper<CartLineRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CartLineProblem: CartLineProblem;
  Cents: ResolverTypeWrapper<Scalars['Cents']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Member: ResolverTypeWrapper<MemberRef>;
  Money: ResolverTypeWrapper<Money>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Sku: ResolverTypeWrapper<Sku>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Cart: CartView;
  Int: Scalars['Int']['output'];
  CartLine: CartLineRow;
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  Cents: Scalars['Cents']['output'];
  DateTime: Scalars['DateTime']['output'];
  Member: MemberRef;
  Money: Money;
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Sku: Sku;
};

export type CartResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Cart'] = ResolversParentTypes['Cart']> = {
  lines?: Resolver<Array<ResolversTypes['CartLine']>, ParentType, ContextType>;
  selectedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  selectedTotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type CartLineResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['CartLine'] = ResolversParentTypes['CartLine']> = {
  addedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['CartLineProblem']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  selected?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType>;
  subtotal?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  unitPrice?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
};

export interface CentsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Cents'], any> {
  name: 'Cents';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MemberResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member'], FederationReferenceType extends FederationReferenceTypes['Member'] = FederationReferenceTypes['Member']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Cents'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addToCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationAddToCartArgs, 'quantity' | 'skuId'>>;
  clearCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType>;
  removeFromCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationRemoveFromCartArgs, 'skuIds'>>;
  selectCartLines?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationSelectCartLinesArgs, 'selected' | 'skuIds'>>;
  setCartQuantity?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationSetCartQuantityArgs, 'quantity' | 'skuId'>>;
};

export type PageInfoResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  myCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType>;
};

export type SkuResolvers<ContextType = CartContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CartContext> = {
  Cart?: CartResolvers<ContextType>;
  CartLine?: CartLineResolvers<ContextType>;
  Cents?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Member?: MemberResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
};

