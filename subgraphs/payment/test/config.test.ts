import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { ConfigError, DEV_WECHAT_PAY, devWechatPayKey } from '@mall/kit';
import { issuePlatformCertificate } from '@mall/wechat-fake/certificates';
import { loadPaymentConfig } from '../src/config.ts';

const pem = (key: { export(o: { type: 'pkcs8' | 'spki'; format: 'pem' }): string | Buffer }, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const production = {
  NODE_ENV: 'production',
  WECHAT_PAY_API_BASE: 'https://api.mch.weixin.qq.com',
  WECHAT_PAY_MCHID: '1230000109',
  WECHAT_APP_ID: 'wxd678efh567hg6787',
  WECHAT_PAY_MERCHANT_PRIVATE_KEY: pem(merchant.privateKey, 'pkcs8'),
  WECHAT_PAY_MERCHANT_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHAT_PAY_PLATFORM_PUBLIC_KEY: pem(platform.publicKey, 'spki'),
  WECHAT_PAY_PLATFORM_KEY_ID: 'PUB_KEY_ID_0112340000000001',
  WECHAT_PAY_APIV3_KEY: 'Kq7mZ2vP9xR4tW8yB3nD6fH1jL5sG0cA',
  PAYMENT_NOTIFY_BASE_URL: 'https://mall.example.com/payment',
};

describe('payment configuration', () => {
  it('defaults to the development merchant and the fake WeChat Pay, with the DEV method off', () => {
    const config = loadPaymentConfig({});
    expect(config.wechatPay).toMatchObject({ apiBase: DEV_WECHAT_PAY.fakeUrl, appId: DEV_WECHAT_PAY.appId, keys: { mchid: DEV_WECHAT_PAY.mchid } });
    expect(config.wechatPay.platformKeys.has(DEV_WECHAT_PAY.platformKeyId)).toBe(true);
    expect(config.devMethod).toBe(false);
    expect(config.notifyBaseUrl).toBeNull();
  });

  it('takes a complete production configuration', () => {
    const config = loadPaymentConfig(production);
    expect(config.wechatPay.apiBase).toBe('https://api.mch.weixin.qq.com');
    expect(config.notifyBaseUrl).toBe('https://mall.example.com/payment');
  });

  it('refuses, in production, anything of the development setup and names each variable', () => {
    const cases: Array<[string, Record<string, string | undefined>]> = [
      ['WECHAT_PAY_API_BASE', { WECHAT_PAY_API_BASE: undefined }],
      ['WECHAT_PAY_API_BASE', { WECHAT_PAY_API_BASE: 'http://127.0.0.1:4011' }],
      ['WECHAT_PAY_MCHID', { WECHAT_PAY_MCHID: DEV_WECHAT_PAY.mchid }],
      ['WECHAT_APP_ID', { WECHAT_APP_ID: undefined }],
      ['WECHAT_PAY_MERCHANT_PRIVATE_KEY', { WECHAT_PAY_MERCHANT_PRIVATE_KEY: devWechatPayKey('merchantPrivateKey') }],
      ['WECHAT_PAY_PLATFORM_PUBLIC_KEY', { WECHAT_PAY_PLATFORM_PUBLIC_KEY: undefined }],
      ['WECHAT_PAY_PLATFORM_KEY_ID', { WECHAT_PAY_PLATFORM_KEY_ID: undefined }],
      ['WECHAT_PAY_APIV3_KEY', { WECHAT_PAY_APIV3_KEY: DEV_WECHAT_PAY.apiV3Key }],
      ['PAYMENT_NOTIFY_BASE_URL', { PAYMENT_NOTIFY_BASE_URL: 'http://mall.example.com' }],
      ['PAYMENT_DEV_METHOD', { PAYMENT_DEV_METHOD: 'true' }],
    ];
    for (const [variable, change] of cases) {
      const env = { ...production, ...change };
      expect(() => loadPaymentConfig(env), variable).toThrow(ConfigError);
      expect(() => loadPaymentConfig(env), variable).toThrow(variable);
    }
  });

  it('takes platform certificates instead of the public key, and refuses expired or unreadable ones', async () => {
    const [current, older] = await Promise.all([issuePlatformCertificate(), issuePlatformCertificate()]);
    const config = loadPaymentConfig({ ...production, WECHAT_PAY_PLATFORM_PUBLIC_KEY: undefined, WECHAT_PAY_PLATFORM_KEY_ID: undefined, WECHAT_PAY_PLATFORM_CERTIFICATES: `${current.pem}\n${older.pem}` });
    expect([...config.wechatPay.platformKeys.keys()].sort()).toEqual([current.serial, older.serial].sort());
    expect(config.wechatPay.platformKeys.get(current.serial)!.notAfter!.getTime()).toBe(Math.floor(current.notAfter.getTime() / 1000) * 1000);
    expect(config.wechatPay.downloadCertificates).toBe(false);

    const expired = await issuePlatformCertificate({ notBefore: new Date(Date.now() - 10 * 86400_000), notAfter: new Date(Date.now() - 86400_000) });
    expect(() => loadPaymentConfig({ WECHAT_PAY_PLATFORM_CERTIFICATES: expired.pem })).toThrow(`certificate ${expired.serial} expired`);
    expect(() => loadPaymentConfig({ WECHAT_PAY_PLATFORM_CERTIFICATES: pem(platform.publicKey, 'spki') })).toThrow('WECHAT_PAY_PLATFORM_CERTIFICATES');

    // The development platform key (its private half is in the repository) under a certificate: not in production.
    const devKeys = { privateKey: createPrivateKey(devWechatPayKey('platformPrivateKey')), publicKey: createPublicKey(devWechatPayKey('platformPublicKey')) };
    const devCertificate = await issuePlatformCertificate({ keys: devKeys });
    expect(() => loadPaymentConfig({ ...production, WECHAT_PAY_PLATFORM_CERTIFICATES: devCertificate.pem })).toThrow(`certificate ${devCertificate.serial} is for the development key`);
    expect(loadPaymentConfig({ WECHAT_PAY_PLATFORM_CERTIFICATES: devCertificate.pem }).wechatPay.platformKeys.has(devCertificate.serial)).toBe(true);
  });

  it('may download the certificates in production with no key configured, and then trusts no development key', () => {
    const config = loadPaymentConfig({ ...production, WECHAT_PAY_PLATFORM_PUBLIC_KEY: undefined, WECHAT_PAY_PLATFORM_KEY_ID: undefined, WECHAT_PAY_DOWNLOAD_CERTIFICATES: 'true' });
    expect(config.wechatPay.downloadCertificates).toBe(true);
    expect(config.wechatPay.platformKeys.size).toBe(0);
  });

  it('refuses malformed values', () => {
    expect(() => loadPaymentConfig({ WECHAT_PAY_APIV3_KEY: 'short' })).toThrow('WECHAT_PAY_APIV3_KEY');
    expect(() => loadPaymentConfig({ WECHAT_PAY_MERCHANT_PRIVATE_KEY: 'not a key' })).toThrow('WECHAT_PAY_MERCHANT_PRIVATE_KEY');
    expect(() => loadPaymentConfig({ WECHAT_PAY_MCHID: 'abc' })).toThrow('WECHAT_PAY_MCHID');
  });
});
