import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShopRow, CategoryRow, ProductRow, SkuRow } from '../db/schema.ts';
import type { Connection } from '@mall/kit';
import type { CatalogContext } from '../context.ts';
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

/** A node of the category tree (e.g. 服装 › 女装 › 连衣裙). */
export type Category = {
  __typename?: 'Category';
  /** Direct children, in `sort` order. */
  children: Array<Category>;
  /** Icon image URL. */
  icon: Maybe<Scalars['String']['output']>;
  /** Category id. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** The parent category, null for a root. */
  parent: Maybe<Category>;
  /** Ancestors from the root down to this category, itself included (for breadcrumbs). */
  path: Array<Category>;
  /** On-shelf products in this category and all its descendants. */
  products: ProductConnection;
  /** Position among its siblings, ascending. */
  sort: Scalars['Int']['output'];
};


/** A node of the category tree (e.g. 服装 › 女装 › 连衣裙). */
export type CategoryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProductSort>;
};

/** Fields of a new category. */
export type CreateCategoryInput = {
  /** Icon image URL. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** Display name, 1–30 characters. */
  name: Scalars['String']['input'];
  /** Parent category; omit for a root. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Position among its siblings. */
  sort?: InputMaybe<Scalars['Int']['input']>;
};

/** Fields of a new product. It starts OFF_SHELF unless `status` says otherwise. */
export type CreateProductInput = {
  /** A category with no children. */
  categoryId: Scalars['ID']['input'];
  /** Long description, at most 20,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–9 image URLs (http or https), the main image first. */
  images: Array<Scalars['String']['input']>;
  /** The shop it belongs to: the merchant's own (admins may name any). */
  shopId: Scalars['ID']['input'];
  /** 1–50 SKUs. */
  skus: Array<SkuInput>;
  /** Initial shelf state; OFF_SHELF by default. */
  status?: InputMaybe<ProductStatus>;
  /** Selling point line, at most 200 characters. */
  subtitle?: InputMaybe<Scalars['String']['input']>;
  /** Title, 2–120 characters. */
  title: Scalars['String']['input'];
};

/** Fields of a new shop. */
export type CreateShopInput = {
  /** Short introduction, at most 500 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Logo image URL (http or https). */
  logo?: InputMaybe<Scalars['String']['input']>;
  /** Display name, 2–60 characters, unique. */
  name: Scalars['String']['input'];
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
  /** Add a SKU to a product (the shop's merchant, or ADMIN). */
  addSku: Sku;
  /** Add to (or, with a negative delta, take from) a SKU's stock; never below zero (the shop's merchant, or ADMIN). */
  adjustSkuStock: Sku;
  /** Add a category to the tree (ADMIN). A category that holds products cannot get subcategories (CONFLICT). */
  createCategory: Category;
  /** Create a product with its SKUs (the shop's merchant, or ADMIN). */
  createProduct: Product;
  /** Open a new shop (ADMIN). */
  createShop: Shop;
  /** Put a product on or take it off the shelf (the shop's merchant, or ADMIN). */
  setProductStatus: Product;
  /** Set a SKU's stock to an absolute count, 0 to 10,000,000 (the shop's merchant, or ADMIN). */
  setSkuStock: Sku;
  /** Edit a category (ADMIN). */
  updateCategory: Category;
  /** Edit a product's details (the shop's merchant, or ADMIN). */
  updateProduct: Product;
  /** Edit a shop (its merchant, or ADMIN; only ADMIN may change `status`). */
  updateShop: Shop;
  /** Edit a SKU's specs, prices or image (the shop's merchant, or ADMIN). */
  updateSku: Sku;
};


export type MutationAddSkuArgs = {
  input: SkuInput;
  productId: Scalars['ID']['input'];
};


export type MutationAdjustSkuStockArgs = {
  delta: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};


export type MutationCreateCategoryArgs = {
  input: CreateCategoryInput;
};


export type MutationCreateProductArgs = {
  input: CreateProductInput;
};


export type MutationCreateShopArgs = {
  input: CreateShopInput;
};


export type MutationSetProductStatusArgs = {
  id: Scalars['ID']['input'];
  status: ProductStatus;
};


export type MutationSetSkuStockArgs = {
  id: Scalars['ID']['input'];
  stock: Scalars['Int']['input'];
};


export type MutationUpdateCategoryArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCategoryInput;
};


export type MutationUpdateProductArgs = {
  id: Scalars['ID']['input'];
  input: UpdateProductInput;
};


export type MutationUpdateShopArgs = {
  id: Scalars['ID']['input'];
  input: UpdateShopInput;
};


export type MutationUpdateSkuArgs = {
  id: Scalars['ID']['input'];
  input: UpdateSkuInput;
};

/** Where a page of a connection ends, for cursor pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge on this page, null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass `endCursor` as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The lowest and highest price among a product's SKUs. */
export type PriceRange = {
  __typename?: 'PriceRange';
  /** Highest SKU price. */
  max: Money;
  /** Lowest SKU price. */
  min: Money;
};

/** A product (SPU): what a buyer sees on a product page. Its SKUs are what gets bought. */
export type Product = {
  __typename?: 'Product';
  /** The category it is listed under. */
  category: Category;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Long description (plain text or simple HTML from the merchant). */
  description: Scalars['String']['output'];
  /** Product id. */
  id: Scalars['ID']['output'];
  /** Image URLs, the first being the main image. */
  images: Array<Scalars['String']['output']>;
  /** Lowest and highest SKU price. */
  priceRange: PriceRange;
  /** Units sold over all SKUs. */
  sales: Scalars['Int']['output'];
  /** The shop selling it. */
  shop: Shop;
  /** Its SKUs, in creation order. */
  skus: Array<Sku>;
  /** Whether buyers can see and buy it. */
  status: ProductStatus;
  /** Selling point line under the title. */
  subtitle: Scalars['String']['output'];
  /** Title, shown in lists and on the product page. */
  title: Scalars['String']['output'];
  /** When it was last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of products. */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  /** Products with their cursors. */
  edges: Array<ProductEdge>;
  /** The products alone, for clients that need no cursors. */
  nodes: Array<Product>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many products match in all (costs a count query; select it only when shown). */
  totalCount: Scalars['Int']['output'];
};

/** A product and its cursor. */
export type ProductEdge = {
  __typename?: 'ProductEdge';
  /** Pass as `after` to continue after this product. */
  cursor: Scalars['String']['output'];
  /** The product. */
  node: Product;
};

/** Filters for `products`. All given filters apply together. */
export type ProductFilter = {
  /** Only this category and its descendants. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Words that must appear in the title or subtitle. */
  keyword?: InputMaybe<Scalars['String']['input']>;
  /** Only products with a SKU priced at or below this many cents (and at or above `minPrice` when given). */
  maxPrice?: InputMaybe<Scalars['Int']['input']>;
  /** Only products with a SKU priced at or above this many cents (and at or below `maxPrice` when given). */
  minPrice?: InputMaybe<Scalars['Int']['input']>;
  /** Only this shop. */
  shopId?: InputMaybe<Scalars['ID']['input']>;
  /** Shelf state; anything but ON_SHELF needs the shop's merchant (with `shopId`) or an admin. */
  status?: InputMaybe<ProductStatus>;
};

/** Sort orders for product lists. Ties are broken by id, so pages never overlap. */
export type ProductSort =
  /** Newest first. */
  | 'NEWEST'
  /** Cheapest first (by the lowest SKU price). */
  | 'PRICE_ASC'
  /** Most expensive first (by the lowest SKU price). */
  | 'PRICE_DESC'
  /** Best-selling first. */
  | 'SALES_DESC';

/** Whether buyers can see and buy a product. */
export type ProductStatus =
  /** Hidden from buyers; only its shop's merchant and admins see it. */
  | 'OFF_SHELF'
  /** Listed and for sale. */
  | 'ON_SHELF';

export type Query = {
  __typename?: 'Query';
  /** The root categories; walk `children` for the tree. */
  categories: Array<Category>;
  /** A category by id. */
  category: Maybe<Category>;
  /** The calling merchant's own shop (MERCHANT only). */
  myShop: Shop;
  /** A product by id; null when it does not exist or the caller may not see it. Buyers see products on the shelf of an open shop; the shop's merchant and admins see any. */
  product: Maybe<Product>;
  /** Search and browse products: keyword, category, shop and price filters, sorting and cursor pagination. */
  products: ProductConnection;
  /** A shop by id. */
  shop: Maybe<Shop>;
  /** Every open shop, by name. */
  shops: Array<Shop>;
  /** A SKU by id, with the same visibility as its product. */
  sku: Maybe<Sku>;
};


export type QueryCategoryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProductSort>;
};


export type QueryShopArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySkuArgs = {
  id: Scalars['ID']['input'];
};

/** A merchant's storefront. Every product belongs to one shop. */
export type Shop = {
  __typename?: 'Shop';
  /** When the shop was opened. */
  createdAt: Scalars['DateTime']['output'];
  /** Short introduction shown on the shop page. */
  description: Scalars['String']['output'];
  /** Shop id. */
  id: Scalars['ID']['output'];
  /** Logo image URL. */
  logo: Maybe<Scalars['String']['output']>;
  /** Display name, unique in the mall. */
  name: Scalars['String']['output'];
  /** The shop's on-shelf products (none while the shop is closed). A merchant lists their off-shelf ones with `products(filter: { shopId, status: OFF_SHELF })`. */
  products: ProductConnection;
  /** Whether the shop is trading. */
  status: ShopStatus;
};


/** A merchant's storefront. Every product belongs to one shop. */
export type ShopProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProductSort>;
};

/** Whether a shop is trading. */
export type ShopStatus =
  /** Closed by an admin; its products are hidden from buyers. */
  | 'CLOSED'
  /** Open for business; its on-shelf products are listed. */
  | 'OPEN';

/** A stock-keeping unit: one buyable variant of a product, with its own price and stock. */
export type Sku = {
  __typename?: 'Sku';
  /** True when it can be bought now: its product is on the shelf, its shop open, and stock is above zero. */
  available: Scalars['Boolean']['output'];
  /** SKU id. */
  id: Scalars['ID']['output'];
  /** Image of this variant, when it differs from the product's. */
  image: Maybe<Scalars['String']['output']>;
  /** Crossed-out list price, when the merchant set one (never below `price`). */
  originalPrice: Maybe<Money>;
  /** Selling price. */
  price: Money;
  /** The product it belongs to. */
  product: Product;
  /** Units sold. */
  sales: Scalars['Int']['output'];
  /** The specs as one line for display, e.g. `颜色:红色 尺码:XL`. */
  specText: Scalars['String']['output'];
  /** Spec attributes that tell it apart from its siblings. */
  specs: Array<SpecValue>;
  /** Units in stock. */
  stock: Scalars['Int']['output'];
  /** Shipping weight of one unit in grams (0 when not set); freight charged by weight reads it. */
  weightGrams: Scalars['Int']['output'];
};

/** Fields of a new SKU. */
export type SkuInput = {
  /** Variant image URL. */
  image?: InputMaybe<Scalars['String']['input']>;
  /** List price in cents, not below `price`. */
  originalPrice?: InputMaybe<Scalars['Int']['input']>;
  /** Selling price in cents, 1 to 100,000,000. */
  price: Scalars['Int']['input'];
  /** 1–5 spec attributes with distinct names; no two SKUs of a product may have the same specs. */
  specs: Array<SpecValueInput>;
  /** Initial stock, 0 to 10,000,000. */
  stock: Scalars['Int']['input'];
  /** Shipping weight of one unit in grams, 0 (the default) to 1,000,000. */
  weightGrams?: InputMaybe<Scalars['Int']['input']>;
};

/** One spec attribute of a SKU, e.g. `{ name: "颜色", value: "红色" }`. */
export type SpecValue = {
  __typename?: 'SpecValue';
  /** Attribute name, e.g. 颜色 or 尺码. */
  name: Scalars['String']['output'];
  /** Attribute value, e.g. 红色 or XL. */
  value: Scalars['String']['output'];
};

/** One spec attribute of a SKU. */
export type SpecValueInput = {
  /** Attribute name, 1–20 characters, e.g. 颜色. */
  name: Scalars['String']['input'];
  /** Attribute value, 1–40 characters, e.g. 红色. */
  value: Scalars['String']['input'];
};

/**
 * Live updates over graphql-ws on the gateway's `/graphql` (the subgraphs themselves do not
 * serve them). Each event is answered with the subscriber's whole selection, resolved through
 * the supergraph with the subscriber's identity, exactly as the matching query would be.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /** Stock of these SKUs (anyone; 1 to 100 ids): each SKU as it is now first, then again after every stock change (orders reserving, cancels releasing, merchants' edits). */
  stockChanged: Sku;
};


/**
 * Live updates over graphql-ws on the gateway's `/graphql` (the subgraphs themselves do not
 * serve them). Each event is answered with the subscriber's whole selection, resolved through
 * the supergraph with the subscriber's identity, exactly as the matching query would be.
 */
export type SubscriptionStockChangedArgs = {
  skuIds: Array<Scalars['ID']['input']>;
};

/** Changes to a category; omitted fields stay as they are. */
export type UpdateCategoryInput = {
  /** Icon image URL. */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** Display name, 1–30 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Position among its siblings. */
  sort?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes to a product; omitted fields stay as they are. */
export type UpdateProductInput = {
  /** A category with no children. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Long description, at most 20,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–9 image URLs (http or https), the main image first. */
  images?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Selling point line, at most 200 characters. */
  subtitle?: InputMaybe<Scalars['String']['input']>;
  /** Title, 2–120 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a shop; omitted fields stay as they are. */
export type UpdateShopInput = {
  /** Short introduction, at most 500 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Logo image URL (http or https). */
  logo?: InputMaybe<Scalars['String']['input']>;
  /** Display name, 2–60 characters, unique. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Open or close the shop (ADMIN only). */
  status?: InputMaybe<ShopStatus>;
};

/** Changes to a SKU; omitted fields stay as they are. Stock changes go through `setSkuStock` / `adjustSkuStock`. */
export type UpdateSkuInput = {
  /** Variant image URL; null clears it. */
  image?: InputMaybe<Scalars['String']['input']>;
  /** List price in cents, not below the price; null clears it. */
  originalPrice?: InputMaybe<Scalars['Int']['input']>;
  /** Selling price in cents, 1 to 100,000,000. */
  price?: InputMaybe<Scalars['Int']['input']>;
  /** New spec attributes. */
  specs?: InputMaybe<Array<SpecValueInput>>;
  /** Shipping weight of one unit in grams, 0 to 1,000,000. */
  weightGrams?: InputMaybe<Scalars['Int']['input']>;
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
  Category: Category;
  Product: Product;
  Shop: Shop;
  Sku: Sku;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Category:
    ( { __typename: 'Category' }
    & GraphQLRecursivePick<FederationTypes['Category'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
  Shop:
    ( { __typename: 'Shop' }
    & GraphQLRecursivePick<FederationTypes['Shop'], {"id":true}> );
  Sku:
    ( { __typename: 'Sku' }
    & GraphQLRecursivePick<FederationTypes['Sku'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Category: ResolverTypeWrapper<CategoryRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Cents: ResolverTypeWrapper<Scalars['Cents']['output']>;
  CreateCategoryInput: CreateCategoryInput;
  CreateProductInput: CreateProductInput;
  CreateShopInput: CreateShopInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PriceRange: ResolverTypeWrapper<PriceRange>;
  Product: ResolverTypeWrapper<ProductRow>;
  ProductConnection: ResolverTypeWrapper<Connection<ProductRow>>;
  ProductEdge: ResolverTypeWrapper<Omit<ProductEdge, 'node'> & { node: ResolversTypes['Product'] }>;
  ProductFilter: ProductFilter;
  ProductSort: ProductSort;
  ProductStatus: ProductStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Shop: ResolverTypeWrapper<ShopRow>;
  ShopStatus: ShopStatus;
  Sku: ResolverTypeWrapper<SkuRow>;
  SkuInput: SkuInput;
  SpecValue: ResolverTypeWrapper<SpecValue>;
  SpecValueInput: SpecValueInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateCategoryInput: UpdateCategoryInput;
  UpdateProductInput: UpdateProductInput;
  UpdateShopInput: UpdateShopInput;
  UpdateSkuInput: UpdateSkuInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Category: CategoryRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Cents: Scalars['Cents']['output'];
  CreateCategoryInput: CreateCategoryInput;
  CreateProductInput: CreateProductInput;
  CreateShopInput: CreateShopInput;
  DateTime: Scalars['DateTime']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PriceRange: PriceRange;
  Product: ProductRow;
  ProductConnection: Connection<ProductRow>;
  ProductEdge: Omit<ProductEdge, 'node'> & { node: ResolversParentTypes['Product'] };
  ProductFilter: ProductFilter;
  Query: Record<PropertyKey, never>;
  Shop: ShopRow;
  Sku: SkuRow;
  SkuInput: SkuInput;
  SpecValue: SpecValue;
  SpecValueInput: SpecValueInput;
  Subscription: Record<PropertyKey, never>;
  UpdateCategoryInput: UpdateCategoryInput;
  UpdateProductInput: UpdateProductInput;
  UpdateShopInput: UpdateShopInput;
  UpdateSkuInput: UpdateSkuInput;
};

export type CategoryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category'], FederationReferenceType extends FederationReferenceTypes['Category'] = FederationReferenceTypes['Category']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Category']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  icon?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<CategoryProductsArgs, 'first' | 'sort'>>;
  sort?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface CentsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Cents'], any> {
  name: 'Cents';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MoneyResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Cents'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addSku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType, RequireFields<MutationAddSkuArgs, 'input' | 'productId'>>;
  adjustSkuStock?: Resolver<ResolversTypes['Sku'], ParentType, ContextType, RequireFields<MutationAdjustSkuStockArgs, 'delta' | 'id'>>;
  createCategory?: Resolver<ResolversTypes['Category'], ParentType, ContextType, RequireFields<MutationCreateCategoryArgs, 'input'>>;
  createProduct?: Resolver<ResolversTypes['Product'], ParentType, ContextType, RequireFields<MutationCreateProductArgs, 'input'>>;
  createShop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType, RequireFields<MutationCreateShopArgs, 'input'>>;
  setProductStatus?: Resolver<ResolversTypes['Product'], ParentType, ContextType, RequireFields<MutationSetProductStatusArgs, 'id' | 'status'>>;
  setSkuStock?: Resolver<ResolversTypes['Sku'], ParentType, ContextType, RequireFields<MutationSetSkuStockArgs, 'id' | 'stock'>>;
  updateCategory?: Resolver<ResolversTypes['Category'], ParentType, ContextType, RequireFields<MutationUpdateCategoryArgs, 'id' | 'input'>>;
  updateProduct?: Resolver<ResolversTypes['Product'], ParentType, ContextType, RequireFields<MutationUpdateProductArgs, 'id' | 'input'>>;
  updateShop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType, RequireFields<MutationUpdateShopArgs, 'id' | 'input'>>;
  updateSku?: Resolver<ResolversTypes['Sku'], ParentType, ContextType, RequireFields<MutationUpdateSkuArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PriceRangeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PriceRange'] = ResolversParentTypes['PriceRange']> = {
  max?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  min?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type ProductResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  category?: Resolver<ResolversTypes['Category'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  priceRange?: Resolver<ResolversTypes['PriceRange'], ParentType, ContextType>;
  sales?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  shop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
  skus?: Resolver<Array<ResolversTypes['Sku']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ProductStatus'], ParentType, ContextType>;
  subtitle?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ProductConnectionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ProductEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Product']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProductEdgeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType, RequireFields<QueryCategoryArgs, 'id'>>;
  myShop?: Resolver<ResolversTypes['Shop'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'id'>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<QueryProductsArgs, 'first' | 'sort'>>;
  shop?: Resolver<Maybe<ResolversTypes['Shop']>, ParentType, ContextType, RequireFields<QueryShopArgs, 'id'>>;
  shops?: Resolver<Array<ResolversTypes['Shop']>, ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['Sku']>, ParentType, ContextType, RequireFields<QuerySkuArgs, 'id'>>;
};

export type ShopResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Shop'] = ResolversParentTypes['Shop'], FederationReferenceType extends FederationReferenceTypes['Shop'] = FederationReferenceTypes['Shop']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shop']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  logo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<ShopProductsArgs, 'first' | 'sort'>>;
  status?: Resolver<ResolversTypes['ShopStatus'], ParentType, ContextType>;
};

export type SkuResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku'], FederationReferenceType extends FederationReferenceTypes['Sku'] = FederationReferenceTypes['Sku']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Sku']> | FederationReferenceType, FederationReferenceType, ContextType>;
  available?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  originalPrice?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  sales?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  specText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  specs?: Resolver<Array<ResolversTypes['SpecValue']>, ParentType, ContextType>;
  stock?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weightGrams?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SpecValueResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['SpecValue'] = ResolversParentTypes['SpecValue']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  stockChanged?: SubscriptionResolver<ResolversTypes['Sku'], "stockChanged", ParentType, ContextType, RequireFields<SubscriptionStockChangedArgs, 'skuIds'>>;
};

export type Resolvers<ContextType = CatalogContext> = {
  Category?: CategoryResolvers<ContextType>;
  Cents?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PriceRange?: PriceRangeResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Shop?: ShopResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
  SpecValue?: SpecValueResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

