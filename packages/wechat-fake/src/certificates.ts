import 'reflect-metadata';
import { X509Certificate, generateKeyPairSync, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/**
 * Platform certificates for the fake WeChat Pay (the older of WeChat Pay's two ways to let
 * merchants verify it: an X.509 certificate per platform key, `Wechatpay-Serial` being the
 * certificate's serial number). The fake issues them to itself; what matters on the wire
 * is the serial, the public key and the validity, which the merchant's side checks.
 */
export interface PlatformCertificate {
  /** Upper-case hex, as WeChat Pay writes it in `Wechatpay-Serial` and `serial_no`. */
  serial: string;
  pem: string;
  notBefore: Date;
  notAfter: Date;
  privateKey: KeyObject;
}

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A certificate for `keys` (a new RSA 2048 pair if omitted), valid five years from now unless told otherwise. */
export async function issuePlatformCertificate(
  options: { keys?: { privateKey: KeyObject; publicKey: KeyObject }; notBefore?: Date; notAfter?: Date } = {},
): Promise<PlatformCertificate> {
  const keys = options.keys ?? generateKeyPairSync('rsa', { modulusLength: 2048 });
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * 24 * 3600_000);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', keys.privateKey.export({ type: 'pkcs8', format: 'der' }), algorithm, false, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', keys.publicKey.export({ type: 'spki', format: 'der' }), algorithm, true, ['verify']);
  // 20 bytes, the first in 0x10–0x7f: positive and without leading zeros, as WeChat Pay's serials look.
  const serialBytes = randomBytes(20);
  serialBytes[0] = 0x10 + (serialBytes[0]! % 0x70);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialBytes.toString('hex'),
    name: 'CN=Fake WeChat Pay platform, OU=mall tests, O=mall, C=CN',
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys: { privateKey, publicKey } as webcrypto.CryptoKeyPair as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
  });
  const pem = certificate.toString('pem');
  return { serial: new X509Certificate(pem).serialNumber.toUpperCase(), pem, notBefore, notAfter, privateKey: keys.privateKey };
}
