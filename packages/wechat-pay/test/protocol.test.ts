import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { startFakeWechatPay, type FakeWechatPay } from '@mall/wechat-fake/pay';
import {
  createWechatPayClient,
  decryptResource,
  requestPaymentParams,
  verifyWechatSignature,
  type MerchantKeys,
  type WechatPayClient,
} from '../src/index.ts';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys: MerchantKeys = { mchid: '1900000001', serialNo: 'MERCHANT-SERIAL-1', privateKey: merchant.privateKey };
const apiV3Key = 'a'.repeat(16) + 'B'.repeat(16);
const appId = 'wx0000000000dev00';
const platformKeys = new Map([['PUB_KEY_ID_0001', { key: platform.publicKey }]]);
let fake: FakeWechatPay;
let client: WechatPayClient;

beforeAll(async () => {
  fake = await startFakeWechatPay({ mchid: keys.mchid, appId, merchantPublicKey: merchant.publicKey, platformPrivateKey: platform.privateKey, platformKeyId: 'PUB_KEY_ID_0001', apiV3Key });
  client = createWechatPayClient({ baseUrl: fake.url, appId, keys, apiV3Key, platformKeys });
});
afterAll(() => fake?.close());

const headersOf = (h: Record<string, string>) => ({ timestamp: h['wechatpay-timestamp'], nonce: h['wechatpay-nonce'], signature: h['wechatpay-signature'], serial: h['wechatpay-serial'] });

describe('WeChat Pay v3 on the wire', () => {
  it('places a JSAPI prepay with a signed request and a verified answer', async () => {
    const prepayId = await client.prepay({ description: '测试商品', outTradeNo: 'P20261121000001', total: 12_345, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' });
    expect(prepayId).toMatch(/^wx/);
    expect(fake.transactions.get('P20261121000001')).toMatchObject({ amount: { total: 12_345, currency: 'CNY' }, trade_state: 'NOTPAY' });
    expect(await client.prepay({ description: '测试商品', outTradeNo: 'P20261121000001', total: 12_345, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' })).toBe(prepayId);
    expect(await client.query('P20261121000001')).toMatchObject({ trade_state: 'NOTPAY', mchid: keys.mchid });
  });

  it('is refused by WeChat Pay when signed with another key', async () => {
    const impostor = createWechatPayClient({ baseUrl: fake.url, appId, keys: { ...keys, privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }, apiV3Key, platformKeys });
    await expect(impostor.prepay({ description: 'x', outTradeNo: 'P2', total: 1, payerOpenid: 'o', notifyUrl: 'http://127.0.0.1:9/n' })).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' });
  });

  it('believes no answer signed by another platform key', async () => {
    const fooled = createWechatPayClient({ baseUrl: fake.url, appId, keys, apiV3Key, platformKeys: new Map([['PUB_KEY_ID_0001', { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey }]]) });
    await expect(fooled.query('P20261121000001')).rejects.toMatchObject({ code: 'UNVERIFIED_BAD_SIGNATURE' });
  });

  it('signs wx.requestPayment so that it verifies with the merchant public key', () => {
    const params = requestPaymentParams(keys, appId, 'wx201410272009395522657a690389285100');
    expect(params).toMatchObject({ signType: 'RSA', package: 'prepay_id=wx201410272009395522657a690389285100' });
    const message = `${appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, params.paySign, 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update(message.replace('prepay_id=wx2', 'prepay_id=wx3')).verify(merchant.publicKey, params.paySign, 'base64')).toBe(false);
  });

  it('verifies and decrypts a payment notification, and rejects every tampered copy', async () => {
    await client.prepay({ description: '通知', outTradeNo: 'P20261121000003', total: 500, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' });
    const notification = fake.pay('P20261121000003');
    const headers = headersOf(notification.headers);
    expect(verifyWechatSignature(platformKeys, headers, notification.body)).toEqual({ ok: true });
    const resource = JSON.parse(decryptResource(apiV3Key, JSON.parse(notification.body).resource)) as { out_trade_no: string; trade_state: string; amount: { total: number }; mchid: string; appid: string };
    expect(resource).toMatchObject({ out_trade_no: 'P20261121000003', trade_state: 'SUCCESS', amount: { total: 500 }, mchid: keys.mchid, appid: appId });

    // One body byte changed, and the same JSON re-serialized: the signature covers the raw bytes.
    const flipped = Buffer.from(notification.body);
    flipped[10] = flipped[10]! ^ 1;
    expect(verifyWechatSignature(platformKeys, headers, flipped)).toEqual({ ok: false, failure: 'BAD_SIGNATURE' });
    expect(verifyWechatSignature(platformKeys, headers, JSON.stringify(JSON.parse(notification.body), null, 1))).toEqual({ ok: false, failure: 'BAD_SIGNATURE' });
    expect(verifyWechatSignature(platformKeys, { ...headers, serial: 'PUB_KEY_ID_9999' }, notification.body)).toEqual({ ok: false, failure: 'UNKNOWN_SERIAL' });
    expect(verifyWechatSignature(platformKeys, headers, notification.body, Date.now() + 6 * 60_000)).toEqual({ ok: false, failure: 'STALE_TIMESTAMP' });
    expect(verifyWechatSignature(platformKeys, { ...headers, signature: undefined }, notification.body)).toEqual({ ok: false, failure: 'MISSING_HEADERS' });

    // A flipped ciphertext or tag byte never decrypts.
    const encrypted = JSON.parse(notification.body).resource as { ciphertext: string };
    const bytes = Buffer.from(encrypted.ciphertext, 'base64');
    for (const index of [0, bytes.length - 1]) {
      const bad = Buffer.from(bytes);
      bad[index] = bad[index]! ^ 0x80;
      expect(() => decryptResource(apiV3Key, { ...JSON.parse(notification.body).resource, ciphertext: bad.toString('base64') })).toThrow();
    }
    expect(() => decryptResource('x'.repeat(32), JSON.parse(notification.body).resource)).toThrow();
  });

  it('refunds part of a paid transaction, never more than was paid, and notifies when done', async () => {
    await client.prepay({ description: '退款', outTradeNo: 'P20261121000005', total: 10_000, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' });
    fake.pay('P20261121000005');
    const first = await client.refund({ outTradeNo: 'P20261121000005', outRefundNo: 'R1', refund: 6000, total: 10_000, notifyUrl: 'http://127.0.0.1:9/refund' });
    expect(first).toMatchObject({ out_refund_no: 'R1', status: 'PROCESSING', amount: { refund: 6000 } });
    expect((await client.refund({ outTradeNo: 'P20261121000005', outRefundNo: 'R1', refund: 6000, total: 10_000, notifyUrl: 'http://127.0.0.1:9/refund' })).refund_id).toBe(first.refund_id);
    await expect(client.refund({ outTradeNo: 'P20261121000005', outRefundNo: 'R2', refund: 4001, total: 10_000, notifyUrl: 'http://127.0.0.1:9/refund' })).rejects.toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    const notification = fake.completeRefund('R1');
    expect(verifyWechatSignature(platformKeys, headersOf(notification.headers), notification.body)).toEqual({ ok: true });
    const resource = JSON.parse(decryptResource(apiV3Key, JSON.parse(notification.body).resource)) as { refund_status: string; amount: { refund: number } };
    expect(resource).toMatchObject({ refund_status: 'SUCCESS', amount: { refund: 6000 } });
    expect((await client.queryRefund('R1')).status).toBe('SUCCESS');
  });

  it('closes an unpaid transaction and refuses to close a paid one', async () => {
    await client.prepay({ description: '关单', outTradeNo: 'P20261121000004', total: 100, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' });
    await client.close('P20261121000004');
    expect((await client.query('P20261121000004')).trade_state).toBe('CLOSED');
    await expect(client.close('P20261121000003')).rejects.toMatchObject({ status: 400, code: 'ORDERPAID' });
  });
});

describe('WeChat Pay platform certificates (certificate mode)', () => {
  let certFake: FakeWechatPay;
  const certPlatform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  beforeAll(async () => {
    certFake = await startFakeWechatPay({ mchid: keys.mchid, appId, merchantPublicKey: merchant.publicKey, platformPrivateKey: certPlatform.privateKey, platformKeyId: 'unused', apiV3Key, platformCertificates: true });
  });
  afterAll(() => certFake?.close());
  const certClient = (options: { apiV3Key?: string } = {}) =>
    createWechatPayClient({ baseUrl: certFake.url, appId, keys, apiV3Key: options.apiV3Key ?? apiV3Key, platformKeys: new Map(), downloadCertificates: true });

  it('downloads the certificates, decrypted with the APIv3 key, and then believes answers signed with them', async () => {
    const client = certClient();
    const [served] = certFake.platformCertificates();
    expect(await client.refreshCertificates()).toEqual([served!.serial]);
    await expect(client.query('P-none')).rejects.toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' });
  });

  it('refuses a certificate list it cannot decrypt (another APIv3 key), adding no key', async () => {
    const client = certClient({ apiV3Key: 'Z'.repeat(32) });
    await expect(client.refreshCertificates()).rejects.toMatchObject({ code: 'BAD_CERTIFICATE' });
    // And so believes no answer: the serial stays unknown.
    await expect(client.query('P-none')).rejects.toMatchObject({ code: 'UNVERIFIED_UNKNOWN_SERIAL' });
  });

  it('follows a rotation by downloading again on the new serial, at most once a minute for unknown ones', async () => {
    const client = certClient();
    await client.refreshCertificates();
    const rotated = await certFake.rotatePlatformCertificate();
    const before = certFake.certificateDownloads();
    // The answer is signed with the new certificate: one download, then believed.
    await expect(client.query('P-none')).rejects.toMatchObject({ code: 'ORDER_NOT_EXIST' });
    expect(certFake.certificateDownloads()).toBe(before + 1);
    await client.prepay({ description: '轮换', outTradeNo: 'P-ROTATED', total: 100, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' });
    const notification = certFake.pay('P-ROTATED');
    expect(notification.headers['wechatpay-serial']).toBe(rotated.serial);
    expect(await client.verify(headersOf(notification.headers), notification.body)).toEqual({ ok: true });
    // Forged serials right after cause no further download.
    const forged = await Promise.all(Array.from({ length: 5 }, () => client.verify({ ...headersOf(notification.headers), serial: 'DEADBEEF' }, notification.body)));
    expect(forged).toEqual(Array.from({ length: 5 }, () => ({ ok: false, failure: 'UNKNOWN_SERIAL' })));
    expect(certFake.certificateDownloads()).toBe(before + 1);
  });

  it('shares one download among concurrent unknown serials, and stops believing a certificate no longer listed', async () => {
    const client = certClient();
    const before = certFake.certificateDownloads();
    await client.prepay({ description: '并发', outTradeNo: 'P-CONCURRENT', total: 100, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' });
    const notification = certFake.pay('P-CONCURRENT');
    expect(certFake.certificateDownloads()).toBe(before + 1); // the prepay answer's serial was new to this client
    const fresh = certClient();
    const verdicts = await Promise.all(Array.from({ length: 5 }, () => fresh.verify(headersOf(notification.headers), notification.body)));
    expect(verdicts).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(certFake.certificateDownloads()).toBe(before + 2);

    // WeChat Pay withdraws the certificate signing now (after moving to a new one): it is no longer believed.
    const withdrawn = notification.headers['wechatpay-serial']!;
    await certFake.rotatePlatformCertificate();
    certFake.withdrawPlatformCertificate(withdrawn);
    await fresh.refreshCertificates();
    expect(await fresh.verify(headersOf(notification.headers), notification.body)).toEqual({ ok: false, failure: 'UNKNOWN_SERIAL' });
  });

  it('no longer believes a certificate past its expiry', async () => {
    await client.prepay({ description: '过期', outTradeNo: 'P20261121000009', total: 100, payerOpenid: 'oPAYER', notifyUrl: 'http://127.0.0.1:9/notify' });
    const notification = fake.pay('P20261121000009');
    const headers = headersOf(notification.headers);
    const expired = new Map([[headers.serial!, { key: platform.publicKey, notAfter: new Date(Date.now() - 1000) }]]);
    expect(verifyWechatSignature(expired, headers, notification.body)).toEqual({ ok: false, failure: 'CERTIFICATE_NOT_VALID_NOW' });
    const valid = new Map([[headers.serial!, { key: platform.publicKey, notAfter: new Date(Date.now() + 60_000) }]]);
    expect(verifyWechatSignature(valid, headers, notification.body)).toEqual({ ok: true });
  });
});
