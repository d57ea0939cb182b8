import { eq } from 'drizzle-orm';
import type { PaymentDeps } from '../context.ts';
import { payments, refunds } from '../db/schema.ts';
import { checkWithProvider, debitWallet, paymentsToCheck } from './payments.ts';
import { applyWechatRefundState, executeRefund, refundsToCheck } from './refunds.ts';

/**
 * Payment's periodic pass, for everything a lost message or a crash can leave behind:
 * - a pending WeChat payment near its order's expiry (or old, or superseded by another
 *   payment of the order) is queried: paid → settled as if notified; unpaid past the
 *   deadline or superseded → closed at WeChat Pay and here;
 * - a pending wallet payment (membership did not answer) is debited again with the same key;
 * - a refund not sent yet is sent again; one WeChat Pay has not notified is queried.
 * Runs as a kit job (once at a time across replicas); each step is idempotent besides, so a
 * pass cut off by a crash is simply run again.
 */
export async function sweep(deps: PaymentDeps, now = new Date()): Promise<{ checked: number; refunds: number }> {
  // Payments and refunds are swept side by side, so one slow provider does not hold up the other.
  const [checked, refundsChecked] = await Promise.all([sweepPayments(deps, now), sweepRefunds(deps, now)]);
  if (checked + refundsChecked > 0) deps.log.info({ payments: checked, refunds: refundsChecked }, 'payment sweep');
  return { checked, refunds: refundsChecked };
}

async function sweepPayments(deps: PaymentDeps, now: Date): Promise<number> {
  const due = await paymentsToCheck(deps, now);
  for (const payment of due) {
    try {
      if (payment.method === 'BALANCE') await debitWallet(deps, payment, { interactive: false });
      else await checkWithProvider(deps, payment, { superseded: payment.superseded });
    } catch (error) {
      deps.log.warn({ err: error, paymentNo: payment.paymentNo }, 'payment check failed; a later sweep retries');
    }
  }
  return due.length;
}

async function sweepRefunds(deps: PaymentDeps, now: Date): Promise<number> {
  const due = await refundsToCheck(deps.db, now, deps.settings.queryIntervalMs);
  for (const refund of due) {
    try {
      if (refund.status === 'PENDING') {
        await executeRefund(deps, refund.id);
        continue;
      }
      await deps.db.update(refunds).set({ checkedAt: new Date() }).where(eq(refunds.id, refund.id));
      const [payment] = await deps.db.select().from(payments).where(eq(payments.id, refund.paymentId));
      if (payment?.method === 'BALANCE') continue;
      await applyWechatRefundState(deps, refund, await deps.wechat.queryRefund(refund.refundNo));
    } catch (error) {
      deps.log.warn({ err: error, refundNo: refund.refundNo }, 'refund check failed; a later sweep retries');
    }
  }
  return due.length;
}
