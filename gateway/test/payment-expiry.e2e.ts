import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { orders } from '@mall/order/db';
import { payments, refunds } from '@mall/payment/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper, orderOne, payOrder, post, skuAt } from './shopping.ts';

// Orders wait 2 s for payment; WeChat Pay completes refunds 50 ms after they are asked for.
let sg: TestSupergraph;
let skuId: number;
beforeAll(async () => {
  sg = await startSupergraph(1, { ORDER_PAYMENT_SECONDS: '2' }, {}, { refundDelayMs: 50 });
  skuId = (await skuAt(sg, 1, 1990)).id;
});
afterAll(() => sg?.stop());

const orderRow = async (id: string) => (await sg.order.subgraph.deps.database.db.select().from(orders).where(eq(orders.id, Number(id))))[0]!;

describe('payments and the payment window', () => {
  it('settles a payment whose notification never came by asking WeChat Pay before the order expires', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, skuId);
    const { payment } = (await payOrder(sg, buyer, order.id, 'WECHAT')).data!.payOrder;
    sg.wechatPay.pay(payment.paymentNo); // paid on the phone; the notification is lost
    await expect.poll(async () => (await orderRow(order.id)).status, { timeout: 10_000 }).toBe('PAID');
    const [row] = await sg.payment.subgraph.deps.database.db.select().from(payments).where(eq(payments.paymentNo, payment.paymentNo));
    expect(row).toMatchObject({ status: 'SUCCEEDED', providerTransactionId: sg.wechatPay.transactions.get(payment.paymentNo)!.transaction_id });
  });

  it('ends every order racing its expiry either paid, or cancelled with the payment refunded (or never taken)', async () => {
    const buyer = await newShopper(sg);
    // Ten orders placed and prepaid together, so their 2 s windows close together.
    const racing = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const order = await orderOne(sg, buyer, skuId);
        const { payment } = (await payOrder(sg, buyer, order.id, 'WECHAT')).data!.payOrder;
        return { orderId: order.id, paymentNo: payment.paymentNo, payable: order.payable };
      }),
    );
    // Buyers pay from 1 s before their order's window closes to 1.25 s after it, so some pay
    // in time and some are too late; the sweepers of order (cancels) and payment (queries,
    // closes) run all along.
    await Promise.all(
      racing.map(async (r, i) => {
        const expiresAt = (await orderRow(r.orderId)).expiresAt.getTime();
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - 1000 + i * 250 - Date.now())));
        let notification;
        try {
          notification = sg.wechatPay.pay(r.paymentNo);
        } catch {
          return; // past time_expire, or closed by payment's sweeper: the buyer could not pay
        }
        // WeChat Pay's notification can come late: some arrive after the order's window closed.
        await new Promise((resolve) => setTimeout(resolve, (i % 3) * 400));
        await post(notification);
      }),
    );
    const odb = sg.order.subgraph.deps.database.db;
    const pdb = sg.payment.subgraph.deps.database.db;
    const ids = racing.map((r) => Number(r.orderId));
    await expect.poll(async () => (await odb.select().from(orders).where(inArray(orders.id, ids))).filter((o) => o.status === 'PENDING_PAYMENT').length, { timeout: 15_000 }).toBe(0);
    // Settled: no payment pending, and every payment a cancelled order refused refunded.
    await expect.poll(async () => {
      const cancelled = (await odb.select().from(orders).where(inArray(orders.id, ids))).filter((o) => o.status === 'CANCELLED').map((o) => String(o.id));
      const rows = await pdb.select().from(payments).where(inArray(payments.orderId, ids));
      const done = await pdb.select().from(refunds).where(eq(refunds.status, 'SUCCEEDED'));
      const unsettled = racing.filter((r) => {
        const row = rows.find((p) => p.paymentNo === r.paymentNo);
        if (!row || row.status === 'PENDING') return true;
        const paidAtWechat = sg.wechatPay.transactions.get(r.paymentNo)!.trade_state === 'SUCCESS';
        return cancelled.includes(r.orderId) && paidAtWechat && !done.some((d) => d.paymentId === row.id);
      });
      return unsettled.length;
    }, { timeout: 15_000 }).toBe(0);

    const outcomes = { paid: 0, refunded: 0, neverPaid: 0 };
    for (const r of racing) {
      const order = await orderRow(r.orderId);
      const [payment] = await pdb.select().from(payments).where(eq(payments.paymentNo, r.paymentNo));
      const refunded = await pdb.select().from(refunds).where(eq(refunds.paymentId, payment!.id));
      const atWechat = sg.wechatPay.transactions.get(r.paymentNo)!.trade_state;
      if (order.status === 'PAID') {
        outcomes.paid++;
        expect(payment!.status).toBe('SUCCEEDED');
        expect(order.paymentRef).toBe(r.paymentNo);
        expect(refunded).toEqual([]);
      } else {
        expect(order.status).toBe('CANCELLED');
        if (atWechat === 'SUCCESS') {
          outcomes.refunded++;
          expect(payment!.status).toBe('SUCCEEDED');
          expect(refunded.map((x) => [x.status, x.source, x.amount])).toEqual([['SUCCEEDED', 'ORDER_CANCELLED', r.payable]]);
        } else {
          outcomes.neverPaid++;
          expect(atWechat).toBe('CLOSED');
          expect(payment!.status).toBe('CLOSED');
          expect(refunded).toEqual([]);
        }
      }
    }
    expect(outcomes.paid + outcomes.refunded + outcomes.neverPaid).toBe(10);
    // The spread makes both sides win sometimes.
    expect(outcomes.paid).toBeGreaterThan(0);
    expect(outcomes.refunded + outcomes.neverPaid).toBeGreaterThan(0);
  });
});
