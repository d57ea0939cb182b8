import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { graphql, waitFor } from '@mall/test-kit';
import { orders } from '@mall/order/db';
import { payments, refunds } from '@mall/payment/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper, orderOne, payOrder, post, skuAt } from './shopping.ts';

// Orders wait 2 s for payment; WeChat Pay completes refunds 50 ms after they are asked for.
let sg: TestSupergraph;
let skuId: number;
beforeAll(async () => {
  sg = await startSupergraph({ seed: { size: 1 }, env: { ORDER_PAYMENT_SECONDS: '2' }, wechatPay: { refundDelayMs: 50 } });
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

  it('refunds in full a payment that arrives after its order was cancelled', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, skuId);
    const { payment } = (await payOrder(sg, buyer, order.id, 'WECHAT')).data!.payOrder;
    // The buyer cancels, but had already confirmed on the phone: WeChat Pay took the money.
    const cancelled = await graphql(sg.gateway.url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: order.id }, { token: buyer.token });
    expect(cancelled.errors).toBeUndefined();
    expect(await post(sg.wechatPay.pay(payment.paymentNo))).toBe(204);
    const pdb = sg.payment.subgraph.deps.database.db;
    const [row] = await pdb.select().from(payments).where(eq(payments.paymentNo, payment.paymentNo));
    const refunded = await waitFor('the refund of the refused payment', async () => {
      const list = await pdb.select().from(refunds).where(and(eq(refunds.paymentId, row!.id), eq(refunds.status, 'SUCCEEDED')));
      return list.length > 0 ? list : undefined;
    });
    expect(refunded.map((r) => [r.source, r.amount])).toEqual([['ORDER_CANCELLED', order.payable]]);
    expect((await orderRow(order.id)).status).toBe('CANCELLED');
  });

  it('takes no payment once WeChat Pay closed it at the order’s deadline', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, skuId);
    const { payment } = (await payOrder(sg, buyer, order.id, 'WECHAT')).data!.payOrder;
    const expiresAt = (await orderRow(order.id)).expiresAt.getTime();
    await waitFor('the payment window to close', () => Date.now() > expiresAt + 100);
    expect(() => sg.wechatPay.pay(payment.paymentNo)).toThrow(/ORDER_CLOSED|订单已关闭/);
    await waitFor('the order to be cancelled', async () => (await orderRow(order.id)).status === 'CANCELLED');
    await waitFor('the payment to be closed', async () => (await sg.payment.subgraph.deps.database.db.select().from(payments).where(eq(payments.paymentNo, payment.paymentNo)))[0]!.status === 'CLOSED');
    expect(sg.wechatPay.transactions.get(payment.paymentNo)!.trade_state).toBe('CLOSED');
  });

  it('ends every order racing its expiry either paid, or cancelled with the payment refunded (or never taken), never both', async () => {
    const buyer = await newShopper(sg);
    // Ten orders placed and prepaid together, so their 2 s windows close together.
    const racing = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const order = await orderOne(sg, buyer, skuId);
        const { payment } = (await payOrder(sg, buyer, order.id, 'WECHAT')).data!.payOrder;
        return { orderId: order.id, paymentNo: payment.paymentNo, payable: order.payable };
      }),
    );
    // Buyers pay from 1 s before their order's window closes to 1.25 s after it, with WeChat
    // Pay's notifications up to 0.8 s late; the expiry jobs and payment's sweeper run all
    // along. Which side wins each race is the machine's business; the outcome must be whole.
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
        await new Promise((resolve) => setTimeout(resolve, (i % 3) * 400));
        await post(notification);
      }),
    );
    const odb = sg.order.subgraph.deps.database.db;
    const pdb = sg.payment.subgraph.deps.database.db;
    const ids = racing.map((r) => Number(r.orderId));
    await waitFor('every racing order to be settled', async () => (await odb.select().from(orders).where(inArray(orders.id, ids))).every((o) => o.status !== 'PENDING_PAYMENT'), 15_000);
    // Settled: no payment pending, and every payment a cancelled order refused refunded.
    await waitFor('every racing payment to be settled', async () => {
      const cancelled = (await odb.select().from(orders).where(inArray(orders.id, ids))).filter((o) => o.status === 'CANCELLED').map((o) => String(o.id));
      const rows = await pdb.select().from(payments).where(inArray(payments.orderId, ids));
      const done = await pdb.select().from(refunds).where(eq(refunds.status, 'SUCCEEDED'));
      return racing.every((r) => {
        const row = rows.find((p) => p.paymentNo === r.paymentNo);
        if (!row || row.status === 'PENDING') return false;
        const paidAtWechat = sg.wechatPay.transactions.get(r.paymentNo)!.trade_state === 'SUCCESS';
        return !(cancelled.includes(r.orderId) && paidAtWechat && !done.some((d) => d.paymentId === row.id));
      });
    }, 15_000);

    for (const r of racing) {
      const order = await orderRow(r.orderId);
      const [payment] = await pdb.select().from(payments).where(eq(payments.paymentNo, r.paymentNo));
      const refunded = await pdb.select().from(refunds).where(eq(refunds.paymentId, payment!.id));
      const atWechat = sg.wechatPay.transactions.get(r.paymentNo)!.trade_state;
      if (order.status === 'PAID') {
        expect(payment!.status).toBe('SUCCEEDED');
        expect(order.paymentRef).toBe(r.paymentNo);
        expect(refunded).toEqual([]);
      } else {
        expect(order.status).toBe('CANCELLED');
        if (atWechat === 'SUCCESS') {
          expect(payment!.status).toBe('SUCCEEDED');
          expect(refunded.map((x) => [x.status, x.source, x.amount])).toEqual([['SUCCEEDED', 'ORDER_CANCELLED', r.payable]]);
        } else {
          expect(atWechat).toBe('CLOSED');
          expect(payment!.status).toBe('CLOSED');
          expect(refunded).toEqual([]);
        }
      }
    }
  });
});
