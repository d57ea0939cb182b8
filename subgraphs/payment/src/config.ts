import { DEV_WECHAT_PAY, throwConfigProblems, devWechatPayKey, isDevKey, parseEnv, pem, z, type Env } from '@mall/kit';
import { privateKeyFrom, publicKeyFrom, readPlatformCertificates, type MerchantKeys, type PlatformKeys } from '@mall/wechat-pay';

/** Payment's own settings. Every WeChat Pay value defaults to the development merchant and the fake server. */
export interface PaymentConfig {
  wechatPay: {
    apiBase: string;
    appId: string;
    keys: MerchantKeys;
    /** WeChat Pay's public key by its id, and/or its platform certificates by serial. */
    platformKeys: PlatformKeys;
    /** Certificate mode: download platform certificates at start, hourly, and on an unknown serial. */
    downloadCertificates: boolean;
    apiV3Key: string;
  };
  /** Base URL WeChat Pay posts notifications to (`…/notify/wechatpay/transaction` and `…/refund`); null: this process's own URL. */
  notifyBaseUrl: string | null;
  /** The DEV payment method is on (never in production). */
  devMethod: boolean;
  sweepIntervalMs: number;
  /** A pending WeChat payment is queried this long before its order expires, in case its notification is missing. */
  queryBeforeExpiryMs: number;
  /** How often such a payment is asked about again. */
  queryIntervalMs: number;
}

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export function loadPaymentConfig(env: Env): PaymentConfig {
  const values = parseEnv(
    {
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      WECHAT_PAY_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
      WECHAT_PAY_MCHID: z.string().regex(/^\d{8,12}$/, 'expected a WeChat Pay merchant id (digits)').default(DEV_WECHAT_PAY.mchid),
      WECHAT_APP_ID: z.string().regex(/^wx[0-9a-z]{14,16}$/, 'expected a mini-program app id (wx…)').default(DEV_WECHAT_PAY.appId),
      WECHAT_PAY_MERCHANT_PRIVATE_KEY: pem.optional(),
      WECHAT_PAY_MERCHANT_SERIAL: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, 'expected the merchant certificate serial (hex)').default(DEV_WECHAT_PAY.merchantSerialNo),
      WECHAT_PAY_PLATFORM_PUBLIC_KEY: pem.optional(),
      WECHAT_PAY_PLATFORM_KEY_ID: z.string().min(1).max(64).default(DEV_WECHAT_PAY.platformKeyId),
      WECHAT_PAY_PLATFORM_CERTIFICATES: pem.optional(),
      WECHAT_PAY_DOWNLOAD_CERTIFICATES: bool.default(false),
      WECHAT_PAY_APIV3_KEY: z.string().length(32, 'expected the 32-character APIv3 key').default(DEV_WECHAT_PAY.apiV3Key),
      PAYMENT_NOTIFY_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
      PAYMENT_DEV_METHOD: bool.default(false),
      PAYMENT_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
      PAYMENT_QUERY_BEFORE_EXPIRY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
      PAYMENT_QUERY_INTERVAL_SECONDS: z.coerce.number().min(0.1).max(3600).default(15),
    },
    env,
  );
  const merchantKey = values.WECHAT_PAY_MERCHANT_PRIVATE_KEY ?? devWechatPayKey('merchantPrivateKey');
  const usesCertificates = values.WECHAT_PAY_PLATFORM_CERTIFICATES !== undefined || values.WECHAT_PAY_DOWNLOAD_CERTIFICATES;
  // The development public key stands in only when no way of verifying WeChat Pay is configured.
  const platformKey = values.WECHAT_PAY_PLATFORM_PUBLIC_KEY ?? (usesCertificates ? undefined : devWechatPayKey('platformPublicKey'));
  const problems: string[] = [];
  const platformKeys: PlatformKeys = new Map();
  if (platformKey !== undefined) platformKeys.set(values.WECHAT_PAY_PLATFORM_KEY_ID, { key: publicKeyFrom(platformKey) });
  if (values.WECHAT_PAY_PLATFORM_CERTIFICATES !== undefined) {
    try {
      for (const certificate of readPlatformCertificates(values.WECHAT_PAY_PLATFORM_CERTIFICATES)) {
        if (certificate.notAfter.getTime() < Date.now()) problems.push(`WECHAT_PAY_PLATFORM_CERTIFICATES: certificate ${certificate.serial} expired on ${certificate.notAfter.toISOString()}`);
        else platformKeys.set(certificate.serial, { key: certificate.key, notBefore: certificate.notBefore, notAfter: certificate.notAfter });
      }
    } catch {
      problems.push('WECHAT_PAY_PLATFORM_CERTIFICATES: expected WeChat Pay platform certificates in PEM (inline, or @file.pem)');
    }
  }
  throwConfigProblems(problems);
  if (values.NODE_ENV === 'production') {
    if (!values.WECHAT_PAY_API_BASE?.startsWith('https://')) problems.push('WECHAT_PAY_API_BASE: required (https://api.mch.weixin.qq.com) when NODE_ENV=production');
    if (values.WECHAT_PAY_MCHID === DEV_WECHAT_PAY.mchid) problems.push('WECHAT_PAY_MCHID: your merchant id is required when NODE_ENV=production');
    if (values.WECHAT_APP_ID === DEV_WECHAT_PAY.appId) problems.push('WECHAT_APP_ID: your mini-program app id is required when NODE_ENV=production');
    if (isDevKey(merchantKey, DEV_WECHAT_PAY.files.merchantPrivateKey, 'private')) problems.push('WECHAT_PAY_MERCHANT_PRIVATE_KEY: your merchant API key is required (not the development key)');
    if (platformKey !== undefined && isDevKey(platformKey, DEV_WECHAT_PAY.files.platformPublicKey, 'public')) {
      problems.push('WECHAT_PAY_PLATFORM_PUBLIC_KEY: the WeChat Pay public key (not the development key), or platform certificates (WECHAT_PAY_PLATFORM_CERTIFICATES, WECHAT_PAY_DOWNLOAD_CERTIFICATES), is required');
    }
    for (const [serial, { key }] of platformKeys) {
      if (serial !== values.WECHAT_PAY_PLATFORM_KEY_ID && isDevKey(key.export({ type: 'spki', format: 'pem' }).toString(), DEV_WECHAT_PAY.files.platformPublicKey, 'public')) {
        problems.push(`WECHAT_PAY_PLATFORM_CERTIFICATES: certificate ${serial} is for the development key`);
      }
    }
    if (platformKey !== undefined && values.WECHAT_PAY_PLATFORM_KEY_ID === DEV_WECHAT_PAY.platformKeyId) problems.push('WECHAT_PAY_PLATFORM_KEY_ID: the id of your WeChat Pay public key (PUB_KEY_ID_…) is required');
    if (values.WECHAT_PAY_APIV3_KEY === DEV_WECHAT_PAY.apiV3Key) problems.push('WECHAT_PAY_APIV3_KEY: your APIv3 key is required');
    if (!values.PAYMENT_NOTIFY_BASE_URL?.startsWith('https://')) problems.push('PAYMENT_NOTIFY_BASE_URL: the public https URL WeChat Pay notifies is required');
    if (values.PAYMENT_DEV_METHOD) problems.push('PAYMENT_DEV_METHOD: the DEV payment method never runs in production');
    throwConfigProblems(problems);
  }
  return {
    wechatPay: {
      apiBase: (values.WECHAT_PAY_API_BASE ?? DEV_WECHAT_PAY.fakeUrl).replace(/\/$/, ''),
      appId: values.WECHAT_APP_ID,
      keys: { mchid: values.WECHAT_PAY_MCHID, serialNo: values.WECHAT_PAY_MERCHANT_SERIAL, privateKey: privateKeyFrom(merchantKey) },
      platformKeys,
      downloadCertificates: values.WECHAT_PAY_DOWNLOAD_CERTIFICATES,
      apiV3Key: values.WECHAT_PAY_APIV3_KEY,
    },
    notifyBaseUrl: values.PAYMENT_NOTIFY_BASE_URL?.replace(/\/$/, '') ?? null,
    devMethod: values.PAYMENT_DEV_METHOD,
    sweepIntervalMs: values.PAYMENT_SWEEP_INTERVAL_MS,
    queryBeforeExpiryMs: values.PAYMENT_QUERY_BEFORE_EXPIRY_SECONDS * 1000,
    queryIntervalMs: values.PAYMENT_QUERY_INTERVAL_SECONDS * 1000,
  };
}
