import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { as, errorCode, waitFor } from '@mall/test-kit';
import { outbox, payments, refunds } from '../src/db/schema.ts';
import { sweep } from '../src/services/sweeper.ts';
import { paidOrder, startPayment, type TestPayment } from './fixtures.ts';

let payment: TestPayment;
const merchant = as.merchant(3);

// Up to 20 requests wait on one payment's row lock at once, each holding a connection.
beforeAll(async () => {
  payment = await startPayment({ MYSQL_POOL_SIZE: '40' });
});
afterAll(() => payment?.close());

const REFUND = `mutation ($id: ID!, $amount: Int!, $key: String!) {
  refundPayment(paymentId: $id, amount: $amount, reason: "部分退款", idempotencyKey: $key) { id refundNo status amount { amount } }
}`;
interface RefundData {
  refundPayment: { id: string; refundNo: string; status: string; amount: { amount: number } };
}
const refund = (paymentId: string, amount: number, key: string) => payment.query<RefundData>(REFUND, { id: paymentId, amount, key }, merchant);
const paymentRow = async (id: string) => (await payment.deps.db.select().from(payments).where(eq(payments.id, Number(id))))[0]!;
const refundRows = (id: string) => payment.deps.db.select().from(refunds).where(eq(refunds.paymentId, Number(id)));
const atWechatPay = (paymentNo: string) => [...payment.wechatPay.refunds.values()].filter((r) => r.out_trade_no === paymentNo);

/**
 * Sends `requests` while a transaction of the test holds the payment's row lock, and lets
 * them go once every one of them waits for it: they all meet the lock together, whatever the
 * machine's speed.
 */
async function allAtOnce<T>(paymentId: string, requests: Array<() => Promise<T>>): Promise<T[]> {
  const unlock = await payment.lockPayment(paymentId);
  const sent = requests.map((send) => send());
  try {
    await payment.lockWaits(requests.length);
  } finally {
    await unlock();
  }
  return Promise.all(sent);
}

describe('refundPayment', () => {
  it('never refunds past what was paid: 20 concurrent ¥10 refunds of a ¥100 payment, each with its own key', async () => {
    const { payment: paid } = await paidOrder(payment, 10_000);
    const results = await allAtOnce(paid.id, Array.from({ length: 20 }, () => () => refund(paid.id, 1000, randomUUID())));
    const accepted = results.filter((r) => r.data?.refundPayment);
    expect(accepted).toHaveLength(10);
    for (const r of results.filter((x) => !x.data?.refundPayment)) {
      expect(errorCode(r)).toBe('CONFLICT');
      expect(r.errors![0]!.extensions!['reason']).toBe('EXCEEDS_REFUNDABLE');
    }
    expect(new Set(accepted.map((r) => r.data!.refundPayment.id)).size).toBe(10);
    expect((await paymentRow(paid.id)).refundedAmount).toBe(10_000);
    expect(await refundRows(paid.id)).toHaveLength(10);
    expect(atWechatPay(paid.paymentNo).reduce((sum, r) => sum + r.amount.refund, 0)).toBe(10_000);
  });

  // Defect 2: the key was looked up before the payment's lock, so requests that had queued
  // for the lock missed the first one's refund and were refused as exceeding what was left.
  it('answers one refund to 10 concurrent requests with the same key for 60% of the payment', async () => {
    const { payment: paid } = await paidOrder(payment, 10_000);
    const key = randomUUID();
    const results = await allAtOnce(paid.id, Array.from({ length: 10 }, () => () => refund(paid.id, 6000, key)));
    expect(results.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
    const ids = new Set(results.map((r) => r.data!.refundPayment.id));
    expect(ids.size).toBe(1);
    const rows = await refundRows(paid.id);
    expect(rows.map((r) => [String(r.id), r.amount])).toEqual([[[...ids][0], 6000]]);
    expect((await paymentRow(paid.id)).refundedAmount).toBe(6000);
    expect(atWechatPay(paid.paymentNo).map((r) => r.amount.refund)).toEqual([6000]);
  });

  it('answers the first refund to a retry with its key, and refuses the key for another amount', async () => {
    const { payment: paid } = await paidOrder(payment, 5000);
    const key = randomUUID();
    const first = await refund(paid.id, 1200, key);
    const again = await refund(paid.id, 1200, key);
    expect(again.data!.refundPayment.id).toBe(first.data!.refundPayment.id);
    const other = await refund(paid.id, 1300, key);
    expect(errorCode(other)).toBe('CONFLICT');
    expect(other.errors![0]!.extensions!['reason']).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await paymentRow(paid.id)).refundedAmount).toBe(1200);
  });

  it('refunds a wallet payment into the wallet once, however often it is asked with its key', async () => {
    const { info, payment: paid } = await paidOrder(payment, 2590, 'BALANCE');
    expect(payment.membership.wallets.get(info.memberId)).toBe(0);
    const key = randomUUID();
    const results = await Promise.all([0, 1, 2].map(() => refund(paid.id, 590, key)));
    expect(new Set(results.map((r) => r.data!.refundPayment.id)).size).toBe(1);
    expect(results.map((r) => r.data!.refundPayment.status)).toContain('SUCCEEDED');
    const credits = payment.membership.entries.filter((e) => e.memberId === info.memberId && e.kind === 'REFUND');
    expect(credits.map((e) => [e.amount, e.idempotencyKey])).toEqual([[590, `refund:${results[0]!.data!.refundPayment.refundNo}`]]);
    expect(payment.membership.wallets.get(info.memberId)).toBe(590);
  });

  it('fails a wallet refund membership refuses for good, gives its amount back to what may be refunded, and tells a person', async () => {
    const { info, payment: paid } = await paidOrder(payment, 2000, 'BALANCE');
    payment.membership.closed.add(info.memberId);
    const refused = await payment.attentionCount('refund_refused');
    const result = await refund(paid.id, 700, randomUUID());
    expect(result.data!.refundPayment.status).toBe('FAILED');
    const [row] = await refundRows(paid.id);
    expect(row).toMatchObject({ status: 'FAILED', amount: 700 });
    expect(row!.failureReason).toContain('not found');
    expect((await paymentRow(paid.id)).refundedAmount).toBe(0);
    expect(await payment.attentionCount('refund_refused')).toBe(refused + 1);
    const failed = (await payment.deps.db.select().from(outbox).where(eq(outbox.subject, 'payment.refund_failed')))
      .map((r) => r.payload.data as { refundNo: string; shopId?: string | null })
      .filter((e) => e.refundNo === row!.refundNo);
    expect(failed).toEqual([expect.objectContaining({ refundNo: row!.refundNo, shopId: info.shopId })]);
    // What it could not give back may still be refunded once the wallet takes it.
    payment.membership.closed.delete(info.memberId);
    const again = await refund(paid.id, 2000, randomUUID());
    expect(again.data!.refundPayment.status).toBe('SUCCEEDED');
    expect(payment.membership.wallets.get(info.memberId)).toBe(2000);
  });

  it('keeps a wallet refund pending while the wallet is at its limit, and sends it again until it is taken', async () => {
    const { info, payment: paid } = await paidOrder(payment, 2000, 'BALANCE');
    payment.membership.full.add(info.memberId);
    const waiting = await payment.attentionCount('refund_waiting_for_wallet');
    const result = await refund(paid.id, 900, randomUUID());
    expect(result.data!.refundPayment.status).toBe('PENDING');
    expect(await payment.attentionCount('refund_waiting_for_wallet')).toBe(waiting + 1);
    expect((await paymentRow(paid.id)).refundedAmount).toBe(900);
    payment.membership.full.delete(info.memberId);
    // The next sweep (its interval from now) sends it again, under the same key.
    await sweep(payment.deps, new Date(Date.now() + payment.deps.settings.queryIntervalMs + 1000));
    expect((await refundRows(paid.id)).map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(payment.membership.wallets.get(info.memberId)).toBe(900);
  });

  it('lets only the shop’s merchant and admins refund, and only succeeded order payments', async () => {
    const { info, payment: paid } = await paidOrder(payment, 3000);
    expect(errorCode(await payment.query(REFUND, { id: paid.id, amount: 100, key: randomUUID() }, as.member(info.memberId)))).toBe('FORBIDDEN');
    expect(errorCode(await payment.query(REFUND, { id: paid.id, amount: 100, key: randomUUID() }, as.merchant(4)))).toBe('NOT_FOUND');
    expect(errorCode(await payment.query(REFUND, { id: paid.id, amount: 100, key: randomUUID() }))).toBe('UNAUTHENTICATED');
    const pending = payment.order.place(info.memberId, 800);
    const started = await payment.query<{ payOrder: { payment: { id: string } } }>('mutation ($id: ID!) { payOrder(orderId: $id, method: WECHAT) { payment { id } } }', { id: pending.orderId }, as.member(info.memberId));
    const notPaid = await refund(started.data!.payOrder.payment.id, 100, randomUUID());
    expect(notPaid.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_REFUNDABLE' });
    expect((await paymentRow(paid.id)).refundedAmount).toBe(0);
  });
});

describe('an approved after-sale', () => {
  const approved = (sold: Awaited<ReturnType<typeof paidOrder>>, afterSaleId: string, paymentRef: string | null) =>
    payment.publish('order.after_sale_approved', {
      afterSaleId,
      orderId: sold.info.orderId,
      orderNo: sold.info.orderNo,
      memberId: sold.info.memberId,
      shopId: sold.info.shopId,
      type: 'REFUND_ONLY',
      amount: 500,
      paymentRef,
    });

  it('is refunded only through the payment the order took, never another payment of the order', async () => {
    const sold = await paidOrder(payment, 1500, 'BALANCE');
    const missing = await payment.attentionCount('after_sale_without_payment');
    await approved(sold, '9001', 'P-NOT-THIS-ORDERS');
    await waitFor('the after-sale to be looked at', async () => (await payment.attentionCount('after_sale_without_payment')) === missing + 1);
    expect(await refundRows(sold.payment.id)).toEqual([]);
    await approved(sold, '9002', sold.payment.paymentNo);
    await waitFor('the after-sale refunded', async () => (await refundRows(sold.payment.id))[0]?.status === 'SUCCEEDED');
    expect((await refundRows(sold.payment.id)).map((r) => [r.afterSaleId, r.amount])).toEqual([[9002, 500]]);
    expect(payment.membership.wallets.get(sold.info.memberId)).toBe(500);
  });

  it('of an order paid twice goes back through the payment the order took, and waits for a person when the event names none', async () => {
    const sold = await paidOrder(payment, 1500, 'BALANCE');
    // A second payment of the order that also succeeded (the order refused it; its own refund comes apart).
    const [row] = await payment.deps.db.select().from(payments).where(eq(payments.id, Number(sold.payment.id)));
    const { id: _id, paymentNo: _no, createdAt: _c, updatedAt: _u, ...copy } = row!;
    const [second] = await payment.deps.db.insert(payments).values({ ...copy, paymentNo: `P${randomUUID().replace(/-/g, '').slice(0, 24)}`, providerTransactionId: 'second' }).$returningId();
    const missing = await payment.attentionCount('after_sale_without_payment');
    await approved(sold, '9101', null);
    await waitFor('the after-sale to be looked at', async () => (await payment.attentionCount('after_sale_without_payment')) === missing + 1);
    expect([...(await refundRows(sold.payment.id)), ...(await refundRows(String(second!.id)))]).toEqual([]);
    await approved(sold, '9102', sold.payment.paymentNo);
    await waitFor('the after-sale refunded', async () => (await refundRows(sold.payment.id))[0]?.status === 'SUCCEEDED');
    expect(await refundRows(String(second!.id))).toEqual([]);
  });
});
