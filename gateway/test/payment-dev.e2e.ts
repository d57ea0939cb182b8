import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders } from '@mall/order/db';
import { payments } from '@mall/payment/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper, orderOne, payOrder, skuAt } from './shopping.ts';

// Orders wait 3 s for payment, so a test can reach a deadline's last second soon.
let sg: TestSupergraph;
let skuId: number;
beforeAll(async () => {
  sg = await startSupergraph(1, { ORDER_PAYMENT_SECONDS: '3' });
  skuId = (await skuAt(sg, 1, 1990)).id;
});
afterAll(() => sg?.stop());

const orderRow = async (id: string) => (await sg.order.subgraph.deps.database.db.select().from(orders).where(eq(orders.id, Number(id))))[0]!;
const paymentsOf = (orderId: string) => sg.payment.subgraph.deps.database.db.select().from(payments).where(eq(payments.orderId, Number(orderId)));

describe('the DEV payment method against the fake WeChat Pay', () => {
  it('answers a payment in the last second of the window CONFLICT ORDER_NOT_PAYABLE, and the payment ends closed at both ends', async () => {
    const buyer = await newShopper(sg);
    // WeChat Pay's time_expire is the deadline to the second: from the deadline's whole second
    // on, payment still takes the payment but WeChat Pay no longer does. An order whose
    // deadline is late in its second leaves room to pay in between.
    let order: Awaited<ReturnType<typeof orderOne>> | undefined;
    let lastSecond = 0;
    for (let tries = 0; tries < 10 && !order; tries++) {
      const placed = await orderOne(sg, buyer, skuId);
      const expiresAt = (await orderRow(placed.id)).expiresAt.getTime();
      lastSecond = expiresAt - (expiresAt % 1000);
      if (expiresAt % 1000 >= 600 && Date.now() < lastSecond) order = placed;
    }
    expect(order, 'an order whose deadline is late in its second').toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, lastSecond + 50 - Date.now()));

    const refused = await payOrder(sg, buyer, order!.id, 'DEV');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_NOT_PAYABLE' });
    // Refused by WeChat Pay (the fake), not by payment's own check of the window.
    expect(refused.errors![0]!.message).toMatch(/WeChat Pay/);
    const [payment] = await paymentsOf(order!.id);
    expect(sg.wechatPay.transactions.get(payment!.paymentNo)?.trade_state).toBe('NOTPAY');

    // Then nothing is left half done: the order expires, the payment is closed here and at WeChat Pay.
    await expect
      .poll(async () => {
        const [row] = await paymentsOf(order!.id);
        return [(await orderRow(order!.id)).status, row!.status, sg.wechatPay.transactions.get(payment!.paymentNo)!.trade_state];
      }, { timeout: 15_000 })
      .toEqual(['CANCELLED', 'CLOSED', 'CLOSED']);
  });
});
