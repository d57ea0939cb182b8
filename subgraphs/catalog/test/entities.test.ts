import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { as, entitiesQuery, graphql, tokenFor } from '@mall/test-kit';
import { products, skus } from '../src/db/schema.ts';
import { startCatalog } from './fixtures.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;

beforeAll(async () => {
  catalog = await startCatalog(3);
  // The outbox relay polls in the background; its statements are not the request's.
  await catalog.subgraph.deps.relay?.stop();
});
afterAll(() => catalog?.stop());

/** The table a SELECT reads from, e.g. `skus`. */
const tableOf = (sql: string) => /from `(\w+)`/i.exec(sql)?.[1] ?? sql;

describe('federated entities', () => {
  it('resolves N SKU references with one SQL query per table, not one per SKU', async () => {
    const db = catalog.subgraph.deps.database.db;
    const listed = db.select({ id: products.id }).from(products).where(isNotNull(products.listedAt));
    const rows = await db.select().from(skus).where(inArray(skus.productId, listed)).orderBy(asc(skus.id)).limit(40);
    const representations = rows.map((row) => ({ __typename: 'Sku', id: String(row.id) }));
    const { result, queries } = await catalog.recordQueries(() =>
      graphql<{ _entities: Array<{ id: string; price: { amount: number }; product: { title: string; shop: { name: string } } }> }>(
        catalog.url,
        entitiesQuery('Sku', 'id price { amount } available product { title shop { name } }'),
        { representations },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => Number(e.id))).toEqual(rows.map((r) => r.id));
    expect(result.data!._entities.map((e) => e.price.amount)).toEqual(rows.map((r) => r.price));
    // 40 SKUs span many products of several shops: still one query each for skus, products, shops.
    expect(queries.map(tableOf).sort()).toEqual(['products', 'shops', 'skus']);
  });

  it('batches Product references with their SKUs the same way', async () => {
    const listed = await catalog.subgraph.deps.database.db.select({ id: products.id }).from(products).where(isNotNull(products.listedAt)).orderBy(asc(products.id)).limit(25);
    const representations = listed.map((p) => ({ __typename: 'Product', id: String(p.id) }));
    const { result, queries } = await catalog.recordQueries(() =>
      graphql<{ _entities: Array<{ id: string; skus: unknown[]; category: { name: string } }> }>(
        catalog.url,
        entitiesQuery('Product', 'id title skus { id stock } category { name path { name } }'),
        { representations },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(25);
    expect(result.data!._entities.every((p) => p.skus.length >= 2)).toBe(true);
    expect(queries.map(tableOf).sort()).toEqual(['categories', 'products', 'skus']);
  });

  it('answers null for references to SKUs and shops that do not exist', async () => {
    const response = await graphql<{ _entities: Array<unknown> }>(
      catalog.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { id } ... on Shop { id name } } }',
      { r: [{ __typename: 'Sku', id: '999999' }, { __typename: 'Shop', id: '1' }, { __typename: 'Shop', id: '999' }, { __typename: 'Sku', id: 'abc' }] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([null, { id: '1', name: '锦绣服饰旗舰店' }, null, null]);
  });

  it('shows a draft never listed only to its shop and admins: to anyone else its reference does not exist', async () => {
    const db = catalog.subgraph.deps.database.db;
    const [draft] = await db.select().from(products).where(isNull(products.listedAt)).limit(1);
    expect(draft).toBeDefined();
    const [draftSku] = await db.select().from(skus).where(eq(skus.productId, draft!.id)).limit(1);
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { title description } ... on Sku { price { amount } stock } } }';
    const r = [{ __typename: 'Product', id: String(draft!.id) }, { __typename: 'Sku', id: String(draftSku!.id) }];
    const look = async (token?: string) => (await graphql<{ _entities: unknown[] }>(catalog.url, query, { r }, token ? { token } : {})).data!._entities;
    expect(await look()).toEqual([null, null]);
    expect(await look(await tokenFor(as.member()))).toEqual([null, null]);
    expect(await look(await tokenFor(as.merchant(draft!.shopId === 1 ? 2 : 1)))).toEqual([null, null]);
    expect(await look(await tokenFor(as.merchant(draft!.shopId)))).toEqual([{ title: draft!.title, description: draft!.description }, { price: { amount: draftSku!.price }, stock: draftSku!.stock }]);
    expect((await look(await tokenFor(as.admin())))[0]).toEqual({ title: draft!.title, description: draft!.description });
    // Once listed it stays visible to references after it leaves the shelf (carts and orders still point at it).
    const admin = await tokenFor(as.admin());
    for (const status of ['ON_SHELF', 'OFF_SHELF']) {
      await graphql(catalog.url, 'mutation ($id: ID!, $s: ProductStatus!) { setProductStatus(id: $id, status: $s) { id } }', { id: String(draft!.id), s: status }, { token: admin });
    }
    expect((await look())[0]).toEqual({ title: draft!.title, description: draft!.description });
  });

  it('shows a product created straight onto the shelf to every reference', async () => {
    const created = await graphql<{ createProduct: { id: string } }>(
      catalog.url,
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { shopId: '1', categoryId: '3', title: '上架即售 连衣裙', subtitle: '', images: ['https://example.com/a.jpg'], description: '', status: 'ON_SHELF', skus: [{ specs: [{ name: '尺码', value: 'M' }], price: 19900, stock: 5 }] } },
      { token: await tokenFor(as.merchant(1)) },
    );
    expect(created.errors).toBeUndefined();
    const seen = await graphql<{ _entities: Array<{ title: string } | null> }>(catalog.url, entitiesQuery('Product', 'title'), { representations: [{ __typename: 'Product', id: created.data!.createProduct.id }] });
    expect(seen.data!._entities).toEqual([{ title: '上架即售 连衣裙' }]);
  });
});
