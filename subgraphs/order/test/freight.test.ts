import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { products } from '@mall/catalog/db';
import { as, graphql, tokenFor } from '@mall/test-kit';
import { startOrderAlone, type OrderAlone } from './fixtures.ts';

/** An order's freight comes from its shop's freight template, for the province of the address it ships to (the fixtures' buyers live in 440000). */
let t: OrderAlone;
beforeAll(async () => {
  t = await startOrderAlone({ ORDER_FREIGHT_CENTS: '500' });
});
afterAll(async () => {
  await t?.stop();
});

async function skuOf(shopId: number, price: number) {
  const [product] = await t.catalog.subgraph.deps.database.db.select({ id: products.id }).from(products).where(eq(products.shopId, shopId)).orderBy(asc(products.id)).limit(1);
  return t.skuWith(product!.id, 50, price);
}

async function setTemplate(shopId: number, input: Record<string, unknown>) {
  const set = await graphql(t.promotion.url, 'mutation ($shop: ID!, $input: FreightTemplateInput!) { setFreightTemplate(shopId: $shop, input: $input) { id } }', { shop: String(shopId), input }, { token: await tokenFor(as.merchant(shopId)) });
  if (!set.data) throw new Error(JSON.stringify(set.errors));
}

describe('freight at checkout', () => {
  it('charges the template’s fee for the address’s province, the flat fee for a shop without one, and refuses a province it does not deliver to', async () => {
    await setTemplate(1, { name: '广东首件12', chargeBy: 'PIECE', regions: [{ provinceCodes: [], first: 1, firstFee: 800, extra: 1, extraFee: 100 }, { provinceCodes: ['440000'], first: 1, firstFee: 1_200, extra: 1, extraFee: 300 }] });
    const a = await skuOf(1, 2_000);
    const b = await skuOf(2, 2_000);
    const buyer = await t.member();
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(a.id), quantity: 3 }, { skuId: String(b.id), quantity: 1 }], couponIds: [] });
    expect(placed.errors).toBeUndefined();
    const freight = await Promise.all(placed.data!.placeOrder.orders.map(async (o) => [(await t.orderRow(o.id)).shopId, (await t.orderRow(o.id)).freightAmount]));
    expect(freight.sort()).toEqual([[1, 1_200 + 2 * 300], [2, 500]]);

    await setTemplate(3, { name: '不发广东', chargeBy: 'PIECE', regions: [{ provinceCodes: [], first: 1, firstFee: 800, extra: 1, extraFee: 100 }], undeliverable: ['440000'] });
    const c = await skuOf(3, 2_000);
    const before = await t.stockOf(c.id);
    const refused = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(c.id), quantity: 1 }], couponIds: [] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_DELIVERABLE', shopId: '3' });
    expect(await t.stockOf(c.id)).toBe(before);
  });
});
