import type { KeyObject } from 'node:crypto';
import { authorization, verifyWechatSignature, type MerchantKeys, type PlatformKeys, type VerifyFailure } from './protocol.ts';

/**
 * Our HTTP client of WeChat Pay API v3: every request signed, every answer's signature
 * verified before its body is trusted. The base URL is configuration: the fake in tests
 * and local runs, https://api.mch.weixin.qq.com in production.
 */
export interface WechatPayClientOptions {
  baseUrl: string;
  appId: string;
  keys: MerchantKeys;
  platformKeys: PlatformKeys;
  timeoutMs?: number;
}

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

export function createWechatPayClient(options: WechatPayClientOptions) {
  async function call<T>(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown): Promise<T | null> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${pathWithQuery}`, {
        method,
        headers: {
          authorization: authorization(options.keys, method, pathWithQuery, body),
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new WechatPayError(0, 'UNREACHABLE', 'WeChat Pay could not be reached.');
    }
    const raw = Buffer.from(await response.arrayBuffer());
    const verified = verifyWechatSignature(
      options.platformKeys,
      {
        timestamp: response.headers.get('wechatpay-timestamp') ?? undefined,
        nonce: response.headers.get('wechatpay-nonce') ?? undefined,
        signature: response.headers.get('wechatpay-signature') ?? undefined,
        serial: response.headers.get('wechatpay-serial') ?? undefined,
      },
      raw,
    );
    // An answer that is not WeChat's (or was changed on the way) is never believed.
    if (!verified.ok) throw new WechatPayError(response.status, `UNVERIFIED_${verified.failure satisfies VerifyFailure}`, 'WeChat Pay answer failed verification.');
    if (response.status === 204) return null;
    const json = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    if (!response.ok) throw new WechatPayError(response.status, String(json['code'] ?? 'ERROR'), String(json['message'] ?? 'WeChat Pay refused the request.'));
    return json as T;
  }

  return {
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
    /** Closes an unpaid transaction (the order expired). */
    async close(outTradeNo: string): Promise<void> {
      await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: options.keys.mchid });
    },
  };
}

export type WechatPayClient = ReturnType<typeof createWechatPayClient>;
export type { KeyObject };
