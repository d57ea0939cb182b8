import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { as, errorCode, graphql, tokenFor } from '@mall/test-kit';
import { categories, products, shops, skus } from '../src/db/schema.ts';
import { startCatalog } from './fixtures.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
const db = () => catalog.subgraph.deps.database.db;
let merchant1: string;
let merchant2: string;
let admin: string;
let member: string;

beforeAll(async () => {
  catalog = await startCatalog(2);
  [merchant1, merchant2, admin, member] = await Promise.all([
    tokenFor(as.merchant(1)),
    tokenFor(as.merchant(2)),
    tokenFor(as.admin()),
    tokenFor(as.member()),
  ]);
});
afterAll(() => catalog?.stop());

const CREATE = `mutation ($input: CreateProductInput!) {
  createProduct(input: $input) {
    id title status shop { id } category { id }
    priceRange { min { amount } max { amount } }
    skus { id price { amount } originalPrice { amount } stock specText }
  }
}`;

/** A leaf category (女装 › 连衣裙 is id 3 in the demo tree). */
const dressInput = (overrides: Record<string, unknown> = {}) => ({
  shopId: '1',
  categoryId: '3',
  title: '测试 真丝连衣裙',
  subtitle: '顺滑垂感',
  images: ['https://img.example.com/dress-1.jpg'],
  description: '真丝面料',
  skus: [
    { specs: [{ name: '颜色', value: '黑色' }, { name: '尺码', value: 'M' }], price: 39900, originalPrice: 59900, stock: 10 },
    { specs: [{ name: '颜色', value: '黑色' }, { name: '尺码', value: 'L' }], price: 41900, stock: 5 },
  ],
  ...overrides,
});

/** Everything a bad request must leave as it was. */
async function snapshot() {
  const [p] = await db().select({ n: count() }).from(products);
  const [s] = await db().select({ n: count() }).from(skus);
  return {
    products: p!.n,
    skus: s!.n,
    product1: (await db().select().from(products).where(eq(products.id, 1)))[0],
    skusOf1: await db().select().from(skus).where(eq(skus.productId, 1)),
    shops: await db().select().from(shops),
    categories: await db().select().from(categories),
  };
}

describe('merchant product management', () => {
  it('creates a product with SKUs off the shelf, then puts it on the shelf', async () => {
    const created = await graphql<{ createProduct: { id: string; status: string; priceRange: unknown; skus: Array<{ specText: string; stock: number }> } }>(
      catalog.url, CREATE, { input: dressInput() }, { token: merchant1 },
    );
    expect(created.errors).toBeUndefined();
    const product = created.data!.createProduct;
    expect(product).toMatchObject({ status: 'OFF_SHELF', shop: { id: '1' }, category: { id: '3' }, priceRange: { min: { amount: 39900 }, max: { amount: 41900 } } });
    expect(product.skus.map((s) => [s.specText, s.stock])).toEqual([['颜色:黑色 尺码:M', 10], ['颜色:黑色 尺码:L', 5]]);

    const search = `{ products(filter: { keyword: "真丝连衣裙" }) { nodes { id } } }`;
    expect((await graphql<{ products: { nodes: unknown[] } }>(catalog.url, search)).data!.products.nodes).toEqual([]);
    const shelved = await graphql<{ setProductStatus: { status: string } }>(
      catalog.url, 'mutation ($id: ID!) { setProductStatus(id: $id, status: ON_SHELF) { status } }', { id: product.id }, { token: merchant1 },
    );
    expect(shelved.data!.setProductStatus.status).toBe('ON_SHELF');
    expect((await graphql<{ products: { nodes: unknown[] } }>(catalog.url, search)).data!.products.nodes).toEqual([{ id: product.id }]);
  });

  it('keeps the price range in step when a SKU is added or repriced', async () => {
    const before = await snapshot();
    const add = await graphql<{ addSku: { id: string; product: { priceRange: { min: { amount: number }; max: { amount: number } } } } }>(
      catalog.url,
      `mutation { addSku(productId: "1", input: { specs: [{ name: "颜色", value: "测试紫" }, { name: "尺码", value: "XS" }], price: 100, stock: 3 }) {
        id product { priceRange { min { amount } max { amount } } } } }`,
      {}, { token: merchant1 },
    );
    expect(add.errors).toBeUndefined();
    expect(add.data!.addSku.product.priceRange.min.amount).toBe(100);
    const repriced = await graphql<{ updateSku: { price: { amount: number }; product: { priceRange: { min: { amount: number }; max: { amount: number } } } } }>(
      catalog.url,
      `mutation ($id: ID!) { updateSku(id: $id, input: { price: 99999900 }) { price { amount } product { priceRange { min { amount } max { amount } } } } }`,
      { id: add.data!.addSku.id }, { token: merchant1 },
    );
    expect(repriced.data!.updateSku.product.priceRange).toEqual({
      min: { amount: Math.min(...before.skusOf1.map((s) => s.price)) },
      max: { amount: 99999900 },
    });
  });

  it('refuses another shop’s merchant, members and anonymous callers, changing nothing', async () => {
    const before = await snapshot();
    const sku = before.skusOf1[0]!;
    const attempts = [
      { query: CREATE, variables: { input: dressInput() } },
      { query: 'mutation { updateProduct(id: "1", input: { title: "被篡改的标题" }) { id } }', variables: {} },
      { query: 'mutation { setProductStatus(id: "1", status: OFF_SHELF) { id } }', variables: {} },
      { query: `mutation { setSkuStock(id: "${sku.id}", stock: 0) { id } }`, variables: {} },
      { query: `mutation { adjustSkuStock(id: "${sku.id}", delta: -1) { id } }`, variables: {} },
      { query: `mutation { updateSku(id: "${sku.id}", input: { price: 1 }) { id } }`, variables: {} },
      { query: 'mutation { addSku(productId: "1", input: { specs: [{ name: "颜色", value: "蓝" }, { name: "尺码", value: "S" }], price: 1, stock: 1 }) { id } }', variables: {} },
      { query: 'mutation { updateShop(id: "1", input: { name: "别人的店" }) { id } }', variables: {} },
    ];
    for (const { query, variables } of attempts) {
      expect(errorCode(await graphql(catalog.url, query, variables, { token: merchant2 })), query).toBe('FORBIDDEN');
      expect(errorCode(await graphql(catalog.url, query, variables, { token: member })), query).toBe('FORBIDDEN');
      expect(errorCode(await graphql(catalog.url, query, variables)), query).toBe('UNAUTHENTICATED');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets an admin manage any shop’s products', async () => {
    const response = await graphql<{ updateProduct: { title: string } }>(
      catalog.url, 'mutation { updateProduct(id: "2", input: { title: "管理员改过的标题" }) { title } }', {}, { token: admin },
    );
    expect(response.data!.updateProduct.title).toBe('管理员改过的标题');
  });

  it('rejects bad input with BAD_USER_INPUT and writes nothing', async () => {
    const before = await snapshot();
    const badSku = (sku: Record<string, unknown>) => dressInput({ skus: [dressInput().skus[0], { ...dressInput().skus[1], ...sku }] });
    const badInputs = [
      badSku({ price: -100 }),
      badSku({ price: 0 }),
      badSku({ stock: -1 }),
      badSku({ originalPrice: 100 }),
      badSku({ specs: [{ name: '颜色', value: '黑色' }, { name: '尺码', value: 'M' }] }),
      badSku({ specs: [{ name: '颜色', value: '黑色' }] }),
      badSku({ image: 'javascript:alert(1)' }),
      dressInput({ title: ' ' }),
      dressInput({ images: [] }),
      dressInput({ skus: [] }),
      dressInput({ categoryId: '1' }),
    ];
    for (const input of badInputs) {
      const response = await graphql(catalog.url, CREATE, { input }, { token: merchant1 });
      expect(errorCode(response), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!['field'], JSON.stringify(input)).toBeTypeOf('string');
    }
    const sku = before.skusOf1[0]!;
    const badCalls = [
      `mutation { setSkuStock(id: "${sku.id}", stock: -5) { id } }`,
      `mutation { setSkuStock(id: "${sku.id}", stock: 10000001) { id } }`,
      `mutation { updateSku(id: "${sku.id}", input: { price: -1 }) { id } }`,
      `mutation { updateSku(id: "${sku.id}", input: { originalPrice: 1 }) { id } }`,
      `mutation { adjustSkuStock(id: "${sku.id}", delta: 0) { id } }`,
      `mutation { updateProduct(id: "1", input: { images: ["ftp://x"] }) { id } }`,
    ];
    for (const query of badCalls) {
      expect(errorCode(await graphql(catalog.url, query, {}, { token: merchant1 })), query).toBe('BAD_USER_INPUT');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers NOT_FOUND for unknown ids and CONFLICT for duplicate specs, changing nothing', async () => {
    const before = await snapshot();
    const notFound = [
      'mutation { updateProduct(id: "987654", input: { title: "不存在" }) { id } }',
      'mutation { setSkuStock(id: "987654", stock: 1) { id } }',
      'mutation { setProductStatus(id: "nope", status: ON_SHELF) { id } }',
    ];
    for (const query of notFound) expect(errorCode(await graphql(catalog.url, query, {}, { token: merchant1 })), query).toBe('NOT_FOUND');
    expect(errorCode(await graphql(catalog.url, CREATE, { input: dressInput({ categoryId: '4040' }) }, { token: merchant1 }))).toBe('NOT_FOUND');

    const existing = before.skusOf1[0]!;
    const duplicate = `mutation ($specs: [SpecValueInput!]!) { addSku(productId: "1", input: { specs: $specs, price: 100, stock: 1 }) { id } }`;
    const specs = [...existing.specs].reverse();
    expect(errorCode(await graphql(catalog.url, duplicate, { specs }, { token: merchant1 }))).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
  });
});

describe('stock', () => {
  it('sets and adjusts stock, never below zero', async () => {
    const [sku] = await db().select().from(skus).where(eq(skus.productId, 3)).limit(1);
    const set = await graphql<{ setSkuStock: { stock: number } }>(catalog.url, `mutation { setSkuStock(id: "${sku!.id}", stock: 7) { stock } }`, {}, { token: merchant1 });
    expect(set.data!.setSkuStock.stock).toBe(7);
    const tooMany = await graphql(catalog.url, `mutation { adjustSkuStock(id: "${sku!.id}", delta: -8) { stock } }`, {}, { token: merchant1 });
    expect(errorCode(tooMany)).toBe('CONFLICT');
    const [after] = await db().select().from(skus).where(eq(skus.id, sku!.id));
    expect(after!.stock).toBe(7);
  });

  it('loses no unit when 40 merchants’ adjustments race on 25 units', async () => {
    const [sku] = await db().select().from(skus).where(eq(skus.productId, 4)).limit(1);
    await db().update(skus).set({ stock: 25 }).where(eq(skus.id, sku!.id));
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        graphql(catalog.url, `mutation { adjustSkuStock(id: "${sku!.id}", delta: -1) { stock } }`, {}, { token: merchant1 }),
      ),
    );
    const ok = results.filter((r) => !r.errors).length;
    expect(ok).toBe(25);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(15);
    const [after] = await db().select().from(skus).where(eq(skus.id, sku!.id));
    expect(after!.stock).toBe(0);
  });
});

describe('concurrent edits of one product', () => {
  it('keeps the price summary exact when ten SKU edits race', async () => {
    const rows = await db().select().from(skus).where(eq(skus.productId, 6));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        graphql(catalog.url, `mutation ($id: ID!, $price: Int!) { updateSku(id: $id, input: { price: $price, originalPrice: null }) { id } }`, {
          id: String(rows[i % rows.length]!.id),
          price: 1000 + i * 100,
        }, { token: merchant1 }),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual(results.map(() => undefined));
    const after = await db().select().from(skus).where(eq(skus.productId, 6));
    const [product] = await db().select().from(products).where(eq(products.id, 6));
    expect(product!.minPrice).toBe(Math.min(...after.map((s) => s.price)));
    expect(product!.maxPrice).toBe(Math.max(...after.map((s) => s.price)));
  });

  it('never stores an original price below the price, whatever the interleaving', async () => {
    const [sku] = await db().select().from(skus).where(eq(skus.productId, 8)).limit(1);
    await db().update(skus).set({ price: 500, originalPrice: 800 }).where(eq(skus.id, sku!.id));
    const raise = 'mutation ($id: ID!) { updateSku(id: $id, input: { price: 900 }) { id } }';
    const lower = 'mutation ($id: ID!) { updateSku(id: $id, input: { originalPrice: 600 }) { id } }';
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => graphql(catalog.url, i % 2 ? raise : lower, { id: String(sku!.id) }, { token: merchant1 })),
    );
    // Whichever lands second sees the first one's change and is refused as bad input.
    expect(results.every((r) => !r.errors || errorCode(r) === 'BAD_USER_INPUT')).toBe(true);
    const [after] = await db().select().from(skus).where(eq(skus.id, sku!.id));
    expect(after!.originalPrice === null || after!.originalPrice >= after!.price).toBe(true);
  });

  it('lets 55 concurrent addSku calls stop at the 50-SKU cap', async () => {
    const created = await graphql<{ createProduct: { id: string } }>(catalog.url, CREATE, { input: dressInput({ title: '测试 SKU 上限' }) }, { token: merchant1 });
    const productId = created.data!.createProduct.id;
    const results = await Promise.all(
      Array.from({ length: 55 }, (_, i) =>
        graphql(catalog.url, `mutation ($p: ID!, $v: String!) { addSku(productId: $p, input: { specs: [{ name: "颜色", value: $v }, { name: "尺码", value: "F" }], price: 100, stock: 1 }) { id } }`, {
          p: productId,
          v: `色${i}`,
        }, { token: merchant1 }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(48);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(7);
    const [n] = await db().select({ n: count() }).from(skus).where(eq(skus.productId, Number(productId)));
    expect(n!.n).toBe(50);
  });
});

describe('specs', () => {
  it('treats specs that differ only in case or width as the same, in code and in the database', async () => {
    const before = await snapshot();
    const same = dressInput({
      skus: [
        { specs: [{ name: '颜色', value: '黑色' }, { name: '尺码', value: 'S' }], price: 100, stock: 1 },
        { specs: [{ name: '颜色', value: '黑色' }, { name: '尺码', value: 'ｓ' }], price: 100, stock: 1 },
      ],
    });
    expect(errorCode(await graphql(catalog.url, CREATE, { input: same }, { token: merchant1 }))).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);

    const existing = before.skusOf1[0]!;
    const shouting = existing.specs.map((s) => ({ name: s.name, value: s.value.toLowerCase() === s.value ? s.value.toUpperCase() : s.value.toLowerCase() }));
    const add = await graphql(catalog.url, 'mutation ($specs: [SpecValueInput!]!) { addSku(productId: "1", input: { specs: $specs, price: 100, stock: 1 }) { id } }', { specs: shouting }, { token: merchant1 });
    expect(errorCode(add)).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
  });

  it('accepts the longest specs and description the API allows', async () => {
    const specs = Array.from({ length: 5 }, (_, i) => ({ name: `${i}`.padEnd(20, '名'), value: '值'.repeat(40) }));
    const response = await graphql<{ createProduct: { skus: Array<{ specText: string }> } }>(catalog.url, CREATE, {
      input: dressInput({ title: '测试 最长规格', description: '😀'.repeat(20_000), skus: [{ specs, price: 100, stock: 1 }] }),
    }, { token: merchant1 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.createProduct.skus[0]!.specText).toContain('值'.repeat(40));
  });
});

describe('shops and categories', () => {
  it('lets only admins open shops, add categories and close shops', async () => {
    const shop = await graphql<{ createShop: { id: string; name: string; status: string } }>(
      catalog.url, 'mutation { createShop(input: { name: "新开的小店", description: "测试" }) { id name status } }', {}, { token: admin },
    );
    expect(shop.data!.createShop).toMatchObject({ name: '新开的小店', status: 'OPEN' });
    expect(errorCode(await graphql(catalog.url, 'mutation { createShop(input: { name: "新开的小店" }) { id } }', {}, { token: admin }))).toBe('CONFLICT');
    expect(errorCode(await graphql(catalog.url, 'mutation { createShop(input: { name: "商家自己开店" }) { id } }', {}, { token: merchant1 }))).toBe('FORBIDDEN');

    const category = await graphql<{ createCategory: { name: string; path: Array<{ name: string }> } }>(
      catalog.url, 'mutation { createCategory(input: { name: "半身裙", parentId: "2" }) { name path { name } } }', {}, { token: admin },
    );
    expect(category.data!.createCategory.path.map((c) => c.name)).toEqual(['服装', '女装', '半身裙']);
    expect(errorCode(await graphql(catalog.url, 'mutation { createCategory(input: { name: "太深了", parentId: "3" }) { id } }', {}, { token: admin }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(catalog.url, 'mutation { createCategory(input: { name: "商家分类" }) { id } }', {}, { token: merchant1 }))).toBe('FORBIDDEN');
    // A leaf that holds products cannot become a parent.
    const newCategory = (name: string, parentId?: string) =>
      graphql<{ createCategory: { id: string } }>(catalog.url, 'mutation ($name: String!, $parentId: ID) { createCategory(input: { name: $name, parentId: $parentId }) { id } }', { name, parentId }, { token: admin });
    const root = (await newCategory('运动')).data!.createCategory.id;
    const leaf = (await newCategory('跑鞋', root)).data!.createCategory.id;
    const product = await graphql(catalog.url, CREATE, { input: dressInput({ categoryId: leaf, title: '测试 跑鞋' }) }, { token: merchant1 });
    expect(product.errors).toBeUndefined();
    expect(errorCode(await newCategory('碳板跑鞋', leaf))).toBe('CONFLICT');
    expect(errorCode(await graphql(catalog.url, CREATE, { input: dressInput({ categoryId: root }) }, { token: merchant1 }))).toBe('BAD_USER_INPUT');

    expect(errorCode(await graphql(catalog.url, 'mutation { updateShop(id: "1", input: { status: CLOSED }) { id } }', {}, { token: merchant1 }))).toBe('FORBIDDEN');
    const renamed = await graphql<{ updateShop: { description: string } }>(
      catalog.url, 'mutation { updateShop(id: "1", input: { description: "新的介绍" }) { description } }', {}, { token: merchant1 },
    );
    expect(renamed.data!.updateShop.description).toBe('新的介绍');
  });
});

describe('identity on a direct call', () => {
  it('grants nothing to headers that are not a verified token', async () => {
    const before = await snapshot();
    const forged = await graphql(catalog.url, 'mutation { updateProduct(id: "1", input: { title: "伪造身份" }) { id } }', {}, {
      headers: { 'x-user-role': 'ADMIN', 'x-shop-id': '1', 'x-user-id': 'a1' },
    });
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
    const badToken = await graphql(catalog.url, '{ shops { id } }', {}, { token: `${merchant1.slice(0, -4)}AAAA` });
    expect(badToken.status).toBe(401);
    expect(errorCode(badToken)).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });
});
