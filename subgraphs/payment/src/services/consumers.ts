import { eq } from 'drizzle-orm';
import { membership, type EventData } from '@mall/contracts';
import { AppError, ErrorCode, consumeEvents, type EventConsumer, type EventWiring } from '@mall/kit';
import type { PaymentCore } from '../context.ts';
import { payments, type PaymentSchema, type RefundSource } from '../db/schema.ts';
import { executeRefund, recordRefund } from './refunds.ts';

const sourceOfRefusal: Record<EventData<'order.payment_refused'>['reason'], RefundSource> = {
  ORDER_CANCELLED: 'ORDER_CANCELLED',
  ALREADY_PAID: 'DUPLICATE_PAYMENT',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
};

/**
 * Payment's durable consumers, each applied once per event:
 * - `order.payment_refused` (the order was cancelled first, or paid by another payment):
 *   the whole payment goes back, automatically;
 * - `order.after_sale_approved`: the approved amount goes back through the payment the order
 *   was paid with;
 * - `payment.succeeded` of a recharge: membership credits the wallet (and its bonus), keyed
 *   by the payment number, so a redelivery credits nothing more.
 */
export async function startPaymentConsumers(core: PaymentCore, base: EventWiring<PaymentSchema>): Promise<EventConsumer[]> {
  const afterCommit = (refundId: number | null) => (refundId === null ? undefined : async () => void (await executeRefund(core, refundId)));

  const refused = await consumeEvents({
    ...base,
    name: 'payment-order-refused',
    subject: 'order.payment_refused',
    handle: async (tx, event) => {
      const data = event.data as EventData<'order.payment_refused'>;
      const [payment] = await tx.select().from(payments).where(eq(payments.id, Number(data.paymentId))).for('update');
      if (!payment || payment.status !== 'SUCCEEDED') return;
      const left = payment.amount - payment.refundedAmount;
      // Staff may have refunded it in full already: then there is nothing left to give back.
      if (left <= 0) return;
      const { refund } = await recordRefund(tx, {
        paymentId: payment.id,
        amount: left,
        source: sourceOfRefusal[data.reason],
        reason: data.reason === 'ORDER_CANCELLED' ? `订单${data.orderNo}已取消，自动退款` : `订单${data.orderNo}未接受此笔支付，自动退款`,
        requestKey: `refused:${payment.id}`,
        requestedBy: 'system',
      });
      core.log.warn({ paymentNo: payment.paymentNo, reason: data.reason, refundNo: refund.refundNo }, 'refunding a payment the order refused');
      return afterCommit(refund.id);
    },
  });

  const afterSale = await consumeEvents({
    ...base,
    name: 'payment-after-sale',
    subject: 'order.after_sale_approved',
    handle: async (tx, event) => {
      const data = event.data as EventData<'order.after_sale_approved'>;
      const candidates = await tx.select().from(payments).where(eq(payments.orderId, Number(data.orderId)));
      const payment = candidates.find((p) => p.paymentNo === data.paymentRef) ?? candidates.find((p) => p.status === 'SUCCEEDED');
      if (!payment) {
        core.parts.attention('after_sale_without_payment', { afterSaleId: data.afterSaleId, orderNo: data.orderNo }, 'approved after-sale has no payment to refund');
        return;
      }
      try {
        const { refund } = await recordRefund(tx, {
          paymentId: payment.id,
          amount: data.amount,
          source: 'AFTER_SALE',
          reason: `售后${data.type === 'RETURN_AND_REFUND' ? '退货退款' : '仅退款'}（订单${data.orderNo}）`,
          requestKey: `after-sale:${data.afterSaleId}`,
          afterSaleId: Number(data.afterSaleId),
          requestedBy: `merchant-of-shop:${data.shopId}`.slice(0, 40),
        });
        return afterCommit(refund.id);
      } catch (error) {
        // Retrying would never help: log it for a person to look at, and move on.
        if (error instanceof AppError && error.code === ErrorCode.CONFLICT) {
          core.parts.attention('after_sale_not_refundable', { err: error, afterSaleId: data.afterSaleId }, 'approved after-sale cannot be refunded');
          return;
        }
        throw error;
      }
    },
  });

  const recharge = await consumeEvents({
    ...base,
    name: 'payment-recharge-credit',
    subject: 'payment.succeeded',
    handle: async (_tx, event) => {
      const data = event.data as EventData<'payment.succeeded'>;
      if (data.purpose !== 'RECHARGE') return;
      try {
        await core.parts.send(membership.walletCredit, {
          memberId: data.memberId,
          amount: data.amount,
          kind: 'RECHARGE',
          idempotencyKey: `recharge:${data.paymentNo}`,
          reference: data.paymentNo,
        });
      } catch (error) {
        // A refusal will not change by asking again (an outage will: that is retried).
        if (error instanceof AppError && (error.code === ErrorCode.CONFLICT || error.code === ErrorCode.BAD_USER_INPUT || error.code === ErrorCode.NOT_FOUND)) {
          core.parts.attention('recharge_credit_refused', { err: error, paymentNo: data.paymentNo }, 'membership refused a recharge credit');
          return;
        }
        throw error;
      }
    },
  });

  return [refused, afterSale, recharge];
}
