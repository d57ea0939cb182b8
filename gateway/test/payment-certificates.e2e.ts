import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { graphql } from '@mall/test-kit';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper, orderOne, payOrder, post, skuAt } from './shopping.ts';

// WeChat Pay's certificate mode: the payment subgraph is given no platform key at all and
// trusts only the certificates it downloads from the fake (decrypted with the APIv3 key).
let sg: TestSupergraph;
let sku: { id: number };

beforeAll(async () => {
  sg = await startSupergraph({ seed: { size: 1 }, wechatPay: { platformCertificates: true } });
  sku = await skuAt(sg, 1, 2500);
});
afterAll(() => sg?.stop());

async function orderState(id: string, token: string) {
  const seen = await graphql<{ order: { status: string; payments: Array<{ status: string }> } }>(sg.gateway.url, 'query ($id: ID!) { order(id: $id) { status payments { status } } }', { id }, { token });
  return seen.data!.order;
}

describe('WeChat Pay with platform certificates', () => {
  it('pays with downloaded certificates, follows a rotation without a restart, and believes no unknown serial', async () => {
    expect(sg.wechatPay.certificateDownloads()).toBe(1); // at start

    const buyer = await newShopper(sg);
    const first = await orderOne(sg, buyer, sku.id);
    const paying = await payOrder(sg, buyer, first.id, 'WECHAT'); // the prepay answer is verified with the downloaded certificate
    expect(paying.errors).toBeUndefined();
    expect(await post(sg.wechatPay.pay(paying.data!.payOrder.payment.paymentNo))).toBe(204);
    await expect.poll(async () => (await orderState(first.id, buyer.token)).status, { timeout: 10_000 }).toBe('PAID');

    // WeChat Pay moves to a new certificate: its answers and notifications carry the new serial.
    const rotated = await sg.wechatPay.rotatePlatformCertificate();
    const second = await orderOne(sg, buyer, sku.id);
    const payingAgain = await payOrder(sg, buyer, second.id, 'WECHAT');
    expect(payingAgain.errors).toBeUndefined();
    expect(sg.wechatPay.certificateDownloads()).toBe(2); // once, on the unknown serial
    const genuine = sg.wechatPay.pay(payingAgain.data!.payOrder.payment.paymentNo);
    expect(genuine.headers['wechatpay-serial']).toBe(rotated.serial);

    // Someone else's key under a made-up serial: refused, no download (one a minute at most), nothing paid.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const forged = {
      ...genuine,
      headers: {
        ...genuine.headers,
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-serial': randomBytes(20).toString('hex').toUpperCase(),
        'wechatpay-signature': createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${genuine.body}\n`).sign(stranger.privateKey, 'base64'),
      },
    };
    expect(await post(forged)).toBe(401);
    expect(sg.wechatPay.certificateDownloads()).toBe(2);
    expect(await orderState(second.id, buyer.token)).toEqual({ status: 'PENDING_PAYMENT', payments: [{ status: 'PENDING' }] });

    expect(await post(genuine)).toBe(204);
    await expect.poll(async () => (await orderState(second.id, buyer.token)).status, { timeout: 10_000 }).toBe('PAID');
  });
});
