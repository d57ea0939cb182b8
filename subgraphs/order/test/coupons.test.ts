import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { products, skus } from '@mall/catalog/db';
import { couponTemplates, coupons, endedOrders, reservationHolds } from '@mall/promotion/db';
import { eventsWritten, graphql, waitFor } from '@mall/test-kit';
import { orderLines, orders } from '../src/db/schema.ts';
import { startOrderAlone, type OrderAlone } from './fixtures.ts';

/**
 * Checkout with coupons: order prices through promotion's engine, holds the coupons for the
 * checkout, spends them when an order is paid and gives them back when the checkout's
 * orders all end unpaid. Promotion is the real subgraph, following order's real events.
 */
let t: OrderAlone;
beforeAll(async () => {
  t = await startOrderAlone({ ORDER_PAYMENT_SECONDS: '2', MYSQL_POOL_SIZE: '30' });
});
afterAll(async () => {
  await t?.stop();
});

const promo = <T,>(query: string, variables: Record<string, unknown>, token: string) => graphql<T>(t.promotion.url, query, variables, { token });
const pdb = () => t.promotion.subgraph.deps.db;

const couponFor = (member: { token: string }, input: Record<string, unknown>, shopId: number | null = null) => t.coupon(member, input, shopId);
const couponRow = (id: string) => t.couponRow(id);
const templateRow = async (id: string) => (await pdb().select().from(couponTemplates).where(eq(couponTemplates.id, Number(id))))[0]!;
const linesOf = (orderId: string) => t.order.subgraph.deps.db.select().from(orderLines).where(eq(orderLines.orderId, Number(orderId))).orderBy(asc(orderLines.id));
const couponEvents = async (type: string, couponId: string) => (await eventsWritten<{ couponId: string }>(pdb(), type)).filter((e) => e.couponId === couponId);

/** The products of a shop, by id (the demo catalog's). */
async function productsOf(shopId: number): Promise<number[]> {
  const rows = await t.catalog.subgraph.deps.database.db.select({ id: products.id }).from(products).where(eq(products.shopId, shopId)).orderBy(asc(products.id));
  return rows.map((r) => r.id);
}

let used = 0;
/** A product of `shopId` no other test of the file uses, its first SKU on the shelf. */
async function freshSku(shopId: number, stock: number, price: number) {
  const ids = await productsOf(shopId);
  return t.skuWith(ids[used++ % ids.length]!, stock, price);
}

async function pay(orderId: string, memberId: number, amount: number): Promise<string> {
  const paymentNo = `P${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await t.publish('payment.succeeded', { paymentId: '1', paymentNo, purpose: 'ORDER', orderId, memberId: String(memberId), method: 'WECHAT', amount });
  await waitFor('the order to be paid', async () => (await t.orderRow(orderId)).status === 'PAID');
  return paymentNo;
}

describe('checkout with coupons', () => {
  it('charges a coupon, allocated to the lines, and spends it when the order is paid', async () => {
    const buyer = await t.member();
    const sku = await freshSku(1, 50, 6_000);
    const { couponId, templateId } = await couponFor(buyer, { name: '满100减15', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 1_500 });
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 2 }], couponIds: [couponId] });
    const order = placed.data!.placeOrder.orders[0]!;
    // ¥120 less ¥15, then the level's 95% of ¥105 (¥5.25 off).
    expect(order.amounts).toMatchObject({ goods: { amount: 12_000 }, discount: { amount: 1_500 + 525 }, payable: { amount: 12_000 - 2_025 } });
    const [line] = await linesOf(order.id);
    expect(line!.discounts).toEqual([
      { source: 'COUPON', couponId, activityId: null, label: '满100减15', amount: 1_500 },
      { source: 'MEMBER_LEVEL', couponId: null, activityId: null, label: '会员折扣', amount: 525 },
    ]);
    const row = await t.orderRow(order.id);
    expect(await couponRow(couponId)).toMatchObject({ status: 'LOCKED', orderNo: row.orderNo, discountAmount: 1_500 });

    await pay(order.id, buyer.memberId, order.amounts.payable.amount);
    await waitFor('the coupon to be spent', async () => (await couponRow(couponId)).status === 'USED');
    expect(await templateRow(templateId)).toMatchObject({ used: 1, discountGiven: 1_500, orderAmount: order.amounts.payable.amount });
    expect(await couponEvents('coupon.used', couponId)).toHaveLength(1);
    // The order shows it line by line.
    const seen = await graphql<{ order: { lines: Array<{ discounts: Array<{ source: string; couponId: string | null; label: string; amount: { amount: number } }> }> } }>(
      t.order.url,
      'query ($id: ID!) { order(id: $id) { lines { discounts { source couponId label amount { amount } } } } }',
      { id: order.id },
      { token: buyer.token },
    );
    expect(seen.data!.order.lines[0]!.discounts.map((d) => [d.source, d.couponId, d.amount.amount])).toEqual([
      ['COUPON', couponId, 1_500],
      ['MEMBER_LEVEL', null, 525],
    ]);
  });

  it('lets exactly one of 50 checkouts at once use a single coupon; the others hold no stock and no coupon', async () => {
    const buyer = await t.member();
    const sku = await freshSku(1, 500, 12_000);
    const { couponId } = await couponFor(buyer, { name: '立减20', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 2_000 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [couponId] })),
    );
    const won = results.filter((r) => r.data?.placeOrder);
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => !x.data?.placeOrder)) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COUPON_UNAVAILABLE', couponId });
    const winner = await t.orderRow(won[0]!.data!.placeOrder.orders[0]!.id);
    expect(await t.stockOf(sku.id)).toBe(499);
    expect(await couponRow(couponId)).toMatchObject({ status: 'LOCKED', orderNo: winner.orderNo });
    // Every loser's hold was given back: only the winner's checkout holds anything.
    const holds = await pdb().select().from(reservationHolds).where(and(eq(reservationHolds.pool, 'coupon'), eq(reservationHolds.status, 'RESERVED')));
    expect(holds.filter((h) => h.owner === winner.orderNo)).toHaveLength(1);
    const memberOrders = await t.order.subgraph.deps.db.select().from(orders).where(eq(orders.memberId, buyer.memberId));
    expect(memberOrders).toHaveLength(1);
  });

  it('gives the coupon back, once, when its order expires unpaid, and lets the next checkout use it', async () => {
    const buyer = await t.member();
    const sku = await freshSku(1, 10, 5_000);
    const { couponId, templateId } = await couponFor(buyer, { name: '满50减5', kind: 'AMOUNT_OFF', threshold: 5_000, amountOff: 500 });
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [couponId] });
    const order = placed.data!.placeOrder.orders[0]!;
    await waitFor('the unpaid order to expire', async () => (await t.orderRow(order.id)).status === 'CANCELLED', 10_000);
    await waitFor('the coupon to come back', async () => (await couponRow(couponId)).status === 'UNUSED');
    expect(await couponRow(couponId)).toMatchObject({ orderNo: null });
    expect(await couponEvents('coupon.released', couponId)).toHaveLength(1);
    expect((await templateRow(templateId)).used).toBe(0);
    const again = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [couponId] });
    expect(again.data!.placeOrder.orders[0]!.amounts.discount.amount).toBeGreaterThanOrEqual(500);
  });

  it('spends a shop’s coupon only if that shop’s order is paid, whatever its sibling order does', async () => {
    const buyer = await t.member();
    const a = await freshSku(1, 10, 5_000);
    const b = await freshSku(2, 10, 4_000);
    const shopCoupon = await couponFor(buyer, { name: '店铺立减6', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 600 }, 1);
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(a.id), quantity: 1 }, { skuId: String(b.id), quantity: 1 }], couponIds: [shopCoupon.couponId] });
    const [ofA, ofB] = placed.data!.placeOrder.orders;
    const rowA = await t.orderRow(ofA!.id);
    expect(rowA.shopId).toBe(1);
    expect(rowA.couponHolds).toEqual([{ owner: rowA.orderNo, orders: 1 }]);
    expect((await t.orderRow(ofB!.id)).couponHolds).toEqual([]);
    // Shop 2's order is paid, shop 1's expires: the coupon only served shop 1's, so it comes back.
    await pay(ofB!.id, buyer.memberId, ofB!.amounts.payable.amount);
    await waitFor('shop 1’s order to expire', async () => (await t.orderRow(ofA!.id)).status === 'CANCELLED', 10_000);
    await waitFor('the coupon to come back', async () => (await couponRow(shopCoupon.couponId)).status === 'UNUSED');
    expect((await templateRow(shopCoupon.templateId)).used).toBe(0);
  });

  it('holds a platform coupon over two shops’ orders until both ended unpaid, and spends it when either is paid', async () => {
    const buyer = await t.member();
    const a = await freshSku(1, 10, 7_001);
    const b = await freshSku(2, 10, 3_002);
    const c = await freshSku(2, 10, 1_003);
    const lines = [{ skuId: String(a.id), quantity: 1 }, { skuId: String(b.id), quantity: 1 }, { skuId: String(c.id), quantity: 1 }];
    // ¥10 off over ¥110.06 of three lines in two shops: shares with remainders.
    const first = await couponFor(buyer, { name: '平台满100减10', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 1_000 });
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines, couponIds: [first.couponId] });
    const placedOrders = placed.data!.placeOrder.orders;
    expect(placedOrders).toHaveLength(2);
    let couponShare = 0;
    for (const o of placedOrders) {
      const rows = await linesOf(o.id);
      // The lines' shares add up to the order's discount, and the order's amounts add up.
      expect(rows.reduce((sum, l) => sum + l.discountAmount, 0)).toBe(o.amounts.discount.amount);
      for (const l of rows) expect(l.discounts!.reduce((sum, d) => sum + d.amount, 0)).toBe(l.discountAmount);
      couponShare += rows.reduce((sum, l) => sum + l.discounts!.filter((d) => d.couponId === first.couponId).reduce((n, d) => n + d.amount, 0), 0);
      expect(o.amounts.payable.amount).toBe(o.amounts.goods.amount - o.amounts.discount.amount);
    }
    expect(couponShare).toBe(1_000);

    // One order cancelled: the other may still be paid, so the coupon stays held.
    const cancel = (id: string) => graphql(t.order.url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id }, { token: buyer.token });
    await cancel(placedOrders[0]!.id);
    await waitFor('promotion to record the cancellation', async () => (await pdb().select().from(endedOrders).where(eq(endedOrders.orderNo, placedOrders[0]!.orderNo))).length === 1);
    expect((await couponRow(first.couponId)).status).toBe('LOCKED');
    // Paid: spent, although half of its orders were cancelled.
    await pay(placedOrders[1]!.id, buyer.memberId, placedOrders[1]!.amounts.payable.amount);
    await waitFor('the coupon to be spent', async () => (await couponRow(first.couponId)).status === 'USED');

    // Both cancelled: back.
    const second = await couponFor(buyer, { name: '平台满100减8', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 800 });
    const again = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines, couponIds: [second.couponId] });
    const [x, y] = again.data!.placeOrder.orders;
    await cancel(x!.id);
    expect((await couponRow(second.couponId)).status).toBe('LOCKED');
    await cancel(y!.id);
    await waitFor('the coupon to come back', async () => (await couponRow(second.couponId)).status === 'UNUSED');
    expect(await couponEvents('coupon.released', second.couponId)).toHaveLength(1);
  });

  it('gives back, after a full refund, the coupons whose templates say so (退款退券), and only those', async () => {
    const buyer = await t.member();
    const sku = await freshSku(1, 10, 10_000);
    const returns = await couponFor(buyer, { name: '退款退券 立减10', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 1_000, returnOnRefund: true }, 1);
    const kept = await couponFor(buyer, { name: '平台立减5', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 500 });
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [returns.couponId, kept.couponId] });
    const order = placed.data!.placeOrder.orders[0]!;
    const paymentNo = await pay(order.id, buyer.memberId, order.amounts.payable.amount);
    await waitFor('the coupons to be spent', async () => (await couponRow(returns.couponId)).status === 'USED' && (await couponRow(kept.couponId)).status === 'USED');
    expect((await templateRow(returns.templateId)).discountGiven).toBe(1_000);
    // Refunded in full before it shipped: the order closes.
    const payable = order.amounts.payable.amount;
    await t.publish('payment.refunded', { refundId: '1', refundNo: `R${randomUUID().slice(0, 12)}`, paymentId: '1', paymentNo, orderId: order.id, memberId: String(buyer.memberId), amount: payable, refundedTotal: payable, source: 'MERCHANT', afterSaleId: null });
    await waitFor('the order to close', async () => (await t.orderRow(order.id)).status === 'CLOSED');
    await waitFor('the returning coupon to come back', async () => (await couponRow(returns.couponId)).status === 'UNUSED');
    expect(await templateRow(returns.templateId)).toMatchObject({ used: 0, discountGiven: 0, orderAmount: 0 });
    expect(await couponRow(kept.couponId)).toMatchObject({ status: 'USED' });
    expect((await templateRow(kept.templateId)).used).toBe(1);
    expect(await couponEvents('coupon.released', returns.couponId)).toHaveLength(1);
  });

  it('refuses a coupon that is not the member’s, or does not apply, and changes nothing', async () => {
    const buyer = await t.member();
    const other = await t.member();
    const sku = await freshSku(1, 10, 2_000);
    const line = [{ skuId: String(sku.id), quantity: 1 }];
    const theirs = await couponFor(other, { name: '立减5', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 500 });
    const notMine = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, couponIds: [theirs.couponId] });
    expect(notMine.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const far = await couponFor(buyer, { name: '满300减30', kind: 'AMOUNT_OFF', threshold: 30_000, amountOff: 3_000 });
    const short = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, couponIds: [far.couponId] });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COUPON_NOT_APPLICABLE', why: 'THRESHOLD_NOT_REACHED', missing: 28_000 });
    const otherShop = await couponFor(buyer, { name: '店铺券', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 300 }, 2);
    const wrongShop = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, couponIds: [otherShop.couponId] });
    expect(wrongShop.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COUPON_NOT_APPLICABLE', why: 'NOT_IN_SCOPE' });
    const expired = await couponFor(buyer, { name: '过期券', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 300 });
    await pdb().update(coupons).set({ validUntil: new Date(Date.now() - 1000) }).where(eq(coupons.id, Number(expired.couponId)));
    const late = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, couponIds: [expired.couponId] });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COUPON_NOT_APPLICABLE', why: 'EXPIRED' });
    for (const bad of [['x'], ['-1'], Array.from({ length: 11 }, (_, i) => String(i + 1))]) {
      const refused = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, couponIds: bad });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.couponIds' });
    }
    expect(await t.stockOf(sku.id)).toBe(10);
    for (const c of [theirs, far, otherShop, expired]) expect((await couponRow(c.couponId)).status).toBe('UNUSED');
    expect(await t.order.subgraph.deps.db.select().from(orders).where(inArray(orders.memberId, [buyer.memberId, other.memberId]))).toHaveLength(0);
  });

  it('charges what the quote said, or refuses naming what changed since', async () => {
    const buyer = await t.member();
    const sku = await freshSku(1, 10, 11_000);
    const { couponId } = await couponFor(buyer, { name: '满100减12', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 1_200 });
    const QUOTE = 'query ($input: QuoteInput!) { quoteCheckout(input: $input) { id payable { amount } applied { coupon { id } amount { amount } } } }';
    const line = [{ skuId: String(sku.id), quantity: 1 }];
    const quoted = await promo<{ quoteCheckout: { id: string; payable: { amount: number }; applied: Array<{ coupon: { id: string } }> } }>(QUOTE, { input: { lines: line } }, buyer.token);
    expect(quoted.data!.quoteCheckout.applied.map((a) => a.coupon.id)).toEqual([couponId]);
    const quoteId = quoted.data!.quoteCheckout.id;

    // The price went up since the quote.
    await freshSkuPrice(sku.id, 11_500);
    const changed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, quoteId });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_CHANGED', changes: [{ what: 'PRICE', id: String(sku.id), was: 11_000, now: 11_500 }, { what: 'MEMBER_LEVEL' }] });
    expect((await couponRow(couponId)).status).toBe('UNUSED');
    await freshSkuPrice(sku.id, 11_000);

    // The coupon expired since.
    await pdb().update(coupons).set({ validUntil: new Date(Date.now() - 1000) }).where(eq(coupons.id, Number(couponId)));
    const gone = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, quoteId });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'QUOTE_CHANGED' });
    expect((gone.errors?.[0]?.extensions as { changes: unknown[] }).changes).toContainEqual({ what: 'COUPON', id: couponId, was: 1_200, now: 0, why: 'EXPIRED' });
    expect(gone.errors?.[0]?.message).toContain('满100减12 no longer applies (EXPIRED)');
    await pdb().update(coupons).set({ validUntil: new Date(Date.now() + 86_400_000) }).where(eq(coupons.id, Number(couponId)));

    // Other lines, other coupons or points, another member's quote, a quote that does not exist.
    const other = await t.member();
    for (const [token, input, reason] of [
      [buyer.token, { lines: [{ skuId: String(sku.id), quantity: 2 }], quoteId }, 'QUOTE_MISMATCH'],
      [buyer.token, { lines: line, quoteId, couponIds: [] }, 'QUOTE_MISMATCH'],
      [buyer.token, { lines: line, quoteId, points: 5 }, 'QUOTE_MISMATCH'],
      [other.token, { lines: line, quoteId }, 'QUOTE_EXPIRED'],
      [buyer.token, { lines: line, quoteId: 'no-such-quote' }, 'QUOTE_EXPIRED'],
    ] as const) {
      const refused = await t.placeOrder(token, { idempotencyKey: randomUUID(), ...input });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason });
    }
    expect(await t.stockOf(sku.id)).toBe(10);

    // Unchanged: exactly the quote.
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, quoteId });
    expect(placed.data!.placeOrder.orders[0]!.amounts.payable.amount).toBe(quoted.data!.quoteCheckout.payable.amount);
    expect((await couponRow(couponId)).status).toBe('LOCKED');
  });

  it('uses the best coupons by itself when none are named, and none with an empty list', async () => {
    const buyer = await t.member();
    const sku = await freshSku(1, 10, 20_000);
    const small = await couponFor(buyer, { name: '立减5', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 500 });
    const big = await couponFor(buyer, { name: '满200减30', kind: 'AMOUNT_OFF', threshold: 20_000, amountOff: 3_000 });
    const line = [{ skuId: String(sku.id), quantity: 1 }];
    const none = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line, couponIds: [] });
    expect(none.data!.placeOrder.orders[0]!.amounts.discount.amount).toBe(1_000); // the level's 5%
    const auto = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: line });
    expect(auto.data!.placeOrder.orders[0]!.amounts.discount.amount).toBe(3_000 + 850);
    expect((await couponRow(big.couponId)).status).toBe('LOCKED');
    expect((await couponRow(small.couponId)).status).toBe('UNUSED');
  });
});

async function freshSkuPrice(skuId: number, price: number) {
  await t.catalog.subgraph.deps.database.db.update(skus).set({ price }).where(eq(skus.id, skuId));
}
