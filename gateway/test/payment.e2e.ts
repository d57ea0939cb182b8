import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSign, createVerify, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { as, entitiesQuery, errorCode, graphql, tokenFor } from '@mall/test-kit';
import { growthEntries, members, walletEntries } from '@mall/membership/db';
import { orders, orderStatusChanges } from '@mall/order/db';
import { outbox, payments, refunds } from '@mall/payment/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { completeWechatRefunds, newShopper, notifyUrl, orderOne, payOrder, post, skuAt, type Shopper } from './shopping.ts';

let sg: TestSupergraph;
let sku: { id: number; shopId: number };
let hundred: { id: number; shopId: number };
const paymentDb = () => sg.payment.subgraph.deps.database.db;
const orderDb = () => sg.order.subgraph.deps.database.db;

beforeAll(async () => {
  sg = await startSupergraph({ seed: { size: 2 } });
  sku = await skuAt(sg, 1, 2590);
  hundred = await skuAt(sg, 2, 10_000);
});
afterAll(() => sg?.stop());

const orderStatus = async (id: string) => (await orderDb().select().from(orders).where(eq(orders.id, Number(id))))[0]!.status;
const paymentRow = async (paymentNo: string) => (await paymentDb().select().from(payments).where(eq(payments.paymentNo, paymentNo)))[0]!;
const succeededEvents = async (paymentId: string) =>
  (await paymentDb().select().from(outbox).where(eq(outbox.subject, 'payment.succeeded'))).filter((row) => (row.payload.data as { paymentId: string }).paymentId === paymentId).length;
const walletOf = async (memberId: string) => (await sg.membership.subgraph.deps.database.db.select().from(members).where(eq(members.id, Number(memberId))))[0]!.walletBalance;

/** Signs `body` as the fake WeChat Pay platform would, at `timestamp` (seconds). */
function platformHeaders(body: string, timestamp = Math.floor(Date.now() / 1000), serial = sg.wechatPayKeys.platformKeyId): Record<string, string> {
  const nonce = randomBytes(16).toString('hex');
  return {
    'content-type': 'application/json',
    'wechatpay-timestamp': String(timestamp),
    'wechatpay-nonce': nonce,
    'wechatpay-serial': serial,
    'wechatpay-signature': createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(sg.wechatPayKeys.platformPrivateKey, 'base64'),
  };
}

/** `mall_attention_needed_total` of payment for `reason`: what an operator's alert rule watches. */
async function attentionCount(reason: string): Promise<number> {
  const text = await (await fetch(sg.payment.subgraph.deps.metrics.url()!)).text();
  return Number(new RegExp(`^mall_attention_needed_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

async function paidWith(shopper: Shopper, skuId: number, method: 'WECHAT' | 'BALANCE' | 'DEV') {
  const order = await orderOne(sg, shopper, skuId);
  const started = await payOrder(sg, shopper, order.id, method);
  if (!started.data) throw new Error(JSON.stringify(started.errors));
  return { order, payment: started.data.payOrder.payment, wechatPay: started.data.payOrder.wechatPay };
}

describe('WeChat Pay through the gateway', () => {
  it('prepays with the order amount, signs wx.requestPayment verifiably, and a verified notification makes the order PAID', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, sku.id);
    const first = await payOrder(sg, buyer, order.id, 'WECHAT');
    const { payment, wechatPay } = first.data!.payOrder;
    expect(payment).toMatchObject({ status: 'PENDING', method: 'WECHAT', amount: { amount: order.payable } });
    const transaction = sg.wechatPay.transactions.get(payment.paymentNo)!;
    expect(transaction).toMatchObject({ amount: { total: order.payable, currency: 'CNY' }, payer: { openid: buyer.openid }, trade_state: 'NOTPAY' });

    // paySign checked the way a client library checks it: RSA-SHA256 over
    // appId\ntimeStamp\nnonceStr\npackage\n with the merchant's public key.
    expect(wechatPay).toMatchObject({ signType: 'RSA', package: `prepay_id=${transaction.prepay_id}` });
    const message = `wx0000000000dev00\n${wechatPay!.timeStamp}\n${wechatPay!.nonceStr}\n${wechatPay!.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(sg.merchantPublicKey, wechatPay!.paySign, 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update(message.replace(/\n$/, 'x\n')).verify(sg.merchantPublicKey, wechatPay!.paySign, 'base64')).toBe(false);

    // Asking again while it is pending answers the same payment and the same prepay.
    const again = await payOrder(sg, buyer, order.id, 'WECHAT');
    expect(again.data!.payOrder.payment.paymentNo).toBe(payment.paymentNo);
    expect(again.data!.payOrder.wechatPay!.package).toBe(wechatPay!.package);

    // The buyer pays on the phone; WeChat Pay notifies our callback.
    expect(await post(sg.wechatPay.pay(payment.paymentNo))).toBe(204);
    await expect.poll(() => orderStatus(order.id), { timeout: 10_000 }).toBe('PAID');
    const seen = await graphql<{ order: { status: string; payments: Array<{ status: string; providerTransactionId: string; paidAt: string }> } }>(
      sg.gateway.url, 'query ($id: ID!) { order(id: $id) { status payments { status providerTransactionId paidAt } } }', { id: order.id }, { token: buyer.token },
    );
    expect(seen.data!.order.status).toBe('PAID');
    expect(seen.data!.order.payments).toEqual([{ status: 'SUCCEEDED', providerTransactionId: transaction.transaction_id, paidAt: expect.any(String) }]);
    const again2 = await payOrder(sg, buyer, order.id, 'WECHAT');
    expect(errorCode(again2)).toBe('CONFLICT');
    expect(again2.errors![0]!.extensions!['reason']).toBe('ALREADY_PAID');
  });

  it('rejects every notification that fails verification, and changes nothing', async () => {
    const buyer = await newShopper(sg);
    const { order, payment } = await paidWith(buyer, sku.id, 'WECHAT');
    const genuine = sg.wechatPay.pay(payment.paymentNo);
    const body = genuine.body;
    const envelope = JSON.parse(body) as { resource: { ciphertext: string; nonce: string; associated_data: string } };
    const flip = (b64: string, at: number) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[at < 0 ? bytes.length + at : at]! ^= 0x01;
      return bytes.toString('base64');
    };
    const withCiphertext = (ciphertext: string) => JSON.stringify({ ...envelope, resource: { ...envelope.resource, ciphertext } });
    const transaction = { ...sg.wechatPay.transactions.get(payment.paymentNo)!, prepay_id: undefined, notify_url: undefined, description: undefined };
    const forged = (resource: object) => sg.wechatPay.notification(genuine.url, 'TRANSACTION.SUCCESS', '支付成功', resource, 'transaction');
    // What each answers: 401 when the signature fails, 400 when the content fails, 404 when it is not ours.
    const tampered: Array<[string, number, { url: string; headers: Record<string, string>; body: string }]> = [
      ['one body byte changed', 401, { ...genuine, body: body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESs"') }],
      ['the same JSON re-serialized', 401, { ...genuine, body: JSON.stringify(JSON.parse(body), null, 2) }],
      ['an unknown serial', 401, { ...genuine, headers: { ...genuine.headers, 'wechatpay-serial': 'PUB_KEY_ID_UNKNOWN' } }],
      ['a timestamp 6 minutes old (signed correctly)', 401, { ...genuine, headers: platformHeaders(body, Math.floor(Date.now() / 1000) - 360) }],
      ['no signature at all', 401, { ...genuine, headers: { 'content-type': 'application/json' } }],
      ['a flipped ciphertext byte (signed correctly)', 400, { url: genuine.url, body: withCiphertext(flip(envelope.resource.ciphertext, 0)), headers: {} }],
      ['a flipped tag byte (signed correctly)', 400, { url: genuine.url, body: withCiphertext(flip(envelope.resource.ciphertext, -1)), headers: {} }],
      ['a different amount (signed and encrypted correctly)', 400, forged({ ...transaction, amount: { total: order.payable - 1, currency: 'CNY', payer_total: order.payable - 1 } })],
      ["another merchant's mchid (signed and encrypted correctly)", 400, forged({ ...transaction, mchid: '1900009999' })],
      ['another app id (signed and encrypted correctly)', 400, forged({ ...transaction, appid: 'wx1111111111111111' })],
      ['a payment number that is not ours', 404, forged({ ...transaction, out_trade_no: 'P20990101000000' })],
    ];
    const mismatchesBefore = await attentionCount('notification_mismatch');
    for (const [what, expected, request] of tampered) {
      const headers = Object.keys(request.headers).length === 0 ? platformHeaders(request.body) : request.headers;
      expect(await post({ ...request, headers }), what).toBe(expected);
    }
    // A correctly signed notification with another amount is not an attacker: someone must look.
    expect(await attentionCount('notification_mismatch')).toBe(mismatchesBefore + 1);
    // Nothing moved: payment pending, no event, order unpaid.
    expect((await paymentRow(payment.paymentNo)).status).toBe('PENDING');
    expect(await succeededEvents(payment.id)).toBe(0);
    expect(await orderStatus(order.id)).toBe('PENDING_PAYMENT');
    // The genuine notification still works.
    expect(await post(genuine)).toBe(204);
    await expect.poll(() => orderStatus(order.id), { timeout: 10_000 }).toBe('PAID');
  });

  it('answers a notification body over 64 KB with JSON 413, not an error page naming the server’s files', async () => {
    for (const kind of ['transaction', 'refund'] as const) {
      const response = await fetch(notifyUrl(sg, kind), { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(100 * 1024) });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      expect(text).not.toMatch(/<html|\bat \w|node_modules|\/src\//i);
      expect({ status: response.status, body: JSON.parse(text) as unknown }).toEqual({
        status: 413,
        body: { errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
      });
    }
  });

  it('applies the same notification once, however often and however concurrently it comes', async () => {
    const buyer = await newShopper(sg);
    const { order, payment } = await paidWith(buyer, sku.id, 'WECHAT');
    const notification = sg.wechatPay.pay(payment.paymentNo);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => post(notification)));
    expect(statuses).toEqual(Array(10).fill(204));
    await expect.poll(() => orderStatus(order.id), { timeout: 10_000 }).toBe('PAID');
    expect(await post(notification)).toBe(204); // replayed later
    await sg.eventsSettled();
    expect(await succeededEvents(payment.id)).toBe(1);
    const timeline = await orderDb().select().from(orderStatusChanges).where(eq(orderStatusChanges.orderId, Number(order.id)));
    expect(timeline.filter((c) => c.toStatus === 'PAID')).toHaveLength(1);
  });

  it('credits a WeChat Pay recharge (with its bonus) once, for 10 concurrent copies of the notification and a replay', async () => {
    const buyer = await newShopper(sg);
    const started = await graphql<{ rechargeWallet: { payment: { id: string; paymentNo: string; purpose: string; status: string } } }>(
      sg.gateway.url, 'mutation { rechargeWallet(amount: 10000) { payment { id paymentNo purpose status } wechatPay { paySign } } }', {}, { token: buyer.token },
    );
    const { payment } = started.data!.rechargeWallet;
    expect(payment).toMatchObject({ purpose: 'RECHARGE', status: 'PENDING' });
    const notification = sg.wechatPay.pay(payment.paymentNo);
    expect(await Promise.all(Array.from({ length: 10 }, () => post(notification)))).toEqual(Array(10).fill(204));
    // 充100送10 (demo rule): ¥100 + ¥10 bonus.
    await expect.poll(() => walletOf(buyer.memberId), { timeout: 10_000 }).toBe(11_000);
    expect(await post(notification)).toBe(204);
    await sg.eventsSettled();
    expect(await walletOf(buyer.memberId)).toBe(11_000);
    const ledger = await sg.membership.subgraph.deps.database.db.select().from(walletEntries).where(eq(walletEntries.memberId, Number(buyer.memberId)));
    expect(ledger.map((e) => [e.kind, e.delta]).sort()).toEqual([['BONUS', 1000], ['RECHARGE', 10_000]]);
    expect(await succeededEvents(payment.id)).toBe(1);
  });
});

describe('after payment', () => {
  it('adds growth to the member for each paid order, once (one per whole yuan)', async () => {
    const buyer = await newShopper(sg);
    const growth = async () => (await graphql<{ me: { growth: number } }>(sg.gateway.url, '{ me { growth } }', {}, { token: buyer.token })).data!.me.growth;
    expect(await growth()).toBe(0);
    const first = await orderOne(sg, buyer, hundred.id);
    await payOrder(sg, buyer, first.id, 'DEV');
    await expect.poll(growth, { timeout: 10_000 }).toBe(Math.floor(first.payable / 100));
    const second = await orderOne(sg, buyer, sku.id);
    await payOrder(sg, buyer, second.id, 'DEV');
    await expect.poll(growth, { timeout: 10_000 }).toBe(Math.floor(first.payable / 100) + Math.floor(second.payable / 100));
    // An unpaid order brings none.
    await orderOne(sg, buyer, sku.id);
    await sg.eventsSettled();
    const entries = await sg.membership.subgraph.deps.database.db.select().from(growthEntries).where(eq(growthEntries.memberId, Number(buyer.memberId)));
    expect(entries.map((e) => e.idempotencyKey).sort()).toEqual([`order-paid:${first.id}`, `order-paid:${second.id}`].sort());
  });
});

describe('wallet payment', () => {
  it('is all or nothing: refused when short, then paid exactly once from the balance', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, sku.id);
    const short = await payOrder(sg, buyer, order.id, 'BALANCE');
    expect(errorCode(short)).toBe('CONFLICT');
    expect(short.errors![0]!.extensions!['reason']).toBe('INSUFFICIENT_BALANCE');
    expect(await walletOf(buyer.memberId)).toBe(0);
    expect(await orderStatus(order.id)).toBe('PENDING_PAYMENT');
    const failed = await paymentDb().select().from(payments).where(eq(payments.orderId, Number(order.id)));
    expect(failed.map((p) => p.status)).toEqual(['FAILED']);

    // Top up through the DEV method (the fake completes it; the real notification path credits).
    const topUp = await graphql(sg.gateway.url, 'mutation { rechargeWallet(amount: 5000, method: DEV) { payment { status } } }', {}, { token: buyer.token });
    expect(topUp.errors).toBeUndefined();
    await expect.poll(() => walletOf(buyer.memberId), { timeout: 10_000 }).toBe(5000);

    const racing = await Promise.all(Array.from({ length: 5 }, () => payOrder(sg, buyer, order.id, 'BALANCE')));
    const paid = racing.filter((r) => r.data?.payOrder.payment.status === 'SUCCEEDED');
    expect(paid).toHaveLength(1);
    for (const r of racing.filter((x) => !paid.includes(x))) expect(errorCode(r)).toBe('CONFLICT');
    await expect.poll(() => orderStatus(order.id), { timeout: 10_000 }).toBe('PAID');
    expect(await walletOf(buyer.memberId)).toBe(5000 - order.payable);
  });
});

describe('one order, two ways to pay', () => {
  it('closes the pending WeChat prepay once the order is paid from the wallet', async () => {
    const buyer = await newShopper(sg);
    await graphql(sg.gateway.url, 'mutation { rechargeWallet(amount: 5000, method: DEV) { payment { id } } }', {}, { token: buyer.token });
    await expect.poll(() => walletOf(buyer.memberId), { timeout: 10_000 }).toBe(5000);
    const order = await orderOne(sg, buyer, sku.id);
    const wechat = (await payOrder(sg, buyer, order.id, 'WECHAT')).data!.payOrder.payment;
    const wallet = await payOrder(sg, buyer, order.id, 'BALANCE');
    expect(wallet.data!.payOrder.payment.status).toBe('SUCCEEDED');
    await expect.poll(async () => (await paymentRow(wechat.paymentNo)).status, { timeout: 10_000 }).toBe('CLOSED');
    expect(sg.wechatPay.transactions.get(wechat.paymentNo)!.trade_state).toBe('CLOSED');
    expect(() => sg.wechatPay.pay(wechat.paymentNo)).toThrow(/closed/);
    expect(await orderStatus(order.id)).toBe('PAID');
  });
});

describe('refunds', () => {
  it('never refunds more than was paid: 20 concurrent ¥10 refunds of a ¥100 payment', async () => {
    const buyer = await newShopper(sg);
    const { order, payment } = await paidWith(buyer, hundred.id, 'DEV');
    expect(order.payable).toBe(10_000);
    expect(payment.status).toBe('SUCCEEDED');
    const merchant = await tokenFor(as.merchant(hundred.shopId));
    const REFUND = 'mutation ($id: ID!, $key: String!) { refundPayment(paymentId: $id, amount: 1000, reason: "部分退款", idempotencyKey: $key) { id refundNo status amount { amount } } }';
    const results = await Promise.all(Array.from({ length: 20 }, () => graphql<{ refundPayment: { refundNo: string } }>(sg.gateway.url, REFUND, { id: payment.id, key: randomUUID() }, { token: merchant })));
    const accepted = results.filter((r) => r.data?.refundPayment);
    expect(accepted).toHaveLength(10);
    for (const r of results.filter((x) => !x.data?.refundPayment)) {
      expect(errorCode(r)).toBe('CONFLICT');
      expect(r.errors![0]!.extensions!['reason']).toBe('EXCEEDS_REFUNDABLE');
    }
    const numbers = accepted.map((r) => r.data!.refundPayment.refundNo);
    expect(new Set(numbers).size).toBe(10);
    const atWechat = [...sg.wechatPay.refunds.values()].filter((r) => r.out_trade_no === payment.paymentNo);
    expect(atWechat.reduce((sum, r) => sum + r.amount.refund, 0)).toBe(10_000);
    expect((await paymentRow(payment.paymentNo)).refundedAmount).toBe(10_000);

    expect(await completeWechatRefunds(sg, payment.paymentNo)).toEqual(Array(10).fill(204));
    const PAYMENT = 'query ($id: ID!) { payment(id: $id) { refunded { amount } refundable { amount } refunds { status source } } }';
    const after = await graphql<{ payment: { refunded: { amount: number }; refundable: { amount: number }; refunds: Array<{ status: string; source: string }> } }>(sg.gateway.url, PAYMENT, { id: payment.id }, { token: buyer.token });
    expect(after.data!.payment).toMatchObject({ refunded: { amount: 10_000 }, refundable: { amount: 0 } });
    expect(after.data!.payment.refunds.every((r) => r.status === 'SUCCEEDED' && r.source === 'MERCHANT')).toBe(true);
    const refundedEvents = (await paymentDb().select().from(outbox).where(eq(outbox.subject, 'payment.refunded'))).filter((row) => (row.payload.data as { paymentId: string }).paymentId === payment.id);
    expect(refundedEvents).toHaveLength(10);
    expect(Math.max(...refundedEvents.map((e) => (e.payload.data as { refundedTotal: number }).refundedTotal))).toBe(10_000);
  });

  it('refunds a wallet payment to the wallet; the same idempotency key refunds once', async () => {
    const buyer = await newShopper(sg);
    await graphql(sg.gateway.url, 'mutation { rechargeWallet(amount: 5000, method: DEV) { payment { id } } }', {}, { token: buyer.token });
    await expect.poll(() => walletOf(buyer.memberId), { timeout: 10_000 }).toBe(5000);
    const { payment } = await paidWith(buyer, sku.id, 'BALANCE');
    expect(payment.status).toBe('SUCCEEDED');
    expect(await walletOf(buyer.memberId)).toBe(5000 - 2590);
    const admin = await tokenFor(as.admin());
    const REFUND = 'mutation ($id: ID!) { refundPayment(paymentId: $id, amount: 590, reason: "差价退还", idempotencyKey: "refund-key-0001") { id status source } }';
    const [a, b] = await Promise.all([0, 1].map(() => graphql<{ refundPayment: { id: string; status: string; source: string } }>(sg.gateway.url, REFUND, { id: payment.id }, { token: admin })));
    expect(a!.data!.refundPayment).toMatchObject({ status: 'SUCCEEDED', source: 'ADMIN' });
    expect(b!.data!.refundPayment.id).toBe(a!.data!.refundPayment.id);
    expect((await paymentRow(payment.paymentNo)).refundedAmount).toBe(590);
    await expect.poll(() => walletOf(buyer.memberId), { timeout: 10_000 }).toBe(5000 - 2590 + 590);
    const credits = await sg.membership.subgraph.deps.database.db.select().from(walletEntries).where(and(eq(walletEntries.memberId, Number(buyer.memberId)), eq(walletEntries.kind, 'REFUND')));
    expect(credits).toHaveLength(1);
  });

  it('turns an approved after-sale into a refund through the payment the order was paid with', async () => {
    const buyer = await newShopper(sg);
    const { order, payment } = await paidWith(buyer, sku.id, 'WECHAT');
    expect(await post(sg.wechatPay.pay(payment.paymentNo))).toBe(204);
    await expect.poll(() => orderStatus(order.id), { timeout: 10_000 }).toBe('PAID');
    const asked = await graphql<{ requestAfterSale: { id: string } }>(sg.gateway.url, 'mutation ($id: ID!) { requestAfterSale(orderId: $id, type: REFUND_ONLY, amount: 590, reason: "少发配件") { id } }', { id: order.id }, { token: buyer.token });
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const decided = await graphql(sg.gateway.url, 'mutation ($id: ID!) { decideAfterSale(id: $id, approve: true) { status } }', { id: asked.data!.requestAfterSale.id }, { token: merchant });
    expect(decided.errors).toBeUndefined();
    await expect.poll(async () => [...sg.wechatPay.refunds.values()].filter((r) => r.out_trade_no === payment.paymentNo).map((r) => r.amount.refund), { timeout: 10_000 }).toEqual([590]);
    await completeWechatRefunds(sg, payment.paymentNo);
    const REFUNDS = 'query ($id: ID!) { order(id: $id) { refunds { amount { amount } status source payment { paymentNo } } } }';
    await expect.poll(async () => (await graphql<{ order: { refunds: unknown[] } }>(sg.gateway.url, REFUNDS, { id: order.id }, { token: buyer.token })).data!.order.refunds, { timeout: 10_000 })
      .toEqual([{ amount: { amount: 590 }, status: 'SUCCEEDED', source: 'AFTER_SALE', payment: { paymentNo: payment.paymentNo } }]);
  });

  it('refunds a payment that arrives after its order was cancelled, in full and automatically', async () => {
    const buyer = await newShopper(sg);
    const { order, payment } = await paidWith(buyer, sku.id, 'WECHAT');
    const cancelled = await graphql(sg.gateway.url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: order.id }, { token: buyer.token });
    expect(cancelled.errors).toBeUndefined();
    expect(await post(sg.wechatPay.pay(payment.paymentNo))).toBe(204);
    await expect.poll(async () => [...sg.wechatPay.refunds.values()].filter((r) => r.out_trade_no === payment.paymentNo).map((r) => r.amount.refund), { timeout: 10_000 }).toEqual([order.payable]);
    await completeWechatRefunds(sg, payment.paymentNo);
    await expect.poll(async () => (await paymentDb().select().from(refunds).where(eq(refunds.paymentId, Number(payment.id)))).map((r) => [r.status, r.source, r.amount]), { timeout: 10_000 })
      .toEqual([['SUCCEEDED', 'ORDER_CANCELLED', order.payable]]);
    expect(await orderStatus(order.id)).toBe('CANCELLED');
  });
});

describe('who may pay, see and refund', () => {
  it("keeps member A away from member B's payments", async () => {
    const [a, b] = [await newShopper(sg), await newShopper(sg)];
    const { order, payment } = await paidWith(b, sku.id, 'DEV');
    expect(errorCode(await payOrder(sg, a, order.id, 'WECHAT'))).toBe('NOT_FOUND');
    const seen = await graphql(sg.gateway.url, 'query ($id: ID!) { payment(id: $id) { id } }', { id: payment.id }, { token: a.token });
    expect(errorCode(seen)).toBe('NOT_FOUND');
    const refund = await graphql(sg.gateway.url, 'mutation ($id: ID!) { refundPayment(paymentId: $id, amount: 1, reason: "不是我的", idempotencyKey: "not-mine-0001") { id } }', { id: payment.id }, { token: a.token });
    expect(errorCode(refund)).toBe('FORBIDDEN');
    // Straight to the payment subgraph, past the order subgraph's checks.
    const direct = await graphql(sg.payment.url, entitiesQuery('Order', 'payments { id }'), { representations: [{ __typename: 'Order', id: order.id }] }, { token: a.token });
    expect(errorCode(direct)).toBe('FORBIDDEN');
    const viaPayment = await graphql(sg.payment.url, entitiesQuery('Payment', 'amount { amount }'), { representations: [{ __typename: 'Payment', id: payment.id }] }, { token: a.token });
    expect(errorCode(viaPayment)).toBe('NOT_FOUND');
    // Another shop's merchant neither sees nor refunds it; nothing was refunded.
    const stranger = await tokenFor(as.merchant(sku.shopId + 1));
    const strangerRefund = await graphql(sg.gateway.url, 'mutation ($id: ID!) { refundPayment(paymentId: $id, amount: 1, reason: "越权退款", idempotencyKey: "not-mine-0002") { id } }', { id: payment.id }, { token: stranger });
    expect(errorCode(strangerRefund)).toBe('NOT_FOUND');
    expect((await paymentRow(payment.paymentNo)).refundedAmount).toBe(0);
    // B sees it, in their order and in their payment list.
    const mine = await graphql<{ me: { payments: { edges: Array<{ node: { paymentNo: string } }> } } }>(sg.gateway.url, '{ me { payments { edges { node { paymentNo } } } } }', {}, { token: b.token });
    expect(mine.data!.me.payments.edges.map((e) => e.node.paymentNo)).toEqual([payment.paymentNo]);
  });

  it('refuses bad input and changes nothing', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, sku.id);
    expect(errorCode(await payOrder(sg, buyer, '99999999', 'WECHAT'))).toBe('NOT_FOUND');
    expect(errorCode(await payOrder(sg, buyer, 'abc', 'WECHAT'))).toBe('NOT_FOUND');
    const recharge = await graphql(sg.gateway.url, 'mutation { rechargeWallet(amount: 0) { payment { id } } }', {}, { token: buyer.token });
    expect(errorCode(recharge)).toBe('BAD_USER_INPUT');
    const fromWallet = await graphql(sg.gateway.url, 'mutation { rechargeWallet(amount: 100, method: BALANCE) { payment { id } } }', {}, { token: buyer.token });
    expect(errorCode(fromWallet)).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(sg.gateway.url, 'mutation ($id: ID!) { payOrder(orderId: $id, method: WECHAT) { payment { id } } }', { id: order.id }))).toBe('UNAUTHENTICATED');
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const { payment } = await paidWith(buyer, sku.id, 'DEV');
    for (const amount of [0, -5, 2591]) {
      const r = await graphql(sg.gateway.url, 'mutation ($id: ID!, $amount: Int!) { refundPayment(paymentId: $id, amount: $amount, reason: "测试", idempotencyKey: "bad-input-0001") { id } }', { id: payment.id, amount }, { token: merchant });
      expect(errorCode(r), String(amount)).toBe('BAD_USER_INPUT');
    }
    expect((await paymentRow(payment.paymentNo)).refundedAmount).toBe(0);
    expect(await paymentDb().select().from(payments).where(like(payments.orderNo, order.orderNo))).toHaveLength(0);
  });
});

describe('WeChat Pay refusing or notifying refunds', () => {
  const REFUND = 'mutation ($id: ID!, $amount: Int!, $key: String!) { refundPayment(paymentId: $id, amount: $amount, reason: "退款测试", idempotencyKey: $key) { id refundNo status } }';
  const refundRow = async (refundNo: string) => (await paymentDb().select().from(refunds).where(eq(refunds.refundNo, refundNo)))[0]!;

  it('keeps a refund WeChat Pay refuses for now (NOT_ENOUGH) and sends it again until it is accepted', async () => {
    const buyer = await newShopper(sg);
    const { payment } = await paidWith(buyer, sku.id, 'DEV');
    sg.wechatPay.failNextRefunds(403, 'NOT_ENOUGH', 2);
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const asked = await graphql<{ refundPayment: { refundNo: string; status: string } }>(sg.gateway.url, REFUND, { id: payment.id, amount: 2590, key: randomUUID() }, { token: merchant });
    expect(asked.data!.refundPayment.status).toBe('PENDING');
    const { refundNo } = asked.data!.refundPayment;
    await expect.poll(async () => (await refundRow(refundNo)).status, { timeout: 10_000 }).toBe('PROCESSING');
    expect(await completeWechatRefunds(sg, payment.paymentNo)).toEqual([204]);
    expect(await refundRow(refundNo)).toMatchObject({ status: 'SUCCEEDED', amount: 2590 });
  });

  it('fails a refund WeChat Pay refuses for good, and the amount can be refunded again', async () => {
    const buyer = await newShopper(sg);
    const { payment } = await paidWith(buyer, sku.id, 'DEV');
    sg.wechatPay.failNextRefunds(400, 'INVALID_REQUEST');
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const alertsBefore = await attentionCount('refund_refused');
    const asked = await graphql<{ refundPayment: { refundNo: string; status: string } }>(sg.gateway.url, REFUND, { id: payment.id, amount: 1000, key: randomUUID() }, { token: merchant });
    expect(asked.data!.refundPayment.status).toBe('FAILED');
    expect(await attentionCount('refund_refused')).toBe(alertsBefore + 1);
    expect((await paymentRow(payment.paymentNo)).refundedAmount).toBe(0);
    const again = await graphql<{ refundPayment: { status: string } }>(sg.gateway.url, REFUND, { id: payment.id, amount: 2590, key: randomUUID() }, { token: merchant });
    expect(again.data!.refundPayment.status).toBe('PROCESSING');
  });

  it('verifies refund notifications like payment ones, and applies a genuine one once', async () => {
    const buyer = await newShopper(sg);
    const { payment } = await paidWith(buyer, sku.id, 'DEV');
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const asked = await graphql<{ refundPayment: { refundNo: string } }>(sg.gateway.url, REFUND, { id: payment.id, amount: 500, key: randomUUID() }, { token: merchant });
    const { refundNo } = asked.data!.refundPayment;
    const genuine = sg.wechatPay.completeRefund(refundNo);
    const resource = { mchid: sg.wechatPayKeys.mchid, out_trade_no: payment.paymentNo, out_refund_no: refundNo, refund_id: 'R1', refund_status: 'SUCCESS', amount: { total: 2590, refund: 500 } };
    const forged = (changes: object) => sg.wechatPay.notification(genuine.url, 'REFUND.SUCCESS', '退款成功', { ...resource, ...changes }, 'refund');
    const cases: Array<[string, number, { url: string; headers: Record<string, string>; body: string }]> = [
      ['one body byte changed', 401, { ...genuine, body: genuine.body.replace('REFUND.SUCCESS', 'REFUND.SUCCESs') }],
      ['a timestamp 6 minutes old', 401, { ...genuine, headers: platformHeaders(genuine.body, Math.floor(Date.now() / 1000) - 360) }],
      ['a different refund amount', 400, forged({ amount: { total: 2590, refund: 2590 } })],
      ["another merchant's mchid", 400, forged({ mchid: '1900009999' })],
      ['another payment', 400, forged({ out_trade_no: 'P20990101000000' })],
      ['a refund that is not ours', 404, forged({ out_refund_no: 'R20990101000000' })],
    ];
    for (const [what, expected, request] of cases) expect(await post(request), what).toBe(expected);
    expect((await refundRow(refundNo)).status).toBe('PROCESSING');
    expect(await Promise.all([post(genuine), post(genuine), post(genuine)])).toEqual([204, 204, 204]);
    expect((await refundRow(refundNo)).status).toBe('SUCCEEDED');
    const events = (await paymentDb().select().from(outbox).where(eq(outbox.subject, 'payment.refunded'))).filter((row) => (row.payload.data as { refundNo: string }).refundNo === refundNo);
    expect(events).toHaveLength(1);
  });
});
