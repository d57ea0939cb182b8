import { and, asc, count, desc, eq, gt, isNotNull, lte, lt, sql } from 'drizzle-orm';
import { intInRange, pageNewestFirst, AppError, ErrorCode, type Connection } from '@mall/kit';
import type { MembershipDb } from '../context.ts';
import { members, pointsEntries, type PointsEntryRow } from '../db/schema.ts';
import { lockMember, sameRequestOrConflict, type Tx } from './ledger.ts';

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

/** A key is scoped to the member; a replay must also be of the same kind and amount. */
async function previousEntry(tx: Tx, memberId: number, key: string) {
  const [row] = await tx.select().from(pointsEntries).where(and(eq(pointsEntries.memberId, memberId), eq(pointsEntries.idempotencyKey, key)));
  return row;
}

async function append(
  tx: Tx,
  memberId: number,
  balanceBefore: number,
  entry: { kind: PointsEntryRow['kind']; delta: number; key: string; remaining?: number; expiresAt?: Date | null; reference?: string | null; note?: string | null },
): Promise<PointsEntryRow> {
  const balanceAfter = balanceBefore + entry.delta;
  await tx.update(members).set({ points: balanceAfter }).where(eq(members.id, memberId));
  const [created] = await tx
    .insert(pointsEntries)
    .values({
      memberId,
      kind: entry.kind,
      delta: entry.delta,
      balanceAfter,
      remaining: entry.remaining ?? 0,
      expiresAt: entry.expiresAt ?? null,
      idempotencyKey: entry.key,
      reference: entry.reference ?? null,
      note: entry.note ?? null,
    })
    .$returningId();
  const [row] = await tx.select().from(pointsEntries).where(eq(pointsEntries.id, created!.id));
  return row!;
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
  const entry = await append(tx, memberId, balance, {
    kind: 'EXPIRE',
    delta: -total,
    key: `expire:${now.toISOString()}:${expired.map((e) => e.id).join(',')}`.slice(0, 100),
    note: '积分过期',
  });
  return entry.balanceAfter;
}

/** Grants points once per key (kind EARN, or ADJUST for an admin's correction). */
export async function earnPoints(
  db: MembershipDb,
  input: { memberId: number; points: number; idempotencyKey: string; reference?: string | null; expiresAt?: Date | null; kind?: 'EARN' | 'ADJUST'; note?: string | null },
): Promise<PointsOutcome> {
  intInRange(input.points, 'points', 1, 10_000_000);
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, input.memberId);
    const previous = await previousEntry(tx, member.id, input.idempotencyKey);
    if (previous) {
      sameRequestOrConflict(previous.kind === (input.kind ?? 'EARN') && previous.delta === input.points, input.idempotencyKey);
      return { entry: previous, balance: previous.balanceAfter, replayed: true };
    }
    const entry = await append(tx, member.id, member.points, {
      kind: input.kind ?? 'EARN',
      delta: input.points,
      remaining: input.points,
      expiresAt: input.expiresAt === undefined ? defaultExpiry() : input.expiresAt,
      key: input.idempotencyKey,
      reference: input.reference,
      note: input.note,
    });
    return { entry, balance: entry.balanceAfter, replayed: false };
  });
}

/** Spends points once per key, consuming the grants that expire first. CONFLICT when short. */
export async function spendPoints(
  db: MembershipDb,
  input: { memberId: number; points: number; idempotencyKey: string; reference?: string | null; kind?: 'SPEND' | 'ADJUST'; note?: string | null },
  now = new Date(),
): Promise<PointsOutcome> {
  intInRange(input.points, 'points', 1, 10_000_000);
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, input.memberId);
    const previous = await previousEntry(tx, member.id, input.idempotencyKey);
    if (previous) {
      sameRequestOrConflict(previous.kind === (input.kind ?? 'SPEND') && previous.delta === -input.points, input.idempotencyKey);
      return { entry: previous, balance: previous.balanceAfter, replayed: true };
    }
    const balance = await expireLocked(tx, member.id, member.points, now);
    if (balance < input.points) {
      throw new AppError(ErrorCode.CONFLICT, 'Not enough points.', { reason: 'INSUFFICIENT_POINTS' });
    }
    let left = input.points;
    const grants = await tx
      .select()
      .from(pointsEntries)
      .where(and(eq(pointsEntries.memberId, member.id), gt(pointsEntries.remaining, 0)))
      .orderBy(sql`${pointsEntries.expiresAt} IS NULL`, asc(pointsEntries.expiresAt), asc(pointsEntries.id));
    for (const grant of grants) {
      if (left === 0) break;
      const take = Math.min(left, grant.remaining);
      await tx.update(pointsEntries).set({ remaining: grant.remaining - take }).where(eq(pointsEntries.id, grant.id));
      left -= take;
    }
    if (left > 0) throw new Error(`points ledger of member ${member.id} drifted: grants short by ${left}`);
    const entry = await append(tx, member.id, balance, {
      kind: input.kind ?? 'SPEND',
      delta: -input.points,
      key: input.idempotencyKey,
      reference: input.reference,
      note: input.note,
    });
    return { entry, balance: entry.balanceAfter, replayed: false };
  });
}

/** The expiry job: every member with expired grants loses what remains of them. Returns how many members. */
export async function expirePoints(db: MembershipDb, now = new Date()): Promise<number> {
  const due = await db
    .selectDistinct({ memberId: pointsEntries.memberId })
    .from(pointsEntries)
    .where(and(gt(pointsEntries.remaining, 0), isNotNull(pointsEntries.expiresAt), lte(pointsEntries.expiresAt, now)));
  for (const { memberId } of due) {
    await db.transaction(async (tx) => {
      const member = await lockMember(tx, memberId);
      await expireLocked(tx, member.id, member.points, now);
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
