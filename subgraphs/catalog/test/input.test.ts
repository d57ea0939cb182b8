import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { catalog as contracts } from '@mall/contracts';
import { connectNats, encodeCursor, loadSubgraphConfig, type CommandContract, type NatsConnection, type z } from '@mall/kit';
import { as, graphql, tokenFor } from '@mall/test-kit';
import { products, shops, skus } from '../src/db/schema.ts';
import { startCatalog } from './fixtures.ts';

/**
 * Issue 10, defect 8: whatever a caller sends reaches the database only once checked. Every
 * argument and input field of catalog's schema, and every field of its commands, is sent
 * over-long, out of range or malformed: each must be refused with a stable code (and the
 * field at fault), never INTERNAL_SERVER_ERROR, and must change nothing in the database.
 */

let catalog: Awaited<ReturnType<typeof startCatalog>>;
let nats: NatsConnection;
const tokens: Record<'merchant' | 'admin', string> = { merchant: '', admin: '' };
/** Shop 1's first product and SKU, a shop name taken, and the demo tree's 服装 (a root) and 服装 › 女装 › 连衣裙 (a leaf at the deepest level). */
const ids = { product: '', sku: '', skuPrice: 0, specNames: [] as string[], shopName: '', root: '1', deepLeaf: '3' };

const chars = (n: number, c = '中') => c.repeat(n);
const url = (length: number) => `https://img.example.com/${'a'.repeat(length - 'https://img.example.com/'.length)}`;

beforeAll(async () => {
  catalog = await startCatalog(2);
  nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'test-input');
  [tokens.merchant, tokens.admin] = await Promise.all([tokenFor(as.merchant(1)), tokenFor(as.admin())]);
  const db = catalog.subgraph.deps.database.db;
  const [product] = await db.select().from(products).where(eq(products.shopId, 1)).orderBy(asc(products.id)).limit(1);
  const [sku] = await db.select().from(skus).where(eq(skus.productId, product!.id)).orderBy(asc(skus.id)).limit(1);
  const [shop] = await db.select().from(shops).where(eq(shops.id, 2));
  Object.assign(ids, { product: String(product!.id), sku: String(sku!.id), skuPrice: sku!.price, specNames: sku!.specs.map((s) => s.name), shopName: shop!.name });
});
afterAll(async () => {
  await nats?.drain();
  await catalog?.stop();
});

type Code = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

interface ApiCase {
  name: string;
  /** Who sends it: shop 1's merchant by default. */
  as?: 'merchant' | 'admin' | 'anonymous';
  query: string;
  variables: () => Record<string, unknown>;
  code: Code;
  /** `extensions.field`; absent where GraphQL itself refuses the value (an Int past 32 bits, an unknown enum). */
  field?: string;
}

const CREATE_SHOP = 'mutation ($input: CreateShopInput!) { createShop(input: $input) { id } }';
const UPDATE_SHOP = 'mutation ($id: ID!, $input: UpdateShopInput!) { updateShop(id: $id, input: $input) { id } }';
const CREATE_CATEGORY = 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id } }';
const UPDATE_CATEGORY = 'mutation ($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id } }';
const CREATE_PRODUCT = 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }';
const UPDATE_PRODUCT = 'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }';
const SET_STATUS = 'mutation ($id: ID!, $status: ProductStatus!) { setProductStatus(id: $id, status: $status) { id } }';
const ADD_SKU = 'mutation ($id: ID!, $input: SkuInput!) { addSku(productId: $id, input: $input) { id } }';
const UPDATE_SKU = 'mutation ($id: ID!, $input: UpdateSkuInput!) { updateSku(id: $id, input: $input) { id } }';
const SET_STOCK = 'mutation ($id: ID!, $stock: Int!) { setSkuStock(id: $id, stock: $stock) { id } }';
const ADJUST_STOCK = 'mutation ($id: ID!, $delta: Int!) { adjustSkuStock(id: $id, delta: $delta) { id } }';
const PRODUCTS = 'query ($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String) { products(filter: $filter, sort: $sort, first: $first, after: $after) { totalCount } }';
const SHOP_PRODUCTS = 'query ($id: ID!, $first: Int) { shop(id: $id) { products(first: $first) { totalCount } } }';
const PRODUCT = 'query ($id: ID!) { product(id: $id) { id } }';

const sku = (overrides: Record<string, unknown> = {}) => ({ specs: [{ name: '颜色', value: '黑色' }], price: 10_000, stock: 5, ...overrides });
const product = (overrides: Record<string, unknown> = {}) => () => ({
  input: { shopId: '1', categoryId: ids.deepLeaf, title: '测试商品', images: ['https://img.example.com/a.jpg'], skus: [sku()], ...overrides },
});
const withSku = (overrides: Record<string, unknown>) => product({ skus: [sku(overrides)] });
/** A SKU for shop 1's product, naming the attributes its SKUs name. */
const ownSku = (overrides: Record<string, unknown> = {}) => () => ({
  id: ids.product,
  input: { specs: ids.specNames.map((name) => ({ name, value: `新${name}` })), price: 10_000, stock: 1, ...overrides },
});
const productsWith = (variables: Record<string, unknown>) => () => variables;

const apiCases: ApiCase[] = [
  { name: 'createShop: a name over 60 characters', as: 'admin', query: CREATE_SHOP, variables: () => ({ input: { name: chars(61) } }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'createShop: a name of 1 character', as: 'admin', query: CREATE_SHOP, variables: () => ({ input: { name: '店' } }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'createShop: a logo that is a script', as: 'admin', query: CREATE_SHOP, variables: () => ({ input: { name: '新店铺', logo: 'javascript:alert(1)' } }), code: 'BAD_USER_INPUT', field: 'input.logo' },
  { name: 'createShop: a logo over 500 characters', as: 'admin', query: CREATE_SHOP, variables: () => ({ input: { name: '新店铺', logo: url(501) } }), code: 'BAD_USER_INPUT', field: 'input.logo' },
  { name: 'createShop: a description over 500 characters', as: 'admin', query: CREATE_SHOP, variables: () => ({ input: { name: '新店铺', description: chars(501) } }), code: 'BAD_USER_INPUT', field: 'input.description' },
  { name: 'createShop: a name already taken', as: 'admin', query: CREATE_SHOP, variables: () => ({ input: { name: ids.shopName } }), code: 'CONFLICT' },
  { name: 'updateShop: an id that is not a number', query: UPDATE_SHOP, variables: () => ({ id: 'x', input: { name: '新名字' } }), code: 'NOT_FOUND' },
  { name: 'updateShop: a name over 60 characters', query: UPDATE_SHOP, variables: () => ({ id: '1', input: { name: chars(61) } }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'updateShop: a logo over 500 characters', query: UPDATE_SHOP, variables: () => ({ id: '1', input: { logo: url(501) } }), code: 'BAD_USER_INPUT', field: 'input.logo' },
  { name: 'updateShop: a description over 500 characters', query: UPDATE_SHOP, variables: () => ({ id: '1', input: { description: chars(501) } }), code: 'BAD_USER_INPUT', field: 'input.description' },
  { name: 'updateShop: an unknown status', as: 'admin', query: UPDATE_SHOP, variables: () => ({ id: '1', input: { status: 'GONE' } }), code: 'BAD_USER_INPUT' },

  { name: 'createCategory: a name over 30 characters', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: chars(31) } }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'createCategory: an empty name', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: '' } }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'createCategory: an icon that is no URL', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: '新类目', icon: 'icon.png' } }), code: 'BAD_USER_INPUT', field: 'input.icon' },
  { name: 'createCategory: sort over 10,000', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: '新类目', sort: 10_001 } }), code: 'BAD_USER_INPUT', field: 'input.sort' },
  { name: 'createCategory: sort past 32 bits', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: '新类目', sort: 2 ** 31 } }), code: 'BAD_USER_INPUT' },
  { name: 'createCategory: a parent id that is not a number', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: '新类目', parentId: 'x' } }), code: 'NOT_FOUND' },
  { name: 'createCategory: an unknown parent', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: '新类目', parentId: '987654' } }), code: 'NOT_FOUND' },
  { name: 'createCategory: a fourth level', as: 'admin', query: CREATE_CATEGORY, variables: () => ({ input: { name: '新类目', parentId: ids.deepLeaf } }), code: 'BAD_USER_INPUT', field: 'input.parentId' },
  { name: 'updateCategory: an id that is not a number', as: 'admin', query: UPDATE_CATEGORY, variables: () => ({ id: 'x', input: { name: '新名字' } }), code: 'NOT_FOUND' },
  { name: 'updateCategory: a name over 30 characters', as: 'admin', query: UPDATE_CATEGORY, variables: () => ({ id: ids.root, input: { name: chars(31) } }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'updateCategory: an icon over 500 characters', as: 'admin', query: UPDATE_CATEGORY, variables: () => ({ id: ids.root, input: { icon: url(501) } }), code: 'BAD_USER_INPUT', field: 'input.icon' },
  { name: 'updateCategory: sort under -10,000', as: 'admin', query: UPDATE_CATEGORY, variables: () => ({ id: ids.root, input: { sort: -10_001 } }), code: 'BAD_USER_INPUT', field: 'input.sort' },

  { name: 'createProduct: a shop id that is not a number', as: 'admin', query: CREATE_PRODUCT, variables: product({ shopId: 'x' }), code: 'NOT_FOUND' },
  { name: 'createProduct: a category id that is not a number', query: CREATE_PRODUCT, variables: product({ categoryId: 'x' }), code: 'NOT_FOUND' },
  { name: 'createProduct: a category with subcategories', query: CREATE_PRODUCT, variables: product({ categoryId: ids.root }), code: 'BAD_USER_INPUT', field: 'input.categoryId' },
  { name: 'createProduct: a title over 120 characters', query: CREATE_PRODUCT, variables: product({ title: chars(121) }), code: 'BAD_USER_INPUT', field: 'input.title' },
  { name: 'createProduct: a title of 1 character', query: CREATE_PRODUCT, variables: product({ title: '品' }), code: 'BAD_USER_INPUT', field: 'input.title' },
  { name: 'createProduct: a subtitle over 200 characters', query: CREATE_PRODUCT, variables: product({ subtitle: chars(201) }), code: 'BAD_USER_INPUT', field: 'input.subtitle' },
  { name: 'createProduct: a description over 20,000 characters', query: CREATE_PRODUCT, variables: product({ description: chars(20_001) }), code: 'BAD_USER_INPUT', field: 'input.description' },
  { name: 'createProduct: no image', query: CREATE_PRODUCT, variables: product({ images: [] }), code: 'BAD_USER_INPUT', field: 'input.images' },
  { name: 'createProduct: 10 images', query: CREATE_PRODUCT, variables: product({ images: Array.from({ length: 10 }, (_, i) => `https://img.example.com/${i}.jpg`) }), code: 'BAD_USER_INPUT', field: 'input.images' },
  { name: 'createProduct: an image over 500 characters', query: CREATE_PRODUCT, variables: product({ images: [url(501)] }), code: 'BAD_USER_INPUT', field: 'input.images[0]' },
  { name: 'createProduct: an image over ftp', query: CREATE_PRODUCT, variables: product({ images: ['https://img.example.com/a.jpg', 'ftp://img.example.com/b.jpg'] }), code: 'BAD_USER_INPUT', field: 'input.images[1]' },
  { name: 'createProduct: no SKU', query: CREATE_PRODUCT, variables: product({ skus: [] }), code: 'BAD_USER_INPUT', field: 'input.skus' },
  { name: 'createProduct: 51 SKUs', query: CREATE_PRODUCT, variables: product({ skus: Array.from({ length: 51 }, (_, i) => sku({ specs: [{ name: '颜色', value: `色${i}` }] })) }), code: 'BAD_USER_INPUT', field: 'input.skus' },
  { name: 'createProduct: a SKU without specs', query: CREATE_PRODUCT, variables: withSku({ specs: [] }), code: 'BAD_USER_INPUT', field: 'input.skus[0].specs' },
  { name: 'createProduct: a SKU with 6 specs', query: CREATE_PRODUCT, variables: withSku({ specs: Array.from({ length: 6 }, (_, i) => ({ name: `属性${i}`, value: '值' })) }), code: 'BAD_USER_INPUT', field: 'input.skus[0].specs' },
  { name: 'createProduct: a spec name over 20 characters', query: CREATE_PRODUCT, variables: withSku({ specs: [{ name: chars(21), value: '黑色' }] }), code: 'BAD_USER_INPUT', field: 'input.skus[0].specs[0].name' },
  { name: 'createProduct: a spec value over 40 characters', query: CREATE_PRODUCT, variables: withSku({ specs: [{ name: '颜色', value: chars(41) }] }), code: 'BAD_USER_INPUT', field: 'input.skus[0].specs[0].value' },
  { name: 'createProduct: price 0', query: CREATE_PRODUCT, variables: withSku({ price: 0 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].price' },
  { name: 'createProduct: a price over ¥1,000,000', query: CREATE_PRODUCT, variables: withSku({ price: 100_000_001 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].price' },
  { name: 'createProduct: a price past 32 bits', query: CREATE_PRODUCT, variables: withSku({ price: 2 ** 31 }), code: 'BAD_USER_INPUT' },
  { name: 'createProduct: an original price below the price', query: CREATE_PRODUCT, variables: withSku({ originalPrice: 9_999 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].originalPrice' },
  { name: 'createProduct: an original price over ¥1,000,000', query: CREATE_PRODUCT, variables: withSku({ originalPrice: 100_000_001 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].originalPrice' },
  { name: 'createProduct: stock -1', query: CREATE_PRODUCT, variables: withSku({ stock: -1 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].stock' },
  { name: 'createProduct: stock over 10,000,000', query: CREATE_PRODUCT, variables: withSku({ stock: 10_000_001 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].stock' },
  { name: 'createProduct: a SKU image over 500 characters', query: CREATE_PRODUCT, variables: withSku({ image: url(501) }), code: 'BAD_USER_INPUT', field: 'input.skus[0].image' },
  { name: 'createProduct: a negative SKU weight', query: CREATE_PRODUCT, variables: withSku({ weightGrams: -1 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].weightGrams' },
  { name: 'createProduct: a SKU weight over a tonne', query: CREATE_PRODUCT, variables: withSku({ weightGrams: 1_000_001 }), code: 'BAD_USER_INPUT', field: 'input.skus[0].weightGrams' },
  { name: 'createProduct: an unknown status', query: CREATE_PRODUCT, variables: product({ status: 'SOLD' }), code: 'BAD_USER_INPUT' },
  { name: 'updateProduct: an id that is not a number', query: UPDATE_PRODUCT, variables: () => ({ id: 'x', input: { title: '新标题' } }), code: 'NOT_FOUND' },
  { name: 'updateProduct: a title over 120 characters', query: UPDATE_PRODUCT, variables: () => ({ id: ids.product, input: { title: chars(121) } }), code: 'BAD_USER_INPUT', field: 'input.title' },
  { name: 'updateProduct: a subtitle over 200 characters', query: UPDATE_PRODUCT, variables: () => ({ id: ids.product, input: { subtitle: chars(201) } }), code: 'BAD_USER_INPUT', field: 'input.subtitle' },
  { name: 'updateProduct: a description over 20,000 characters', query: UPDATE_PRODUCT, variables: () => ({ id: ids.product, input: { description: chars(20_001) } }), code: 'BAD_USER_INPUT', field: 'input.description' },
  { name: 'updateProduct: 10 images', query: UPDATE_PRODUCT, variables: () => ({ id: ids.product, input: { images: Array(10).fill('https://img.example.com/a.jpg') } }), code: 'BAD_USER_INPUT', field: 'input.images' },
  { name: 'updateProduct: a category id that is not a number', query: UPDATE_PRODUCT, variables: () => ({ id: ids.product, input: { categoryId: 'x' } }), code: 'NOT_FOUND' },
  { name: 'updateProduct: a category with subcategories', query: UPDATE_PRODUCT, variables: () => ({ id: ids.product, input: { categoryId: ids.root } }), code: 'BAD_USER_INPUT', field: 'input.categoryId' },
  { name: 'setProductStatus: id 0', query: SET_STATUS, variables: () => ({ id: '0', status: 'ON_SHELF' }), code: 'NOT_FOUND' },
  { name: 'setProductStatus: an unknown status', query: SET_STATUS, variables: () => ({ id: ids.product, status: 'SOLD' }), code: 'BAD_USER_INPUT' },

  { name: 'addSku: a product id that is not a number', query: ADD_SKU, variables: () => ({ ...ownSku()(), id: 'x' }), code: 'NOT_FOUND' },
  { name: 'addSku: price 0', query: ADD_SKU, variables: ownSku({ price: 0 }), code: 'BAD_USER_INPUT', field: 'input.price' },
  { name: 'addSku: stock over 10,000,000', query: ADD_SKU, variables: ownSku({ stock: 10_000_001 }), code: 'BAD_USER_INPUT', field: 'input.stock' },
  { name: 'addSku: a spec value over 40 characters', query: ADD_SKU, variables: ownSku({ specs: [{ name: '颜色', value: chars(41) }] }), code: 'BAD_USER_INPUT', field: 'input.specs[0].value' },
  { name: 'addSku: other attributes than its siblings', query: ADD_SKU, variables: ownSku({ specs: [{ name: '材质', value: '真丝' }] }), code: 'BAD_USER_INPUT', field: 'input.specs' },
  { name: 'addSku: a weight over a tonne', query: ADD_SKU, variables: ownSku({ weightGrams: 1_000_001 }), code: 'BAD_USER_INPUT', field: 'input.weightGrams' },
  { name: 'updateSku: an id that is not a number', query: UPDATE_SKU, variables: () => ({ id: 'x', input: { price: 100 } }), code: 'NOT_FOUND' },
  { name: 'updateSku: a price over ¥1,000,000', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { price: 100_000_001 } }), code: 'BAD_USER_INPUT', field: 'input.price' },
  { name: 'updateSku: original price 0', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { originalPrice: 0 } }), code: 'BAD_USER_INPUT', field: 'input.originalPrice' },
  { name: 'updateSku: an original price below the price', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { originalPrice: ids.skuPrice - 1 } }), code: 'BAD_USER_INPUT', field: 'input.originalPrice' },
  { name: 'updateSku: an image that is no URL', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { image: 'sku.png' } }), code: 'BAD_USER_INPUT', field: 'input.image' },
  { name: 'updateSku: a negative weight', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { weightGrams: -5 } }), code: 'BAD_USER_INPUT', field: 'input.weightGrams' },
  { name: 'updateSku: a weight of null', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { weightGrams: null } }), code: 'BAD_USER_INPUT', field: 'input.weightGrams' },
  { name: 'updateSku: 6 specs', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { specs: Array.from({ length: 6 }, (_, i) => ({ name: `属性${i}`, value: '值' })) } }), code: 'BAD_USER_INPUT', field: 'input.specs' },
  { name: 'updateSku: other attributes than before', query: UPDATE_SKU, variables: () => ({ id: ids.sku, input: { specs: [{ name: '材质', value: '真丝' }] } }), code: 'BAD_USER_INPUT', field: 'input.specs' },
  { name: 'setSkuStock: an id that is not a number', query: SET_STOCK, variables: () => ({ id: 'x', stock: 1 }), code: 'NOT_FOUND' },
  { name: 'setSkuStock: stock -1', query: SET_STOCK, variables: () => ({ id: ids.sku, stock: -1 }), code: 'BAD_USER_INPUT', field: 'stock' },
  { name: 'setSkuStock: stock over 10,000,000', query: SET_STOCK, variables: () => ({ id: ids.sku, stock: 10_000_001 }), code: 'BAD_USER_INPUT', field: 'stock' },
  { name: 'setSkuStock: stock past 32 bits', query: SET_STOCK, variables: () => ({ id: ids.sku, stock: 2 ** 31 }), code: 'BAD_USER_INPUT' },
  { name: 'adjustSkuStock: delta 0', query: ADJUST_STOCK, variables: () => ({ id: ids.sku, delta: 0 }), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustSkuStock: delta over 10,000,000', query: ADJUST_STOCK, variables: () => ({ id: ids.sku, delta: 10_000_001 }), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustSkuStock: delta past 32 bits', query: ADJUST_STOCK, variables: () => ({ id: ids.sku, delta: -(2 ** 31) - 1 }), code: 'BAD_USER_INPUT' },
  { name: 'adjustSkuStock: more taken than there is', query: ADJUST_STOCK, variables: () => ({ id: ids.sku, delta: -10_000_000 }), code: 'CONFLICT' },

  { name: 'products: first 0', as: 'anonymous', query: PRODUCTS, variables: productsWith({ first: 0 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'products: first 101', as: 'anonymous', query: PRODUCTS, variables: productsWith({ first: 101 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'products: first past 32 bits', as: 'anonymous', query: PRODUCTS, variables: productsWith({ first: 2 ** 31 }), code: 'BAD_USER_INPUT' },
  { name: 'products: a made-up cursor', as: 'anonymous', query: PRODUCTS, variables: productsWith({ after: 'not-a-cursor' }), code: 'BAD_USER_INPUT', field: 'after' },
  { name: 'products: a cursor of another sort', as: 'anonymous', query: PRODUCTS, variables: productsWith({ sort: 'PRICE_ASC', after: encodeCursor({ sort: 'NEWEST', values: [5] }) }), code: 'BAD_USER_INPUT', field: 'after' },
  { name: 'products: a cursor holding text', as: 'anonymous', query: PRODUCTS, variables: productsWith({ after: encodeCursor({ sort: 'NEWEST', values: ['1 OR 1=1'] }) }), code: 'BAD_USER_INPUT', field: 'after' },
  { name: 'products: a cursor past 2^53', as: 'anonymous', query: PRODUCTS, variables: productsWith({ after: encodeCursor({ sort: 'NEWEST', values: [2 ** 60] }) }), code: 'BAD_USER_INPUT', field: 'after' },
  { name: 'products: a keyword over 50 characters', as: 'anonymous', query: PRODUCTS, variables: productsWith({ filter: { keyword: chars(51) } }), code: 'BAD_USER_INPUT', field: 'filter.keyword' },
  { name: 'products: minPrice -1', as: 'anonymous', query: PRODUCTS, variables: productsWith({ filter: { minPrice: -1 } }), code: 'BAD_USER_INPUT', field: 'filter.minPrice' },
  { name: 'products: maxPrice over ¥1,000,000', as: 'anonymous', query: PRODUCTS, variables: productsWith({ filter: { maxPrice: 100_000_001 } }), code: 'BAD_USER_INPUT', field: 'filter.maxPrice' },
  { name: 'products: minPrice over maxPrice', as: 'anonymous', query: PRODUCTS, variables: productsWith({ filter: { minPrice: 500, maxPrice: 100 } }), code: 'BAD_USER_INPUT', field: 'filter.minPrice' },
  { name: 'products: a category id that is not a number', as: 'anonymous', query: PRODUCTS, variables: productsWith({ filter: { categoryId: 'x' } }), code: 'NOT_FOUND' },
  { name: 'products: a shop id that is not a number', as: 'anonymous', query: PRODUCTS, variables: productsWith({ filter: { shopId: 'x' } }), code: 'NOT_FOUND' },
  { name: 'Shop.products: first 101', as: 'anonymous', query: SHOP_PRODUCTS, variables: () => ({ id: '1', first: 101 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'product: an id that is not a number', as: 'anonymous', query: PRODUCT, variables: () => ({ id: '1.5' }), code: 'NOT_FOUND' },
];

describe('GraphQL arguments and input fields', () => {
  for (const c of apiCases) it(`${c.name} → ${c.code}`, async () => {
    const before = await catalog.tableChecksums();
    const token = c.as === 'anonymous' ? undefined : tokens[c.as ?? 'merchant'];
    const response = await graphql(catalog.url, c.query, c.variables(), token ? { token } : {});
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: c.code, ...(c.field ? { field: c.field } : {}) });
    expect(await catalog.tableChecksums()).toEqual(before);
  });

  it('accepts every string at its limit, counted in characters as the columns count them', async () => {
    const created = await graphql<{ createProduct: { id: string } }>(catalog.url, CREATE_PRODUCT, product({
      title: chars(120),
      subtitle: chars(200),
      description: chars(20_000),
      images: Array(9).fill(url(500)),
      skus: [sku({ specs: [{ name: chars(20), value: chars(40) }], image: url(500), price: 100_000_000, originalPrice: 100_000_000, stock: 10_000_000 })],
    })(), { token: tokens.merchant });
    expect(created.errors).toBeUndefined();
    const shop = await graphql(catalog.url, CREATE_SHOP, { input: { name: chars(60, '店'), logo: url(500), description: chars(500) } }, { token: tokens.admin });
    expect(shop.errors).toBeUndefined();
    const category = await graphql(catalog.url, CREATE_CATEGORY, { input: { name: chars(30), icon: url(500), sort: -10_000 } }, { token: tokens.admin });
    expect(category.errors).toBeUndefined();
  });
});

interface CommandCase {
  name: string;
  contract: CommandContract<z.ZodType, z.ZodType>;
  /** Sent as is, past the sender's own check of the contract, as a misbehaving caller would. */
  request: () => Record<string, unknown>;
  code: Code;
  field?: string;
}

const reserve = (lines: unknown, orderId = `order-${Math.random().toString(36).slice(2, 10)}`) => () => ({ orderId, lines });
const line = (overrides: Record<string, unknown> = {}) => ({ skuId: ids.sku, quantity: 1, ...overrides });

const commandCases: CommandCase[] = [
  { name: 'skus.snapshot: no SKU', contract: contracts.skuSnapshots, request: () => ({ skuIds: [] }), code: 'BAD_USER_INPUT', field: 'skuIds' },
  { name: 'products.facts: no product', contract: contracts.productFacts, request: () => ({ productIds: [] }), code: 'BAD_USER_INPUT', field: 'productIds' },
  { name: 'products.facts: 201 products', contract: contracts.productFacts, request: () => ({ productIds: Array.from({ length: 201 }, (_, i) => String(i + 1)) }), code: 'BAD_USER_INPUT', field: 'productIds' },
  { name: 'products.facts: product id "0"', contract: contracts.productFacts, request: () => ({ productIds: ['0'] }), code: 'BAD_USER_INPUT', field: 'productIds[0]' },
  { name: 'skus.snapshot: 201 SKUs', contract: contracts.skuSnapshots, request: () => ({ skuIds: Array.from({ length: 201 }, (_, i) => String(i + 1)) }), code: 'BAD_USER_INPUT', field: 'skuIds' },
  { name: 'skus.snapshot: SKU id "abc"', contract: contracts.skuSnapshots, request: () => ({ skuIds: ['abc'] }), code: 'BAD_USER_INPUT', field: 'skuIds[0]' },
  { name: 'stock.reserve: an empty order id', contract: contracts.reserveStock, request: reserve([line()], ''), code: 'BAD_USER_INPUT', field: 'orderId' },
  { name: 'stock.reserve: an order id over 64 characters', contract: contracts.reserveStock, request: reserve([line()], chars(65, 'o')), code: 'BAD_USER_INPUT', field: 'orderId' },
  { name: 'stock.reserve: no line', contract: contracts.reserveStock, request: () => reserve([])(), code: 'BAD_USER_INPUT', field: 'lines' },
  { name: 'stock.reserve: 101 lines', contract: contracts.reserveStock, request: () => reserve(Array.from({ length: 101 }, () => line()))(), code: 'BAD_USER_INPUT', field: 'lines' },
  { name: 'stock.reserve: quantity 0', contract: contracts.reserveStock, request: () => reserve([line({ quantity: 0 })])(), code: 'BAD_USER_INPUT', field: 'lines[0].quantity' },
  { name: 'stock.reserve: quantity 10,000', contract: contracts.reserveStock, request: () => reserve([line({ quantity: 10_000 })])(), code: 'BAD_USER_INPUT', field: 'lines[0].quantity' },
  { name: 'stock.reserve: a fraction of a unit', contract: contracts.reserveStock, request: () => reserve([line({ quantity: 1.5 })])(), code: 'BAD_USER_INPUT', field: 'lines[0].quantity' },
  { name: 'stock.reserve: SKU id "x"', contract: contracts.reserveStock, request: () => reserve([line({ skuId: 'x' })])(), code: 'BAD_USER_INPUT', field: 'lines[0].skuId' },
  { name: 'stock.reserve: an unknown SKU', contract: contracts.reserveStock, request: () => reserve([line({ skuId: '987654' })])(), code: 'NOT_FOUND' },
  { name: 'stock.release: an order id over 64 characters', contract: contracts.releaseStock, request: () => ({ orderId: chars(65, 'o') }), code: 'BAD_USER_INPUT', field: 'orderId' },
  { name: 'stock.commit: an empty order id', contract: contracts.commitStock, request: () => ({ orderId: '' }), code: 'BAD_USER_INPUT', field: 'orderId' },
  { name: 'stock.commit: an order that reserved nothing', contract: contracts.commitStock, request: () => ({ orderId: 'never-reserved' }), code: 'NOT_FOUND' },
];

async function rawCommand(contract: CommandContract<z.ZodType, z.ZodType>, request: unknown): Promise<{ ok: boolean; code?: string; extensions?: Record<string, unknown> }> {
  const reply = await nats.request(`${catalog.subgraph.deps.config.events.prefix}${contract.subject}`, new TextEncoder().encode(JSON.stringify(request)), { timeout: 5000 });
  return JSON.parse(reply.string()) as { ok: boolean; code?: string; extensions?: Record<string, unknown> };
}

describe('NATS command fields', () => {
  for (const c of commandCases) it(`${c.name} → ${c.code}`, async () => {
    const before = await catalog.tableChecksums();
    const reply = await rawCommand(c.contract, c.request());
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: false, code: c.code });
    if (c.field) expect(reply.extensions).toMatchObject({ field: c.field });
    expect(await catalog.tableChecksums()).toEqual(before);
  });
});
