import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { catalog as contracts } from '@mall/contracts';
import { connectNats, loadSubgraphConfig, sendCommand, type NatsConnection } from '@mall/kit';
import { as, graphql, tokenFor } from '@mall/test-kit';
import { skus } from '../src/db/schema.ts';
import { startCatalog } from './fixtures.ts';

/** A SKU's shipping weight: set on create, add and update, public on `Sku`, and in the snapshot promotion's freight reads. */
let catalog: Awaited<ReturnType<typeof startCatalog>>;
let nats: NatsConnection;
let merchant: string;
const db = () => catalog.subgraph.deps.database.db;

beforeAll(async () => {
  catalog = await startCatalog(1);
  nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'test-weight');
  merchant = await tokenFor(as.merchant(1));
});
afterAll(async () => {
  await nats?.drain();
  await catalog?.stop();
});

const CREATE = 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id skus { id weightGrams } } }';
const ADD = 'mutation ($id: ID!, $input: SkuInput!) { addSku(productId: $id, input: $input) { id weightGrams } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdateSkuInput!) { updateSku(id: $id, input: $input) { id weightGrams price { amount } } }';
const SKU = 'query ($id: ID!) { sku(id: $id) { weightGrams } }';
const spec = (value: string) => [{ name: '颜色', value }];

const weightOf = async (id: string) => (await db().select({ w: skus.weightGrams }).from(skus).where(eq(skus.id, Number(id))))[0]!.w;
const snapshotOf = async (id: string) => (await sendCommand(nats, contracts.skuSnapshots, { skuIds: [id] }, { prefix: catalog.subgraph.deps.config.events.prefix })).skus[0]!;

describe('SKU weight', () => {
  it('is stored, shown to anyone, changed by updateSku and sent in skuSnapshots', async () => {
    const created = await graphql<{ createProduct: { id: string; skus: Array<{ id: string; weightGrams: number }> } }>(catalog.url, CREATE, {
      input: {
        shopId: '1', categoryId: '3', title: '称重测试 连衣裙', images: ['https://img.example.com/w.jpg'], status: 'ON_SHELF',
        skus: [{ specs: spec('黑色'), price: 10_000, stock: 5, weightGrams: 350 }, { specs: spec('白色'), price: 10_000, stock: 5 }],
      },
    }, { token: merchant });
    expect(created.errors).toBeUndefined();
    const [heavy, unset] = created.data!.createProduct.skus;
    expect([heavy!.weightGrams, unset!.weightGrams]).toEqual([350, 0]);
    expect(await weightOf(heavy!.id)).toBe(350);

    // Public: an anonymous buyer reads it on a product on the shelf.
    expect((await graphql<{ sku: { weightGrams: number } }>(catalog.url, SKU, { id: heavy!.id })).data!.sku.weightGrams).toBe(350);

    const added = await graphql<{ addSku: { id: string; weightGrams: number } }>(catalog.url, ADD, { id: created.data!.createProduct.id, input: { specs: spec('红色'), price: 10_000, stock: 1, weightGrams: 1_000_000 } }, { token: merchant });
    expect(added.data!.addSku.weightGrams).toBe(1_000_000);

    const updated = await graphql<{ updateSku: { weightGrams: number; price: { amount: number } } }>(catalog.url, UPDATE, { id: heavy!.id, input: { weightGrams: 1_200 } }, { token: merchant });
    expect(updated.data!.updateSku).toEqual({ id: heavy!.id, weightGrams: 1_200, price: { amount: 10_000 } });
    // Omitted, it stays.
    await graphql(catalog.url, UPDATE, { id: heavy!.id, input: { price: 9_000 } }, { token: merchant });
    expect(await weightOf(heavy!.id)).toBe(1_200);

    expect(await snapshotOf(heavy!.id)).toMatchObject({ skuId: heavy!.id, weightGrams: 1_200, price: 9_000 });
    expect(await snapshotOf(unset!.id)).toMatchObject({ weightGrams: 0 });
  });

  it('refuses a weight outside 0–1,000,000 grams and changes nothing', async () => {
    const [row] = await db().select().from(skus).where(eq(skus.productId, 1)).limit(1);
    const id = String(row!.id);
    for (const weightGrams of [-1, 1_000_001, null]) {
      const before = await catalog.tableChecksums();
      const refused = await graphql(catalog.url, UPDATE, { id, input: { weightGrams } }, { token: merchant });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weightGrams' });
      expect(await catalog.tableChecksums()).toEqual(before);
    }
  });
});
