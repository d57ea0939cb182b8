import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, like, or, sql } from 'drizzle-orm';
import { as, errorCode, graphql, tokenFor, type GraphQLResponse } from "@mall/test-kit";
import { products, shops, skus } from '../src/db/schema.ts';
import { startCatalog } from './fixtures.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
const db = () => catalog.subgraph.deps.database.db;

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog?.stop());

interface ProductNode {
  id: string;
  title: string;
  subtitle: string;
  status: string;
  sales: number;
  priceRange: { min: { amount: number }; max: { amount: number } };
  category: { id: string };
  shop: { id: string };
}
interface Page {
  products: { nodes: ProductNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };
}

const LIST = `query ($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String) {
  products(filter: $filter, sort: $sort, first: $first, after: $after) {
    nodes { id title subtitle status sales priceRange { min { amount } max { amount } } category { id } shop { id } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

/** Walks every page and returns all nodes in order. */
async function allPages(variables: Record<string, unknown>, token?: string): Promise<ProductNode[]> {
  const out: ProductNode[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const response: GraphQLResponse<Page> = await graphql<Page>(catalog.url, LIST, { ...variables, first: 7, after }, token ? { token } : {});
    expect(response.errors).toBeUndefined();
    const page: Page["products"] = response.data!.products;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

async function onShelfCount(where = sql`1 = 1`): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(products)
    .where(and(eq(products.status, 'ON_SHELF'), where));
  return row!.n;
}

describe('browsing the catalog', () => {
  it('pages through every on-shelf product exactly once, newest first', async () => {
    const nodes = await allPages({});
    const ids = nodes.map((n) => Number(n.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await onShelfCount());
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(nodes.every((n) => n.status === 'ON_SHELF')).toBe(true);
  });

  it('sorts by price both ways and by sales, each listing every product exactly once', async () => {
    const everyId = (await allPages({})).map((n) => n.id).sort();
    const ascending = await allPages({ sort: 'PRICE_ASC' });
    const prices = ascending.map((n) => n.priceRange.min.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(ascending.map((n) => n.id).sort()).toEqual(everyId);

    const descending = await allPages({ sort: 'PRICE_DESC' });
    const down = descending.map((n) => n.priceRange.min.amount);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(descending.map((n) => n.id).sort()).toEqual(everyId);

    const bySales = await allPages({ sort: 'SALES_DESC' });
    const sales = bySales.map((n) => n.sales);
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
    expect(bySales.map((n) => n.id).sort()).toEqual(everyId);
  });

  it('keeps pages apart when many products tie on the sort key', async () => {
    const tied = await db().select({ id: products.id }).from(products).where(eq(products.shopId, 4));
    const before = await db().select({ id: products.id, sales: products.sales }).from(products).where(eq(products.shopId, 4));
    try {
      await db().update(products).set({ sales: 777 }).where(eq(products.shopId, 4));
      const nodes = await allPages({ filter: { shopId: '4' }, sort: 'SALES_DESC' });
      const ids = nodes.map((n) => Number(n.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(await onShelfCount(eq(products.shopId, 4)));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(tied.length).toBeGreaterThan(7);
    } finally {
      for (const row of before) await db().update(products).set({ sales: row.sales }).where(eq(products.id, row.id));
    }
  });

  it('finds products by keyword in title or subtitle', async () => {
    const nodes = await allPages({ filter: { keyword: '耳机' } });
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.title.includes('耳机') || n.subtitle.includes('耳机'))).toBe(true);
    expect(nodes.length).toBe(await onShelfCount(or(like(products.title, '%耳机%'), like(products.subtitle, '%耳机%'))));
    // Every word must match; LIKE wildcards in a keyword are literal.
    expect(await allPages({ filter: { keyword: '耳机 不存在的词' } })).toEqual([]);
    expect(await allPages({ filter: { keyword: '_' } })).toEqual([]);
    const percent = await allPages({ filter: { keyword: '100%' } });
    expect(percent.length).toBeGreaterThan(0);
    expect(percent.every((n) => `${n.title}${n.subtitle}`.includes('100%'))).toBe(true);
  });

  it('filters by a category and all its descendants', async () => {
    const tree = await graphql<{ categories: Array<{ id: string; name: string; children: Array<{ id: string; children: Array<{ id: string }> }> }> }>(
      catalog.url,
      '{ categories { id name children { id children { id } } } }',
    );
    const digital = tree.data!.categories.find((c) => c.name === '数码')!;
    const leafIds = digital.children.flatMap((c) => c.children.map((l) => Number(l.id)));
    const nodes = await allPages({ filter: { categoryId: digital.id } });
    expect(nodes.length).toBe(await onShelfCount(inArray(products.categoryId, leafIds)));
    expect(nodes.every((n) => leafIds.includes(Number(n.category.id)))).toBe(true);
  });

  it('filters by shop and by price range', async () => {
    const byShop = await allPages({ filter: { shopId: '2' } });
    expect(byShop.length).toBe(await onShelfCount(eq(products.shopId, 2)));
    expect(byShop.every((n) => n.shop.id === '2')).toBe(true);

    // A product whose SKUs straddle the range (one below, one above) does not match.
    const [straddler] = await db().select().from(products).where(eq(products.id, 7));
    const straddlerSkus = await db().select().from(skus).where(eq(skus.productId, 7));
    await db().update(skus).set({ price: 5000, originalPrice: null }).where(eq(skus.id, straddlerSkus[0]!.id));
    await db().update(skus).set({ price: 90000, originalPrice: null }).where(eq(skus.id, straddlerSkus[1]!.id));
    for (const extra of straddlerSkus.slice(2)) await db().update(skus).set({ price: 90000, originalPrice: null }).where(eq(skus.id, extra.id));
    await db().update(products).set({ minPrice: 5000, maxPrice: 90000 }).where(eq(products.id, 7));
    expect(straddler!.status).toBe('ON_SHELF');

    const inRange = await allPages({ filter: { minPrice: 10000, maxPrice: 20000 } });
    expect(inRange.map((n) => n.id)).not.toContain('7');
    expect(inRange.length).toBeGreaterThan(0);
    // A product matches when one of its SKUs is priced within the range.
    expect(inRange.every((n) => n.priceRange.max.amount >= 10000 && n.priceRange.min.amount <= 20000)).toBe(true);
    const [expected] = await db()
      .select({ n: sql<number>`COUNT(DISTINCT ${skus.productId})` })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(products.status, 'ON_SHELF'), sql`${skus.price} BETWEEN 10000 AND 20000`));
    expect(inRange.length).toBe(Number(expected!.n));
  });

  it('counts all matches in totalCount', async () => {
    const response = await graphql<Page>(catalog.url, LIST, { filter: { shopId: '1' }, first: 3 });
    expect(response.data!.products.nodes).toHaveLength(3);
    expect(response.data!.products.totalCount).toBe(await onShelfCount(eq(products.shopId, 1)));
  });

  it('hides a closed shop’s products from buyers', async () => {
    await db().update(shops).set({ status: 'CLOSED' }).where(eq(shops.id, 3));
    try {
      expect(await allPages({ filter: { shopId: '3' } })).toEqual([]);
      const everything = await allPages({});
      expect(everything.some((n) => n.shop.id === '3')).toBe(false);
    } finally {
      await db().update(shops).set({ status: 'OPEN' }).where(eq(shops.id, 3));
    }
  });

  it('lists off-shelf products only to the shop’s merchant and admins', async () => {
    const filter = { shopId: '1', status: 'OFF_SHELF' };
    const [offShelf] = await db()
      .select({ n: count() })
      .from(products)
      .where(and(eq(products.shopId, 1), eq(products.status, 'OFF_SHELF')));
    const own = await allPages({ filter }, await tokenFor(as.merchant(1)));
    expect(own.length).toBe(offShelf!.n);
    expect(own.every((n) => n.status === 'OFF_SHELF')).toBe(true);
    expect((await allPages({ filter }, await tokenFor(as.admin()))).length).toBe(offShelf!.n);

    for (const token of [undefined, await tokenFor(as.member()), await tokenFor(as.merchant(2))]) {
      const response = await graphql(catalog.url, LIST, { filter }, token ? { token } : {});
      expect(errorCode(response)).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
  });

  it('rejects bad paging and filter input with BAD_USER_INPUT', async () => {
    const cases: Array<Record<string, unknown>> = [
      { first: 0 },
      { first: 1000 },
      { after: 'not-a-cursor' },
      { filter: { minPrice: 500, maxPrice: 100 } },
      { filter: { minPrice: -1 } },
      { filter: { keyword: 'x'.repeat(51) } },
    ];
    for (const variables of cases) {
      expect(errorCode(await graphql(catalog.url, LIST, variables)), JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    // A cursor from one sort order is refused by another.
    const page = await graphql<Page>(catalog.url, LIST, { sort: 'PRICE_ASC', first: 2 });
    const cursor = page.data!.products.pageInfo.endCursor;
    expect(errorCode(await graphql(catalog.url, LIST, { sort: 'NEWEST', after: cursor }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(catalog.url, LIST, { filter: { categoryId: '99999' } }))).toBe('NOT_FOUND');
  });
});

describe('categories, shops, products and SKUs', () => {
  it('serves the category tree with breadcrumbs', async () => {
    const response = await graphql<{ category: { name: string; path: Array<{ name: string }>; parent: { name: string }; children: unknown[] } }>(
      catalog.url,
      '{ category(id: "3") { name path { name } parent { name } children { id } } }',
    );
    expect(response.data!.category).toEqual({ name: '连衣裙', path: [{ name: '服装' }, { name: '女装' }, { name: '连衣裙' }], parent: { name: '女装' }, children: [] });
  });

  it('shows a product with its SKUs, shop and price range', async () => {
    const response = await graphql<{
      product: { title: string; skus: Array<{ price: { amount: number; currency: string }; specs: Array<{ name: string }>; specText: string }>; priceRange: { min: { amount: number }; max: { amount: number } }; shop: { name: string } };
    }>(catalog.url, '{ product(id: "1") { title shop { name } priceRange { min { amount } max { amount } } skus { price { amount currency } specs { name value } specText } } }');
    const product = response.data!.product;
    expect(product.shop.name).toBe('锦绣服饰旗舰店');
    expect(product.skus.length).toBeGreaterThanOrEqual(2);
    const prices = product.skus.map((s) => s.price.amount);
    expect(product.priceRange).toEqual({ min: { amount: Math.min(...prices) }, max: { amount: Math.max(...prices) } });
    expect(product.skus.every((s) => s.price.currency === 'CNY' && s.specs.map((x) => x.name).join() === '颜色,尺码')).toBe(true);
    expect(product.skus[0]!.specText).toMatch(/^颜色:.+ 尺码:.+$/);
  });

  it('marks a SKU with no stock, or off the shelf, as not available', async () => {
    const [row] = await db().select().from(skus).where(eq(skus.productId, 2)).limit(1);
    const [product] = await db().select().from(products).where(eq(products.id, 2));
    const merchant = await tokenFor(as.merchant(product!.shopId));
    const query = `{ sku(id: "${row!.id}") { stock available } }`;
    const sku = async () => (await graphql<{ sku: { stock: number; available: boolean } | null }>(catalog.url, query, {}, { token: merchant })).data!.sku;
    await db().update(skus).set({ stock: 0 }).where(eq(skus.id, row!.id));
    expect(await sku()).toEqual({ stock: 0, available: false });
    await db().update(skus).set({ stock: 5 }).where(eq(skus.id, row!.id));
    await db().update(products).set({ status: 'OFF_SHELF' }).where(eq(products.id, 2));
    expect((await sku())!.available).toBe(false);
    await db().update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, 2));
    expect((await sku())!.available).toBe(true);
  });

  it('shows off-shelf products and closed shops’ products only to their merchant and admins', async () => {
    const [row] = await db().select().from(products).where(eq(products.id, 5));
    const [sku] = await db().select().from(skus).where(eq(skus.productId, 5)).limit(1);
    const query = `{ product(id: "5") { id status } sku(id: "${sku!.id}") { id } }`;
    const seen = async (token?: string) =>
      (await graphql<{ product: { id: string } | null; sku: { id: string } | null }>(catalog.url, query, {}, token ? { token } : {})).data!;
    const own = await tokenFor(as.merchant(row!.shopId));
    const other = await tokenFor(as.merchant(row!.shopId + 1));
    const admin = await tokenFor(as.admin());
    try {
      await db().update(products).set({ status: 'OFF_SHELF' }).where(eq(products.id, 5));
      expect(await seen()).toEqual({ product: null, sku: null });
      expect(await seen(await tokenFor(as.member()))).toEqual({ product: null, sku: null });
      expect(await seen(other)).toEqual({ product: null, sku: null });
      expect((await seen(own)).product).toEqual({ id: '5', status: 'OFF_SHELF' });
      expect((await seen(admin)).sku).toEqual({ id: String(sku!.id) });

      await db().update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, 5));
      expect((await seen()).product).toEqual({ id: '5', status: 'ON_SHELF' });
      await db().update(shops).set({ status: 'CLOSED' }).where(eq(shops.id, row!.shopId));
      expect(await seen()).toEqual({ product: null, sku: null });
      expect((await seen(own)).product).toEqual({ id: '5', status: 'ON_SHELF' });
    } finally {
      await db().update(products).set({ status: row!.status }).where(eq(products.id, 5));
      await db().update(shops).set({ status: 'OPEN' }).where(eq(shops.id, row!.shopId));
    }
  });

  it('answers null for an unknown product and NOT_FOUND for an unknown shop', async () => {
    expect((await graphql<{ product: null }>(catalog.url, '{ product(id: "999999") { id } }')).data!.product).toBeNull();
    expect((await graphql<{ product: null }>(catalog.url, '{ product(id: "abc") { id } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await graphql<{ shop: null }>(catalog.url, '{ shop(id: "999") { id } }')).data!.shop).toBeNull();
  });

  it('lists open shops and tells a merchant their own shop', async () => {
    const list = await graphql<{ shops: Array<{ id: string }> }>(catalog.url, '{ shops { id name } }');
    expect(list.data!.shops).toHaveLength(catalog.seeded.shops);
    const mine = await graphql<{ myShop: { id: string } }>(catalog.url, '{ myShop { id } }', {}, { token: await tokenFor(as.merchant(4)) });
    expect(mine.data!.myShop.id).toBe('4');
    expect(errorCode(await graphql(catalog.url, '{ myShop { id } }', {}, { token: await tokenFor(as.member()) }))).toBe('FORBIDDEN');
    expect(errorCode(await graphql(catalog.url, '{ myShop { id } }'))).toBe('UNAUTHENTICATED');
  });
});
