import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { membership } from '@mall/contracts';
import { AppError, ErrorCode, MONEY_LIMITS, beijingDayStart, cents, conflict, intInRange, notFound, parseId, requireRole, text } from '@mall/kit';
import type { DistributionContext, DistributionDeps } from '../context.ts';
import { distributors, withdrawals, type WithdrawalRow } from '../db/schema.ts';
import { changeBalances } from './balances.ts';
import { currentSettings } from './settings.ts';

/**
 * Withdrawals of available commission. Asking holds the amount (available → withdrawing)
 * under the distributor's row lock, in one conditional step that never takes available
 * below zero, so concurrent withdrawals never take more than is available. Then the money
 * is sent (to the member's wallet through membership, idempotent by the withdrawal), and
 * the hold becomes withdrawn; a refusal for good gives it back to available, once.
 */


/**
 * `requestWithdrawal(amount, method, idempotencyKey)` (MEMBER, a distributor, active or disabled): at
 * least the minimum, within the daily cap (CONFLICT DAILY_CAP_REACHED), within what is
 * available (CONFLICT INSUFFICIENT_BALANCE). Above the approval threshold it waits for an
 * admin (REQUESTED); otherwise it is sent at once. The fee is kept from what is sent.
 */
export async function requestWithdrawal(ctx: DistributionContext, input: { amount: number; method: WithdrawalRow['method']; idempotencyKey: string }): Promise<WithdrawalRow> {
  const memberId = Number(requireRole(ctx.identity, 'MEMBER').userId);
  const key = text(input.idempotencyKey, 'idempotencyKey', 8, 100);
  // Sent again: the first answer, whatever the rules say now.
  const [earlier] = await ctx.db.select().from(withdrawals).where(and(eq(withdrawals.distributorId, memberId), eq(withdrawals.idempotencyKey, key)));
  if (earlier) {
    if (earlier.amount !== input.amount || earlier.method !== input.method) throw conflict('This idempotency key was used for another withdrawal.');
    return earlier;
  }
  const rules = await currentSettings(ctx);
  const amount = cents(input.amount, 'amount', rules.withdrawMin, MONEY_LIMITS.order);
  const fee = Math.floor((amount * rules.withdrawFeeRate) / 10_000);
  const outcome = await ctx.db.transaction(async (tx) => {
    const [me] = await tx.select().from(distributors).where(eq(distributors.memberId, memberId)).for('update');
    // A disabled distributor keeps what they earned, and may take it out.
    if (!me || (me.status !== 'ACTIVE' && me.status !== 'DISABLED')) throw new AppError(ErrorCode.FORBIDDEN, 'Only a distributor withdraws commission.', { reason: 'NOT_A_DISTRIBUTOR' });
    const [replay] = await tx.select().from(withdrawals).where(and(eq(withdrawals.distributorId, memberId), eq(withdrawals.idempotencyKey, key)));
    if (replay) {
      if (replay.amount !== amount || replay.method !== input.method) throw conflict('This idempotency key was used for another withdrawal.');
      return { row: replay, fresh: false };
    }
    // The daily cap's day is Beijing's.
    const [today] = await tx
      .select({ total: sql<string | null>`SUM(${withdrawals.amount})` })
      .from(withdrawals)
      .where(and(eq(withdrawals.distributorId, memberId), gte(withdrawals.createdAt, beijingDayStart()), inArray(withdrawals.status, ['REQUESTED', 'PROCESSING', 'SUCCEEDED'])));
    const used = Number(today?.total ?? 0);
    if (used + amount > rules.withdrawDailyCap) {
      throw new AppError(ErrorCode.CONFLICT, `At most ${rules.withdrawDailyCap} cents a day; ${Math.max(0, rules.withdrawDailyCap - used)} left today.`, { reason: 'DAILY_CAP_REACHED', left: Math.max(0, rules.withdrawDailyCap - used) });
    }
    if (me.available < amount) throw new AppError(ErrorCode.CONFLICT, `Only ${me.available} cents are available.`, { reason: 'INSUFFICIENT_BALANCE', available: me.available });
    const status = amount > rules.withdrawApprovalAbove ? 'REQUESTED' : 'PROCESSING';
    const [created] = await tx.insert(withdrawals).values({ distributorId: memberId, method: input.method, amount, fee, status, idempotencyKey: key }).$returningId();
    await changeBalances(tx, memberId, `w${created!.id}:held`, [
      { bucket: 'AVAILABLE', kind: 'WITHDRAWAL_HELD', delta: -amount },
      { bucket: 'WITHDRAWING', kind: 'WITHDRAWAL_HELD', delta: amount },
    ]);
    return { row: (await tx.select().from(withdrawals).where(eq(withdrawals.id, created!.id)))[0]!, fresh: true };
  });
  if (outcome.row.status === 'PROCESSING') return sendWithdrawal(ctx, outcome.row.id);
  return outcome.row;
}

/** Membership's answers to a wallet credit that sending it again would not change. */
const refusedForGood = (error: unknown) => error instanceof AppError && (error.code === ErrorCode.NOT_FOUND || error.code === ErrorCode.BAD_USER_INPUT || (error.code === ErrorCode.CONFLICT && error.extensions['reason'] === 'WALLET_LIMIT'));

/**
 * Sends a PROCESSING withdrawal (after asking, after approval, and by the sweep): the net
 * amount to the member's wallet, once (`withdrawal:<id>`), then withdrawn; refused for good,
 * FAILED with the money back; unreachable, it stays PROCESSING for the sweep.
 */
export async function sendWithdrawal(deps: Pick<DistributionDeps, 'db' | 'send' | 'log'>, id: number): Promise<WithdrawalRow> {
  const [row] = await deps.db.select().from(withdrawals).where(eq(withdrawals.id, id));
  if (!row) throw notFound('Withdrawal', String(id));
  if (row.status !== 'PROCESSING') return row;
  try {
    await deps.send(membership.walletCredit, { memberId: String(row.distributorId), amount: row.amount - row.fee, kind: 'COMMISSION', idempotencyKey: `withdrawal:${row.id}`, reference: `W${row.id}` });
  } catch (error) {
    if (!refusedForGood(error)) {
      deps.log.warn({ err: error, withdrawalId: row.id }, 'withdrawal not sent yet; the sweep sends it again');
      return row;
    }
    return finish(deps, row, 'FAILED', (error as AppError).message.slice(0, 200));
  }
  return finish(deps, row, 'SUCCEEDED', null);
}

/**
 * A withdrawal ends, once: SUCCEEDED (withdrawing → withdrawn) or FAILED / REJECTED (back:
 * what the distributor owes meanwhile, a receivable from a refund after settlement, is
 * repaid from it first; the rest to available).
 */
async function finish(deps: Pick<DistributionDeps, 'db'>, row: WithdrawalRow, status: 'SUCCEEDED' | 'FAILED' | 'REJECTED', reason: string | null, by?: string): Promise<WithdrawalRow> {
  return deps.db.transaction(async (tx) => {
    const from = status === 'REJECTED' ? 'REQUESTED' : 'PROCESSING';
    const [owner] = await tx.select({ receivable: distributors.receivable }).from(distributors).where(eq(distributors.memberId, row.distributorId)).for('update');
    const [changed] = await tx.update(withdrawals).set({ status, failureReason: reason, ...(by ? { decidedBy: by } : {}) }).where(and(eq(withdrawals.id, row.id), eq(withdrawals.status, from)));
    if (changed.affectedRows === 1) {
      const owed = status === 'SUCCEEDED' ? 0 : Math.min(row.amount, owner?.receivable ?? 0);
      await changeBalances(tx, row.distributorId, `w${row.id}:${status === 'SUCCEEDED' ? 'sent' : 'back'}`, [
        { bucket: 'WITHDRAWING', kind: status === 'SUCCEEDED' ? 'WITHDRAWN' : 'WITHDRAWAL_BACK', delta: -row.amount },
        ...(status === 'SUCCEEDED'
          ? [{ bucket: 'WITHDRAWN' as const, kind: 'WITHDRAWN', delta: row.amount }]
          : [{ bucket: 'RECEIVABLE' as const, kind: 'REPAID', delta: -owed }, { bucket: 'AVAILABLE' as const, kind: 'WITHDRAWAL_BACK', delta: row.amount - owed }]),
      ]);
    }
    return (await tx.select().from(withdrawals).where(eq(withdrawals.id, row.id)))[0]!;
  });
}

/** `decideWithdrawal` (ADMIN): approve a REQUESTED withdrawal (it is sent) or reject it with a note (the money back). */
export async function decideWithdrawal(ctx: DistributionContext, id: string, approve: boolean, note: string | null | undefined): Promise<WithdrawalRow> {
  const caller = requireRole(ctx.identity, 'ADMIN');
  const [row] = await ctx.db.select().from(withdrawals).where(eq(withdrawals.id, parseId(id, 'Withdrawal')));
  if (!row) throw notFound('Withdrawal', id);
  if (row.status !== 'REQUESTED') throw conflict(`This withdrawal is ${row.status}.`);
  const by = `admin:${caller.userId}`.slice(0, 40);
  if (!approve) {
    const why = note == null ? null : text(note, 'note', 1, 200);
    if (!why) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Say why in a note.', { field: 'note' });
    const rejected = await finish(ctx, row, 'REJECTED', why, by);
    if (rejected.status !== 'REJECTED') throw conflict('The withdrawal changed meanwhile; reload it.');
    return rejected;
  }
  const [changed] = await ctx.db.update(withdrawals).set({ status: 'PROCESSING', decidedBy: by }).where(and(eq(withdrawals.id, row.id), eq(withdrawals.status, 'REQUESTED')));
  if (changed.affectedRows !== 1) throw conflict('The withdrawal changed meanwhile; reload it.');
  return sendWithdrawal(ctx, row.id);
}

/** The job `distribution.withdrawals`: withdrawals left PROCESSING (membership was unreachable, the process died) are sent again. */
export async function sweepWithdrawals(deps: Pick<DistributionDeps, 'db' | 'send' | 'log'>, olderThanMs = 10_000): Promise<void> {
  const waiting = await deps.db
    .select({ id: withdrawals.id })
    .from(withdrawals)
    .where(and(eq(withdrawals.status, 'PROCESSING'), lt(withdrawals.updatedAt, new Date(Date.now() - olderThanMs))))
    .orderBy(asc(withdrawals.updatedAt))
    .limit(50);
  for (const { id } of waiting) {
    await deps.db.update(withdrawals).set({ updatedAt: new Date() }).where(eq(withdrawals.id, id));
    await sendWithdrawal(deps, id).catch((error: unknown) => deps.log.warn({ err: error, withdrawalId: id }, 'withdrawal still not sent'));
  }
}

/** A distributor's withdrawals, newest first (the member themself and admins). */
export function withdrawalsOf(ctx: DistributionContext, distributorId: number, first: number | null | undefined): Promise<WithdrawalRow[]> {
  return ctx.db.select().from(withdrawals).where(eq(withdrawals.distributorId, distributorId)).orderBy(desc(withdrawals.id)).limit(intInRange(first ?? 20, 'first', 1, 50));
}

/** Withdrawals waiting for an admin, oldest first (ADMIN). */
export async function withdrawalQueue(ctx: DistributionContext, first: number | null | undefined): Promise<WithdrawalRow[]> {
  requireRole(ctx.identity, 'ADMIN');
  return ctx.db.select().from(withdrawals).where(eq(withdrawals.status, 'REQUESTED')).orderBy(asc(withdrawals.id)).limit(intInRange(first ?? 50, 'first', 1, 200));
}
