import { randomInt } from 'node:crypto';
import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import { events, membership, order as orderContracts } from '@mall/contracts';
import {
  AppError,
  ErrorCode,
  MONEY_LIMITS,
  badInput,
  cents,
  canManageShop,
  canSeeMember,
  notFound,
  pageNewestFirst,
  requireIdentity,
  requireRole,
  loadReference,
  tryParseId,
  type Connection,
  type Identity,
} from '@mall/kit';
import { WechatPayError, type RequestPaymentParams } from '@mall/wechat-pay';
import type { PaymentContext, PaymentDeps } from '../context.ts';
import { payableOrders, payments, type PaymentMethod, type PaymentRow } from '../db/schema.ts';

/** A new payment or refund number: letter, UTC time to the second, 8 random digits (23 characters). */
export function newNumber(prefix: 'P' | 'R'): string {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  return `${prefix}${stamp}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** Who may see a payment: its payer, the order's shop's merchant, admins. */
export function canSeePayment(identity: Identity | null, payment: PaymentRow): boolean {
  if (!identity) return false;
  if (identity.role === 'MEMBER') return identity.userId === String(payment.memberId);
  if (identity.role === 'ADMIN') return true;
  return payment.shopId !== null && canManageShop(identity, payment.shopId);
}

/** `payment(id)`: signed-in callers only, and then only a payment they may see. */
export async function paymentForCaller(ctx: PaymentContext, id: string): Promise<PaymentRow> {
  requireIdentity(ctx.identity);
  return visiblePayment(ctx, id);
}

/** A payment the caller may see (`payment(id)`, and references); NOT_FOUND otherwise. */
export async function visiblePayment(ctx: PaymentContext, id: string | number): Promise<PaymentRow> {
  const payment = await loadReference(ctx.loaders.payment, id);
  if (!payment || !canSeePayment(ctx.identity, payment)) throw notFound('Payment', id);
  return payment;
}

export interface StartedPayment {
  payment: PaymentRow;
  wechatPay: RequestPaymentParams | null;
}

/**
 * `payOrder`: the amount, payer and deadline come from the order (order's
 * `orders.paymentInfo`), never from the client. Under the order's row in `payable_orders`,
 * one payOrder of an order runs at a time: a pending WeChat payment of the same method is
 * reused (same out_trade_no, same prepay), a succeeded one refuses, a pending wallet
 * payment refuses. The provider is called after that transaction commits.
 */
export async function payOrder(ctx: PaymentContext, orderIdArg: string, method: PaymentMethod): Promise<StartedPayment> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  if (method === 'DEV' && !ctx.settings.devMethod) throw badInput('The DEV payment method is not enabled here (PAYMENT_DEV_METHOD).', 'method');
  const orderId = tryParseId(orderIdArg);
  if (orderId === null) throw notFound('Order', orderIdArg);
  let info: Awaited<ReturnType<typeof fetchOrder>>;
  try {
    info = await fetchOrder(ctx, orderId);
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) throw notFound('Order', orderIdArg);
    throw error;
  }
  // Another member's order does not exist as far as this caller is concerned.
  if (info.memberId !== caller.userId) throw notFound('Order', orderIdArg);
  if (info.status !== 'PENDING_PAYMENT') {
    const paid = ['PAID', 'SHIPPED', 'COMPLETED'].includes(info.status);
    throw new AppError(ErrorCode.CONFLICT, paid ? `Order ${info.orderNo} is already paid.` : `Order ${info.orderNo} is ${info.status} and cannot be paid.`, { reason: paid ? 'ALREADY_PAID' : 'ORDER_NOT_PAYABLE' });
  }
  const expiresAt = new Date(info.expiresAt);
  if (expiresAt.getTime() <= Date.now()) throw new AppError(ErrorCode.CONFLICT, `Order ${info.orderNo} is past its payment window.`, { reason: 'ORDER_NOT_PAYABLE' });
  if (info.payable <= 0) throw new AppError(ErrorCode.CONFLICT, `Order ${info.orderNo} has nothing to pay.`, { reason: 'ORDER_NOT_PAYABLE' });
  // More than one payment may take (WeChat Pay's and the wallet's single-payment limit):
  // refused before anything is written, not by membership's contract half-way through.
  if (info.payable > MONEY_LIMITS.order) {
    throw new AppError(ErrorCode.CONFLICT, `Order ${info.orderNo} is over the ${MONEY_LIMITS.order} cents one payment can take.`, { reason: 'ORDER_NOT_PAYABLE' });
  }

  // The row exists before the transaction locks it: inserting it inside would let two
  // first payOrder calls deadlock on the insert's gap locks.
  await ctx.db.insert(payableOrders).ignore().values({ orderId });
  const payment = await ctx.db.transaction(async (tx) => {
    await tx.select().from(payableOrders).where(eq(payableOrders.orderId, orderId)).for('update');
    const existing = await tx.select().from(payments).where(eq(payments.orderId, orderId));
    if (existing.some((p) => p.status === 'SUCCEEDED')) {
      throw new AppError(ErrorCode.CONFLICT, `Order ${info.orderNo} is already paid.`, { reason: 'ALREADY_PAID' });
    }
    if (existing.some((p) => p.status === 'PENDING' && p.method === 'BALANCE')) {
      throw new AppError(ErrorCode.CONFLICT, `A wallet payment of order ${info.orderNo} is in progress.`, { reason: 'PAYMENT_IN_PROGRESS' });
    }
    const reusable = existing.find((p) => p.status === 'PENDING' && p.method === method && method !== 'BALANCE');
    if (reusable) return reusable;
    const paymentNo = newNumber('P');
    await tx.insert(payments).values({
      paymentNo,
      purpose: 'ORDER',
      orderId,
      orderNo: info.orderNo,
      memberId: Number(info.memberId),
      shopId: Number(info.shopId),
      method,
      amount: info.payable,
      description: info.description,
      expiresAt,
    });
    const [created] = await tx.select().from(payments).where(eq(payments.paymentNo, paymentNo));
    return created!;
  });
  return startPayment(ctx, payment);
}

async function fetchOrder(deps: PaymentDeps, orderId: number) {
  return deps.send(orderContracts.paymentInfo, { orderId: String(orderId) });
}

/** `rechargeWallet`: a WeChat Pay payment whose success credits the wallet (with any bonus rule). */
export async function rechargeWallet(ctx: PaymentContext, amountArg: number, method: PaymentMethod): Promise<StartedPayment> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const amount = cents(amountArg, 'amount', 1, 1_000_000);
  if (method === 'BALANCE') throw badInput('A wallet is recharged through WeChat Pay, not from itself.', 'method');
  if (method === 'DEV' && !ctx.settings.devMethod) throw badInput('The DEV payment method is not enabled here (PAYMENT_DEV_METHOD).', 'method');
  const paymentNo = newNumber('P');
  await ctx.db.insert(payments).values({
    paymentNo,
    purpose: 'RECHARGE',
    memberId: Number(caller.userId),
    method,
    amount,
    description: '钱包充值',
    // A JSAPI prepay_id is good for two hours.
    expiresAt: new Date(Date.now() + 2 * 3_600_000),
  });
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.paymentNo, paymentNo));
  return startPayment(ctx, payment!);
}

/** Hands the payment to its provider: WeChat Pay's prepay (and, for DEV, the fake's completion), or the wallet. */
async function startPayment(deps: PaymentDeps, payment: PaymentRow): Promise<StartedPayment> {
  if (payment.method === 'BALANCE') {
    await debitWallet(deps, payment, { interactive: true });
    return { payment: await reload(deps, payment.id), wechatPay: null };
  }
  const params = await prepay(deps, payment);
  if (payment.method === 'DEV') {
    try {
      await deps.devPay(payment.paymentNo);
    } catch (error) {
      throw await providerRefused(deps, payment, error);
    }
    return { payment: await reload(deps, payment.id), wechatPay: null };
  }
  return { payment: await reload(deps, payment.id), wechatPay: params };
}

async function reload(deps: PaymentDeps, id: number): Promise<PaymentRow> {
  const [row] = await deps.db.select().from(payments).where(eq(payments.id, id));
  return row!;
}

/** Places (or finds again: WeChat Pay keys it by out_trade_no) the JSAPI prepay; answers `wx.requestPayment`'s parameters. */
async function prepay(deps: PaymentDeps, payment: PaymentRow): Promise<RequestPaymentParams> {
  let prepayId = payment.prepayId;
  if (!prepayId) {
    const { openid } = await deps.send(membership.payer, { memberId: String(payment.memberId) });
    try {
      prepayId = await deps.wechat.prepay({
        description: payment.description,
        outTradeNo: payment.paymentNo,
        total: payment.amount,
        payerOpenid: openid,
        notifyUrl: deps.notifyUrl('transaction'),
        expiresAt: payment.expiresAt,
      });
    } catch (error) {
      throw await providerRefused(deps, payment, error);
    }
    await deps.db.update(payments).set({ prepayId }).where(eq(payments.id, payment.id));
  }
  return deps.requestPayment(prepayId);
}

/**
 * What a WeChat Pay failure means for the caller. Unreachable or unverifiable: the payment
 * stays pending (WeChat Pay may have it; the sweeper asks later). A refusal fails it.
 */
async function providerRefused(deps: PaymentDeps, payment: PaymentRow, error: unknown): Promise<AppError> {
  if (!(error instanceof WechatPayError)) return error instanceof AppError ? error : new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Payment failed.');
  if (error.code === 'ORDERPAID') {
    await checkWithProvider(deps, payment);
    return new AppError(ErrorCode.CONFLICT, 'This payment has already been paid.', { reason: 'ALREADY_PAID' });
  }
  if (error.code === 'ORDER_CLOSED') {
    // WeChat Pay takes no more payment for it: closed, or past its time_expire (which is to
    // the second, so a payment in the deadline's last second meets this). Our record follows
    // WeChat Pay's now if it can, else the sweeper's next look.
    await checkWithProvider(deps, payment).catch((checkError: unknown) => deps.log.warn({ err: checkError, paymentNo: payment.paymentNo }, 'checking a closed WeChat Pay transaction failed'));
    return new AppError(ErrorCode.CONFLICT, 'This payment can no longer be made: WeChat Pay has closed it or its payment window has ended.', { reason: 'ORDER_NOT_PAYABLE' });
  }
  if (error.status === 0 || error.code.startsWith('UNVERIFIED_') || error.status >= 500) {
    deps.log.warn({ err: error, paymentNo: payment.paymentNo }, 'WeChat Pay did not answer usably');
    return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'WeChat Pay is not available right now; try again shortly.', { reason: 'WECHAT_PAY_UNAVAILABLE' });
  }
  deps.log.error({ err: error, paymentNo: payment.paymentNo }, 'WeChat Pay refused a prepay');
  await deps.db
    .update(payments)
    .set({ status: 'FAILED', failureReason: `WeChat Pay: ${error.code}`.slice(0, 200) })
    .where(and(eq(payments.id, payment.id), eq(payments.status, 'PENDING')));
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'WeChat Pay refused this payment.', { reason: 'WECHAT_PAY_REFUSED', providerCode: error.code });
}

/**
 * Pays from the wallet through membership's idempotent debit (key `pay:<paymentNo>`, so a
 * retry by the sweeper never debits twice). A short balance fails the payment; an unknown
 * outcome (membership did not answer) leaves it pending for the sweeper to settle.
 */
export async function debitWallet(deps: PaymentDeps, payment: PaymentRow, options: { interactive: boolean }): Promise<void> {
  if (!options.interactive) await deps.db.update(payments).set({ checkedAt: new Date() }).where(eq(payments.id, payment.id));
  let entryId: string;
  try {
    const outcome = await deps.send(membership.walletDebit, {
      memberId: String(payment.memberId),
      amount: payment.amount,
      idempotencyKey: `pay:${payment.paymentNo}`,
      reference: payment.orderNo ?? payment.paymentNo,
    });
    entryId = outcome.entryId;
  } catch (error) {
    // Membership's answer is final unless it could not be had: a refusal (short of funds, an
    // amount it does not take) fails the payment; only an outage leaves it for the sweep.
    if (error instanceof AppError && error.code !== ErrorCode.SERVICE_UNAVAILABLE && error.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      await deps.db
        .update(payments)
        .set({ status: 'FAILED', failureReason: error.message.slice(0, 200), closedAt: new Date() })
        .where(and(eq(payments.id, payment.id), eq(payments.status, 'PENDING')));
      const reason = error.code === ErrorCode.CONFLICT ? String(error.extensions['reason'] ?? 'INSUFFICIENT_BALANCE') : 'WALLET_REFUSED';
      if (options.interactive) throw new AppError(ErrorCode.CONFLICT, error.message, { reason });
      return;
    }
    throw error;
  }
  await settlePaid(deps, payment.id, { transactionId: `wallet:${entryId}`, paidAt: new Date(), payerTotal: payment.amount });
}

/**
 * What WeChat Pay says was paid for `payment` (the `amount` of a notification or of a query's
 * answer), checked: the payment's total, in CNY (`currency`, and `payer_currency` when
 * given; the mall sells in nothing else), and `payer_total`, what the payer paid themself
 * (less than the total when a WeChat Pay coupon paid part), from 0 to the total; absent,
 * all of it. Answers the payer's part, or what does not match.
 */
export function paidAmount(payment: Pick<PaymentRow, 'amount'>, amount: unknown): { ok: true; payerTotal: number } | { ok: false; mismatch: 'amount' | 'currency' | 'payer_total' } {
  const given = typeof amount === 'object' && amount !== null ? (amount as Record<string, unknown>) : {};
  if (given['total'] !== payment.amount) return { ok: false, mismatch: 'amount' };
  if (given['currency'] !== 'CNY' || (given['payer_currency'] !== undefined && given['payer_currency'] !== 'CNY')) return { ok: false, mismatch: 'currency' };
  const payerTotal = given['payer_total'] ?? payment.amount;
  if (typeof payerTotal !== 'number' || !Number.isSafeInteger(payerTotal) || payerTotal < 0 || payerTotal > payment.amount) return { ok: false, mismatch: 'payer_total' };
  return { ok: true, payerTotal };
}

/**
 * The money is in: the payment becomes SUCCEEDED (with what the payer paid of it) and
 * `payment.succeeded` is written in the same transaction, once; a second settlement
 * (duplicate notification, query after a notification) changes nothing and answers false.
 */
export async function settlePaid(deps: PaymentDeps, paymentId: number, provider: { transactionId: string; paidAt: Date; payerTotal: number }): Promise<boolean> {
  const changed = await deps.db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!payment || payment.status === 'SUCCEEDED') return false;
    await tx
      .update(payments)
      .set({ status: 'SUCCEEDED', providerTransactionId: provider.transactionId, paidAt: provider.paidAt, payerTotal: provider.payerTotal, failureReason: null, closedAt: null })
      .where(eq(payments.id, payment.id));
    await events.write(tx, 'payment.succeeded', {
      paymentId: String(payment.id),
      paymentNo: payment.paymentNo,
      purpose: payment.purpose,
      orderId: payment.orderId === null ? null : String(payment.orderId),
      memberId: String(payment.memberId),
      method: payment.method,
      amount: payment.amount,
      shopId: payment.shopId === null ? null : String(payment.shopId),
    });
    return true;
  });
  return changed;
}

/**
 * Asks WeChat Pay how a pending payment stands (its notification may be missing): paid →
 * settled like a notification; unpaid and past its deadline, or superseded by another
 * payment of the order → closed at WeChat Pay and here. A transaction WeChat Pay reports
 * paid is never closed: if it does not match our record (amount and currency as
 * `paidAmount` checks them, merchant, app, number) it stays PENDING and is logged for a
 * person, since money was taken.
 */
export async function checkWithProvider(deps: PaymentDeps, payment: PaymentRow, options: { superseded?: boolean } = {}): Promise<'SUCCEEDED' | 'CLOSED' | 'PENDING'> {
  await deps.db.update(payments).set({ checkedAt: new Date() }).where(eq(payments.id, payment.id));
  let state: string;
  try {
    const transaction = await deps.wechat.query(payment.paymentNo);
    if (transaction.trade_state === 'SUCCESS') {
      const { mchid } = deps.settings.wechatPay.keys;
      const paid = paidAmount(payment, transaction.amount);
      const ours = transaction.mchid === mchid && transaction.appid === deps.settings.wechatPay.appId && transaction.out_trade_no === payment.paymentNo;
      if (!ours || !paid.ok) {
        deps.attention(
          'paid_transaction_mismatch',
          { paymentNo: payment.paymentNo, mismatch: paid.ok ? 'merchant' : paid.mismatch, paid: transaction.amount, expected: payment.amount },
          'WeChat Pay reports a paid transaction that does not match the payment',
        );
        return 'PENDING';
      }
      await settlePaid(deps, payment.id, {
        transactionId: transaction.transaction_id ?? '',
        paidAt: transaction.success_time ? new Date(transaction.success_time) : new Date(),
        payerTotal: paid.payerTotal,
      });
      return 'SUCCEEDED';
    }
    state = transaction.trade_state;
  } catch (error) {
    if (!(error instanceof WechatPayError && error.code === 'ORDER_NOT_EXIST')) throw error;
    state = 'NOT_EXIST';
  }
  const closable = payment.expiresAt.getTime() < Date.now() || options.superseded === true;
  if (state === 'CLOSED' || state === 'REVOKED' || (closable && state !== 'USERPAYING')) {
    if (state === 'NOTPAY') {
      try {
        await deps.wechat.close(payment.paymentNo);
      } catch (error) {
        // Paid in the meantime: the next check settles it.
        if (error instanceof WechatPayError && error.code === 'ORDERPAID') return 'PENDING';
        throw error;
      }
    }
    await deps.db
      .update(payments)
      .set({ status: 'CLOSED', closedAt: new Date() })
      .where(and(eq(payments.id, payment.id), eq(payments.status, 'PENDING')));
    return 'CLOSED';
  }
  return 'PENDING';
}

/** `Member.payments`: newest first, for the member themself and admins. */
export async function listMemberPayments(ctx: PaymentContext, memberIdArg: string, args: { first?: number | null; after?: string | null }): Promise<Connection<PaymentRow>> {
  const caller = requireIdentity(ctx.identity);
  if (!canSeeMember(caller, memberIdArg)) {
    throw new AppError(ErrorCode.FORBIDDEN, "Only the member and admins see a member's payments.");
  }
  // A reference to a member id that cannot exist has paid nothing (and must not reach SQL as NaN).
  const memberId = tryParseId(memberIdArg) ?? 0;
  return pageNewestFirst(
    'payments',
    args,
    (limit, beforeId) =>
      ctx.db
        .select()
        .from(payments)
        .where(and(eq(payments.memberId, memberId), beforeId === null ? undefined : lt(payments.id, beforeId)))
        .orderBy(desc(payments.id))
        .limit(limit),
    async () => (await ctx.db.select({ n: count() }).from(payments).where(eq(payments.memberId, memberId)))[0]!.n,
  );
}

/** `Order.payments`: the order's buyer, its shop's merchant and admins; FORBIDDEN for others. */
export async function paymentsOfOrder(ctx: PaymentContext, orderIdArg: string): Promise<PaymentRow[]> {
  requireIdentity(ctx.identity);
  // A reference to an order id that cannot exist has no payments (and must not reach SQL as NaN).
  const orderId = tryParseId(orderIdArg);
  if (orderId === null) return [];
  const rows = await ctx.loaders.paymentsOfOrder.load(orderId);
  if (rows.some((p) => !canSeePayment(ctx.identity, p))) throw new AppError(ErrorCode.FORBIDDEN, "You cannot see this order's payments.");
  return rows;
}

/**
 * Pending payments the sweeper should ask the provider about, or retry: WeChat payments
 * near their deadline (every `queryIntervalMs`), old ones (every minute), ones another
 * payment of the order has superseded; wallet payments whose debit was not confirmed
 * (every 30 s). Each answers `superseded` for the sweeper.
 */
export async function paymentsToCheck(deps: PaymentDeps, now: Date, limit = 100): Promise<Array<PaymentRow & { superseded: boolean }>> {
  const { queryBeforeExpiryMs, queryIntervalMs } = deps.settings;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const notCheckedSince = (ms: number) => sql`(${payments.checkedAt} IS NULL OR ${payments.checkedAt} < ${ago(ms)})`;
  // Spelled out: inside the subquery an unqualified column would name the inner table.
  const superseded = sql<number>`EXISTS (SELECT 1 FROM payments AS paid WHERE paid.order_id = payments.order_id AND paid.id <> payments.id AND paid.status = 'SUCCEEDED')`;
  const rows = await deps.db
    .select({ payment: payments, superseded })
    .from(payments)
    .where(
      and(
        eq(payments.status, 'PENDING'),
        sql`(
          (${payments.method} = 'BALANCE' AND ${payments.createdAt} < ${ago(30_000)} AND ${notCheckedSince(30_000)})
          OR (${payments.method} <> 'BALANCE' AND ${payments.expiresAt} <= ${new Date(now.getTime() + queryBeforeExpiryMs)} AND ${notCheckedSince(queryIntervalMs)})
          OR (${payments.method} <> 'BALANCE' AND ${payments.createdAt} < ${ago(120_000)} AND ${notCheckedSince(60_000)})
          OR (${payments.method} <> 'BALANCE' AND ${superseded} AND ${notCheckedSince(queryIntervalMs)})
        )`,
      ),
    )
    .orderBy(payments.expiresAt)
    .limit(limit);
  return rows.map((r) => ({ ...r.payment, superseded: Boolean(Number(r.superseded)) }));
}
