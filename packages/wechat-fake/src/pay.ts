import { createCipheriv, createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issuePlatformCertificate, type PlatformCertificate } from './certificates.ts';

/**
 * A local stand-in for WeChat Pay API v3 (written apart from the mall's client, so the two
 * only meet on the wire): it checks the merchant's `WECHATPAY2-SHA256-RSA2048` signature,
 * signs every answer with its own platform key (public-key mode: `Wechatpay-Serial` is the
 * key id; certificate mode: the serial of the platform certificate it serves at
 * `/v3/certificates`, encrypted like notifications), keeps transactions and refunds (never more refunded than paid), and builds
 * payment and refund notifications signed and encrypted with AEAD_AES_256_GCM under the
 * merchant's APIv3 key, exactly as WeChat Pay does.
 */
export interface FakeWechatPayOptions {
  mchid: string;
  appId: string;
  /** The merchant's API public key (to check request signatures). */
  merchantPublicKey: KeyObject;
  /** The fake's platform key pair and the id it goes by. */
  platformPrivateKey: KeyObject;
  platformKeyId: string;
  apiV3Key: string;
  /**
   * Certificate mode: the fake issues itself a platform certificate for its key, signs with
   * the certificate's serial, and serves `/v3/certificates`; `rotatePlatformCertificate`
   * then moves it to a new key and certificate, as WeChat Pay does before one expires.
   */
  platformCertificates?: boolean;
  /**
   * When set, a refund completes by itself this long after it was asked for, and its
   * notification is delivered (as WeChat Pay does, a few seconds later). Tests leave it
   * unset and complete refunds with `completeRefund`.
   */
  refundDelayMs?: number;
}

/** A notification request as WeChat Pay sends it. */
export interface FakeNotification {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface FakeTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  description: string;
  notify_url: string;
  amount: { total: number; currency: string };
  payer: { openid: string };
  trade_state: 'NOTPAY' | 'SUCCESS' | 'CLOSED';
  /** After this the buyer can no longer pay (`time_expire`). */
  time_expire?: string;
  transaction_id?: string;
  success_time?: string;
  prepay_id: string;
}

interface FakeRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  notify_url: string;
  status: 'PROCESSING' | 'SUCCESS';
  amount: { refund: number; total: number; currency: string };
  create_time: string;
  success_time?: string;
}

/** A time as WeChat Pay writes it: RFC 3339 in Beijing time. */
function beijingTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

function sign(key: KeyObject, message: string | Buffer): string {
  return createSign('RSA-SHA256').update(message).sign(key, 'base64');
}

export async function startFakeWechatPay(options: FakeWechatPayOptions, port = 0, host = '127.0.0.1') {
  const transactions = new Map<string, FakeTransaction>();
  const refunds = new Map<string, FakeRefund>();
  /** Answers the next refund requests get instead of being processed (tests of WeChat Pay refusing). */
  const refundFailures: Array<{ status: number; code: string; message: string }> = [];
  /** Who signs answers and notifications now: the public key's id, or the newest certificate's serial. */
  let signer = { serial: options.platformKeyId, key: options.platformPrivateKey };
  const certificates: PlatformCertificate[] = [];
  let certificateDownloads = 0;
  if (options.platformCertificates) {
    const first = await issuePlatformCertificate({ keys: { privateKey: options.platformPrivateKey, publicKey: createPublicKey(options.platformPrivateKey) } });
    certificates.push(first);
    signer = { serial: first.serial, key: first.privateKey };
  }

  function answer(res: ServerResponse, status: number, body: unknown | null) {
    const raw = body === null ? '' : JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    res.writeHead(status, {
      ...(body === null ? {} : { 'content-type': 'application/json' }),
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonceStr,
      'wechatpay-serial': signer.serial,
      'wechatpay-signature': sign(signer.key, `${timestamp}\n${nonceStr}\n${raw}\n`),
    });
    res.end(raw);
  }

  /** Parses and checks `Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…` over the request. */
  function authorized(req: IncomingMessage, body: string): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return false;
    const fields = Object.fromEntries([...header.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (fields['mchid'] !== options.mchid || !fields['signature'] || !fields['timestamp'] || !fields['nonce_str']) return false;
    if (Math.abs(Date.now() / 1000 - Number(fields['timestamp'])) > 300) return false;
    const message = `${req.method}\n${req.url}\n${fields['timestamp']}\n${fields['nonce_str']}\n${body}\n`;
    return createVerify('RSA-SHA256').update(message).verify(options.merchantPublicKey, fields['signature'], 'base64');
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (!authorized(req, body)) return answer(res, 401, { code: 'SIGN_ERROR', message: '签名错误' });
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};

    if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      const outTradeNo = String(json['out_trade_no'] ?? '');
      if (json['appid'] !== options.appId || json['mchid'] !== options.mchid) return answer(res, 400, { code: 'PARAM_ERROR', message: 'appid和mch_id不匹配' });
      const existing = transactions.get(outTradeNo);
      if (existing) {
        if (existing.trade_state === 'SUCCESS') return answer(res, 400, { code: 'ORDERPAID', message: '该订单已支付' });
        return answer(res, 200, { prepay_id: existing.prepay_id });
      }
      const prepayId = `wx${Date.now()}${randomBytes(8).toString('hex')}`;
      transactions.set(outTradeNo, {
        appid: options.appId,
        mchid: options.mchid,
        out_trade_no: outTradeNo,
        description: String(json['description'] ?? ''),
        notify_url: String(json['notify_url'] ?? ''),
        amount: json['amount'] as FakeTransaction['amount'],
        payer: json['payer'] as FakeTransaction['payer'],
        trade_state: 'NOTPAY',
        prepay_id: prepayId,
        ...(typeof json['time_expire'] === 'string' ? { time_expire: json['time_expire'] } : {}),
      });
      return answer(res, 200, { prepay_id: prepayId });
    }
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && query) {
      const tx = transactions.get(decodeURIComponent(query[1]!));
      if (!tx) return answer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return answer(res, 200, transactionResource(tx));
    }
    const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname);
    if (req.method === 'POST' && close) {
      const tx = transactions.get(decodeURIComponent(close[1]!));
      if (!tx) return answer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      if (tx.trade_state === 'SUCCESS') return answer(res, 400, { code: 'ORDERPAID', message: '该订单已支付' });
      tx.trade_state = 'CLOSED';
      return answer(res, 204, null);
    }
    if (req.method === 'GET' && url.pathname === '/v3/certificates') {
      if (certificates.length === 0) return answer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '商户未使用平台证书' });
      certificateDownloads += 1;
      return answer(res, 200, {
        data: certificates.map((certificate) => {
          const { original_type: _original, ...encrypted } = encrypt(certificate.pem, 'certificate');
          return { serial_no: certificate.serial, effective_time: beijingTime(certificate.notBefore), expire_time: beijingTime(certificate.notAfter), encrypt_certificate: encrypted };
        }),
      });
    }
    // Not a WeChat Pay API: the development stand-in for the buyer confirming on the phone.
    // The transaction succeeds and its notification is delivered to notify_url before the
    // answer, so the merchant's real notification code runs.
    const devPay = /^\/dev\/pay\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && devPay) {
      const outTradeNo = decodeURIComponent(devPay[1]!);
      if (!transactions.has(outTradeNo)) return answer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      const delivered = await deliver(pay(outTradeNo));
      return answer(res, 200, { delivered });
    }
    if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      const failure = refundFailures.shift();
      if (failure) return answer(res, failure.status, { code: failure.code, message: failure.message });
      const outRefundNo = String(json['out_refund_no'] ?? '');
      const existing = refunds.get(outRefundNo);
      if (existing) return answer(res, 200, existing);
      const tx = transactions.get(String(json['out_trade_no'] ?? ''));
      if (!tx || tx.trade_state !== 'SUCCESS') return answer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
      const amount = json['amount'] as { refund: number; total: number; currency: string };
      const refunded = [...refunds.values()].filter((r) => r.out_trade_no === tx.out_trade_no).reduce((sum, r) => sum + r.amount.refund, 0);
      if (amount.total !== tx.amount.total || amount.refund < 1 || refunded + amount.refund > tx.amount.total) {
        return answer(res, 400, { code: 'INVALID_REQUEST', message: '申请退款金额超过订单可退金额' });
      }
      const refund: FakeRefund = {
        refund_id: `5030${Date.now()}${randomBytes(4).toString('hex')}`,
        out_refund_no: outRefundNo,
        out_trade_no: tx.out_trade_no,
        transaction_id: tx.transaction_id ?? '',
        notify_url: String(json['notify_url'] ?? ''),
        status: 'PROCESSING',
        amount: { refund: amount.refund, total: amount.total, currency: 'CNY' },
        create_time: new Date().toISOString(),
      };
      refunds.set(outRefundNo, refund);
      if (options.refundDelayMs !== undefined) {
        setTimeout(() => void deliver(completeRefund(outRefundNo)).catch(() => {}), options.refundDelayMs).unref();
      }
      const { notify_url: _notify, ...visible } = refund;
      return answer(res, 200, visible);
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && refundQuery) {
      const refund = refunds.get(decodeURIComponent(refundQuery[1]!));
      if (!refund) return answer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      const { notify_url: _notify, ...visible } = refund;
      return answer(res, 200, visible);
    }
    answer(res, 404, { code: 'NOT_FOUND', message: 'unknown API' });
  });
  await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
  const address = server.address() as AddressInfo;

  /** Encrypts a resource the way WeChat Pay does: AES-256-GCM, 12-char nonce, ciphertext + tag in base64. */
  function encrypt(plaintext: string, associatedData: string) {
    const nonceStr = randomBytes(9).toString('base64url').slice(0, 12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(options.apiV3Key, 'utf8'), Buffer.from(nonceStr, 'utf8'));
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), associated_data: associatedData, nonce: nonceStr, original_type: associatedData };
  }

  /** A notification as WeChat Pay sends it: JSON envelope, encrypted resource, platform signature. */
  function signedNotification(url: string, eventType: string, summary: string, resource: ReturnType<typeof encrypt>) {
    const body = JSON.stringify({ id: randomBytes(16).toString('hex'), create_time: new Date().toISOString(), resource_type: 'encrypt-resource', event_type: eventType, summary, resource });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    return {
      url,
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonceStr,
        'wechatpay-serial': signer.serial,
        'wechatpay-signature': sign(signer.key, `${timestamp}\n${nonceStr}\n${body}\n`),
      },
      body,
    };
  }

  /**
   * The buyer pays (what happens on the phone after `wx.requestPayment`): the transaction
   * succeeds and a signed, encrypted notification is built for its notify_url.
   * Returns the exact request WeChat Pay would send, so tests can send, replay or tamper with it.
   */
  function pay(outTradeNo: string): FakeNotification {
    const tx = transactions.get(outTradeNo);
    if (!tx) throw new Error(`no transaction ${outTradeNo}`);
    if (tx.trade_state === 'CLOSED') throw new Error(`transaction ${outTradeNo} is closed`);
    if (tx.trade_state !== 'SUCCESS' && tx.time_expire && Date.parse(tx.time_expire) < Date.now()) throw new Error(`transaction ${outTradeNo} expired at ${tx.time_expire}`);
    tx.trade_state = 'SUCCESS';
    tx.transaction_id ??= `4200${Date.now()}${randomBytes(4).toString('hex')}`;
    tx.success_time ??= new Date().toISOString();
    return notification(tx.notify_url, 'TRANSACTION.SUCCESS', '支付成功', transactionResource(tx), 'transaction');
  }

  /** A transaction as notifications and queries show it. */
  function transactionResource(tx: FakeTransaction) {
    const { prepay_id: _prepay, notify_url: _notify, description: _description, ...resource } = tx;
    return { ...resource, trade_type: 'JSAPI', trade_state_desc: tx.trade_state === 'SUCCESS' ? '支付成功' : '未支付', bank_type: 'OTHERS', amount: { ...tx.amount, payer_total: tx.amount.total, payer_currency: 'CNY' } };
  }

  /** The refund completes: returns the signed, encrypted REFUND.SUCCESS notification for its notify_url. */
  function completeRefund(outRefundNo: string): FakeNotification {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo}`);
    refund.status = 'SUCCESS';
    refund.success_time ??= new Date().toISOString();
    const resource = { mchid: options.mchid, out_trade_no: refund.out_trade_no, transaction_id: refund.transaction_id, out_refund_no: refund.out_refund_no, refund_id: refund.refund_id, refund_status: 'SUCCESS', success_time: refund.success_time, user_received_account: '支付用户零钱', amount: { total: refund.amount.total, refund: refund.amount.refund, payer_total: refund.amount.total, payer_refund: refund.amount.refund } };
    return notification(refund.notify_url, 'REFUND.SUCCESS', '退款成功', resource, 'refund');
  }

  /** Any resource as a signed, encrypted notification (tests forge wrong amounts or merchants with it). */
  function notification(url: string, eventType: string, summary: string, resource: object, associatedData: string): FakeNotification {
    return signedNotification(url, eventType, summary, encrypt(JSON.stringify(resource), associatedData));
  }

  /** Sends a notification the way WeChat Pay does (POST, JSON); resolves to our answer's status. */
  async function deliver(request: FakeNotification): Promise<number> {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  }

  return {
    url: `http://${host}:${address.port}`,
    transactions,
    refunds,
    /** Certificate mode: the certificates `/v3/certificates` serves, oldest first. */
    platformCertificates: () => [...certificates],
    /** How many times `/v3/certificates` was downloaded. */
    certificateDownloads: () => certificateDownloads,
    /** Certificate mode: stops serving a certificate (one that no longer signs anything). */
    withdrawPlatformCertificate(serial: string): void {
      if (serial === signer.serial) throw new Error('the certificate signing now cannot be withdrawn');
      const at = certificates.findIndex((certificate) => certificate.serial === serial);
      if (at >= 0) certificates.splice(at, 1);
    },
    /** Certificate mode: a new platform key and certificate sign from now on; the old one is still served. */
    async rotatePlatformCertificate(): Promise<PlatformCertificate> {
      if (!options.platformCertificates) throw new Error('the fake runs in public-key mode');
      const next = await issuePlatformCertificate();
      certificates.push(next);
      signer = { serial: next.serial, key: next.privateKey };
      return next;
    },
    /** The next `times` refund requests are answered `status`/`code` (e.g. 403 NOT_ENOUGH: the merchant's balance is short). */
    failNextRefunds(status: number, code: string, times = 1, message = '模拟失败') {
      for (let i = 0; i < times; i++) refundFailures.push({ status, code, message });
    },
    pay,
    completeRefund,
    notification,
    deliver,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeWechatPay = Awaited<ReturnType<typeof startFakeWechatPay>>;
