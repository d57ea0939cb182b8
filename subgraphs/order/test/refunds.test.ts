import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { skus } from '@mall/catalog/db';
import { as, errorCode, graphql, tokenFor, waitFor } from '@mall/test-kit';
import { afterSales } from '../src/db/schema.ts';
import { paidOrder as paidOrderOf, startOrderAlone, type OrderAlone } from './fixtures.ts';

/**
 * What payment's refunds do to an order, with payment's events published onto order's
 * stream as payment's relay would: a partial refund shows on a paid order that can still
 * ship; a full refund before shipping closes it and puts its goods back; after-sales are
 * limited to what is still refundable, however the rest was refunded, and show their
 * refund's outcome.
 */
let t: OrderAlone;
beforeAll(async () => {
  t = await startOrderAlone();
});
afterAll(() => t?.stop());

const ORDER = `query ($id: ID!) { order(id: $id) { status refunded { amount } refundState afterSales { id status amount { amount } refundNo failureReason } } }`;
type OrderView = { order: { status: string; refunded: { amount: number }; refundState: string; afterSales: Array<{ id: string; status: string; amount: { amount: number }; refundNo: string | null; failureReason: string | null }> } };
const REQUEST = 'mutation ($id: ID!, $amount: Int) { requestAfterSale(orderId: $id, type: REFUND_ONLY, amount: $amount, reason: "不想要了") { id status amount { amount } } }';
const DECIDE = 'mutation ($id: ID!) { decideAfterSale(id: $id, approve: true) { id status } }';
const SHIP = 'mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰速运", trackingNumber: "SF1234567890") { status } }';

const paidOrder = (productId: number, quantity: number) => paidOrderOf(t, productId, quantity);

const refunded = (o: Awaited<ReturnType<typeof paidOrder>>, amount: number, refundedTotal: number, afterSaleId: string | null = null) =>
  t.publish('payment.refunded', {
    refundId: randomUUID().slice(0, 8), refundNo: `R${randomUUID().slice(0, 12)}`, paymentId: '1', paymentNo: o.paymentNo, orderId: o.id, memberId: String(o.buyer.memberId),
    amount, refundedTotal, source: afterSaleId ? 'AFTER_SALE' : 'MERCHANT', afterSaleId,
  });

const view = async (o: Awaited<ReturnType<typeof paidOrder>>) => (await graphql<OrderView>(t.order.url, ORDER, { id: o.id }, { token: o.buyer.token })).data!.order;

describe('refunds and the order', () => {
  it('shows a partial refund on a paid order that still ships, and limits after-sales to what is left', async () => {
    const o = await paidOrder(1, 5); // 5 × ¥10, 95%: ¥47.50
    const sixty = Math.round(o.payable * 0.6);
    await refunded(o, sixty, sixty);
    await waitFor('the refund to show', async () => (await view(o)).refunded.amount === sixty);
    expect(await view(o)).toMatchObject({ status: 'PAID', refundState: 'PARTIAL' });
    // The buyer cannot ask for all of it any more: only what the merchant did not refund.
    expect(errorCode(await graphql(t.order.url, REQUEST, { id: o.id, amount: o.payable }, { token: o.buyer.token }))).toBe('BAD_USER_INPUT');
    const asked = await graphql<{ requestAfterSale: { id: string; amount: { amount: number } } }>(t.order.url, REQUEST, { id: o.id }, { token: o.buyer.token });
    expect(asked.data!.requestAfterSale.amount.amount).toBe(o.payable - sixty);
    // Still shippable.
    const shipped = await graphql<{ shipOrder: { status: string } }>(t.order.url, SHIP, { id: o.id }, { token: o.merchant });
    expect(shipped.data!.shipOrder.status).toBe('SHIPPED');
  });

  it('closes a paid order refunded in full before shipping: never shipped, its stock back on the shelf', async () => {
    const o = await paidOrder(2, 3);
    const cdb = t.catalog.subgraph.deps.db;
    const before = (await cdb.select().from(skus).where(eq(skus.id, o.sku.id)))[0]!;
    expect(before.stock).toBe(97);
    await refunded(o, o.payable, o.payable);
    await waitFor('the order to close', async () => (await view(o)).status === 'CLOSED');
    expect(await view(o)).toMatchObject({ refundState: 'FULL', refunded: { amount: o.payable } });
    await waitFor('its goods back on the shelf', async () => (await cdb.select().from(skus).where(eq(skus.id, o.sku.id)))[0]!.stock === 100);
    expect((await cdb.select().from(skus).where(eq(skus.id, o.sku.id)))[0]!.sales).toBe(before.sales - 3);
    const ship = await graphql(t.order.url, SHIP, { id: o.id }, { token: o.merchant });
    expect(ship.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect(errorCode(await graphql(t.order.url, REQUEST, { id: o.id }, { token: o.buyer.token }))).toBe('CONFLICT');
  });

  it('keeps a shipped order shipped when it is refunded in full (the goods have left)', async () => {
    const o = await paidOrder(3, 1);
    await graphql(t.order.url, SHIP, { id: o.id }, { token: o.merchant });
    await refunded(o, o.payable, o.payable);
    await waitFor('the refund to show', async () => (await view(o)).refundState === 'FULL');
    expect((await view(o)).status).toBe('SHIPPED');
  });

  it('shows an after-sale REFUNDING, then REFUNDED with its refund, or FAILED with the reason (and the buyer may ask again)', async () => {
    const o = await paidOrder(4, 2);
    const asked = await graphql<{ requestAfterSale: { id: string } }>(t.order.url, REQUEST, { id: o.id }, { token: o.buyer.token });
    const first = asked.data!.requestAfterSale.id;
    expect((await graphql<{ decideAfterSale: { status: string } }>(t.order.url, DECIDE, { id: first }, { token: o.merchant })).data!.decideAfterSale.status).toBe('REFUNDING');
    // While it is refunding nothing more can be asked for.
    expect(errorCode(await graphql(t.order.url, REQUEST, { id: o.id }, { token: o.buyer.token }))).toBe('CONFLICT');
    await t.publish('payment.refund_failed', {
      refundId: null, refundNo: null, paymentId: '1', paymentNo: o.paymentNo, orderId: o.id, memberId: String(o.buyer.memberId), amount: o.payable,
      source: 'AFTER_SALE', afterSaleId: first, reason: 'Only 0 of payment P… can still be refunded.',
    });
    await waitFor('the after-sale to fail', async () => (await view(o)).afterSales[0]!.status === 'FAILED');
    expect((await view(o)).afterSales[0]!.failureReason).toMatch(/can still be refunded/);
    const again = await graphql<{ requestAfterSale: { id: string } }>(t.order.url, REQUEST, { id: o.id }, { token: o.buyer.token });
    const second = again.data!.requestAfterSale.id;
    await graphql(t.order.url, DECIDE, { id: second }, { token: o.merchant });
    await refunded(o, o.payable, o.payable, second);
    await waitFor('the after-sale to be refunded', async () => (await view(o)).afterSales[1]!.status === 'REFUNDED');
    const final = await view(o);
    expect(final.afterSales[1]!.refundNo).toMatch(/^R/);
    expect(final).toMatchObject({ status: 'CLOSED', refundState: 'FULL' });
    const rows = await t.order.subgraph.deps.db.select().from(afterSales).where(eq(afterSales.orderId, Number(o.id)));
    expect(rows.map((r) => r.status)).toEqual(['FAILED', 'REFUNDED']);
  });

  it('waits with a refund that comes before the payment it refunds, then closes the order', async () => {
    const buyer = await t.member();
    const sku = await t.skuWith(5, 100, 1000);
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 2 }] });
    const order = placed.data!.placeOrder.orders[0]!;
    const payable = order.amounts.payable.amount;
    const paymentNo = `P${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    // The merchant refunded in full at once; order hears of the refund first.
    await t.publish('payment.refunded', {
      refundId: '9', refundNo: 'R-early', paymentId: '9', paymentNo, orderId: order.id, memberId: String(buyer.memberId),
      amount: payable, refundedTotal: payable, source: 'MERCHANT', afterSaleId: null,
    });
    await t.publish('payment.succeeded', { paymentId: '9', paymentNo, purpose: 'ORDER', orderId: order.id, memberId: String(buyer.memberId), method: 'BALANCE', amount: payable });
    await waitFor('the order to be closed by the refund', async () => (await t.orderRow(order.id)).status === 'CLOSED', 15_000);
    expect((await t.orderRow(order.id)).refundedAmount).toBe(payable);
    await waitFor('its goods back on the shelf', async () => (await t.stockOf(sku.id)) === 100);
  });

  it('restocks a closed order even when the commit of its sale answers after it closed', async () => {
    let answer: () => void = () => {};
    t.faults.holdCommitAnswers = new Promise<void>((resolve) => (answer = resolve));
    const buyer = await t.member();
    const sku = await t.skuWith(6, 100, 1000);
    const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 3 }] });
    const order = placed.data!.placeOrder.orders[0]!;
    const payable = order.amounts.payable.amount;
    const paymentNo = `P${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    await t.publish('payment.succeeded', { paymentId: '8', paymentNo, purpose: 'ORDER', orderId: order.id, memberId: String(buyer.memberId), method: 'WECHAT', amount: payable });
    await waitFor('the sale to reach catalog', () => t.sent.some((s) => s.subject === 'commit' && s.orderId === order.orderNo));
    // Refunded in full while the commit's answer is on its way; the first restock fails.
    t.faults.failRestocks = 1;
    await t.publish('payment.refunded', {
      refundId: '8', refundNo: 'R-late', paymentId: '8', paymentNo, orderId: order.id, memberId: String(buyer.memberId),
      amount: payable, refundedTotal: payable, source: 'ADMIN', afterSaleId: null,
    });
    await waitFor('the order to close', async () => (await t.orderRow(order.id)).status === 'CLOSED');
    await waitFor('the first restock to fail', () => t.faults.failRestocks === 0);
    t.faults.holdCommitAnswers = null;
    answer();
    // The late commit answer marks nothing; the sweep restocks the closed order.
    await waitFor('the goods back on the shelf', async () => (await t.stockOf(sku.id)) === 100, 15_000);
    // The sweep marks the order settled once catalog has answered the restock: a moment after the shelf shows it.
    await waitFor('the closed order to be marked settled', async () => (await t.orderRow(order.id)).stockSettled, 5_000);
    expect(await t.stockOf(sku.id)).toBe(100);
  });

  it('refuses to approve a request for more than is left once the rest was refunded another way', async () => {
    const o = await paidOrder(4, 2);
    const asked = await graphql<{ requestAfterSale: { id: string } }>(t.order.url, REQUEST, { id: o.id }, { token: o.buyer.token });
    // The merchant refunds everything on their own while the request waits: the order closes.
    await refunded(o, o.payable, o.payable);
    await waitFor('the order to close', async () => (await view(o)).status === 'CLOSED');
    const decided = await graphql(t.order.url, DECIDE, { id: asked.data!.requestAfterSale.id }, { token: o.merchant });
    expect(decided.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOTHING_REFUNDABLE', refundable: 0 });
    expect((await view(o)).afterSales.map((a) => a.status)).toEqual(['REQUESTED']);
  });
});
