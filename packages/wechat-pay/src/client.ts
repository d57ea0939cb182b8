import { constants, publicEncrypt, type KeyObject } from 'node:crypto';
import {
  authorization,
  decryptResource,
  readPlatformCertificates,
  verifyWechatSignature,
  type EncryptedResource,
  type MerchantKeys,
  type PlatformCertificate,
  type PlatformKeys,
  type SignedHeaders,
  type VerifyFailure,
} from './protocol.ts';

/**
 * Our HTTP client of WeChat Pay API v3: every request signed, every answer's signature
 * verified before its body is trusted. The base URL is configuration: the fake in tests
 * and local runs, https://api.mch.weixin.qq.com in production.
 */
export interface WechatPayClientOptions {
  baseUrl: string;
  appId: string;
  keys: MerchantKeys;
  /** The APIv3 key: notifications' resources and downloaded certificates are encrypted with it. */
  apiV3Key: string;
  /** The keys WeChat Pay signs with; certificate downloads add to it and drop expired ones. */
  platformKeys: PlatformKeys;
  /**
   * Certificate mode: platform certificates are downloaded from `/v3/certificates` by
   * `refreshCertificates`, and again (at most once a minute) when an answer or a
   * notification names a serial not known yet, so WeChat Pay's rotations need no restart.
   */
  downloadCertificates?: boolean;
  timeoutMs?: number;
}

/** How often an unknown serial may cause a certificate download. */
const UNKNOWN_SERIAL_REFRESH_MS = 60_000;

export class WechatPayError extends Error {
  override name = 'WechatPayError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface Transaction {
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  amount?: { total: number; currency: string; payer_total?: number };
  mchid: string;
  appid: string;
  success_time?: string;
}

export interface Refund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  amount: { refund: number; total: number; currency: string };
}

/** A merchant transfer bill (商家转账) as WeChat Pay answers and notifies it. */
export interface TransferBill {
  out_bill_no: string;
  transfer_bill_no?: string;
  state: 'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELING' | 'CANCELLED';
  /** While WAIT_USER_CONFIRM: what the mini-program passes to `wx.requestMerchantTransfer`. */
  package_info?: string;
  transfer_amount?: number;
  openid?: string;
  fail_reason?: string;
  create_time?: string;
  update_time?: string;
}

const headersOf = (response: Response): SignedHeaders => ({
  timestamp: response.headers.get('wechatpay-timestamp') ?? undefined,
  nonce: response.headers.get('wechatpay-nonce') ?? undefined,
  signature: response.headers.get('wechatpay-signature') ?? undefined,
  serial: response.headers.get('wechatpay-serial') ?? undefined,
});

export function createWechatPayClient(options: WechatPayClientOptions) {
  let lastUnknownSerialRefresh = 0;
  let refreshing: Promise<string[]> | null = null;
  /** Serials configured at start stay; downloaded ones last as long as WeChat Pay lists them. */
  const configured = new Set(options.platformKeys.keys());

  /**
   * Verifies a signature by WeChat Pay. In certificate mode a serial not known yet first
   * fetches the current certificates (shared by concurrent callers, at most once a minute,
   * so forged serials cannot make us hammer WeChat Pay).
   */
  async function verify(headers: SignedHeaders, rawBody: Buffer | string): Promise<{ ok: true } | { ok: false; failure: VerifyFailure }> {
    const first = verifyWechatSignature(options.platformKeys, headers, rawBody);
    if (first.ok || first.failure !== 'UNKNOWN_SERIAL' || !options.downloadCertificates) return first;
    if (!refreshing && Date.now() - lastUnknownSerialRefresh < UNKNOWN_SERIAL_REFRESH_MS) return first;
    if (!refreshing) lastUnknownSerialRefresh = Date.now();
    await refreshCertificates().catch(() => undefined);
    return verifyWechatSignature(options.platformKeys, headers, rawBody);
  }

  /** Sends a signed request (`body` is the JSON text, undefined for none); the answer is not verified yet. */
  async function send(method: 'GET' | 'POST', pathWithQuery: string, body: string | undefined, extraHeaders: Record<string, string> = {}): Promise<{ response: Response; raw: Buffer }> {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${pathWithQuery}`, {
        method,
        headers: {
          authorization: authorization(options.keys, method, pathWithQuery, body ?? ''),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...extraHeaders,
        },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new WechatPayError(0, 'UNREACHABLE', 'WeChat Pay could not be reached.');
    }
    return { response, raw: Buffer.from(await response.arrayBuffer()) };
  }

  function parse<T>(response: Response, raw: Buffer): T | null {
    if (response.status === 204) return null;
    const json = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    if (!response.ok) throw new WechatPayError(response.status, String(json['code'] ?? 'ERROR'), String(json['message'] ?? 'WeChat Pay refused the request.'));
    return json as T;
  }

  async function call<T>(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown, extraHeaders?: Record<string, string>): Promise<T | null> {
    const { response, raw } = await send(method, pathWithQuery, payload === undefined ? undefined : JSON.stringify(payload), extraHeaders);
    const verified = await verify(headersOf(response), raw);
    // An answer that is not WeChat's (or was changed on the way) is never believed.
    if (!verified.ok) throw new WechatPayError(response.status, `UNVERIFIED_${verified.failure satisfies VerifyFailure}`, 'WeChat Pay answer failed verification.');
    return parse<T>(response, raw);
  }

  /**
   * The platform certificates WeChat Pay lists now. Each arrives encrypted with the APIv3
   * key (which only WeChat Pay and the merchant hold), so decrypting it is what makes it
   * trusted; its serial must match, and the answer itself must be signed by a key already
   * known or by one of the certificates in it. Any failure rejects the whole answer.
   */
  async function certificates(): Promise<PlatformCertificate[]> {
    const { response, raw } = await send('GET', '/v3/certificates', undefined);
    const listed = parse<{ data?: Array<{ serial_no?: string; encrypt_certificate?: EncryptedResource }> }>(response, raw);
    const found: PlatformCertificate[] = [];
    for (const entry of listed?.data ?? []) {
      if (!entry.encrypt_certificate || !entry.serial_no) throw new WechatPayError(response.status, 'BAD_CERTIFICATE', 'A platform certificate came without its serial or content.');
      let certificate: PlatformCertificate;
      try {
        [certificate] = readPlatformCertificates(decryptResource(options.apiV3Key, entry.encrypt_certificate)) as [PlatformCertificate];
      } catch {
        throw new WechatPayError(response.status, 'BAD_CERTIFICATE', 'A platform certificate could not be decrypted or read.');
      }
      if (certificate.serial !== entry.serial_no.toUpperCase()) throw new WechatPayError(response.status, 'BAD_CERTIFICATE', 'A platform certificate does not carry the serial it is listed under.');
      found.push(certificate);
    }
    const candidates: PlatformKeys = new Map(options.platformKeys);
    for (const certificate of found) candidates.set(certificate.serial, { key: certificate.key, notBefore: certificate.notBefore, notAfter: certificate.notAfter });
    const verified = verifyWechatSignature(candidates, headersOf(response), raw);
    if (!verified.ok) throw new WechatPayError(response.status, `UNVERIFIED_${verified.failure}`, 'WeChat Pay certificate list failed verification.');
    return found;
  }

  /**
   * Makes `platformKeys` the configured keys plus the certificates WeChat Pay lists now: one
   * it no longer lists is no longer believed, and an expired one never is. Answers the
   * serials added. A failed download changes nothing.
   */
  function refreshCertificates(): Promise<string[]> {
    refreshing ??= (async () => {
      try {
        const listed = await certificates();
        const now = Date.now();
        const added: string[] = [];
        const current = new Set(listed.map((certificate) => certificate.serial));
        for (const serial of [...options.platformKeys.keys()]) if (!configured.has(serial) && !current.has(serial)) options.platformKeys.delete(serial);
        for (const certificate of listed) {
          if (configured.has(certificate.serial) || certificate.notAfter.getTime() < now) continue;
          if (!options.platformKeys.has(certificate.serial)) added.push(certificate.serial);
          options.platformKeys.set(certificate.serial, { key: certificate.key, notBefore: certificate.notBefore, notAfter: certificate.notAfter });
        }
        for (const [serial, key] of options.platformKeys) if (key.notAfter && key.notAfter.getTime() < now) options.platformKeys.delete(serial);
        return added;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  return {
    verify,
    refreshCertificates,
    /** JSAPI (mini-program) prepay: answers the prepay_id for `wx.requestPayment`. */
    async prepay(input: { description: string; outTradeNo: string; total: number; payerOpenid: string; notifyUrl: string; expiresAt?: Date }): Promise<string> {
      const answer = await call<{ prepay_id: string }>('POST', '/v3/pay/transactions/jsapi', {
        appid: options.appId,
        mchid: options.keys.mchid,
        description: input.description,
        out_trade_no: input.outTradeNo,
        notify_url: input.notifyUrl,
        ...(input.expiresAt ? { time_expire: input.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00') } : {}),
        amount: { total: input.total, currency: 'CNY' },
        payer: { openid: input.payerOpenid },
      });
      if (!answer?.prepay_id) throw new WechatPayError(200, 'NO_PREPAY_ID', 'WeChat Pay answered no prepay_id.');
      return answer.prepay_id;
    },
    /** The transaction as WeChat Pay sees it (to settle a payment whose notification is missing). */
    async query(outTradeNo: string): Promise<Transaction> {
      const answer = await call<Transaction>('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(options.keys.mchid)}`);
      return answer!;
    },
    /** Asks for a refund of `refund` cents of a paid transaction; WeChat Pay notifies when it completes. */
    async refund(input: { outTradeNo: string; outRefundNo: string; refund: number; total: number; reason?: string; notifyUrl: string }): Promise<Refund> {
      const answer = await call<Refund>('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        ...(input.reason ? { reason: input.reason } : {}),
        notify_url: input.notifyUrl,
        amount: { refund: input.refund, total: input.total, currency: 'CNY' },
      });
      return answer!;
    },
    /** A refund as WeChat Pay sees it. */
    async queryRefund(outRefundNo: string): Promise<Refund> {
      return (await call<Refund>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`))!;
    },
    /**
     * A merchant transfer to a user's WeChat change (商家转账, 佣金报酬 scene by default): the bill
     * waits for the user to confirm it (`package_info`, for `wx.requestMerchantTransfer`);
     * WeChat Pay notifies when it ends. `userName` (the payee's real name, needed from ¥2,000)
     * is encrypted with the platform key WeChat Pay names in `Wechatpay-Serial`. Idempotent by
     * `outBillNo`.
     */
    async createTransfer(input: { outBillNo: string; openid: string; amount: number; remark: string; notifyUrl: string; userName?: string | null; sceneId?: string; reportInfos?: Array<{ info_type: string; info_content: string }> }): Promise<TransferBill> {
      let sensitive: { serial: string; userName: string } | null = null;
      if (input.userName) {
        const [serial, platform] = [...options.platformKeys.entries()].filter(([, k]) => !k.notAfter || k.notAfter.getTime() > Date.now()).at(-1) ?? [];
        if (!serial || !platform) throw new WechatPayError(0, 'NO_PLATFORM_KEY', 'No WeChat Pay platform key to encrypt the real name with.');
        sensitive = { serial, userName: publicEncrypt({ key: platform.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(input.userName, 'utf8')).toString('base64') };
      }
      const answer = await call<TransferBill>(
        'POST',
        '/v3/fund-app/mch-transfer/transfer-bills',
        {
          appid: options.appId,
          out_bill_no: input.outBillNo,
          transfer_scene_id: input.sceneId ?? '1005',
          openid: input.openid,
          ...(sensitive ? { user_name: sensitive.userName } : {}),
          transfer_amount: input.amount,
          transfer_remark: input.remark,
          notify_url: input.notifyUrl,
          user_recv_perception: '劳务报酬',
          transfer_scene_report_infos: input.reportInfos ?? [{ info_type: '岗位类型', info_content: '分销推广' }, { info_type: '报酬说明', info_content: '分销佣金' }],
        },
        sensitive ? { 'wechatpay-serial': sensitive.serial } : {},
      );
      return answer!;
    },
    /** A transfer bill as WeChat Pay sees it now. */
    async queryTransfer(outBillNo: string): Promise<TransferBill> {
      return (await call<TransferBill>('GET', `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}`))!;
    },
    /** Cancels a transfer bill the user has not confirmed (WeChat Pay notifies CANCELLED). */
    async cancelTransfer(outBillNo: string): Promise<TransferBill> {
      return (await call<TransferBill>('POST', `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}/cancel`, {}))!;
    },
    /** Closes an unpaid transaction (the order expired). */
    async close(outTradeNo: string): Promise<void> {
      await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: options.keys.mchid });
    },
  };
}

export type WechatPayClient = ReturnType<typeof createWechatPayClient>;
export type { KeyObject };
