import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { products } from '@mall/catalog/db';
import { activities } from '@mall/promotion/db';
import { as, graphql, tokenFor, waitFor } from '@mall/test-kit';
import { orderLines, orders } from '../src/db/schema.ts';
import { startOrderAlone, type OrderAlone } from './fixtures.ts';

/**
 * Checkout with shop activities: order prices through promotion's engine, holds what each
 * order takes from its shop's activities against their budgets, spends it when the order
 * is paid and gives it back when it ends unpaid. Promotion is the real subgraph.
 */
let t: OrderAlone;
beforeAll(async () => {
  t = await startOrderAlone({ ORDER_PAYMENT_SECONDS: '4', MYSQL_POOL_SIZE: '30' });
});
afterAll(async () => {
  await t?.stop();
});

const HOUR = 3_600_000;
const activityRow = async (id: string) => (await t.promotion.subgraph.deps.db.select().from(activities).where(eq(activities.id, Number(id))))[0]!;
const linesOf = (orderId: string) => t.order.subgraph.deps.db.select().from(orderLines).where(eq(orderLines.orderId, Number(orderId))).orderBy(asc(orderLines.id));

let used = 0;
async function freshSku(shopId: number, stock: number, price: number) {
  const ids = (await t.catalog.subgraph.deps.database.db.select({ id: products.id }).from(products).where(eq(products.shopId, shopId)).orderBy(asc(products.id))).map((r) => r.id);
  return t.skuWith(ids[used++ % ids.length]!, stock, price);
}

/** An activity of `shopId`'s merchant over one SKU (so it prices no other test's cart). */
async function activityOn(shopId: number, skuId: number, input: Record<string, unknown>): Promise<string> {
  const created = await graphql<{ createActivity: { id: string } }>(
    t.promotion.url,
    'mutation ($input: ActivityInput!) { createActivity(input: $input) { id } }',
    { input: { endsAt: new Date(Date.now() + HOUR).toISOString(), ...(input['kind'] === 'SPECIAL_PRICE' ? {} : { scope: 'SKUS', scopeIds: [String(skuId)] }), ...input } },
    { token: await tokenFor(as.merchant(shopId)) },
  );
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  return created.data.createActivity.id;
}

describe('checkout with shop activities', () => {
  it('charges a special price and a full reduction, records them on the lines, and spends the budget when paid', async () => {
    const buyer = await t.member();
    const sku = await freshSku(1, 20, 9_900);
    const special = await activityOn(1, sku.id, { name: '限时特价', kind: 'SPECIAL_PRICE', specialPrices: [{ skuId: String(sku.id), price: 7_900 }], budget: 100_000 });
    const full = await activityOn(1, sku.id, { name: '满150减20', kind: 'FULL_REDUCTION', tiers: [{ threshold: 15_000, amountOff: 2_000 }] });
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 2 }], couponIds: [] });
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder.orders[0]!;
    // 2 × 99.00, less 2 × 20.00 (special price), less 20.00 (158.00 reaches 150), then the level's 95% of 138.00 (6.90 off).
    expect(order.amounts).toMatchObject({ goods: { amount: 19_800 }, discount: { amount: 4_000 + 2_000 + 690 }, payable: { amount: 19_800 - 6_690 } });
    const [line] = await linesOf(order.id);
    expect(line!.discounts).toEqual([
      { source: 'ACTIVITY', couponId: null, activityId: special, label: '限时特价', amount: 4_000 },
      { source: 'ACTIVITY', couponId: null, activityId: full, label: '满150减20', amount: 2_000 },
      { source: 'MEMBER_LEVEL', couponId: null, activityId: null, label: '会员折扣', amount: 690 },
    ]);
    const row = await t.orderRow(order.id);
    expect(row.activityHold).toBe(true);
    expect(await activityRow(special)).toMatchObject({ held: 4_000, spent: 0 });
    expect(await activityRow(full)).toMatchObject({ held: 2_000, spent: 0 });

    await t.publish('payment.succeeded', { paymentId: '1', paymentNo: `P${randomUUID().slice(0, 18)}`, purpose: 'ORDER', orderId: order.id, memberId: String(buyer.memberId), method: 'WECHAT', amount: order.amounts.payable.amount });
    await waitFor('the budget to be spent', async () => (await activityRow(special)).spent === 4_000 && (await activityRow(full)).spent === 2_000);
    expect(await activityRow(special)).toMatchObject({ held: 0, orders: 1 });
    const seen = await graphql<{ order: { lines: Array<{ discounts: Array<{ source: string; activityId: string | null }> }> } }>(
      t.order.url,
      'query ($id: ID!) { order(id: $id) { lines { discounts { source activityId } } } }',
      { id: order.id },
      { token: buyer.token },
    );
    expect(seen.data!.order.lines[0]!.discounts).toEqual([{ source: 'ACTIVITY', activityId: special }, { source: 'ACTIVITY', activityId: full }, { source: 'MEMBER_LEVEL', activityId: null }]);
  });

  it('lets no more orders take an activity than its budget covers when 20 buyers check out at once; the others hold no stock', async () => {
    const sku = await freshSku(2, 100, 10_000);
    // 满100减10 with ¥50 of budget: five orders.
    const full = await activityOn(2, sku.id, { name: '满100减10', kind: 'FULL_REDUCTION', tiers: [{ threshold: 10_000, amountOff: 1_000 }], budget: 5_000 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => t.member()));
    const results = await Promise.all(buyers.map((b) => t.placeOrder(b.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [] })));
    const won = results.filter((r) => r.data?.placeOrder);
    // A buyer priced after the budget ran out pays full price: only the orders taking the activity are bounded.
    const withActivity = won.filter((r) => r.data!.placeOrder.orders[0]!.amounts.discount.amount > 500);
    expect(withActivity).toHaveLength(5);
    for (const r of results.filter((x) => !x.data?.placeOrder)) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'BUDGET_EXHAUSTED', activityId: full });
    expect(await activityRow(full)).toMatchObject({ held: 5_000, spent: 0 });
    // Stock went only to the orders placed.
    expect(await t.stockOf(sku.id)).toBe(100 - won.length);
    const placedOrders = await t.order.subgraph.deps.db.select().from(orders).where(eq(orders.activityHold, true));
    expect(placedOrders.filter((o) => buyers.some((b) => b.memberId === o.memberId))).toHaveLength(5);
  });

  it('gives the budget back when a later step of the checkout fails (stock short)', async () => {
    const sku = await freshSku(4, 1, 10_000);
    const full = await activityOn(4, sku.id, { name: '满100减10', kind: 'FULL_REDUCTION', tiers: [{ threshold: 10_000, amountOff: 1_000 }], budget: 10_000 });
    const buyer = await t.member();
    const refused = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 2 }], couponIds: [] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OUT_OF_STOCK' });
    expect(await activityRow(full)).toMatchObject({ held: 0, spent: 0 });
    expect(await t.stockOf(sku.id)).toBe(1);
  });

  it('gives the budget back when an order expires unpaid, so the next buyer gets the activity', async () => {
    const sku = await freshSku(3, 10, 10_000);
    const full = await activityOn(3, sku.id, { name: '满100减10', kind: 'FULL_REDUCTION', tiers: [{ threshold: 10_000, amountOff: 1_000 }], budget: 1_000 });
    const first = await t.member();
    const placed = await t.placeOrder(first.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [] });
    const order = placed.data!.placeOrder.orders[0]!;
    expect(await activityRow(full)).toMatchObject({ held: 1_000 });
    // While it is held, the next buyer's quote has no budget left: full price (less the level).
    const second = await t.member();
    const meanwhile = await t.placeOrder(second.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [] });
    expect(meanwhile.data!.placeOrder.orders[0]!.amounts.discount.amount).toBe(500);
    await waitFor('the unpaid order to expire', async () => (await t.orderRow(order.id)).status === 'CANCELLED', 10_000);
    await waitFor('the budget to come back', async () => (await activityRow(full)).held === 0);
    const third = await t.member();
    const again = await t.placeOrder(third.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [] });
    expect(again.data!.placeOrder.orders[0]!.amounts.discount.amount).toBe(1_000 + 450);
  });
});
