import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { as, errorCode, graphql, tokenFor } from '@mall/test-kit';
import { skus } from '@mall/catalog/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { completeWechatRefunds, newShopper, orderOne, payAndSettle, skuAt } from './shopping.ts';

/**
 * Refunds across order and payment (issue 10, defects 3 and 4): a refund made outside an
 * after-sale limits what an after-sale may ask for; an after-sale shows its refund or why it
 * failed; a paid order refunded in full before shipping closes and its stock comes back.
 */
let sg: TestSupergraph;
let sku: { id: number; shopId: number };
let merchant: string;
beforeAll(async () => {
  sg = await startSupergraph({ seed: { size: 1 } });
  sku = await skuAt(sg, 1, 10_000);
  merchant = await tokenFor(as.merchant(sku.shopId));
});
afterAll(() => sg?.stop());

const ORDER = 'query ($id: ID!) { order(id: $id) { status refunded { amount } refundState afterSales { status amount { amount } refundNo failureReason } payments { id } } }';
type OrderView = { order: { status: string; refunded: { amount: number }; refundState: string; afterSales: Array<{ status: string; amount: { amount: number }; refundNo: string | null; failureReason: string | null }>; payments: Array<{ id: string }> } };
const REFUND = 'mutation ($id: ID!, $amount: Int!, $key: String!) { refundPayment(paymentId: $id, amount: $amount, reason: "商家部分退款", idempotencyKey: $key) { id status } }';
const REQUEST = 'mutation ($id: ID!, $amount: Int) { requestAfterSale(orderId: $id, type: REFUND_ONLY, amount: $amount, reason: "不想要了") { id amount { amount } } }';
const DECIDE = 'mutation ($id: ID!) { decideAfterSale(id: $id, approve: true) { status } }';
const SHIP = 'mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰速运", trackingNumber: "SF1234567890") { status } }';

describe('refunds and after-sales', () => {
  it('limits an after-sale to what the merchant did not refund, refunds it, and closes the order with its stock back', async () => {
    const buyer = await newShopper(sg);
    const stock = async () => (await sg.catalog.subgraph.deps.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku.id)))[0]!.stock;
    const order = await orderOne(sg, buyer, sku.id);
    const payment = await payAndSettle(sg, buyer, order.id);
    const before = await stock();
    const view = async () => (await graphql<OrderView>(sg.gateway.url, ORDER, { id: order.id }, { token: buyer.token })).data!.order;

    // The merchant refunds 60% on their own.
    const sixty = Math.round(order.payable * 0.6);
    const refund = await graphql(sg.gateway.url, REFUND, { id: payment.id, amount: sixty, key: randomUUID() }, { token: merchant });
    expect(refund.errors).toBeUndefined();
    await completeWechatRefunds(sg, payment.paymentNo);
    await sg.eventsSettled();
    expect(await view()).toMatchObject({ status: 'PAID', refundState: 'PARTIAL', refunded: { amount: sixty } });

    // The buyer can no longer ask for all of it; the rest goes through the after-sale.
    expect(errorCode(await graphql(sg.gateway.url, REQUEST, { id: order.id, amount: order.payable }, { token: buyer.token }))).toBe('BAD_USER_INPUT');
    const asked = await graphql<{ requestAfterSale: { id: string; amount: { amount: number } } }>(sg.gateway.url, REQUEST, { id: order.id }, { token: buyer.token });
    expect(asked.data!.requestAfterSale.amount.amount).toBe(order.payable - sixty);
    expect((await graphql<{ decideAfterSale: { status: string } }>(sg.gateway.url, DECIDE, { id: asked.data!.requestAfterSale.id }, { token: merchant })).data!.decideAfterSale.status).toBe('REFUNDING');
    await sg.eventsSettled();
    await completeWechatRefunds(sg, payment.paymentNo);
    await sg.eventsSettled();

    const done = await view();
    expect(done.afterSales).toEqual([{ status: 'REFUNDED', amount: { amount: order.payable - sixty }, refundNo: expect.stringMatching(/^R/), failureReason: null }]);
    expect(done).toMatchObject({ status: 'CLOSED', refundState: 'FULL', refunded: { amount: order.payable } });
    expect(await stock()).toBe(before + 1);
    expect(errorCode(await graphql(sg.gateway.url, SHIP, { id: order.id }, { token: merchant }))).toBe('CONFLICT');
  });

  it('shows an approved after-sale FAILED, with the reason, when the refund cannot be made', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, sku.id);
    const payment = await payAndSettle(sg, buyer, order.id);
    // A merchant refund of 60% is still on its way when the buyer asks for everything.
    const sixty = Math.round(order.payable * 0.6);
    expect((await graphql(sg.gateway.url, REFUND, { id: payment.id, amount: sixty, key: randomUUID() }, { token: merchant })).errors).toBeUndefined();
    const asked = await graphql<{ requestAfterSale: { id: string } }>(sg.gateway.url, REQUEST, { id: order.id }, { token: buyer.token });
    await graphql(sg.gateway.url, DECIDE, { id: asked.data!.requestAfterSale.id }, { token: merchant });
    await sg.eventsSettled();
    const view = (await graphql<OrderView>(sg.gateway.url, ORDER, { id: order.id }, { token: buyer.token })).data!.order;
    expect(view.afterSales[0]).toMatchObject({ status: 'FAILED', refundNo: null, failureReason: expect.stringMatching(/refunded/) });
    // The merchant's refund still completes; the order then shows it, and is still shippable.
    await completeWechatRefunds(sg, payment.paymentNo);
    await sg.eventsSettled();
    const after = (await graphql<OrderView>(sg.gateway.url, ORDER, { id: order.id }, { token: buyer.token })).data!.order;
    expect(after).toMatchObject({ status: 'PAID', refundState: 'PARTIAL', refunded: { amount: sixty } });
  });
});
