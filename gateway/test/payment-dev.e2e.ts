import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { waitFor } from '@mall/test-kit';
import { orders } from '@mall/order/db';
import { payments } from '@mall/payment/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper, orderOne, payOrder, skuAt } from './shopping.ts';

// Orders wait 2 s for payment, and the DEV buyer takes 3 s to confirm on the phone: by then
// WeChat Pay's time_expire (the deadline, to the second) has passed.
let sg: TestSupergraph;
let skuId: number;
beforeAll(async () => {
  sg = await startSupergraph({ seed: { size: 1 }, env: { ORDER_PAYMENT_SECONDS: '2' }, wechatPay: { devPayDelayMs: 3000 } });
  skuId = (await skuAt(sg, 1, 990)).id;
});
afterAll(() => sg?.stop());

const orderRow = async (id: string) => (await sg.order.subgraph.deps.database.db.select().from(orders).where(eq(orders.id, Number(id))))[0]!;
const paymentsOf = (orderId: string) => sg.payment.subgraph.deps.database.db.select().from(payments).where(eq(payments.orderId, Number(orderId)));

describe('the DEV payment method against the fake WeChat Pay', () => {
  it('answers a payment WeChat Pay no longer takes (past time_expire) CONFLICT ORDER_NOT_PAYABLE, and the payment ends closed at both ends', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, skuId);
    const refused = await payOrder(sg, buyer, order.id, 'DEV');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_NOT_PAYABLE' });
    // Refused by WeChat Pay (the fake), not by payment's own check of the window.
    expect(refused.errors![0]!.message).toMatch(/WeChat Pay/);
    const [payment] = await paymentsOf(order.id);
    expect(sg.wechatPay.transactions.get(payment!.paymentNo)?.trade_state).not.toBe('SUCCESS');

    // Then nothing is left half done: the order expires, the payment is closed here and at WeChat Pay.
    await waitFor('order, payment and WeChat Pay to agree', async () => {
      const [row] = await paymentsOf(order.id);
      return (await orderRow(order.id)).status === 'CANCELLED' && row!.status === 'CLOSED' && sg.wechatPay.transactions.get(payment!.paymentNo)!.trade_state === 'CLOSED';
    }, 15_000);
  });
});
