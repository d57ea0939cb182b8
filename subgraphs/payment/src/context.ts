import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { RequestPaymentParams, WechatPayClient } from '@mall/wechat-pay';
import type { PaymentConfig } from './config.ts';
import type { PaymentSchema } from './db/schema.ts';
import type { PaymentLoaders } from './loaders.ts';

/** Payment's bundle: the kit's parts, its settings and its WeChat Pay client. */
export interface PaymentDeps extends KitDeps<PaymentSchema> {
  settings: PaymentConfig;
  wechat: WechatPayClient;
  /** Where WeChat Pay posts its notifications. */
  notifyUrl(kind: 'transaction' | 'refund'): string;
  /** `wx.requestPayment` parameters for a prepay, signed with the merchant key. */
  requestPayment(prepayId: string): RequestPaymentParams;
  /** DEV method: has the fake WeChat Pay complete the transaction (it then notifies us). */
  devPay(paymentNo: string): Promise<void>;
}

/** Why a person must look at something in payment (the `reason` of `deps.attention` and of the metric). */
export const ATTENTION_REASONS = [
  'refund_refused',
  'refund_waiting_for_wallet',
  'refund_succeeded_after_failing',
  'paid_transaction_mismatch',
  'notification_mismatch',
  'after_sale_without_payment',
  'after_sale_not_refundable',
  'recharge_credit_refused',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export type PaymentContext = SubgraphContext<PaymentDeps, PaymentLoaders>;
export type PaymentDb = PaymentDeps['db'];
export type PaymentTx = TransactionOf<PaymentSchema>;

/** A member or order as payment knows one: by id. */
export interface EntityRef {
  id: string;
}
