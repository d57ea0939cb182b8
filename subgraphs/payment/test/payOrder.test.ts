import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, createVerify } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { as, entitiesQuery, errorCode } from '@mall/test-kit';
import { outbox, payments } from '../src/db/schema.ts';
import { paymentsToCheck } from '../src/services/payments.ts';
import { newMember, payOrder, startPayment, type TestPayment } from './fixtures.ts';

let payment: TestPayment;

beforeAll(async () => {
  payment = await startPayment();
});
afterAll(() => payment?.close());

const paymentsOf = (orderId: string) => payment.deps.db.select().from(payments).where(eq(payments.orderId, Number(orderId)));
const succeededEvents = async (paymentId: string) =>
  (await payment.deps.db.select().from(outbox).where(eq(outbox.subject, 'payment.succeeded'))).map((row) => row.payload.data as { paymentId: string; amount: number; method: string }).filter((e) => e.paymentId === paymentId);

describe('payOrder WECHAT', () => {
  it('prepays the amount order answers for its own member, and a verified notification settles it once', async () => {
    const info = payment.order.place(newMember(), 2590);
    const started = await payOrder(payment, info, 'WECHAT');
    const { payment: paying, wechatPay } = started.data!.payOrder;
    expect(paying).toMatchObject({ status: 'PENDING', method: 'WECHAT', amount: { amount: 2590 } });
    const transaction = payment.wechatPay.transactions.get(paying.paymentNo)!;
    expect(transaction).toMatchObject({ amount: { total: 2590, currency: 'CNY' }, payer: { openid: payment.membership.openidOf(info.memberId) }, trade_state: 'NOTPAY', description: info.description });
    expect(new Date(transaction.time_expire!).getTime()).toBe(Math.floor(new Date(info.expiresAt).getTime() / 1000) * 1000);
    expect(wechatPay).toMatchObject({ signType: 'RSA', package: `prepay_id=${transaction.prepay_id}` });
    // Asking again while it is pending answers the same payment and prepay.
    const again = await payOrder(payment, info, 'WECHAT');
    expect(again.data!.payOrder.payment.paymentNo).toBe(paying.paymentNo);
    expect(again.data!.payOrder.wechatPay!.package).toBe(wechatPay!.package);

    const notification = payment.wechatPay.pay(paying.paymentNo);
    expect(await Promise.all([0, 1, 2].map(() => payment.post(notification)))).toEqual([204, 204, 204]);
    const [row] = await paymentsOf(info.orderId);
    expect(row).toMatchObject({ status: 'SUCCEEDED', providerTransactionId: transaction.transaction_id });
    expect(await succeededEvents(paying.id)).toEqual([expect.objectContaining({ amount: 2590, method: 'WECHAT' })]);
    // Refused once a payment of the order succeeded, even before order has heard of it.
    const paidAgain = await payOrder(payment, info, 'WECHAT');
    expect(paidAgain.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PAID' });
  });

  it('signs wx.requestPayment with the merchant key', async () => {
    const info = payment.order.place(newMember(), 990);
    const { wechatPay } = (await payOrder(payment, info, 'WECHAT')).data!.payOrder;
    const message = `${payment.wechatPayKeys.appId}\n${wechatPay!.timeStamp}\n${wechatPay!.nonceStr}\n${wechatPay!.package}\n`;
    const merchantKey = createPublicKey(payment.deps.settings.wechatPay.keys.privateKey);
    expect(createVerify('RSA-SHA256').update(message).verify(merchantKey, wechatPay!.paySign, 'base64')).toBe(true);
  });
});

describe('payOrder BALANCE', () => {
  it('debits the wallet once, keyed by the payment, and the payment succeeds at once', async () => {
    const info = payment.order.place(newMember(), 2590);
    payment.membership.wallets.set(info.memberId, 5000);
    const paid = await payOrder(payment, info, 'BALANCE');
    const { payment: row } = paid.data!.payOrder;
    expect(row).toMatchObject({ status: 'SUCCEEDED', method: 'BALANCE', amount: { amount: 2590 } });
    expect(paid.data!.payOrder.wechatPay).toBeNull();
    expect(payment.membership.wallets.get(info.memberId)).toBe(2410);
    expect(payment.membership.entries.filter((e) => e.memberId === info.memberId)).toEqual([expect.objectContaining({ kind: 'PAY', amount: 2590, idempotencyKey: `pay:${row.paymentNo}` })]);
    expect(await succeededEvents(row.id)).toHaveLength(1);
  });

  it('is CONFLICT INSUFFICIENT_BALANCE when membership refuses the debit, and leaves nothing pending', async () => {
    const info = payment.order.place(newMember(), 2590);
    payment.membership.wallets.set(info.memberId, 1000);
    const refused = await payOrder(payment, info, 'BALANCE');
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_BALANCE' });
    expect(payment.membership.wallets.get(info.memberId)).toBe(1000);
    const rows = await paymentsOf(info.orderId);
    expect(rows.map((p) => p.status)).toEqual(['FAILED']);
    expect(await succeededEvents(String(rows[0]!.id))).toEqual([]);
    // Nothing for the sweeper to retry, and nothing blocking another way to pay.
    const due = await paymentsToCheck(payment.deps, new Date(Date.now() + 3_600_000));
    expect(due.filter((p) => p.orderId === Number(info.orderId))).toEqual([]);
    const wechat = await payOrder(payment, info, 'WECHAT');
    expect(wechat.data!.payOrder.payment.status).toBe('PENDING');
  });
});

describe('who may pay what', () => {
  it("answers NOT_FOUND for another member's order and for an order order does not know", async () => {
    const info = payment.order.place(newMember(), 1200);
    const stranger = await payment.query(`mutation ($id: ID!) { payOrder(orderId: $id, method: WECHAT) { payment { id } } }`, { id: info.orderId }, as.member(newMember()));
    expect(errorCode(stranger)).toBe('NOT_FOUND');
    const unknown = await payment.query(`mutation { payOrder(orderId: "999999", method: WECHAT) { payment { id } } }`, {}, as.member(info.memberId));
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(errorCode(await payment.query(`mutation ($id: ID!) { payOrder(orderId: $id, method: WECHAT) { payment { id } } }`, { id: info.orderId }))).toBe('UNAUTHENTICATED');
    expect(await paymentsOf(info.orderId)).toEqual([]);
  });

  it('refuses orders order says are paid, cancelled or past their window', async () => {
    const member = newMember();
    const cases: Array<[Parameters<TestPayment['order']['place']>[2], string]> = [
      [{ status: 'PAID' }, 'ALREADY_PAID'],
      [{ status: 'CANCELLED' }, 'ORDER_NOT_PAYABLE'],
      [{ expiresAt: new Date(Date.now() - 1000).toISOString() }, 'ORDER_NOT_PAYABLE'],
    ];
    for (const [changes, reason] of cases) {
      const info = payment.order.place(member, 1500, changes);
      const refused = await payOrder(payment, info, 'WECHAT');
      expect(refused.errors![0]!.extensions, reason).toMatchObject({ code: 'CONFLICT', reason });
      expect(await paymentsOf(info.orderId)).toEqual([]);
    }
  });

  it('shows a payment to its payer and admins through _entities, and to no other member', async () => {
    const info = payment.order.place(newMember(), 1800);
    const { payment: paying } = (await payOrder(payment, info, 'WECHAT')).data!.payOrder;
    const representations = [{ __typename: 'Payment', id: paying.id }];
    const query = entitiesQuery('Payment', 'paymentNo amount { amount }');
    const mine = await payment.query<{ _entities: Array<{ paymentNo: string }> }>(query, { representations }, as.member(info.memberId));
    expect(mine.data!._entities).toEqual([{ paymentNo: paying.paymentNo, amount: { amount: 1800 } }]);
    expect((await payment.query(query, { representations }, as.admin())).errors).toBeUndefined();
    expect(errorCode(await payment.query(query, { representations }, as.member(newMember())))).toBe('NOT_FOUND');
  });
});
