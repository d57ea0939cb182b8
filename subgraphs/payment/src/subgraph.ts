import express from 'express';
import {
  commandSender,
  eventWiring,
  runEvery,
  startOutboxRelay,
  subgraphFiles,
  type SubgraphDefinition,
} from '@mall/kit';
import { WechatPayError, authorization, createWechatPayClient, requestPaymentParams } from '@mall/wechat-pay';
import { loadPaymentConfig } from './config.ts';
import { ATTENTION_REASONS, type PaymentCore, type PaymentParts } from './context.ts';
import { paymentSchema, type PaymentSchema } from './db/schema.ts';
import { createLoaders, type PaymentLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { startPaymentConsumers } from './services/consumers.ts';
import { refundNotificationHandler, transactionNotificationHandler } from './services/notifications.ts';
import { sweep } from './services/sweeper.ts';

/** The payment subgraph: WeChat Pay v3 and wallet payments, verified notifications, refunds, recharges. */
export const paymentSubgraph: SubgraphDefinition<PaymentSchema, PaymentLoaders, PaymentParts> = {
  name: 'payment',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: paymentSchema,
  createLoaders,
  async start(deps) {
    const config = loadPaymentConfig(deps.config.variables);
    deps.metrics.declareAttention(ATTENTION_REASONS);
    const db = deps.database.db;
    const relay = startOutboxRelay(eventWiring(deps));
    const wechat = createWechatPayClient({
      baseUrl: config.wechatPay.apiBase,
      appId: config.wechatPay.appId,
      keys: config.wechatPay.keys,
      apiV3Key: config.wechatPay.apiV3Key,
      platformKeys: config.wechatPay.platformKeys,
      downloadCertificates: config.wechatPay.downloadCertificates,
    });
    if (config.wechatPay.downloadCertificates) {
      try {
        const serials = await wechat.refreshCertificates();
        deps.log.info({ serials }, 'WeChat Pay platform certificates downloaded');
      } catch (error) {
        // Without any key nothing from WeChat Pay could be believed: better not to start.
        if (config.wechatPay.platformKeys.size === 0) throw error;
        deps.log.error({ err: error }, 'downloading WeChat Pay platform certificates failed; verifying with the configured keys');
      }
      if (config.wechatPay.platformKeys.size === 0) throw new Error('WeChat Pay listed no certificate valid now, and no platform key is configured');
    }
    const parts: PaymentParts = {
      config,
      relay,
      send: commandSender(deps.nats, deps.config.events.prefix),
      wechat,
      notifyUrl: (kind) => `${config.notifyBaseUrl ?? deps.localUrl()}/notify/wechatpay/${kind}`,
      requestPayment: (prepayId) => requestPaymentParams(config.wechatPay.keys, config.wechatPay.appId, prepayId),
      async devPay(paymentNo) {
        // The fake WeChat Pay's stand-in for the buyer confirming on the phone; it notifies us before answering.
        const path = `/dev/pay/${encodeURIComponent(paymentNo)}`;
        let response: Response;
        try {
          response = await fetch(`${config.wechatPay.apiBase}${path}`, {
            method: 'POST',
            headers: { authorization: authorization(config.wechatPay.keys, 'POST', path, '') },
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
      attention(reason, details, message) {
        deps.log.error({ ...details, attention: reason }, message);
        deps.metrics.attention(reason);
      },
    };
    const core: PaymentCore = { db, parts, log: deps.log };
    const consumers = await startPaymentConsumers(core, eventWiring(deps));
    const sweeper = runEvery('payment sweep', config.sweepIntervalMs, () => sweep(core), deps.log);
    // WeChat Pay lists a new certificate well before the old one expires; an hourly look is plenty.
    const certificateRefresh = config.wechatPay.downloadCertificates
      ? runEvery('WeChat Pay certificate refresh', 3600_000, () => wechat.refreshCertificates(), deps.log)
      : null;
    return {
      parts,
      async stop() {
        await sweeper.stop();
        await certificateRefresh?.stop();
        await Promise.all(consumers.map((c) => c.stop()));
        await relay.stop();
      },
    };
  },
  routes(app, deps, parts) {
    const core: PaymentCore = { db: deps.database.db, parts, log: deps.log };
    // The raw bytes are what WeChat Pay signed: never parse before verifying.
    const raw = express.raw({ type: () => true, limit: '64kb' });
    app.post('/notify/wechatpay/transaction', raw, transactionNotificationHandler(core));
    app.post('/notify/wechatpay/refund', raw, refundNotificationHandler(core));
  },
};
