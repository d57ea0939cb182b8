import type { PaymentCore } from '../context.ts';
import { checkWithProvider, debitWallet, paymentsToCheck } from './payments.ts';
import { applyWechatRefundState, executeRefund, refundsToCheck } from './refunds.ts';
import { eq } from 'drizzle-orm';
import { payments, refunds } from '../db/schema.ts';

/**
 * Payment's periodic pass, for everything a lost message or a crash can leave behind:
 * - a pending WeChat payment near its order's expiry (or old, or superseded by another
 *   payment of the order) is queried: paid → settled as if notified; unpaid past the
 *   deadline or superseded → closed at WeChat Pay and here;
 * - a pending wallet payment (membership did not answer) is debited again with the same key;
 * - a refund not sent yet is sent again; one WeChat Pay has not notified is queried.
 * Safe to run on every replica at once: each step is idempotent.
 */
export async function sweep(core: PaymentCore, now = new Date()): Promise<{ checked: number; refunds: number }> {
  // Payments and refunds are swept side by side, so one slow provider does not hold up the other.
  const [checked, refundsChecked] = await Promise.all([sweepPayments(core, now), sweepRefunds(core, now)]);
  if (checked + refundsChecked > 0) core.log.info({ payments: checked, refunds: refundsChecked }, 'payment sweep');
  return { checked, refunds: refundsChecked };
}

async function sweepPayments(core: PaymentCore, now: Date): Promise<number> {
  const due = await paymentsToCheck(core, now);
  for (const payment of due) {
    try {
      if (payment.method === 'BALANCE') await debitWallet(core, payment, { interactive: false });
      else await checkWithProvider(core, payment, { superseded: payment.superseded });
    } catch (error) {
      core.log.warn({ err: error, paymentNo: payment.paymentNo }, 'payment check failed; a later sweep retries');
    }
  }
  return due.length;
}

async function sweepRefunds(core: PaymentCore, now: Date): Promise<number> {
  const due = await refundsToCheck(core.db, now, core.parts.config.queryIntervalMs);
  for (const refund of due) {
    try {
      if (refund.status === 'PENDING') {
        await executeRefund(core, refund.id);
        continue;
      }
      await core.db.update(refunds).set({ checkedAt: new Date() }).where(eq(refunds.id, refund.id));
      const [payment] = await core.db.select().from(payments).where(eq(payments.id, refund.paymentId));
      if (payment?.method === 'BALANCE') continue;
      await applyWechatRefundState(core, refund, await core.parts.wechat.queryRefund(refund.refundNo));
    } catch (error) {
      core.log.warn({ err: error, refundNo: refund.refundNo }, 'refund check failed; a later sweep retries');
    }
  }
  return due.length;
}
