import type { CommandSender, Logger, OutboxRelay, SubgraphContext, TransactionOf } from '@mall/kit';
import type { RequestPaymentParams, WechatPayClient } from '@mall/wechat-pay';
import type { PaymentConfig } from './config.ts';
import type { PaymentSchema } from './db/schema.ts';
import type { PaymentLoaders } from './loaders.ts';

/** Payment's long-lived parts. */
export interface PaymentParts {
  config: PaymentConfig;
  relay: OutboxRelay;
  send: CommandSender;
  wechat: WechatPayClient;
  /** Where WeChat Pay posts its notifications. */
  notifyUrl(kind: 'transaction' | 'refund'): string;
  /** `wx.requestPayment` parameters for a prepay, signed with the merchant key. */
  requestPayment(prepayId: string): RequestPaymentParams;
  /** DEV method: has the fake WeChat Pay complete the transaction (it then notifies us). */
  devPay(paymentNo: string): Promise<void>;
  /**
   * A case the code cannot settle by itself: logged as an error with `attention: reason`
   * and counted in `mall_attention_needed_total{reason}` for an alert rule.
   */
  attention(reason: AttentionReason, details: Record<string, unknown>, message: string): void;
}

/** Why a person must look at something in payment (the metric's `reason` label). */
export const ATTENTION_REASONS = [
  'refund_refused',
  'refund_succeeded_after_failing',
  'paid_transaction_mismatch',
  'notification_mismatch',
  'after_sale_without_payment',
  'after_sale_not_refundable',
  'recharge_credit_refused',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export type PaymentContext = SubgraphContext<PaymentSchema, PaymentLoaders, PaymentParts>;
export type PaymentDb = PaymentContext['db'];
export type PaymentTx = TransactionOf<PaymentSchema>;

/** What the services need outside a request: the database, the parts, a logger. */
export interface PaymentCore {
  db: PaymentDb;
  parts: PaymentParts;
  log: Logger;
}

/** A member or order as payment knows one: by id. */
export interface EntityRef {
  id: string;
}
