import { constants, createCipheriv, createPublicKey, createSign, createVerify, privateDecrypt, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issuePlatformCertificate, type PlatformCertificate } from './certificates.ts';
import { NOTIFY_RETRY_DELAYS_MS, NOTIFY_TIMEOUT_MS, createNotifier, type FakeLog, type PendingNotification } from './notifications.ts';
import { readStateFile, setAside, writeStateFile } from './state.ts';

export { NOTIFY_RETRY_DELAYS_MS, NOTIFY_TIMEOUT_MS, type FakeLog, type PendingNotification };

/**
 * A local stand-in for WeChat Pay API v3 (written apart from the mall's client, so the two
 * only meet on the wire): it checks the merchant's `WECHATPAY2-SHA256-RSA2048` signature,
 * signs every answer with its own platform key (public-key mode: `Wechatpay-Serial` is the
 * key id; certificate mode: the serial of the platform certificate it serves at
 * `/v3/certificates`, encrypted like notifications), keeps transactions and refunds (never more refunded than paid) and
 * merchant transfer bills (商家转账: `/v3/fund-app/mch-transfer/transfer-bills`, waiting for
 * the payee to confirm, the real name required from ¥2,000 and decrypted with its platform
 * key; `confirmTransfer`, `failTransfer`, `expireTransfer` or `POST /dev/transfer/<no>/confirm`
 * end them), and builds payment, refund and transfer notifications signed and encrypted with
 * AEAD_AES_256_GCM under the merchant's APIv3 key, exactly as WeChat Pay does.
 *
 * Like WeChat Pay it never falls over on a request: what it cannot take is answered with
 * WeChat Pay's error body (`{"code":"PARAM_ERROR","message":…}` 400 for a body that is not
 * JSON or lacks a field, 404 for an unknown path, 500 `SYSTEM_ERROR` for its own faults).
 * Notifications it delivers are retried on WeChat Pay's schedule until answered 200/204
 * (notifications.ts), and with `statePath` its transactions, refunds and undelivered
 * notifications outlive a restart.
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
  /**
   * A JSON file the fake keeps its transactions, refunds and undelivered notifications in
   * (replaced atomically on every change), read back when it starts; a restarted fake knows
   * them and resumes the notifications' retries. Omitted: memory only.
   */
  statePath?: string;
  /** The wait before each notification retry (default WeChat Pay's 15 retries over about 24 h, `NOTIFY_RETRY_DELAYS_MS`). */
  notifyRetryDelaysMs?: readonly number[];
  /** How long an answer to a notification may take before it counts as failed (default 5000, as WeChat Pay). */
  notifyTimeoutMs?: number;
  /**
   * How long the buyer of a DEV payment takes to confirm on the phone (default 0): `/dev/pay`
   * waits this long before paying, so a test can have the deadline pass in between.
   */
  devPayDelayMs?: number;
  /** Where the fake reports failed deliveries and its own faults (default JSON lines on stdout/stderr). */
  log?: FakeLog;
}

/** A refusal the fake answers with WeChat Pay's error body, `{ code, message }`. */
export class FakeWechatPayError extends Error {
  override name = 'FakeWechatPayError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const paramError = (message: string) => new FakeWechatPayError(400, 'PARAM_ERROR', message);

const defaultLog: FakeLog = (level, msg, details) => {
  const line = JSON.stringify({ level, service: 'wechat-pay-fake', time: new Date().toISOString(), msg, ...details });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
};

/** A notification request as WeChat Pay sends it. */
export interface FakeNotification {
  /** The notification's `id` (also in the body). */
  id: string;
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
  /** `payer_total`: what the buyer paid, less than `total` by a WeChat Pay coupon; absent, all of it. */
  amount: { total: number; currency: string; payer_total?: number };
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

/** A merchant transfer bill (商家转账): waiting for the user to confirm it in the mini-program, then SUCCESS, FAIL or CANCELLED. */
interface FakeTransfer {
  out_bill_no: string;
  transfer_bill_no: string;
  appid: string;
  openid: string;
  transfer_amount: number;
  transfer_remark: string;
  transfer_scene_id: string;
  /** The real name, decrypted (required from ¥2,000). */
  user_name?: string;
  notify_url: string;
  state: 'WAIT_USER_CONFIRM' | 'SUCCESS' | 'FAIL' | 'CANCELLED';
  package_info: string;
  fail_reason?: string;
  create_time: string;
  update_time: string;
}

/** Transfers from this many cents need the payee's real name (¥2,000). */
const REAL_NAME_FROM = 200_000;

/** A time as WeChat Pay writes it: RFC 3339 in Beijing time. */
function beijingTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

function sign(key: KeyObject, message: string | Buffer): string {
  return createSign('RSA-SHA256').update(message).sign(key, 'base64');
}

/** The request body as JSON, as WeChat Pay takes it: an object, or PARAM_ERROR. */
function jsonBody(body: string): Record<string, unknown> {
  if (body === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw paramError('请求体不是合法的JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw paramError('请求体应为JSON对象');
  return parsed as Record<string, unknown>;
}

function objectField(json: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = json[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw paramError(`缺少参数${name}`);
  return value as Record<string, unknown>;
}

function textField(json: Record<string, unknown>, name: string): string {
  const value = json[name];
  if (typeof value !== 'string' || value === '') throw paramError(`缺少参数${name}`);
  return value;
}

function amountField(json: Record<string, unknown>, name: string): number {
  const value = json[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw paramError(`${name}应为整数（分）`);
  return value;
}

/** A path segment as sent (percent-encoded); a malformed encoding is the caller's error, not ours. */
function pathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw paramError('路径参数格式错误');
  }
}

/** What `statePath` holds. */
interface FakeWechatPayState {
  version: 1;
  transactions: FakeTransaction[];
  refunds: FakeRefund[];
  /** Absent in states written before transfers. */
  transfers?: FakeTransfer[];
  notifications: PendingNotification[];
}

function isState(value: unknown): value is FakeWechatPayState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return state['version'] === 1 && Array.isArray(state['transactions']) && Array.isArray(state['refunds']) && Array.isArray(state['notifications']);
}

export async function startFakeWechatPay(options: FakeWechatPayOptions, port = 0, host = '127.0.0.1') {
  const log = options.log ?? defaultLog;
  const transactions = new Map<string, FakeTransaction>();
  const refunds = new Map<string, FakeRefund>();
  const transfers = new Map<string, FakeTransfer>();
  /** Answers the next refund requests get instead of being processed (tests of WeChat Pay refusing). */
  const refundFailures: Array<{ status: number; code: string; message: string }> = [];
  /** Refunds waiting to complete by themselves (`refundDelayMs`), cleared by `close`. */
  const refundTimers = new Set<NodeJS.Timeout>();
  /** Who signs answers and notifications now: the public key's id, or the newest certificate's serial. */
  let signer = { serial: options.platformKeyId, key: options.platformPrivateKey };
  const certificates: PlatformCertificate[] = [];
  let certificateDownloads = 0;
  if (options.platformCertificates) {
    const first = await issuePlatformCertificate({ keys: { privateKey: options.platformPrivateKey, publicKey: createPublicKey(options.platformPrivateKey) } });
    certificates.push(first);
    signer = { serial: first.serial, key: first.privateKey };
  }

  /** Timestamp, nonce, serial and signature over `body`, as on WeChat Pay's answers and notifications. */
  function signatureHeaders(body: string): Record<string, string> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonceStr,
      'wechatpay-serial': signer.serial,
      'wechatpay-signature': sign(signer.key, `${timestamp}\n${nonceStr}\n${body}\n`),
    };
  }

  const notifier = createNotifier({
    retryDelaysMs: options.notifyRetryDelaysMs ?? NOTIFY_RETRY_DELAYS_MS,
    timeoutMs: options.notifyTimeoutMs ?? NOTIFY_TIMEOUT_MS,
    headersFor: (body) => ({ 'content-type': 'application/json', ...signatureHeaders(body) }),
    changed: () => save(),
    log,
  });

  function save(): void {
    if (options.statePath === undefined) return;
    const state: FakeWechatPayState = { version: 1, transactions: [...transactions.values()], refunds: [...refunds.values()], transfers: [...transfers.values()], notifications: notifier.pending() };
    writeStateFile(options.statePath, state, log);
  }

  function answer(res: ServerResponse, status: number, body: unknown | null) {
    const raw = body === null ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(body === null ? {} : { 'content-type': 'application/json' }), ...signatureHeaders(raw) });
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

  /** One request; anything it throws is answered by the server below, never left to crash the process. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (!authorized(req, body)) return answer(res, 401, { code: 'SIGN_ERROR', message: '签名错误' });
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = jsonBody(body);

    if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      const appid = textField(json, 'appid');
      const mchid = textField(json, 'mchid');
      const outTradeNo = textField(json, 'out_trade_no');
      const description = textField(json, 'description');
      const notifyUrl = textField(json, 'notify_url');
      const amount = objectField(json, 'amount');
      const total = amountField(amount, 'total');
      const openid = textField(objectField(json, 'payer'), 'openid');
      const timeExpire = json['time_expire'];
      if (timeExpire !== undefined && (typeof timeExpire !== 'string' || Number.isNaN(Date.parse(timeExpire)))) throw paramError('time_expire格式错误');
      const notifyAt = URL.parse(notifyUrl);
      if (notifyAt?.protocol !== 'http:' && notifyAt?.protocol !== 'https:') throw paramError('notify_url格式错误');
      if (appid !== options.appId || mchid !== options.mchid) return answer(res, 400, { code: 'PARAM_ERROR', message: 'appid和mch_id不匹配' });
      const existing = transactions.get(outTradeNo);
      if (existing) {
        if (existing.trade_state === 'SUCCESS') return answer(res, 400, { code: 'ORDERPAID', message: '该订单已支付' });
        return answer(res, 200, { prepay_id: existing.prepay_id });
      }
      const prepayId = `wx${Date.now()}${randomBytes(8).toString('hex')}`;
      transactions.set(outTradeNo, {
        appid,
        mchid,
        out_trade_no: outTradeNo,
        description,
        notify_url: notifyUrl,
        amount: { total, currency: typeof amount['currency'] === 'string' ? amount['currency'] : 'CNY' },
        payer: { openid },
        trade_state: 'NOTPAY',
        prepay_id: prepayId,
        ...(typeof timeExpire === 'string' ? { time_expire: timeExpire } : {}),
      });
      save();
      return answer(res, 200, { prepay_id: prepayId });
    }
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && query) {
      const tx = transactions.get(pathSegment(query[1]!));
      if (!tx) return answer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return answer(res, 200, transactionResource(tx));
    }
    const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(url.pathname);
    if (req.method === 'POST' && close) {
      const tx = transactions.get(pathSegment(close[1]!));
      if (!tx) return answer(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      if (tx.trade_state === 'SUCCESS') return answer(res, 400, { code: 'ORDERPAID', message: '该订单已支付' });
      tx.trade_state = 'CLOSED';
      save();
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
    // The transaction succeeds and the first attempt at its notification is made before the
    // answer, so the merchant's real notification code runs; if that attempt fails the
    // notification is retried like any other. A transaction the buyer can no longer pay
    // (closed, or past its time_expire) is refused as WeChat Pay refuses it: 400 ORDER_CLOSED.
    const devPay = /^\/dev\/pay\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && devPay) {
      if (options.devPayDelayMs) await new Promise((resolve) => setTimeout(resolve, options.devPayDelayMs));
      const status = await notifier.notify(pay(pathSegment(devPay[1]!)));
      return answer(res, 200, { trade_state: 'SUCCESS', delivered: status === 200 || status === 204 });
    }
    if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      const failure = refundFailures.shift();
      if (failure) return answer(res, failure.status, { code: failure.code, message: failure.message });
      const outRefundNo = textField(json, 'out_refund_no');
      const existing = refunds.get(outRefundNo);
      if (existing) return answer(res, 200, visibleRefund(existing));
      const amount = objectField(json, 'amount');
      const requested = { refund: amountField(amount, 'refund'), total: amountField(amount, 'total') };
      const tx = transactions.get(String(json['out_trade_no'] ?? ''));
      if (!tx || tx.trade_state !== 'SUCCESS') return answer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
      const refunded = [...refunds.values()].filter((r) => r.out_trade_no === tx.out_trade_no).reduce((sum, r) => sum + r.amount.refund, 0);
      if (requested.total !== tx.amount.total || requested.refund < 1 || refunded + requested.refund > tx.amount.total) {
        return answer(res, 400, { code: 'INVALID_REQUEST', message: '申请退款金额超过订单可退金额' });
      }
      const refund: FakeRefund = {
        refund_id: `5030${Date.now()}${randomBytes(4).toString('hex')}`,
        out_refund_no: outRefundNo,
        out_trade_no: tx.out_trade_no,
        transaction_id: tx.transaction_id ?? '',
        notify_url: typeof json['notify_url'] === 'string' ? json['notify_url'] : '',
        status: 'PROCESSING',
        amount: { refund: requested.refund, total: requested.total, currency: 'CNY' },
        create_time: new Date().toISOString(),
      };
      refunds.set(outRefundNo, refund);
      save();
      completeLater(outRefundNo);
      return answer(res, 200, visibleRefund(refund));
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && refundQuery) {
      const refund = refunds.get(pathSegment(refundQuery[1]!));
      if (!refund) return answer(res, 404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      return answer(res, 200, visibleRefund(refund));
    }
    if (req.method === 'POST' && url.pathname === '/v3/fund-app/mch-transfer/transfer-bills') {
      const appid = textField(json, 'appid');
      const outBillNo = textField(json, 'out_bill_no');
      if (!/^[A-Za-z0-9]{5,32}$/.test(outBillNo)) throw paramError('out_bill_no格式错误');
      const openid = textField(json, 'openid');
      const amount = amountField(json, 'transfer_amount');
      const remark = textField(json, 'transfer_remark');
      const scene = textField(json, 'transfer_scene_id');
      if (appid !== options.appId) return answer(res, 400, { code: 'PARAM_ERROR', message: 'appid与商户号不匹配' });
      if (amount < 10 || amount > 2_000_000) throw paramError('transfer_amount超出范围');
      if ([...remark].length > 32) throw paramError('transfer_remark超长');
      const notifyUrl = typeof json['notify_url'] === 'string' ? json['notify_url'] : '';
      const existing = transfers.get(outBillNo);
      if (existing) return answer(res, 200, transferAnswer(existing));
      let userName: string | undefined;
      if (json['user_name'] !== undefined) {
        // Encrypted with the platform key named by Wechatpay-Serial, RSA-OAEP: only WeChat Pay reads it.
        if (req.headers['wechatpay-serial'] !== signer.serial) throw paramError('Wechatpay-Serial与加密所用平台证书不一致');
        try {
          userName = privateDecrypt({ key: signer.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(String(json['user_name']), 'base64')).toString('utf8');
        } catch {
          throw paramError('user_name解密失败');
        }
      }
      if (amount >= REAL_NAME_FROM && !userName) throw paramError('转账金额>=2000元时，user_name必填');
      const now = new Date().toISOString();
      const transfer: FakeTransfer = {
        out_bill_no: outBillNo,
        transfer_bill_no: `1330${Date.now()}${randomBytes(4).toString('hex')}`,
        appid,
        openid,
        transfer_amount: amount,
        transfer_remark: remark,
        transfer_scene_id: scene,
        ...(userName ? { user_name: userName } : {}),
        notify_url: notifyUrl,
        state: 'WAIT_USER_CONFIRM',
        package_info: `ABBQO+oYAAABAAAAAAAk${randomBytes(18).toString('base64')}`,
        create_time: now,
        update_time: now,
      };
      transfers.set(outBillNo, transfer);
      save();
      return answer(res, 200, transferAnswer(transfer));
    }
    const transferQuery = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && transferQuery) {
      const transfer = transfers.get(pathSegment(transferQuery[1]!));
      if (!transfer) return answer(res, 404, { code: 'NOT_FOUND', message: '记录不存在' });
      return answer(res, 200, transferResource(transfer));
    }
    const transferCancel = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)\/cancel$/.exec(url.pathname);
    if (req.method === 'POST' && transferCancel) {
      const transfer = transfers.get(pathSegment(transferCancel[1]!));
      if (!transfer) return answer(res, 404, { code: 'NOT_FOUND', message: '记录不存在' });
      if (transfer.state !== 'WAIT_USER_CONFIRM') return answer(res, 400, { code: 'INVALID_REQUEST', message: '当前单据状态不支持撤销' });
      const notice = endTransfer(transfer.out_bill_no, 'CANCELLED');
      if (notice) void notifier.notify(notice);
      return answer(res, 200, { out_bill_no: transfer.out_bill_no, transfer_bill_no: transfer.transfer_bill_no, state: 'CANCELLED', update_time: transfer.update_time });
    }
    // Not a WeChat Pay API: the development stand-in for the payee confirming in the mini-program.
    const devTransfer = /^\/dev\/transfer\/([^/]+)\/confirm$/.exec(url.pathname);
    if (req.method === 'POST' && devTransfer) {
      const notice = endTransfer(pathSegment(devTransfer[1]!), 'SUCCESS');
      const status = notice ? await notifier.notify(notice) : null;
      return answer(res, 200, { state: 'SUCCESS', delivered: status === 200 || status === 204 });
    }
    answer(res, 404, { code: 'NOT_FOUND', message: 'unknown API' });
  }

  /** The answer to creating a transfer bill: its state, and `package_info` for `wx.requestMerchantTransfer` while the payee has to confirm. */
  function transferAnswer(transfer: FakeTransfer) {
    return { out_bill_no: transfer.out_bill_no, transfer_bill_no: transfer.transfer_bill_no, create_time: transfer.create_time, state: transfer.state, ...(transfer.state === 'WAIT_USER_CONFIRM' ? { package_info: transfer.package_info } : {}) };
  }

  /** A transfer bill as queries and notifications show it. */
  function transferResource(transfer: FakeTransfer) {
    return {
      mch_id: options.mchid,
      out_bill_no: transfer.out_bill_no,
      transfer_bill_no: transfer.transfer_bill_no,
      appid: transfer.appid,
      state: transfer.state,
      transfer_amount: transfer.transfer_amount,
      transfer_remark: transfer.transfer_remark,
      openid: transfer.openid,
      ...(transfer.fail_reason ? { fail_reason: transfer.fail_reason } : {}),
      create_time: transfer.create_time,
      update_time: transfer.update_time,
    };
  }

  /**
   * A transfer bill ends (the payee confirmed it: SUCCESS; WeChat Pay could not pay: FAIL;
   * cancelled, or not confirmed in time: CANCELLED) and its signed, encrypted
   * MCHTRANSFER.BILL.FINISHED notification is built for its notify_url (null without one).
   * A bill that ended already changes nothing more (its notification again).
   */
  function endTransfer(outBillNo: string, state: 'SUCCESS' | 'FAIL' | 'CANCELLED', failReason?: string): FakeNotification | null {
    const transfer = transfers.get(outBillNo);
    if (!transfer) throw new FakeWechatPayError(404, 'NOT_FOUND', `记录不存在: no transfer ${outBillNo}`);
    if (transfer.state === 'WAIT_USER_CONFIRM') {
      transfer.state = state;
      if (failReason) transfer.fail_reason = failReason;
      transfer.update_time = new Date().toISOString();
      save();
    }
    if (!transfer.notify_url) return null;
    return notification(transfer.notify_url, 'MCHTRANSFER.BILL.FINISHED', '商家转账单据终态通知', transferResource(transfer), 'mch_payment');
  }

  /** What the handler threw, answered as WeChat Pay would (or the connection dropped if an answer was already under way). */
  function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    try {
      const refusal = error instanceof FakeWechatPayError;
      if (!refusal) log('error', 'the fake WeChat Pay failed on a request', { method: req.method, url: req.url, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (refusal) answer(res, error.status, { code: error.code, message: error.message });
      else answer(res, 500, { code: 'SYSTEM_ERROR', message: '系统错误，请稍后重试' });
    } catch {
      res.destroy();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answerFailure(req, res, error));
  });

  const restored = options.statePath === undefined ? undefined : readStateFile(options.statePath, log);
  if (restored !== undefined && !isState(restored)) setAside(options.statePath!, log, 'is not a state this fake wrote');
  const state = isState(restored) ? restored : undefined;
  for (const tx of state?.transactions ?? []) transactions.set(tx.out_trade_no, tx);
  for (const refund of state?.refunds ?? []) refunds.set(refund.out_refund_no, refund);
  for (const transfer of state?.transfers ?? []) transfers.set(transfer.out_bill_no, transfer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  // Only a fake that did start picks up where the last one left off.
  notifier.resume(state?.notifications ?? []);
  for (const refund of refunds.values()) if (refund.status === 'PROCESSING') completeLater(refund.out_refund_no);

  /** With `refundDelayMs`, the refund completes by itself and its notification is delivered (and retried). */
  function completeLater(outRefundNo: string): void {
    if (options.refundDelayMs === undefined) return;
    const timer = setTimeout(() => {
      refundTimers.delete(timer);
      try {
        const refund = refunds.get(outRefundNo);
        if (refund?.status !== 'PROCESSING') return;
        if (refund.notify_url) void notifier.notify(completeRefund(outRefundNo));
        else completeRefund(outRefundNo);
      } catch (error) {
        log('error', 'completing a refund failed inside the fake', { outRefundNo, error: error instanceof Error ? error.message : String(error) });
      }
    }, options.refundDelayMs);
    timer.unref();
    refundTimers.add(timer);
  }

  function visibleRefund(refund: FakeRefund) {
    const { notify_url: _notify, ...visible } = refund;
    return visible;
  }

  /** Encrypts a resource the way WeChat Pay does: AES-256-GCM, 12-char nonce, ciphertext + tag in base64. */
  function encrypt(plaintext: string, associatedData: string) {
    const nonceStr = randomBytes(9).toString('base64url').slice(0, 12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(options.apiV3Key, 'utf8'), Buffer.from(nonceStr, 'utf8'));
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), associated_data: associatedData, nonce: nonceStr, original_type: associatedData };
  }

  /** A notification as WeChat Pay sends it: JSON envelope, encrypted resource, platform signature. */
  function signedNotification(url: string, eventType: string, summary: string, resource: ReturnType<typeof encrypt>): FakeNotification {
    const id = randomBytes(16).toString('hex');
    const body = JSON.stringify({ id, create_time: new Date().toISOString(), resource_type: 'encrypt-resource', event_type: eventType, summary, resource });
    return { id, url, headers: { 'content-type': 'application/json', ...signatureHeaders(body) }, body };
  }

  /**
   * The buyer pays (what happens on the phone after `wx.requestPayment`): the transaction
   * succeeds and a signed, encrypted notification is built for its notify_url.
   * Returns the exact request WeChat Pay would send, so tests can send, replay or tamper with it.
   * Throws a `FakeWechatPayError` (`ORDER_CLOSED`, `ORDER_NOT_EXIST`) when the buyer could not pay.
   * With `coupon`, a WeChat Pay coupon (代金券) of that many cents pays part: `payer_total` is less.
   */
  function pay(outTradeNo: string, options: { coupon?: number } = {}): FakeNotification {
    const tx = transactions.get(outTradeNo);
    if (!tx) throw new FakeWechatPayError(404, 'ORDER_NOT_EXIST', `订单不存在: no transaction ${outTradeNo}`);
    if (tx.trade_state === 'CLOSED') throw new FakeWechatPayError(400, 'ORDER_CLOSED', `订单已关闭: transaction ${outTradeNo} is closed`);
    // time_expire is to the second (the merchant's deadline rounded down): from then on WeChat Pay takes no payment.
    if (tx.trade_state !== 'SUCCESS' && tx.time_expire && Date.parse(tx.time_expire) <= Date.now()) {
      throw new FakeWechatPayError(400, 'ORDER_CLOSED', `订单已关闭: transaction ${outTradeNo} expired at ${tx.time_expire}`);
    }
    if (tx.trade_state !== 'SUCCESS' && options.coupon) tx.amount.payer_total = tx.amount.total - options.coupon;
    tx.trade_state = 'SUCCESS';
    tx.transaction_id ??= `4200${Date.now()}${randomBytes(4).toString('hex')}`;
    tx.success_time ??= new Date().toISOString();
    save();
    return notification(tx.notify_url, 'TRANSACTION.SUCCESS', '支付成功', transactionResource(tx), 'transaction');
  }

  /** A transaction as notifications and queries show it. */
  function transactionResource(tx: FakeTransaction) {
    const { prepay_id: _prepay, notify_url: _notify, description: _description, ...resource } = tx;
    return { ...resource, trade_type: 'JSAPI', trade_state_desc: tx.trade_state === 'SUCCESS' ? '支付成功' : '未支付', bank_type: 'OTHERS', amount: { ...tx.amount, payer_total: tx.amount.payer_total ?? tx.amount.total, payer_currency: 'CNY' } };
  }

  /** The refund completes: returns the signed, encrypted REFUND.SUCCESS notification for its notify_url. */
  function completeRefund(outRefundNo: string): FakeNotification {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw new FakeWechatPayError(404, 'RESOURCE_NOT_EXISTS', `退款单不存在: no refund ${outRefundNo}`);
    refund.status = 'SUCCESS';
    refund.success_time ??= new Date().toISOString();
    save();
    const resource = { mchid: options.mchid, out_trade_no: refund.out_trade_no, transaction_id: refund.transaction_id, out_refund_no: refund.out_refund_no, refund_id: refund.refund_id, refund_status: 'SUCCESS', success_time: refund.success_time, user_received_account: '支付用户零钱', amount: { total: refund.amount.total, refund: refund.amount.refund, payer_total: refund.amount.total, payer_refund: refund.amount.refund } };
    return notification(refund.notify_url, 'REFUND.SUCCESS', '退款成功', resource, 'refund');
  }

  /** Any resource as a signed, encrypted notification (tests forge wrong amounts or merchants with it). */
  function notification(url: string, eventType: string, summary: string, resource: object, associatedData: string): FakeNotification {
    return signedNotification(url, eventType, summary, encrypt(JSON.stringify(resource), associatedData));
  }

  /** Sends a notification once, exactly as given (no retries); resolves to the merchant's status. */
  async function deliver(request: FakeNotification): Promise<number> {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(options.notifyTimeoutMs ?? NOTIFY_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status;
  }

  async function stop(): Promise<void> {
    for (const timer of refundTimers) clearTimeout(timer);
    refundTimers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await notifier.close();
    await closed;
    save();
  }
  let closing: Promise<void> | undefined;

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
    transfers,
    /** The payee confirms a transfer in the mini-program (`wx.requestMerchantTransfer`): SUCCESS, and its notification. */
    confirmTransfer: (outBillNo: string) => endTransfer(outBillNo, 'SUCCESS'),
    /** WeChat Pay could not pay a transfer (the payee's account, a risk check): FAIL with `reason`, and its notification. */
    failTransfer: (outBillNo: string, reason = 'PAYEE_ACCOUNT_ABNORMAL') => endTransfer(outBillNo, 'FAIL', reason),
    /** A transfer nobody confirmed in time: CANCELLED, and its notification. */
    expireTransfer: (outBillNo: string) => endTransfer(outBillNo, 'CANCELLED'),
    notification,
    deliver,
    /**
     * Delivers a notification as WeChat Pay does: the first attempt now (resolving to its
     * status, null when unanswered in time), then retries on the schedule until answered 200/204.
     */
    notify: (request: FakeNotification) => notifier.notify(request),
    /** Notifications not answered 200/204 yet, with their attempts so far and when the next is due. */
    pendingNotifications: () => notifier.pending(),
    /** Stops listening and retrying; with `statePath`, what is pending is kept for the next start. */
    async close(): Promise<void> {
      // Once only: a second close must not write this fake's state over a newer fake's.
      if (closing) return closing;
      closing = stop();
      return closing;
    },
  };
}

export type FakeWechatPay = Awaited<ReturnType<typeof startFakeWechatPay>>;
