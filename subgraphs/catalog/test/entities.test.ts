import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { entitiesQuery, graphql } from '@mall/test-kit';
import { skus } from '../src/db/schema.ts';
import { startCatalog } from './fixtures.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;

beforeAll(async () => {
  catalog = await startCatalog(3);
  // The outbox relay polls in the background; its statements are not the request's.
  await catalog.subgraph.parts.relay.stop();
});
afterAll(() => catalog?.stop());

/** The table a SELECT reads from, e.g. `skus`. */
const tableOf = (sql: string) => /from `(\w+)`/i.exec(sql)?.[1] ?? sql;

describe('federated entities', () => {
  it('resolves N SKU references with one SQL query per table, not one per SKU', async () => {
    const rows = await catalog.subgraph.deps.database.db.select().from(skus).orderBy(asc(skus.id)).limit(40);
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
    const representations = Array.from({ length: 25 }, (_, i) => ({ __typename: 'Product', id: String(i + 1) }));
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
});
