import { and, asc, count, desc, eq, gt, isNotNull, lte, lt, sql } from 'drizzle-orm';
import {
  AppError,
  ErrorCode,
  appendLocked,
  badInput,
  conflict,
  findEntry,
  INT_MAX,
  intInRange,
  lockAccount,
  pageNewestFirst,
  parseId,
  requireRole,
  text,
  type Connection,
  type LedgerSpec,
} from '@mall/kit';
import type { MembershipContext, MembershipDb, MembershipDeps, MembershipTx } from '../context.ts';
import { members, pointsEntries, type MemberRow, type PointsEntryRow } from '../db/schema.ts';

type Tx = MembershipTx;

export interface PointsOutcome {
  entry: PointsEntryRow;
  balance: number;
  replayed: boolean;
}

/** China Standard Time is UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 3_600_000;

/** Points earned this year stay valid to the end of next year, Beijing time (积分次年年底清零). */
export function defaultExpiry(now = new Date()): Date {
  const beijingYear = new Date(now.getTime() + CST_OFFSET_MS).getUTCFullYear();
  return new Date(Date.UTC(beijingYear + 2, 0, 1) - CST_OFFSET_MS - 1);
}

/**
 * Points as a ledger of the kit's over `members.points`: one key space for every kind (a
 * key used to earn cannot be used to spend), never below zero. Earned entries also keep
 * `remaining` and `expiresAt`, which spending and expiry consume.
 */
export const pointsLedger: LedgerSpec<PointsEntryRow> = {
  name: 'Member',
  account: { table: members, id: members.id, balance: members.points },
  entries: { table: pointsEntries, account: pointsEntries.memberId, key: pointsEntries.idempotencyKey, kind: pointsEntries.kind },
  row: (e) => ({
    memberId: e.account,
    kind: e.kind as PointsEntryRow['kind'],
    delta: e.delta,
    balanceAfter: e.balanceAfter,
    remaining: (e.extra?.['remaining'] as number | undefined) ?? 0,
    expiresAt: (e.extra?.['expiresAt'] as Date | null | undefined) ?? null,
    idempotencyKey: e.key,
    reference: (e.extra?.['reference'] as string | null | undefined) ?? null,
    note: (e.extra?.['note'] as string | null | undefined) ?? null,
  }),
  read: (e) => ({ kind: e.kind, delta: e.delta, balanceAfter: e.balanceAfter }),
  // `PointsAccount.balance` is an Int: points past it could be written but never read.
  max: INT_MAX,
  refusal: (delta) =>
    delta < 0
      ? { reason: 'INSUFFICIENT_POINTS', message: 'Not enough points.' }
      : { reason: 'POINTS_LIMIT', message: `A member holds at most ${INT_MAX} points.` },
};

const ALL_KINDS: Array<PointsEntryRow['kind']> = ['EARN', 'SPEND', 'EXPIRE', 'ADJUST'];

/** Under the member's lock: the entry already written under `key` (a replay), checked to be the same request. */
async function replayOf(tx: Tx, memberId: number, key: string, kind: PointsEntryRow['kind'], delta: number): Promise<PointsEntryRow | null> {
  const [previous] = await findEntry(tx, pointsLedger, memberId, key, ALL_KINDS);
  if (!previous) return null;
  if (previous.kind !== kind || previous.delta !== delta) throw conflict(`Idempotency key ${key} was already used for a different request.`);
  return previous;
}

/**
 * Takes what remains of the member's expired grants off the balance, as one EXPIRE entry.
 * Runs under the member lock: before every spend, and from the periodic expiry job.
 */
async function expireLocked(tx: Tx, memberId: number, balance: number, now: Date): Promise<number> {
  const expired = await tx
    .select()
    .from(pointsEntries)
    .where(and(eq(pointsEntries.memberId, memberId), gt(pointsEntries.remaining, 0), isNotNull(pointsEntries.expiresAt), lte(pointsEntries.expiresAt, now)));
  const total = expired.reduce((sum, e) => sum + e.remaining, 0);
  if (total === 0) return balance;
  if (total > balance) throw new Error(`points ledger of member ${memberId} drifted: ${total} expiring > balance ${balance}`);
  for (const grant of expired) await tx.update(pointsEntries).set({ remaining: 0 }).where(eq(pointsEntries.id, grant.id));
  const entry = await appendLocked(tx, pointsLedger, {
    account: memberId,
    kind: 'EXPIRE',
    delta: -total,
    key: `expire:${now.toISOString()}:${expired.map((e) => e.id).join(',')}`.slice(0, 100),
    extra: { note: '积分过期' },
  }, balance);
  return entry.balanceAfter;
}

/** Grants points once per key (kind EARN, or ADJUST for an admin's correction). */
export async function earnPoints(
  deps: Pick<MembershipDeps, 'db'>,
  input: { memberId: number; points: number; idempotencyKey: string; reference?: string | null; expiresAt?: Date | null; kind?: 'EARN' | 'ADJUST'; note?: string | null },
): Promise<PointsOutcome> {
  intInRange(input.points, 'points', 1, 10_000_000);
  // Points that expired before they were earned are no grant at all.
  if (input.expiresAt != null && !(input.expiresAt.getTime() > Date.now())) {
    throw badInput('expiresAt must be a time in the future.', 'expiresAt');
  }
  return deps.db.transaction((tx) => earnPointsIn(tx, input));
}

/** `earnPoints` inside the caller's transaction. */
export async function earnPointsIn(
  tx: Tx,
  input: { memberId: number; points: number; idempotencyKey: string; reference?: string | null; expiresAt?: Date | null; kind?: 'EARN' | 'ADJUST'; note?: string | null },
): Promise<PointsOutcome> {
  const kind = input.kind ?? 'EARN';
  const balance = await lockAccount(tx, pointsLedger, input.memberId);
  const previous = await replayOf(tx, input.memberId, input.idempotencyKey, kind, input.points);
  if (previous) return { entry: previous, balance: previous.balanceAfter, replayed: true };
  const entry = await appendLocked(tx, pointsLedger, {
    account: input.memberId,
    kind,
    delta: input.points,
    key: input.idempotencyKey,
    extra: { remaining: input.points, expiresAt: input.expiresAt === undefined ? defaultExpiry() : input.expiresAt, reference: input.reference, note: input.note },
  }, balance);
  return { entry, balance: entry.balanceAfter, replayed: false };
}

/** Spends points once per key, consuming the grants that expire first. CONFLICT when short. */
export async function spendPoints(
  deps: Pick<MembershipDeps, 'db'>,
  input: { memberId: number; points: number; idempotencyKey: string; reference?: string | null; kind?: 'SPEND' | 'ADJUST'; note?: string | null },
  now = new Date(),
): Promise<PointsOutcome> {
  intInRange(input.points, 'points', 1, 10_000_000);
  return deps.db.transaction((tx) => spendPointsIn(tx, input, now));
}

/** `spendPoints` inside the caller's transaction. */
export async function spendPointsIn(
  tx: Tx,
  input: { memberId: number; points: number; idempotencyKey: string; reference?: string | null; kind?: 'SPEND' | 'ADJUST'; note?: string | null },
  now = new Date(),
): Promise<PointsOutcome> {
  const kind = input.kind ?? 'SPEND';
  const locked = await lockAccount(tx, pointsLedger, input.memberId);
  const previous = await replayOf(tx, input.memberId, input.idempotencyKey, kind, -input.points);
  if (previous) return { entry: previous, balance: previous.balanceAfter, replayed: true };
  const balance = await expireLocked(tx, input.memberId, locked, now);
  if (balance < input.points) {
    throw new AppError(ErrorCode.CONFLICT, 'Not enough points.', { reason: 'INSUFFICIENT_POINTS' });
  }
  let left = input.points;
  const grants = await tx
    .select()
    .from(pointsEntries)
    .where(and(eq(pointsEntries.memberId, input.memberId), gt(pointsEntries.remaining, 0)))
    .orderBy(sql`${pointsEntries.expiresAt} IS NULL`, asc(pointsEntries.expiresAt), asc(pointsEntries.id));
  for (const grant of grants) {
    if (left === 0) break;
    const take = Math.min(left, grant.remaining);
    await tx.update(pointsEntries).set({ remaining: grant.remaining - take }).where(eq(pointsEntries.id, grant.id));
    left -= take;
  }
  if (left > 0) throw new Error(`points ledger of member ${input.memberId} drifted: grants short by ${left}`);
  const entry = await appendLocked(tx, pointsLedger, { account: input.memberId, kind, delta: -input.points, key: input.idempotencyKey, extra: { reference: input.reference, note: input.note } }, balance);
  return { entry, balance: entry.balanceAfter, replayed: false };
}

/** An admin's correction (`adjustPoints`): positive grants ADJUST points that never expire, negative spends them. */
export async function adjustPoints(
  ctx: MembershipContext,
  input: { memberId: string; delta: number; note?: string | null; idempotencyKey: string },
): Promise<MemberRow> {
  requireRole(ctx.identity, 'ADMIN');
  const memberId = parseId(input.memberId, 'Member');
  if (input.delta === 0) throw badInput('delta must not be zero.', 'delta');
  intInRange(Math.abs(input.delta), 'delta', 1, 10_000_000);
  const common = {
    memberId,
    points: Math.abs(input.delta),
    idempotencyKey: text(input.idempotencyKey, 'idempotencyKey', 8, 100),
    kind: 'ADJUST' as const,
    note: input.note == null ? '管理员调整' : text(input.note, 'note', 1, 200),
  };
  if (input.delta > 0) await earnPoints(ctx, { ...common, expiresAt: null });
  else await spendPoints(ctx, common);
  ctx.loaders.member.clear(memberId);
  const member = await ctx.loaders.member.load(memberId);
  if (!member) throw new AppError(ErrorCode.NOT_FOUND, `Member ${input.memberId} not found.`);
  return member;
}

/** The expiry job: every member with expired grants loses what remains of them. Returns how many members. */
export async function expirePoints(deps: Pick<MembershipDeps, 'db'>, now = new Date()): Promise<number> {
  const { db } = deps;
  const due = await db
    .selectDistinct({ memberId: pointsEntries.memberId })
    .from(pointsEntries)
    .where(and(gt(pointsEntries.remaining, 0), isNotNull(pointsEntries.expiresAt), lte(pointsEntries.expiresAt, now)));
  for (const { memberId } of due) {
    await db.transaction(async (tx) => {
      const balance = await lockAccount(tx, pointsLedger, memberId);
      await expireLocked(tx, memberId, balance, now);
    });
  }
  return due.length;
}

/** Newest first, keyset-paginated by entry id. */
export async function pointsHistory(db: MembershipDb, memberId: number, first?: number | null, after?: string | null): Promise<Connection<PointsEntryRow>> {
  return pageNewestFirst(
    'points',
    { first, after },
    (limit, beforeId) =>
      db
        .select()
        .from(pointsEntries)
        .where(and(eq(pointsEntries.memberId, memberId), ...(beforeId === null ? [] : [lt(pointsEntries.id, beforeId)])))
        .orderBy(desc(pointsEntries.id))
        .limit(limit),
    async () => (await db.select({ n: count() }).from(pointsEntries).where(eq(pointsEntries.memberId, memberId)))[0]?.n ?? 0,
  );
}

/** Points that expire within `days` (to warn the member). */
export async function pointsExpiringWithin(db: MembershipDb, memberId: number, days: number, now = new Date()): Promise<number> {
  const until = new Date(now.getTime() + days * 86_400_000);
  const rows = await db
    .select({ remaining: pointsEntries.remaining })
    .from(pointsEntries)
    .where(and(eq(pointsEntries.memberId, memberId), gt(pointsEntries.remaining, 0), isNotNull(pointsEntries.expiresAt), gt(pointsEntries.expiresAt, now), lte(pointsEntries.expiresAt, until)));
  return rows.reduce((sum, r) => sum + r.remaining, 0);
}

/** The balance a member can spend now: grants past their expiry no longer count, even before the job runs. */
export async function pointsBalance(db: MembershipDb, member: { id: number; points: number }, now = new Date()): Promise<number> {
  const [expired] = await db
    .select({ total: sql<string>`COALESCE(SUM(${pointsEntries.remaining}), 0)` })
    .from(pointsEntries)
    .where(and(eq(pointsEntries.memberId, member.id), gt(pointsEntries.remaining, 0), isNotNull(pointsEntries.expiresAt), lte(pointsEntries.expiresAt, now)));
  return member.points - Number(expired?.total ?? 0);
}
