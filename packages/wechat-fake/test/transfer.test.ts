import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayClient, decryptResource, WechatPayError, type WechatPayClient } from '@mall/wechat-pay';
import { startFakeWechatPay, type FakeWechatPay } from '../src/pay.ts';

/**
 * The merchant transfer API (商家转账) of the fake WeChat Pay, spoken to by the mall's own
 * client: bills waiting for the payee's confirmation, the real name from ¥2,000 encrypted
 * with the platform key, queries and cancels, and signed, encrypted end notifications.
 */
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const mchid = '1230000109';
const appId = 'wxd678efh567hg6787';
const apiV3Key = randomBytes(16).toString('hex');
const platformKeyId = 'PUB_KEY_ID_0114232134912410000';
let fake: FakeWechatPay;
let client: WechatPayClient;
beforeAll(async () => {
  fake = await startFakeWechatPay({ mchid, appId, merchantPublicKey: merchant.publicKey, platformPrivateKey: platform.privateKey, platformKeyId, apiV3Key, log: () => undefined });
  client = createWechatPayClient({ baseUrl: fake.url, appId, apiV3Key, keys: { mchid, serialNo: 'MERCHANTSERIAL', privateKey: merchant.privateKey }, platformKeys: new Map([[platformKeyId, { key: platform.publicKey }]]) });
});
afterAll(async () => {
  await fake?.close();
});

let bills = 0;
const billNo = () => `W${Date.now()}${++bills}`;
const transfer = (extra: Partial<Parameters<WechatPayClient['createTransfer']>[0]> = {}) =>
  client.createTransfer({ outBillNo: billNo(), openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', amount: 5_000, remark: '分销佣金提现', notifyUrl: 'http://127.0.0.1:1/notify/wechatpay/transfer', ...extra });

describe('merchant transfers', () => {
  it('creates a bill waiting for the payee, answers it again for the same number, and shows it in a query', async () => {
    const outBillNo = billNo();
    const bill = await transfer({ outBillNo });
    expect(bill).toMatchObject({ out_bill_no: outBillNo, state: 'WAIT_USER_CONFIRM' });
    expect(bill.package_info).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect((await transfer({ outBillNo })).transfer_bill_no).toBe(bill.transfer_bill_no);
    expect(await client.queryTransfer(outBillNo)).toMatchObject({ out_bill_no: outBillNo, state: 'WAIT_USER_CONFIRM', transfer_amount: 5_000 });
  });

  it('needs the real name from ¥2,000, encrypted with the platform key, and refuses bad input as WeChat Pay does', async () => {
    await expect(transfer({ amount: 200_000 })).rejects.toMatchObject({ status: 400, code: 'PARAM_ERROR' });
    const named = await transfer({ amount: 200_000, userName: '张三' });
    expect(named.state).toBe('WAIT_USER_CONFIRM');
    expect(fake.transfers.get(named.out_bill_no)?.user_name).toBe('张三');
    await expect(transfer({ amount: 5 })).rejects.toBeInstanceOf(WechatPayError);
    await expect(transfer({ outBillNo: 'bad-no!' })).rejects.toMatchObject({ code: 'PARAM_ERROR' });
    await expect(client.queryTransfer('NOSUCHBILL1')).rejects.toMatchObject({ status: 404 });
  });

  it('ends a bill once, with a signed and encrypted MCHTRANSFER.BILL.FINISHED notification, and cancels only an unconfirmed one', async () => {
    const confirmed = await transfer();
    const notice = fake.confirmTransfer(confirmed.out_bill_no)!;
    const headers = { timestamp: notice.headers['wechatpay-timestamp'], nonce: notice.headers['wechatpay-nonce'], signature: notice.headers['wechatpay-signature'], serial: notice.headers['wechatpay-serial'] };
    expect(await client.verify(headers, notice.body)).toEqual({ ok: true });
    const envelope = JSON.parse(notice.body) as { event_type: string; resource: Parameters<typeof decryptResource>[1] };
    expect(envelope.event_type).toBe('MCHTRANSFER.BILL.FINISHED');
    expect(JSON.parse(decryptResource(apiV3Key, envelope.resource))).toMatchObject({ out_bill_no: confirmed.out_bill_no, state: 'SUCCESS', transfer_amount: 5_000, mch_id: mchid });
    // Tampered: the signature no longer holds.
    expect((await client.verify(headers, notice.body.replace('商家转账单据终态通知', '商家转账'))).ok).toBe(false);
    // Ended: confirming again changes nothing; it cannot be cancelled.
    fake.failTransfer(confirmed.out_bill_no);
    expect((await client.queryTransfer(confirmed.out_bill_no)).state).toBe('SUCCESS');
    await expect(client.cancelTransfer(confirmed.out_bill_no)).rejects.toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    const unconfirmed = await transfer();
    expect((await client.cancelTransfer(unconfirmed.out_bill_no)).state).toBe('CANCELLED');
    const expired = await transfer();
    fake.expireTransfer(expired.out_bill_no);
    expect((await client.queryTransfer(expired.out_bill_no)).state).toBe('CANCELLED');
    const failed = await transfer();
    fake.failTransfer(failed.out_bill_no, 'ACCOUNT_FROZEN');
    expect(await client.queryTransfer(failed.out_bill_no)).toMatchObject({ state: 'FAIL', fail_reason: 'ACCOUNT_FROZEN' });
  });
});
