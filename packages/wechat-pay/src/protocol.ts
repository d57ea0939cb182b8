import { X509Certificate, createDecipheriv, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

/**
 * WeChat Pay API v3, the merchant's side of the wire: how requests are signed, how
 * WeChat's answers and notifications are verified and decrypted, and how the mini-program's
 * `wx.requestPayment` parameters are signed. Pure functions over node:crypto.
 */

export interface MerchantKeys {
  mchid: string;
  /** Serial number of the merchant's API certificate. */
  serialNo: string;
  /** The merchant's API private key (RSA 2048, PEM). */
  privateKey: KeyObject;
}

/** One key WeChat Pay signs with: its public key (微信支付公钥), or a platform certificate's, valid until `notAfter`. */
export interface PlatformKey {
  key: KeyObject;
  notBefore?: Date;
  notAfter?: Date;
}

/** WeChat Pay's platform keys, by serial (`Wechatpay-Serial`): a public-key id or a certificate serial. */
export type PlatformKeys = Map<string, PlatformKey>;

/** A platform certificate as read from PEM: its serial (upper-case hex), key and validity. */
export interface PlatformCertificate {
  serial: string;
  key: KeyObject;
  notBefore: Date;
  notAfter: Date;
}

/** Reads every certificate of a PEM bundle (one or several `-----BEGIN CERTIFICATE-----` blocks). */
export function readPlatformCertificates(pemBundle: string): PlatformCertificate[] {
  const blocks = pemBundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no certificate in the PEM text');
  return blocks.map((block) => {
    const certificate = new X509Certificate(block);
    return { serial: certificate.serialNumber.toUpperCase(), key: certificate.publicKey, notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
  });
}

export function privateKeyFrom(pem: string): KeyObject {
  return createPrivateKey(pem);
}

export function publicKeyFrom(pem: string): KeyObject {
  return createPublicKey(pem);
}

/** A 32-character nonce of letters and digits. */
export function nonce(): string {
  return randomBytes(24).toString('base64url').replace(/[-_]/g, 'x').slice(0, 32);
}

function rsaSign(privateKey: KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/**
 * The `Authorization` header of a request: `WECHATPAY2-SHA256-RSA2048` over
 * `METHOD\nURL path with query\ntimestamp\nnonce\nbody\n` (body empty for GET).
 */
export function authorization(keys: MerchantKeys, method: string, pathWithQuery: string, body: string, timestamp = Math.floor(Date.now() / 1000), nonceStr = nonce()): string {
  const signature = rsaSign(keys.privateKey, `${method}\n${pathWithQuery}\n${timestamp}\n${nonceStr}\n${body}\n`);
  return `WECHATPAY2-SHA256-RSA2048 mchid="${keys.mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${keys.serialNo}"`;
}

export interface SignedHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  serial: string | undefined;
}

export type VerifyFailure = 'MISSING_HEADERS' | 'UNKNOWN_SERIAL' | 'CERTIFICATE_NOT_VALID_NOW' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE';

/**
 * Verifies an answer or a notification from WeChat Pay: `Wechatpay-Signature` over
 * `timestamp\nnonce\nbody\n` with the platform key named by `Wechatpay-Serial`, on the raw
 * body bytes as received, with the timestamp within 5 minutes of now, and a certificate's
 * key only within the certificate's validity.
 */
export function verifyWechatSignature(
  platformKeys: PlatformKeys,
  headers: SignedHeaders,
  rawBody: Buffer | string,
  now = Date.now(),
): { ok: true } | { ok: false; failure: VerifyFailure } {
  const { timestamp, nonce: nonceStr, signature, serial } = headers;
  if (!timestamp || !nonceStr || !signature || !serial) return { ok: false, failure: 'MISSING_HEADERS' };
  const platformKey = platformKeys.get(serial);
  if (!platformKey) return { ok: false, failure: 'UNKNOWN_SERIAL' };
  if ((platformKey.notAfter && platformKey.notAfter.getTime() < now) || (platformKey.notBefore && platformKey.notBefore.getTime() > now)) {
    return { ok: false, failure: 'CERTIFICATE_NOT_VALID_NOW' };
  }
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > 300) return { ok: false, failure: 'STALE_TIMESTAMP' };
  const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonceStr}\n`, 'utf8'), body, Buffer.from('\n', 'utf8')]);
  const valid = createVerify('RSA-SHA256').update(message).verify(platformKey.key, signature, 'base64');
  return valid ? { ok: true } : { ok: false, failure: 'BAD_SIGNATURE' };
}

/** A notification's `resource`, encrypted with the merchant's APIv3 key. */
export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
}

/** Decrypts AEAD_AES_256_GCM (ciphertext = encrypted bytes + 16-byte tag, base64). Throws on any tampering. */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${resource.algorithm}`);
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('the APIv3 key must be 32 bytes');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** What `wx.requestPayment` takes for a JSAPI/mini-program prepay. */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** Signs `appId\ntimeStamp\nnonceStr\nprepay_id=…\n` with the merchant key, as the mini-program's payment needs. */
export function requestPaymentParams(keys: MerchantKeys, appId: string, prepayId: string, timestamp = Math.floor(Date.now() / 1000), nonceStr = nonce()): RequestPaymentParams {
  const pkg = `prepay_id=${prepayId}`;
  return { timeStamp: String(timestamp), nonceStr, package: pkg, signType: 'RSA', paySign: rsaSign(keys.privateKey, `${appId}\n${timestamp}\n${nonceStr}\n${pkg}\n`) };
}
