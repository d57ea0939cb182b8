import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { as } from '@mall/test-kit';
import { outbox, payments, refunds } from '../src/db/schema.ts';
import { checkWithProvider } from '../src/services/payments.ts';
import { newMember, paidNotification, paidOrder, payOrder, startPayment, type PaymentInfo, type TestPayment } from './fixtures.ts';

let payment: TestPayment;

beforeAll(async () => {
  payment = await startPayment();
});
afterAll(() => payment?.close());

const paymentRow = async (paymentNo: string) => (await payment.deps.db.select().from(payments).where(eq(payments.paymentNo, paymentNo)))[0]!;
const succeededEvents = async (paymentNo: string) =>
  (await payment.deps.db.select().from(outbox).where(eq(outbox.subject, 'payment.succeeded'))).filter((row) => (row.payload.data as { paymentNo: string }).paymentNo === paymentNo);

/** A WeChat payment of a new member's order of `payable`, prepaid, not paid yet. */
async function pendingWechat(payable: number): Promise<{ info: PaymentInfo; id: string; paymentNo: string }> {
  const info = payment.order.place(newMember(), payable);
  const started = await payOrder(payment, info, 'WECHAT');
  const { id, paymentNo } = started.data!.payOrder.payment;
  return { info, id, paymentNo };
}

const PAYMENT = 'query ($id: ID!) { payment(id: $id) { status amount { amount } payerPaid { amount } } }';
interface PaymentData {
  payment: { status: string; amount: { amount: number }; payerPaid: { amount: number } | null };
}
/** The payment as its payer sees it on payment's GraphQL endpoint. */
async function seen(info: PaymentInfo, id: string): Promise<PaymentData['payment']> {
  const response = await payment.query<PaymentData>(PAYMENT, { id }, as.member(info.memberId));
  if (!response.data) throw new Error(`payment(id:) failed: ${JSON.stringify(response.errors)}`);
  return response.data.payment;
}

// Defect 14: a verified notification was believed whatever its currency, and what the payer
// paid (less than the total when a WeChat Pay coupon paid part) was never kept.
describe('a payment notification', () => {
  it('is refused (400, nothing changes, counted for a person) unless it is in CNY', async () => {
    const { info, id, paymentNo } = await pendingWechat(2590);
    const mismatches = await payment.attentionCount('notification_mismatch');
    const notCny: Array<[string, Record<string, unknown>]> = [
      ['in USD', { total: 2590, payer_total: 2590, currency: 'USD', payer_currency: 'USD' }],
      ['paid by the payer in USD', { total: 2590, payer_total: 2590, currency: 'CNY', payer_currency: 'USD' }],
      ['with no currency', { total: 2590, payer_total: 2590 }],
    ];
    for (const [what, amount] of notCny) expect(await payment.post(paidNotification(payment, paymentNo, { amount })), what).toBe(400);
    expect(await payment.attentionCount('notification_mismatch')).toBe(mismatches + notCny.length);
    expect((await paymentRow(paymentNo)).status).toBe('PENDING');
    expect(await succeededEvents(paymentNo)).toEqual([]);
    expect(await seen(info, id)).toMatchObject({ status: 'PENDING', payerPaid: null });
    // The same payment in CNY is taken.
    expect(await payment.post(paidNotification(payment, paymentNo))).toBe(204);
    expect((await paymentRow(paymentNo)).status).toBe('SUCCEEDED');
  });

  it('records what the payer paid when a coupon paid part of the total', async () => {
    const { info, id, paymentNo } = await pendingWechat(2590);
    const coupon = paidNotification(payment, paymentNo, { amount: { total: 2590, payer_total: 2090, currency: 'CNY', payer_currency: 'CNY' }, promotion_detail: [{ coupon_id: '109519', type: 'CASH', amount: 500 }] });
    expect(await payment.post(coupon)).toBe(204);
    expect(await seen(info, id)).toEqual({ status: 'SUCCEEDED', amount: { amount: 2590 }, payerPaid: { amount: 2090 } });
    expect(await paymentRow(paymentNo)).toMatchObject({ amount: 2590, payerTotal: 2090 });
    // The order's amount is what was paid for it: the event still carries the total.
    expect((await succeededEvents(paymentNo)).map((row) => (row.payload.data as { amount: number }).amount)).toEqual([2590]);
  });

  it('is refused when payer_total is above the total or not an amount', async () => {
    const { paymentNo } = await pendingWechat(1000);
    const mismatches = await payment.attentionCount('notification_mismatch');
    for (const payerTotal of [1001, -1, 99.5, '1000']) {
      expect(await payment.post(paidNotification(payment, paymentNo, { amount: { total: 1000, payer_total: payerTotal, currency: 'CNY', payer_currency: 'CNY' } })), String(payerTotal)).toBe(400);
    }
    expect(await payment.attentionCount('notification_mismatch')).toBe(mismatches + 4);
    expect((await paymentRow(paymentNo)).status).toBe('PENDING');
  });

  it('shows the whole amount as paid by the payer without a coupon, and for wallet payments', async () => {
    const { info, id, paymentNo } = await pendingWechat(1500);
    expect(await payment.post(payment.wechatPay.pay(paymentNo))).toBe(204);
    expect((await seen(info, id)).payerPaid).toEqual({ amount: 1500 });
    const wallet = await paidOrder(payment, 800, 'BALANCE');
    expect((await seen(wallet.info, wallet.payment.id)).payerPaid).toEqual({ amount: 800 });
  });
});

describe('asking WeChat Pay about a payment (a notification lost)', () => {
  it('leaves a transaction WeChat Pay reports paid in another currency pending, for a person', async () => {
    const { paymentNo } = await pendingWechat(2590);
    payment.wechatPay.pay(paymentNo);
    payment.wechatPay.transactions.get(paymentNo)!.amount.currency = 'USD';
    const mismatches = await payment.attentionCount('paid_transaction_mismatch');
    expect(await checkWithProvider(payment.deps, await paymentRow(paymentNo))).toBe('PENDING');
    expect(await payment.attentionCount('paid_transaction_mismatch')).toBe(mismatches + 1);
    expect((await paymentRow(paymentNo)).status).toBe('PENDING');
    expect(await succeededEvents(paymentNo)).toEqual([]);
  });

  it('settles a paid transaction with what the payer paid', async () => {
    const { info, id, paymentNo } = await pendingWechat(2590);
    payment.wechatPay.pay(paymentNo, { coupon: 300 });
    expect(await checkWithProvider(payment.deps, await paymentRow(paymentNo))).toBe('SUCCEEDED');
    expect(await seen(info, id)).toEqual({ status: 'SUCCEEDED', amount: { amount: 2590 }, payerPaid: { amount: 2290 } });
  });
});

describe('a refund notification', () => {
  it('is refused (400, nothing changes, counted for a person) when it names another currency than CNY', async () => {
    const { payment: paid } = await paidOrder(payment, 3000);
    const asked = await payment.query<{ refundPayment: { refundNo: string; status: string } }>(
      'mutation ($id: ID!, $key: String!) { refundPayment(paymentId: $id, amount: 1000, reason: "部分退款", idempotencyKey: $key) { refundNo status } }',
      { id: paid.id, key: randomUUID() },
      as.merchant(3),
    );
    const { refundNo } = asked.data!.refundPayment;
    expect(asked.data!.refundPayment.status).toBe('PROCESSING');
    const genuine = payment.wechatPay.completeRefund(refundNo);
    const atWechatPay = payment.wechatPay.refunds.get(refundNo)!;
    const mismatches = await payment.attentionCount('notification_mismatch');
    const inUsd = payment.wechatPay.notification(genuine.url, 'REFUND.SUCCESS', '退款成功', {
      mchid: payment.wechatPayKeys.mchid,
      out_trade_no: paid.paymentNo,
      out_refund_no: refundNo,
      refund_id: atWechatPay.refund_id,
      refund_status: 'SUCCESS',
      amount: { total: 3000, refund: 1000, payer_total: 3000, payer_refund: 1000, currency: 'USD' },
    }, 'refund');
    expect(await payment.post(inUsd)).toBe(400);
    expect(await payment.attentionCount('notification_mismatch')).toBe(mismatches + 1);
    const [row] = await payment.deps.db.select().from(refunds).where(eq(refunds.refundNo, refundNo));
    expect(row!.status).toBe('PROCESSING');
    // WeChat Pay's own refund notification names no currency (the payment's): it is taken.
    expect(await payment.post(genuine)).toBe(204);
    const [done] = await payment.deps.db.select().from(refunds).where(eq(refunds.refundNo, refundNo));
    expect(done!.status).toBe('SUCCEEDED');
  });
});
