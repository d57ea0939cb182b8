import type { Request, Response } from 'express';
import { eq } from 'drizzle-orm';
import { decryptResource, type EncryptedResource } from '@mall/wechat-pay';
import type { PaymentDeps } from '../context.ts';
import { payments, refunds } from '../db/schema.ts';
import { paidAmount, settlePaid } from './payments.ts';
import { applyWechatRefundState } from './refunds.ts';

/**
 * WeChat Pay's notifications (`POST /notify/wechatpay/transaction` and `/refund`). Nothing
 * is believed before it is verified: the platform signature over the raw body bytes
 * (`timestamp\nnonce\nbody\n`, key chosen by `Wechatpay-Serial`, timestamp within 5 minutes),
 * then the AES-256-GCM resource decrypted with the APIv3 key, then the merchant, app, our
 * payment number, the amount and its currency (CNY) checked against our own record. Any
 * failure answers 4xx and changes nothing; WeChat Pay retries a failed notification later.
 * A verified notification that names another amount or currency is counted for a person
 * (`notification_mismatch`): it is not an attacker's. A notification of a payment already
 * settled answers 204 and changes nothing more.
 */

interface Envelope {
  id?: string;
  event_type?: string;
  resource_type?: string;
  resource?: EncryptedResource;
}

type Outcome = { status: 204 } | { status: 400 | 401 | 404 | 500; message: string };

function reply(res: Response, outcome: Outcome): void {
  if (outcome.status === 204) {
    res.status(204).end();
    return;
  }
  res.status(outcome.status).json({ code: 'FAIL', message: outcome.message });
}

/** Verifies the signature and decrypts the resource; answers the plaintext, or why not. */
async function open(deps: PaymentDeps, req: Request): Promise<{ ok: true; envelope: Envelope; resource: Record<string, unknown> } | { ok: false; outcome: Outcome }> {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const verified = await deps.wechat.verify(
    { timestamp: header('wechatpay-timestamp'), nonce: header('wechatpay-nonce'), signature: header('wechatpay-signature'), serial: header('wechatpay-serial') },
    raw,
  );
  if (!verified.ok) {
    deps.log.warn({ failure: verified.failure, path: req.path }, 'WeChat Pay notification failed verification');
    return { ok: false, outcome: { status: 401, message: `verification failed: ${verified.failure}` } };
  }
  let envelope: Envelope;
  let resource: Record<string, unknown>;
  try {
    envelope = JSON.parse(raw.toString('utf8')) as Envelope;
    if (!envelope.resource) throw new Error('no resource');
    resource = JSON.parse(decryptResource(deps.settings.wechatPay.apiV3Key, envelope.resource)) as Record<string, unknown>;
  } catch (error) {
    deps.log.warn({ err: error, path: req.path }, 'WeChat Pay notification could not be decrypted');
    return { ok: false, outcome: { status: 400, message: 'resource could not be decrypted' } };
  }
  return { ok: true, envelope, resource };
}

/** An express handler answering `handle`'s outcome; anything unexpected is a 500 (WeChat Pay retries later). */
function notificationRoute(deps: PaymentDeps, what: string, handle: (deps: PaymentDeps, req: Request) => Promise<Outcome>) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      reply(res, await handle(deps, req));
    } catch (error) {
      deps.log.error({ err: error }, `WeChat Pay ${what} notification failed`);
      reply(res, { status: 500, message: 'internal error' });
    }
  };
}

export const transactionNotificationHandler = (deps: PaymentDeps) => notificationRoute(deps, 'transaction', onTransaction);
export const refundNotificationHandler = (deps: PaymentDeps) => notificationRoute(deps, 'refund', onRefund);

async function onTransaction(deps: PaymentDeps, req: Request): Promise<Outcome> {
  const opened = await open(deps, req);
  if (!opened.ok) return opened.outcome;
  const { envelope, resource } = opened;
  const { mchid, appId } = { mchid: deps.settings.wechatPay.keys.mchid, appId: deps.settings.wechatPay.appId };
  if (resource['mchid'] !== mchid || resource['appid'] !== appId) {
    deps.log.warn({ mchid: resource['mchid'], appid: resource['appid'] }, 'WeChat Pay notification for another merchant or app');
    return { status: 400, message: 'mchid or appid mismatch' };
  }
  const outTradeNo = typeof resource['out_trade_no'] === 'string' ? resource['out_trade_no'] : '';
  const [payment] = await deps.db.select().from(payments).where(eq(payments.paymentNo, outTradeNo));
  if (!payment || payment.method === 'BALANCE') return { status: 404, message: 'unknown out_trade_no' };
  const paid = paidAmount(payment, resource['amount']);
  if (!paid.ok) {
    deps.attention(
      'notification_mismatch',
      { paymentNo: payment.paymentNo, mismatch: paid.mismatch, expected: payment.amount, got: resource['amount'] },
      `a verified WeChat Pay notification does not match the payment (${paid.mismatch})`,
    );
    return { status: 400, message: `${paid.mismatch} mismatch` };
  }
  if (envelope.event_type !== 'TRANSACTION.SUCCESS' || resource['trade_state'] !== 'SUCCESS') return { status: 204 };
  const transactionId = typeof resource['transaction_id'] === 'string' ? resource['transaction_id'] : '';
  const successTime = typeof resource['success_time'] === 'string' ? new Date(resource['success_time']) : new Date();
  const changed = await settlePaid(deps, payment.id, { transactionId, paidAt: Number.isNaN(successTime.getTime()) ? new Date() : successTime, payerTotal: paid.payerTotal });
  deps.log.info({ paymentNo: payment.paymentNo, changed, notificationId: envelope.id }, 'WeChat Pay payment notification');
  return { status: 204 };
}

async function onRefund(deps: PaymentDeps, req: Request): Promise<Outcome> {
  const opened = await open(deps, req);
  if (!opened.ok) return opened.outcome;
  const { envelope, resource } = opened;
  if (resource['mchid'] !== deps.settings.wechatPay.keys.mchid) return { status: 400, message: 'mchid mismatch' };
  const outRefundNo = typeof resource['out_refund_no'] === 'string' ? resource['out_refund_no'] : '';
  const [refund] = await deps.db.select().from(refunds).where(eq(refunds.refundNo, outRefundNo));
  if (!refund) return { status: 404, message: 'unknown out_refund_no' };
  const [payment] = await deps.db.select().from(payments).where(eq(payments.id, refund.paymentId));
  const amount = resource['amount'] as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
  // WeChat Pay's refund notification names no currency (the payment's, CNY); one that names another is not ours to believe.
  const currency = amount?.currency === undefined || amount.currency === 'CNY';
  if (resource['out_trade_no'] !== payment?.paymentNo || amount?.refund !== refund.amount || amount?.total !== payment?.amount || !currency) {
    deps.attention('notification_mismatch', { refundNo: refund.refundNo, got: amount }, 'a verified WeChat Pay refund notification does not match the refund');
    return { status: 400, message: 'refund mismatch' };
  }
  const status = resource['refund_status'];
  const refundId = typeof resource['refund_id'] === 'string' ? resource['refund_id'] : '';
  if (envelope.event_type === 'REFUND.SUCCESS' && status === 'SUCCESS') await applyWechatRefundState(deps, refund, { refund_id: refundId, status: 'SUCCESS' });
  else if (status === 'CLOSED' || status === 'ABNORMAL') await applyWechatRefundState(deps, refund, { refund_id: refundId, status });
  return { status: 204 };
}
