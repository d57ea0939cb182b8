import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eventsWritten, graphql, waitFor } from '@mall/test-kit';
import { paidOrder, startOrderAlone, type OrderAlone } from './fixtures.ts';

/**
 * A completed order is settled once its after-sale window closes: `order.settled` says what
 * the buyer finally paid (membership rewards it with points, distribution will settle
 * commissions on it). The window here is a fraction of a second.
 */
let t: OrderAlone;
beforeAll(async () => {
  t = await startOrderAlone({ ORDER_AFTER_SALE_DAYS: '0.00002' }); // about 1.7 s
});
afterAll(() => t?.stop());

const SHIP = 'mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰速运", trackingNumber: "SF1234567890") { status } }';
const CONFIRM = 'mutation ($id: ID!) { confirmReceipt(id: $id) { status } }';
const settledEvents = async (orderNo: string) => (await eventsWritten<{ orderNo: string; paid: number; status: string }>(t.order.subgraph.deps.db, 'order.settled')).filter((e) => e.orderNo === orderNo);

describe('settlement after the after-sale window', () => {
  it('settles a completed order once, with what was finally paid, after its window closed', async () => {
    const o = await paidOrder(t, 2, 3);
    const row = await t.orderRow(o.id);
    // A partial refund first: the buyer finally paid less.
    await t.publish('payment.refunded', { refundId: '1', refundNo: `R${randomUUID().slice(0, 12)}`, paymentId: '1', paymentNo: o.paymentNo, orderId: o.id, memberId: String(o.buyer.memberId), amount: 500, refundedTotal: 500, source: 'MERCHANT', afterSaleId: null });
    await waitFor('the refund to show', async () => (await t.orderRow(o.id)).refundedAmount === 500);
    expect((await graphql(t.order.url, SHIP, { id: o.id }, { token: o.merchant })).errors).toBeUndefined();
    expect((await graphql(t.order.url, CONFIRM, { id: o.id }, { token: o.buyer.token })).errors).toBeUndefined();
    const completedAt = (await t.orderRow(o.id)).completedAt!;
    await waitFor('the order to be settled', async () => (await t.orderRow(o.id)).settledAt !== null, 15_000);
    const settled = await t.orderRow(o.id);
    // Not before its window closed.
    expect(settled.settledAt!.getTime()).toBeGreaterThanOrEqual(completedAt.getTime() + 0.00002 * 86_400_000);
    const written = await settledEvents(row.orderNo);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ paid: o.payable - 500, status: 'COMPLETED' });
  });
});
