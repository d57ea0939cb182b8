import express from 'express';
import { runEvery, subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { WechatPayError, authorization, createWechatPayClient, requestPaymentParams } from '@mall/wechat-pay';
import { loadPaymentConfig } from './config.ts';
import { consumers } from './consumers.ts';
import { ATTENTION_REASONS, type PaymentDeps } from './context.ts';
import { paymentSchema, type PaymentSchema } from './db/schema.ts';
import { jobs } from './jobs.ts';
import { createLoaders, type PaymentLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { refundNotificationHandler, transactionNotificationHandler } from './services/notifications.ts';

/** The payment subgraph: WeChat Pay v3 and wallet payments, verified notifications, refunds, recharges. */
export const paymentSubgraph: SubgraphDefinition<PaymentSchema, PaymentDeps, PaymentLoaders> = {
  name: 'payment',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: paymentSchema,
  async deps(base) {
    const settings = loadPaymentConfig(base.config.variables);
    base.metrics.declareAttention(ATTENTION_REASONS);
    const pay = settings.wechatPay;
    const wechat = createWechatPayClient({
      baseUrl: pay.apiBase,
      appId: pay.appId,
      keys: pay.keys,
      apiV3Key: pay.apiV3Key,
      platformKeys: pay.platformKeys,
      downloadCertificates: pay.downloadCertificates,
    });
    if (pay.downloadCertificates) {
      try {
        const serials = await wechat.refreshCertificates();
        base.log.info({ serials }, 'WeChat Pay platform certificates downloaded');
      } catch (error) {
        // Without any key nothing from WeChat Pay could be believed: better not to start.
        if (pay.platformKeys.size === 0) throw error;
        base.log.error({ err: error }, 'downloading WeChat Pay platform certificates failed; verifying with the configured keys');
      }
      if (pay.platformKeys.size === 0) throw new Error('WeChat Pay listed no certificate valid now, and no platform key is configured');
    }
    return {
      ...base,
      settings,
      wechat,
      notifyUrl: (kind) => `${settings.notifyBaseUrl ?? base.localUrl()}/notify/wechatpay/${kind}`,
      requestPayment: (prepayId) => requestPaymentParams(pay.keys, pay.appId, prepayId),
      async devPay(paymentNo) {
        // The fake WeChat Pay's stand-in for the buyer confirming on the phone; it notifies us before answering.
        const path = `/dev/pay/${encodeURIComponent(paymentNo)}`;
        let response: Response;
        try {
          response = await fetch(`${pay.apiBase}${path}`, {
            method: 'POST',
            headers: { authorization: authorization(pay.keys, 'POST', path, '') },
            signal: AbortSignal.timeout(10_000),
          });
        } catch {
          throw new WechatPayError(0, 'UNREACHABLE', 'The fake WeChat Pay could not be reached.');
        }
        // Refusals come as WeChat Pay's {code, message} (ORDER_CLOSED: closed, or past
        // time_expire), so the caller treats them as it treats WeChat Pay's own.
        const refusal = response.ok ? null : ((await response.json().catch(() => ({}))) as { code?: unknown; message?: unknown });
        if (refusal) throw new WechatPayError(response.status, String(refusal.code ?? 'ERROR'), String(refusal.message ?? 'The fake WeChat Pay refused the DEV payment.'));
        await response.arrayBuffer();
      },
    };
  },
  createLoaders,
  consumers,
  jobs,
  start(deps) {
    // Every replica keeps its own copy of the platform certificates. WeChat Pay lists a new
    // one well before the old one expires; an hourly look is plenty.
    const refresh = deps.settings.wechatPay.downloadCertificates
      ? runEvery('WeChat Pay certificate refresh', 3600_000, () => deps.wechat.refreshCertificates(), deps.log)
      : null;
    return async () => refresh?.stop();
  },
  routes(app, deps) {
    // The raw bytes are what WeChat Pay signed: never parse before verifying.
    const raw = express.raw({ type: () => true, limit: '64kb' });
    app.post('/notify/wechatpay/transaction', raw, transactionNotificationHandler(deps));
    app.post('/notify/wechatpay/refund', raw, refundNotificationHandler(deps));
  },
};

export default paymentSubgraph;
