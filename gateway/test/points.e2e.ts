import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { skus } from '@mall/catalog/db';
import { reservationHolds } from '@mall/membership/db';
import { orderLines, orders } from '@mall/order/db';
import { as, graphql, tokenFor, waitFor } from '@mall/test-kit';
import { products } from '@mall/catalog/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { completeWechatRefunds, newShopper, payOrder, skuAt, type Shopper } from './shopping.ts';

/**
 * Points at checkout (积分抵扣) through the gateway: promotion's rule says what a cart may
 * take, membership holds the points for each unpaid order, gives them back when the order
 * ends unpaid and keeps them when it is paid.
 */
let supergraph: TestSupergraph;
let url: string;
let admin: string;

beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
  admin = (await graphql<{ loginStaff: { accessToken: string } }>(url, 'mutation { loginStaff(account: "admin", password: "mall-dev-pass") { accessToken } }')).data!.loginStaff.accessToken;
});
afterAll(() => supergraph?.stop());

async function withPoints(points: number): Promise<Shopper> {
  const shopper = await newShopper(supergraph);
  const adjusted = await graphql(url, 'mutation ($m: ID!, $d: Int!, $k: String!) { adjustPoints(memberId: $m, delta: $d, idempotencyKey: $k) { id } }', { m: shopper.memberId, d: points, k: randomUUID() }, { token: admin });
  expect(adjusted.errors).toBeUndefined();
  return shopper;
}

const balanceOf = async (shopper: Shopper) => (await graphql<{ me: { points: { balance: number } } }>(url, 'query { me { points { balance } } }', {}, { token: shopper.token })).data!.me.points.balance;
const stockOf = async (id: number) => (await supergraph.catalog.subgraph.deps.database.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, id)))[0]!.stock;
const orderDb = () => supergraph.order.subgraph.deps.database.db;

const PLACE = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id orderNo amounts { discount { amount } payable { amount } } lines { points discounts { source label amount { amount } } } } } }';
type Placed = { placeOrder: { orders: Array<{ id: string; orderNo: string; amounts: { discount: { amount: number }; payable: { amount: number } }; lines: Array<{ points: number; discounts: Array<{ source: string; label: string; amount: { amount: number } }> }> }> } };
const place = (shopper: Shopper, skuId: number, points: number) =>
  graphql<Placed>(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(skuId), quantity: 1 }], couponIds: [], points } }, { token: shopper.token });
const QUOTE = 'query ($input: QuoteInput!) { quoteCheckout(input: $input) { payable { amount } points { used max amount { amount } } } }';

describe('points at checkout', () => {
  it('spends points within the rule, gives them back when the order ends unpaid and keeps them when it is paid', async () => {
    const buyer = await withPoints(1_000);
    const sku = await skuAt(supergraph, 3, 10_000);
    // A new member's level takes nothing off: points may pay half of ¥100 (100 points are ¥1).
    const quoted = await graphql<{ quoteCheckout: { payable: { amount: number }; points: { used: number; max: number; amount: { amount: number } } } }>(
      url, QUOTE, { input: { lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [], points: 800 } }, { token: buyer.token },
    );
    expect(quoted.data!.quoteCheckout.points).toEqual({ used: 800, max: 5_000, amount: { amount: 800 } });
    expect(quoted.data!.quoteCheckout.payable.amount).toBe(10_000 - 800);

    const placed = await place(buyer, sku.id, 800);
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder.orders[0]!;
    expect(order.amounts).toEqual({ discount: { amount: 800 }, payable: { amount: 9_200 } });
    expect(order.lines[0]!.points).toBe(800);
    expect(order.lines[0]!.discounts.map((d) => [d.source, d.label, d.amount.amount])).toEqual([['POINTS', '积分抵扣', 800]]);
    expect(await balanceOf(buyer)).toBe(200);

    // Cancelled unpaid: the points come back.
    const cancelled = await graphql(url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: order.id }, { token: buyer.token });
    expect(cancelled.errors).toBeUndefined();
    await waitFor('the points to come back', async () => (await balanceOf(buyer)) === 1_000);

    // Paid: spent for good.
    const again = await place(buyer, sku.id, 600);
    const paidOrder = again.data!.placeOrder.orders[0]!;
    const paid = await payOrder(supergraph, buyer, paidOrder.id, 'DEV');
    expect(paid.errors).toBeUndefined();
    await waitFor('the order to be paid', async () => (await orderDb().select().from(orders).where(eq(orders.id, Number(paidOrder.id))))[0]!.status === 'PAID');
    await supergraph.eventsSettled();
    expect(await balanceOf(buyer)).toBe(400);
    const [hold] = await supergraph.membership.subgraph.deps.database.db.select().from(reservationHolds).where(and(eq(reservationHolds.pool, 'points'), eq(reservationHolds.owner, paidOrder.orderNo)));
    expect(hold!.status).toBe('COMMITTED');
  });

  it('refuses more points than the member owns or the rule allows, and spends nothing', async () => {
    const buyer = await withPoints(1_000);
    const sku = await skuAt(supergraph, 4, 10_000);
    const before = await stockOf(sku.id);
    const tooMany = await place(buyer, sku.id, 1_200);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    const cheap = await skuAt(supergraph, 5, 1_000);
    // Half of ¥10: at most 500 points.
    const overShare = await place(buyer, cheap.id, 501);
    expect(overShare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'POINTS_OVER_LIMIT', max: 500 });
    for (const bad of [-1, 1.5, 10_000_001]) {
      const refused = await place(buyer, sku.id, bad);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await balanceOf(buyer)).toBe(1_000);
    expect(await stockOf(sku.id)).toBe(before);
    expect(await orderDb().select().from(orders).where(eq(orders.memberId, Number(buyer.memberId)))).toEqual([]);
  });

  it('lets 10 checkouts at once spend 300 of 1,000 points each: exactly 3 do, the others hold nothing', async () => {
    const buyer = await withPoints(1_000);
    const sku = await skuAt(supergraph, 6, 10_000);
    const before = await stockOf(sku.id);
    const results = await Promise.all(Array.from({ length: 10 }, () => place(buyer, sku.id, 300)));
    const won = results.filter((r) => r.data?.placeOrder);
    expect(won).toHaveLength(3);
    for (const r of results.filter((x) => !x.data?.placeOrder)) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    expect(await balanceOf(buyer)).toBe(100);
    expect(await stockOf(sku.id)).toBe(before - 3);
    const placed = await orderDb().select().from(orders).where(eq(orders.memberId, Number(buyer.memberId)));
    expect(placed).toHaveLength(3);
    const lines = await orderDb().select().from(orderLines).where(inArray(orderLines.orderId, placed.map((o) => o.id)));
    expect(lines.reduce((sum, l) => sum + l.points, 0)).toBe(900);
  });

  it('follows the rule an admin sets, and only an admin', async () => {
    const buyer = await withPoints(1_000);
    const sku = await skuAt(supergraph, 7, 10_000);
    const SET = 'mutation ($input: PointsRuleInput!) { setPointsRule(input: $input) { pointsPerYuan maxSharePercent } }';
    expect((await graphql(url, SET, { input: { pointsPerYuan: 10, maxSharePercent: 20 } }, { token: buyer.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const input of [{ pointsPerYuan: 3, maxSharePercent: 20 }, { pointsPerYuan: 10, maxSharePercent: 101 }, { pointsPerYuan: 0, maxSharePercent: 20 }]) {
      expect((await graphql(url, SET, { input }, { token: admin })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const set = await graphql<{ setPointsRule: unknown }>(url, SET, { input: { pointsPerYuan: 10, maxSharePercent: 20 } }, { token: admin });
    expect(set.data!.setPointsRule).toEqual({ pointsPerYuan: 10, maxSharePercent: 20 });
    try {
      // 10 points are ¥1 (10 cents each); 20% of ¥100 is ¥20: 200 points.
      const quoted = await graphql<{ quoteCheckout: { points: { max: number } } }>(url, QUOTE, { input: { lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [] } }, { token: buyer.token });
      expect(quoted.data!.quoteCheckout.points.max).toBe(200);
      const placed = await place(buyer, sku.id, 100);
      expect(placed.data!.placeOrder.orders[0]!.amounts.payable.amount).toBe(10_000 - 1_000);
      expect(await balanceOf(buyer)).toBe(900);
    } finally {
      await graphql(url, SET, { input: { pointsPerYuan: 100, maxSharePercent: 50 } }, { token: admin });
    }
  });

  it('refunds units of a line exactly what they cost after every discount, with their points, and nothing of the other lines', async () => {
    const buyer = await withPoints(5_000);
    // Two products of one shop the other tests here leave alone (they use products 3–7).
    const unused = (await supergraph.catalog.subgraph.deps.database.db.select({ id: products.id, shopId: products.shopId }).from(products)).filter((p) => p.id > 7);
    const shopId = unused.find((p) => unused.filter((q) => q.shopId === p.shopId).length >= 2)!.shopId;
    const [first, second] = unused.filter((p) => p.shopId === shopId);
    const a = await skuAt(supergraph, first!.id, 3_333);
    const b = await skuAt(supergraph, second!.id, 2_000);
    const merchant = await tokenFor(as.merchant(shopId));
    const template = await graphql<{ createCouponTemplate: { id: string } }>(url, 'mutation ($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }', {
      input: { name: '满50减7', kind: 'AMOUNT_OFF', threshold: 5_000, amountOff: 700, validDays: 7, totalQuantity: 10 },
    }, { token: merchant });
    const claimed = await graphql<{ claimCoupon: { id: string } }>(url, 'mutation ($id: ID!) { claimCoupon(templateId: $id) { id } }', { id: template.data!.createCouponTemplate.id }, { token: buyer.token });
    const placed = await graphql<{ placeOrder: { orders: Array<{ id: string; amounts: { payable: { amount: number } }; lines: Array<{ id: string; quantity: number; discount: { amount: number }; payable: { amount: number }; points: number }> }> } }>(
      url,
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id amounts { payable { amount } } lines { id quantity discount { amount } payable { amount } points } } } }',
      { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(a.id), quantity: 3 }, { skuId: String(b.id), quantity: 1 }], couponIds: [claimed.data!.claimCoupon.id], points: 1_001 } },
      { token: buyer.token },
    );
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder.orders[0]!;
    const [lineA, lineB] = order.lines;
    expect(lineA!.points + lineB!.points).toBe(1_001);
    expect(await balanceOf(buyer)).toBe(5_000 - 1_001);
    const payment = (await payOrder(supergraph, buyer, order.id, 'DEV')).data!.payOrder.payment;
    await waitFor('the order to be paid', async () => (await orderDb().select().from(orders).where(eq(orders.id, Number(order.id))))[0]!.status === 'PAID');

    const REQUEST = 'mutation ($id: ID!, $lines: [AfterSaleLineInput!], $amount: Int) { requestAfterSale(orderId: $id, type: REFUND_ONLY, lines: $lines, amount: $amount, reason: "买多了") { id amount { amount } points lines { line { id } quantity amount { amount } points } } }';
    type Asked = { requestAfterSale: { id: string; amount: { amount: number }; points: number; lines: Array<{ quantity: number; amount: { amount: number }; points: number }> } };
    const DECIDE = 'mutation ($id: ID!) { decideAfterSale(id: $id, approve: true) { status } }';
    const refundUnits = async (quantity: number) => {
      const asked = await graphql<Asked>(url, REQUEST, { id: order.id, lines: [{ orderLineId: lineA!.id, quantity }] }, { token: buyer.token });
      expect(asked.errors).toBeUndefined();
      const decided = await graphql<{ decideAfterSale: { status: string } }>(url, DECIDE, { id: asked.data!.requestAfterSale.id }, { token: merchant });
      expect(decided.data!.decideAfterSale.status).toBe('REFUNDING');
      await supergraph.eventsSettled();
      // The points come back once the money has (WeChat Pay answers the refund later).
      await completeWechatRefunds(supergraph, payment.paymentNo);
      await supergraph.eventsSettled();
      return asked.data!.requestAfterSale;
    };
    // One of line A's three units: a third of what the line cost after the coupon and the points, rounded down.
    const cost = lineA!.payable.amount;
    const once = await refundUnits(1);
    expect(once).toMatchObject({ amount: { amount: Math.floor(cost / 3) }, points: Math.floor(lineA!.points / 3) });
    expect(await balanceOf(buyer)).toBe(5_000 - 1_001 + Math.floor(lineA!.points / 3));
    // The other two: together exactly what the line cost, and all of its points.
    const rest = await refundUnits(2);
    expect(once.amount.amount + rest.amount.amount).toBe(cost);
    expect(once.points + rest.points).toBe(lineA!.points);
    expect(await balanceOf(buyer)).toBe(5_000 - lineB!.points);
    // Line B kept its discount share: the order's paid amount less line A's cost is what B cost.
    expect(order.amounts.payable.amount - cost).toBe(lineB!.payable.amount);

    // Bad requests change nothing.
    const codeOf = async (variables: Record<string, unknown>) => (await graphql(url, REQUEST, { id: order.id, ...variables }, { token: buyer.token })).errors?.[0]?.extensions;
    expect(await codeOf({ lines: [{ orderLineId: lineA!.id, quantity: 1 }] })).toMatchObject({ code: 'CONFLICT', reason: 'NOTHING_REFUNDABLE' });
    expect(await codeOf({ lines: [{ orderLineId: lineB!.id, quantity: 2 }] })).toMatchObject({ code: 'CONFLICT', reason: 'NOTHING_REFUNDABLE' });
    expect(await codeOf({ lines: [{ orderLineId: '99999999', quantity: 1 }] })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await codeOf({ lines: [{ orderLineId: lineB!.id, quantity: 0 }] })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await codeOf({ lines: [{ orderLineId: lineB!.id, quantity: 1 }], amount: 100 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await balanceOf(buyer)).toBe(5_000 - lineB!.points);
  });

  it('gives back points in proportion to an amount refunded after shipping, and all of them with the rest, amounts and units mixed', async () => {
    const buyer = await withPoints(3_000);
    const sku = await skuAt(supergraph, 4, 5_000);
    const placed = await graphql<Placed>(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 2 }], couponIds: [], points: 3_000 } }, { token: buyer.token });
    const order = placed.data!.placeOrder.orders[0]!;
    const payable = order.amounts.payable.amount; // ¥100 − ¥30 of points
    const payment = (await payOrder(supergraph, buyer, order.id, 'DEV')).data!.payOrder.payment;
    await waitFor('the order to be paid', async () => (await orderDb().select().from(orders).where(eq(orders.id, Number(order.id))))[0]!.status === 'PAID');
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const shipped = await graphql(url, 'mutation ($id: ID!) { shipOrder(id: $id, carrier: "SF", trackingNumber: "SF1234567890") { status } }', { id: order.id }, { token: merchant });
    expect(shipped.errors).toBeUndefined();
    const [line] = await orderDb().select().from(orderLines).where(eq(orderLines.orderId, Number(order.id)));
    const REQUEST = 'mutation ($id: ID!, $amount: Int, $lines: [AfterSaleLineInput!]) { requestAfterSale(orderId: $id, type: REFUND_ONLY, amount: $amount, lines: $lines, reason: "少发一件") { id amount { amount } points } }';
    const refund = async (variables: Record<string, unknown>) => {
      const asked = await graphql<{ requestAfterSale: { id: string; amount: { amount: number }; points: number } }>(url, REQUEST, { id: order.id, ...variables }, { token: buyer.token });
      expect(asked.errors).toBeUndefined();
      await graphql(url, 'mutation ($id: ID!) { decideAfterSale(id: $id, approve: true) { status } }', { id: asked.data!.requestAfterSale.id }, { token: merchant });
      await supergraph.eventsSettled();
      await completeWechatRefunds(supergraph, payment.paymentNo);
      await supergraph.eventsSettled();
      return asked.data!.requestAfterSale;
    };
    // ¥14 of ¥70: a fifth of the 3,000 points.
    const part = await refund({ amount: 1_400 });
    expect(part.points).toBe(Math.floor((3_000 * 1_400) / payable));
    expect(await balanceOf(buyer)).toBe(part.points);
    // One of the two units: half of what the line cost, and at most the points left.
    const unit = await refund({ lines: [{ orderLineId: String(line!.id), quantity: 1 }] });
    expect(unit.amount.amount).toBe(payable / 2);
    // The rest (the amount omitted): every point not yet given back.
    const rest = await refund({});
    expect(part.amount.amount + unit.amount.amount + rest.amount.amount).toBe(payable);
    expect(part.points + unit.points + rest.points).toBe(3_000);
    expect(await balanceOf(buyer)).toBe(3_000);
  });

  it('gives an order’s points back when it is refunded in full before it ships', async () => {
    const buyer = await withPoints(2_000);
    const sku = await skuAt(supergraph, 3, 10_000);
    const placed = await place(buyer, sku.id, 1_500);
    const order = placed.data!.placeOrder.orders[0]!;
    const paid = await payOrder(supergraph, buyer, order.id, 'DEV');
    await waitFor('the order to be paid', async () => (await orderDb().select().from(orders).where(eq(orders.id, Number(order.id))))[0]!.status === 'PAID');
    expect(await balanceOf(buyer)).toBe(500);
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const refunded = await graphql(url, 'mutation ($id: ID!, $amount: Int!, $key: String!) { refundPayment(paymentId: $id, amount: $amount, reason: "缺货", idempotencyKey: $key) { id } }', {
      id: paid.data!.payOrder.payment.id, amount: order.amounts.payable.amount, key: randomUUID(),
    }, { token: merchant });
    expect(refunded.errors).toBeUndefined();
    await supergraph.eventsSettled();
    // WeChat Pay answers the refund later, as it does.
    await completeWechatRefunds(supergraph, paid.data!.payOrder.payment.paymentNo);
    await waitFor('the order to close', async () => (await orderDb().select().from(orders).where(eq(orders.id, Number(order.id))))[0]!.status === 'CLOSED', 15_000);
    await supergraph.eventsSettled();
    expect(await balanceOf(buyer)).toBe(2_000);
  });
});
