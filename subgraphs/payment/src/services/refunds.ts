import { and, eq, lt, or, sql } from 'drizzle-orm';
import { events, membership, type EventData } from '@mall/contracts';
import { AppError, ErrorCode, cents, isDuplicateKey, loadReference, notFound, requireRole, requireShopManager, text } from '@mall/kit';
import { WechatPayError, type Refund as WechatRefund } from '@mall/wechat-pay';
import type { PaymentContext, PaymentDeps, PaymentDb, PaymentTx } from '../context.ts';
import { payments, refunds, type PaymentRow, type RefundRow, type RefundSource } from '../db/schema.ts';
import { canSeePayment, newNumber } from './payments.ts';

export interface RefundRequest {
  paymentId: number;
  amount: number;
  source: RefundSource;
  reason: string;
  /** One refund per key: asking again answers the first refund (a different amount is a CONFLICT). */
  requestKey: string | null;
  afterSaleId?: number | null;
  requestedBy: string;
}

/**
 * Records a refund under the payment's row lock: the payment must have succeeded and
 * `refundedAmount` (every refund not failed) plus this one must stay within what was
 * paid, so concurrent requests can never refund more than the payment. A request whose key
 * was used before answers that refund, also when the two came at the same moment. The
 * provider is called afterwards (`executeRefund`). Runs inside `db`, which may be an open
 * transaction: one that has not read with a plain SELECT before (a lock first is fine),
 * since the key is looked up with one, in the transaction's snapshot.
 */
export async function recordRefund(db: PaymentDb | PaymentTx, request: RefundRequest): Promise<{ refund: RefundRow; created: boolean }> {
  try {
    return await insertRefund(db, request);
  } catch (error) {
    // Two requests with one key raced past the lookup: the loser answers the winner's refund.
    if (request.requestKey && isDuplicateKey(error)) {
      const existing = await byRequestKey(db, request);
      if (existing) return { refund: existing, created: false };
    }
    throw error;
  }
}

async function byRequestKey(db: PaymentDb | PaymentTx, request: RefundRequest): Promise<RefundRow | null> {
  const [existing] = await db.select().from(refunds).where(eq(refunds.requestKey, request.requestKey!));
  if (!existing) return null;
  if (existing.paymentId !== request.paymentId || existing.amount !== request.amount) {
    throw new AppError(ErrorCode.CONFLICT, 'This idempotency key was used for a different refund.', { reason: 'IDEMPOTENCY_KEY_REUSED' });
  }
  return existing;
}

async function insertRefund(db: PaymentDb | PaymentTx, request: RefundRequest): Promise<{ refund: RefundRow; created: boolean }> {
  return db.transaction(async (tx) => {
    // The payment's lock before the key: requests for one payment take turns here, and the
    // snapshot the key is read in begins once this one's turn has come, so it holds the
    // refund of an earlier request with the same key. Read before the lock, the key was
    // missed by every request that had waited, and they were refused as exceeding what was
    // left (issue 10, defect 2).
    const [payment] = await tx.select().from(payments).where(eq(payments.id, request.paymentId)).for('update');
    if (!payment) throw notFound('Payment', request.paymentId);
    if (request.requestKey) {
      const existing = await byRequestKey(tx, request);
      if (existing) return { refund: existing, created: false };
    }
    if (payment.status !== 'SUCCEEDED') throw new AppError(ErrorCode.CONFLICT, `Payment ${payment.paymentNo} is ${payment.status}: only a succeeded payment can be refunded.`, { reason: 'NOT_REFUNDABLE' });
    if (payment.purpose !== 'ORDER') throw new AppError(ErrorCode.CONFLICT, 'Wallet recharges are not refunded here.', { reason: 'NOT_REFUNDABLE' });
    const refundable = payment.amount - payment.refundedAmount;
    if (request.amount > refundable) {
      throw new AppError(ErrorCode.CONFLICT, `Only ${refundable} of payment ${payment.paymentNo} can still be refunded.`, { reason: 'EXCEEDS_REFUNDABLE', refundable });
    }
    const refundNo = newNumber('R');
    await tx.update(payments).set({ refundedAmount: sql`${payments.refundedAmount} + ${request.amount}` }).where(eq(payments.id, payment.id));
    await tx.insert(refunds).values({
      refundNo,
      paymentId: payment.id,
      amount: request.amount,
      source: request.source,
      reason: request.reason,
      requestKey: request.requestKey,
      afterSaleId: request.afterSaleId ?? null,
      requestedBy: request.requestedBy,
    });
    const [refund] = await tx.select().from(refunds).where(eq(refunds.refundNo, refundNo));
    return { refund: refund!, created: true };
  });
}

/**
 * WeChat Pay's refund answers that will not change by sending the same refund again
 * (bad request, no such transaction, amount beyond what can be refunded, the payer's account
 * closed). Anything else (NOT_ENOUGH merchant balance, FREQUENCY_LIMITED, SYSTEM_ERROR, a
 * signature problem, no answer) leaves the refund PENDING: the sweeper sends it again with
 * the same out_refund_no, as WeChat Pay asks.
 */
const FINAL_REFUND_REFUSALS = new Set(['PARAM_ERROR', 'INVALID_REQUEST', 'RESOURCE_NOT_EXISTS', 'USER_ACCOUNT_ABNORMAL', 'NO_AUTH']);

/**
 * Membership's answers to a wallet credit that sending it again would not change: the
 * member is gone. A wallet at its limit (CONFLICT) may take the credit once the member has
 * spent, so that refund waits, and a person is told each time it is refused.
 */
const FINAL_WALLET_REFUSALS = new Set<string>([ErrorCode.NOT_FOUND]);

/**
 * Sends a recorded refund to its provider: WeChat Pay's refund API (idempotent by
 * out_refund_no; it notifies when done) or membership's wallet credit (idempotent by key
 * `refund:<refundNo>`). When the provider cannot be reached, or refuses for now, the
 * refund stays PENDING and the sweeper sends it again; only a final refusal (confirmed by
 * asking WeChat Pay whether it knows the refund) fails it and frees its amount.
 */
export async function executeRefund(deps: PaymentDeps, refundId: number): Promise<RefundRow> {
  const [refund] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund) throw notFound('Refund', refundId);
  if (refund.status !== 'PENDING') return refund;
  const [payment] = await deps.db.select().from(payments).where(eq(payments.id, refund.paymentId));
  await deps.db.update(refunds).set({ checkedAt: new Date() }).where(eq(refunds.id, refund.id));
  if (payment!.method === 'BALANCE') {
    let entryId: string;
    try {
      ({ entryId } = await deps.send(membership.walletCredit, {
        memberId: String(payment!.memberId),
        amount: refund.amount,
        kind: 'REFUND',
        idempotencyKey: `refund:${refund.refundNo}`,
        reference: payment!.orderNo ?? payment!.paymentNo,
      }));
    } catch (error) {
      if (error instanceof AppError && FINAL_WALLET_REFUSALS.has(error.code)) {
        // Membership answered and said no (the member is gone, the wallet would pass its
        // limit): sending it again would be refused again. The refund fails, its amount may
        // be refunded another way, and a person is told.
        deps.attention('refund_refused', { err: error, refundNo: refund.refundNo, paymentNo: payment!.paymentNo }, 'the wallet refused a refund');
        await settleRefund(deps, refund.id, { succeeded: false, failureReason: `Wallet: ${error.message}` });
        return reloadRefund(deps.db, refund.id);
      }
      if (error instanceof AppError && error.code !== ErrorCode.SERVICE_UNAVAILABLE) {
        deps.attention('refund_waiting_for_wallet', { err: error, refundNo: refund.refundNo, paymentNo: payment!.paymentNo }, 'the wallet refused a refund for now; the sweeper retries');
        return reloadRefund(deps.db, refund.id);
      }
      // The credit may or may not have happened: the sweeper sends it again under the same key.
      deps.log.warn({ err: error, refundNo: refund.refundNo }, 'wallet refund not confirmed yet; the sweeper retries');
      return reloadRefund(deps.db, refund.id);
    }
    await settleRefund(deps, refund.id, { succeeded: true, providerRefundId: `wallet:${entryId}` });
    return reloadRefund(deps.db, refund.id);
  }
  let answer: WechatRefund;
  try {
    answer = await deps.wechat.refund({
      outTradeNo: payment!.paymentNo,
      outRefundNo: refund.refundNo,
      refund: refund.amount,
      total: payment!.amount,
      reason: refund.reason.slice(0, 80),
      notifyUrl: deps.notifyUrl('refund'),
    });
  } catch (error) {
    if (error instanceof WechatPayError && FINAL_REFUND_REFUSALS.has(error.code)) {
      // An earlier attempt may have been accepted after all: WeChat Pay's word on the refund decides.
      const known = await deps.wechat.queryRefund(refund.refundNo).catch(() => null);
      if (known) {
        await applyWechatRefundState(deps, refund, known);
      } else {
        deps.attention('refund_refused', { err: error, refundNo: refund.refundNo, paymentNo: payment!.paymentNo }, 'WeChat Pay refused a refund for good');
        await settleRefund(deps, refund.id, { succeeded: false, failureReason: `WeChat Pay: ${error.code} ${error.message}` });
      }
    } else {
      deps.log.warn({ err: error, refundNo: refund.refundNo }, 'refund not accepted yet; the sweeper sends it again');
    }
    return reloadRefund(deps.db, refund.id);
  }
  await applyWechatRefundState(deps, refund, answer);
  return reloadRefund(deps.db, refund.id);
}

/** What WeChat Pay says of a refund (answer, query or notification) applied to ours. */
export async function applyWechatRefundState(deps: PaymentDeps, refund: RefundRow, answer: Pick<WechatRefund, 'refund_id' | 'status'>): Promise<void> {
  if (answer.status === 'SUCCESS') await settleRefund(deps, refund.id, { succeeded: true, providerRefundId: answer.refund_id });
  else if (answer.status === 'CLOSED' || answer.status === 'ABNORMAL') await settleRefund(deps, refund.id, { succeeded: false, failureReason: `WeChat Pay: refund ${answer.status}`, providerRefundId: answer.refund_id });
  else {
    await deps.db
      .update(refunds)
      .set({ status: 'PROCESSING', providerRefundId: answer.refund_id })
      .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'PENDING')));
  }
}

/** What every event about a refund says of it. */
function refundFacts(refund: RefundRow, payment: PaymentRow) {
  return {
    refundId: String(refund.id),
    refundNo: refund.refundNo,
    paymentId: String(payment.id),
    paymentNo: payment.paymentNo,
    orderId: payment.orderId === null ? null : String(payment.orderId),
    memberId: String(payment.memberId),
    amount: refund.amount,
    source: refund.source,
    afterSaleId: refund.afterSaleId === null ? null : String(refund.afterSaleId),
    shopId: payment.shopId === null ? null : String(payment.shopId),
  };
}

/**
 * A refund ends, once: SUCCEEDED writes `payment.refunded`; FAILED gives its amount back to
 * what the payment may still refund. Both under the payment's row lock.
 */
export async function settleRefund(
  deps: PaymentDeps,
  refundId: number,
  outcome: { succeeded: boolean; providerRefundId?: string; failureReason?: string },
): Promise<boolean> {
  const [first] = await deps.db.select({ paymentId: refunds.paymentId }).from(refunds).where(eq(refunds.id, refundId));
  if (!first) return false;
  const changed = await deps.db.transaction(async (tx) => {
    // The payment's lock is the transaction's first read, so every later read (the sum of
    // succeeded refunds) sees what the refunds settled before this one committed.
    const [payment] = await tx.select().from(payments).where(eq(payments.id, first.paymentId)).for('update');
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
    if (!refund || !payment || refund.status === 'SUCCEEDED') return false;
    if (refund.status === 'FAILED') {
      if (!outcome.succeeded) return false;
      // The money went back after all (WeChat Pay's word beats our earlier verdict): count it again.
      deps.attention('refund_succeeded_after_failing', { refundNo: refund.refundNo, paymentNo: payment.paymentNo }, 'a refund marked failed succeeded at WeChat Pay');
      await tx.update(payments).set({ refundedAmount: sql`${payments.refundedAmount} + ${refund.amount}` }).where(eq(payments.id, payment.id));
    }
    if (!outcome.succeeded) {
      const failureReason = (outcome.failureReason ?? 'refused').slice(0, 200);
      await tx
        .update(refunds)
        .set({ status: 'FAILED', failureReason, providerRefundId: outcome.providerRefundId ?? refund.providerRefundId })
        .where(eq(refunds.id, refund.id));
      await tx.update(payments).set({ refundedAmount: sql`${payments.refundedAmount} - ${refund.amount}` }).where(eq(payments.id, payment.id));
      // The order (an after-sale waiting for this refund) learns it failed, and why.
      await events.write(tx, 'payment.refund_failed', { ...refundFacts(refund, payment), reason: failureReason });
      return true;
    }
    await tx
      .update(refunds)
      .set({ status: 'SUCCEEDED', succeededAt: new Date(), providerRefundId: outcome.providerRefundId ?? refund.providerRefundId })
      .where(eq(refunds.id, refund.id));
    const [done] = await tx
      .select({ total: sql<string>`COALESCE(SUM(${refunds.amount}), 0)` })
      .from(refunds)
      .where(and(eq(refunds.paymentId, payment.id), eq(refunds.status, 'SUCCEEDED')));
    await events.write(tx, 'payment.refunded', { ...refundFacts(refund, payment), refundedTotal: Number(done!.total) });
    return true;
  });
  return changed;
}

async function reloadRefund(db: PaymentDb, id: number): Promise<RefundRow> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, id));
  return row!;
}

/** `refundPayment`: the shop's merchant or an admin refunds part or all of an order payment. */
export async function refundPayment(
  ctx: PaymentContext,
  input: { paymentId: string; amount: number; reason: string; idempotencyKey: string },
): Promise<RefundRow> {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const payment = await loadReference(ctx.loaders.payment, input.paymentId);
  if (!payment || payment.shopId === null || !canSeePayment(ctx.identity, payment)) throw notFound('Payment', input.paymentId);
  const caller = requireShopManager(ctx.identity, payment.shopId);
  const amount = cents(input.amount, 'amount', 1, payment.amount);
  const reason = text(input.reason, 'reason', 2, 200);
  const key = `staff:${caller.role}:${caller.userId}:${text(input.idempotencyKey, 'idempotencyKey', 8, 64)}`;
  const { refund } = await recordRefund(ctx.db, {
    paymentId: payment.id,
    amount,
    source: caller.role === 'ADMIN' ? 'ADMIN' : 'MERCHANT',
    reason,
    requestKey: key,
    requestedBy: `${caller.role.toLowerCase()}:${caller.userId}`,
  });
  return executeRefund(ctx, refund.id);
}

/** A refund reference (`_entities`): only for whoever may see its payment. */
export async function refundReference(ctx: PaymentContext, id: string | number): Promise<RefundRow> {
  const refund = await loadReference(ctx.loaders.refund, id);
  const payment = refund ? await ctx.loaders.payment.load(refund.paymentId) : null;
  if (!refund || !payment || !canSeePayment(ctx.identity, payment)) throw notFound('Refund', id);
  return refund;
}

/** `Order.refunds`: every refund of the order's payments (same readers as `Order.payments`). */
export async function refundsOfPayments(ctx: PaymentContext, list: PaymentRow[]): Promise<RefundRow[]> {
  const lists = await Promise.all(list.map((p) => ctx.loaders.refundsOfPayment.load(p.id)));
  return lists.flat().sort((a, b) => a.id - b.id);
}

/**
 * Refunds the sweeper sends again (PENDING, every `intervalMs`) or asks WeChat Pay about
 * (PROCESSING, its notification late: every `intervalMs`, at least a minute after sending).
 */
export async function refundsToCheck(db: PaymentDb, now: Date, intervalMs: number, limit = 100): Promise<RefundRow[]> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return db
    .select()
    .from(refunds)
    .where(
      or(
        and(eq(refunds.status, 'PENDING'), or(sql`${refunds.checkedAt} IS NULL AND ${refunds.createdAt} < ${ago(intervalMs)}`, lt(refunds.checkedAt, ago(intervalMs)))),
        and(eq(refunds.status, 'PROCESSING'), lt(refunds.createdAt, ago(60_000)), or(sql`${refunds.checkedAt} IS NULL`, lt(refunds.checkedAt, ago(intervalMs)))),
      ),
    )
    .limit(limit);
}

const sourceOfRefusal: Record<EventData<'order.payment_refused'>['reason'], RefundSource> = {
  ORDER_CANCELLED: 'ORDER_CANCELLED',
  ALREADY_PAID: 'DUPLICATE_PAYMENT',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
};

/** After a commit: send the refund just recorded to its provider (the sweep resends what fails). */
const sendAfterCommit = (deps: PaymentDeps, refundId: number) => async () => void (await executeRefund(deps, refundId));

/**
 * order.payment_refused (the order was cancelled first, or paid by another payment): what is
 * left of the payment goes back, automatically, in the consumer's transaction.
 */
export async function refundRefusedPayment(deps: PaymentDeps, tx: PaymentTx, data: EventData<'order.payment_refused'>): Promise<(() => Promise<void>) | undefined> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, Number(data.paymentId))).for('update');
  if (!payment || payment.status !== 'SUCCEEDED') return undefined;
  const reason = data.reason === 'ORDER_CANCELLED' ? `订单${data.orderNo}已取消，自动退款` : `订单${data.orderNo}未接受此笔支付，自动退款`;
  const sent = await refundWhatIsLeft(deps, tx, payment, { source: sourceOfRefusal[data.reason], reason, requestKey: `refused:${payment.id}` });
  if (sent) deps.log.warn({ paymentNo: payment.paymentNo, reason: data.reason }, 'refunding a payment the order refused');
  return sent;
}

/**
 * What is left of a succeeded payment (locked by the caller), refunded automatically once
 * (by `requestKey`) and sent after the commit; nothing when staff refunded it all already.
 */
async function refundWhatIsLeft(deps: PaymentDeps, tx: PaymentTx, payment: PaymentRow, request: { source: RefundSource; reason: string; requestKey: string }): Promise<(() => Promise<void>) | undefined> {
  const left = payment.amount - payment.refundedAmount;
  if (left <= 0) return undefined;
  const { refund } = await recordRefund(tx, { paymentId: payment.id, amount: left, ...request, requestedBy: 'system' });
  return sendAfterCommit(deps, refund.id);
}

/**
 * order.group_buy_refund (a paid group-buy order whose team failed): what is left of the
 * payment the order took goes back, automatically, once (keyed by the order).
 */
export async function refundGroupBuyOrder(deps: PaymentDeps, tx: PaymentTx, data: EventData<'order.group_buy_refund'>): Promise<(() => Promise<void>) | undefined> {
  const [payment] = await tx.select().from(payments).where(and(eq(payments.orderId, Number(data.orderId)), eq(payments.paymentNo, data.paymentRef))).for('update');
  if (!payment || payment.status !== 'SUCCEEDED') {
    deps.attention('group_buy_refund_without_payment', { orderNo: data.orderNo, paymentRef: data.paymentRef }, 'a failed group-buy order has no payment to refund');
    return undefined;
  }
  return refundWhatIsLeft(deps, tx, payment, { source: 'GROUP_BUY_FAILED', reason: `拼团未成功，订单${data.orderNo}自动退款`, requestKey: `group-buy:${data.orderId}` });
}

/** order.after_sale_approved: the approved amount goes back through the payment the order was paid with. */
export async function refundAfterSale(deps: PaymentDeps, tx: PaymentTx, data: EventData<'order.after_sale_approved'>): Promise<(() => Promise<void>) | undefined> {
  // The order's payments locked first: recordRefund reads the request key in this
  // transaction, and a plain read before the lock would give it a snapshot older than the lock.
  const candidates = await tx.select().from(payments).where(eq(payments.orderId, Number(data.orderId))).for('update');
  // The payment the order took, and no other: a second payment of the order was refused and
  // refunded on its own, so refunding the after-sale through it would pay back twice.
  // An order of before `paymentRef` was kept names none: its one succeeded payment is the one.
  const succeeded = candidates.filter((p) => p.status === 'SUCCEEDED');
  const payment = data.paymentRef === null ? (succeeded.length === 1 ? succeeded[0] : undefined) : candidates.find((p) => p.paymentNo === data.paymentRef);
  if (!payment) {
    deps.attention('after_sale_without_payment', { afterSaleId: data.afterSaleId, orderNo: data.orderNo, paymentRef: data.paymentRef }, 'approved after-sale has no payment to refund');
    return undefined;
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
    return sendAfterCommit(deps, refund.id);
  } catch (error) {
    // Retrying would never help: the after-sale shows it failed, and why; a person is told.
    if (error instanceof AppError && error.code === ErrorCode.CONFLICT) {
      deps.attention('after_sale_not_refundable', { err: error, afterSaleId: data.afterSaleId }, 'approved after-sale cannot be refunded');
      await events.write(tx, 'payment.refund_failed', {
        refundId: null,
        refundNo: null,
        paymentId: String(payment.id),
        paymentNo: payment.paymentNo,
        orderId: data.orderId,
        memberId: data.memberId,
        amount: data.amount,
        source: 'AFTER_SALE',
        afterSaleId: data.afterSaleId,
        shopId: data.shopId,
        reason: error.message.slice(0, 200),
      });
      return undefined;
    }
    throw error;
  }
}
