import { randomInt } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { AppError, ErrorCode, canSeeMember, conflict, intInRange, isDuplicateKey, notFound, parseId, requireRole, text } from '@mall/kit';
import type { DistributionContext } from '../context.ts';
import { distributors, memberSpend, type DistributorRow } from '../db/schema.ts';
import { currentSettings } from './settings.ts';

/** Share codes: 8 characters a person can read out (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newShareCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');


/**
 * `applyDistributor` (MEMBER): by the rules, ACTIVE at once (EVERYONE; SPENDING once the
 * member's settled orders reach the threshold, else CONFLICT THRESHOLD_NOT_REACHED with the
 * cents missing) or PENDING for an admin (APPLICATION). Never a fee. Applying again after a
 * rejection applies afresh; otherwise CONFLICT ALREADY_APPLIED.
 */
export async function applyDistributor(ctx: DistributionContext): Promise<DistributorRow> {
  const memberId = Number(requireRole(ctx.identity, 'MEMBER').userId);
  const rules = await currentSettings(ctx);
  const [existing] = await ctx.db.select().from(distributors).where(eq(distributors.memberId, memberId));
  if (existing && existing.status !== 'REJECTED') throw new AppError(ErrorCode.CONFLICT, 'You have applied already.', { reason: 'ALREADY_APPLIED', status: existing.status });
  if (rules.eligibility === 'SPENDING') {
    const [spent] = await ctx.db.select({ settled: memberSpend.settled }).from(memberSpend).where(eq(memberSpend.memberId, memberId));
    const missing = rules.spendThreshold - (spent?.settled ?? 0);
    if (missing > 0) throw new AppError(ErrorCode.CONFLICT, `Orders of ${rules.spendThreshold} cents, settled, make a distributor; ${missing} more to go.`, { reason: 'THRESHOLD_NOT_REACHED', missing });
  }
  const status = rules.eligibility === 'APPLICATION' ? 'PENDING' : 'ACTIVE';
  if (existing) {
    await ctx.db
      .update(distributors)
      .set({ status, note: null, appliedAt: new Date(), decidedAt: status === 'ACTIVE' ? new Date() : null })
      .where(and(eq(distributors.memberId, memberId), eq(distributors.status, 'REJECTED')));
  } else {
    for (let attempt = 0; ; attempt++) {
      try {
        await ctx.db.insert(distributors).values({ memberId, status, code: newShareCode(), decidedAt: status === 'ACTIVE' ? new Date() : null });
        break;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const [raced] = await ctx.db.select().from(distributors).where(eq(distributors.memberId, memberId));
        if (raced) throw new AppError(ErrorCode.CONFLICT, 'You have applied already.', { reason: 'ALREADY_APPLIED', status: raced.status });
        if (attempt >= 5) throw error; // a code taken five times running: something else is wrong
      }
    }
  }
  ctx.loaders.distributor.clear(memberId);
  return (await ctx.loaders.distributor.load(memberId))!;
}

/**
 * `decideDistributor` (ADMIN): approve a PENDING application (ACTIVE), reject it (with a
 * note), or disable an ACTIVE distributor (approve false; what they earned stays theirs).
 */
export async function decideDistributor(ctx: DistributionContext, memberId: string, approve: boolean, note: string | null | undefined): Promise<DistributorRow> {
  requireRole(ctx.identity, 'ADMIN');
  const id = parseId(memberId, 'Distributor');
  const [current] = await ctx.db.select().from(distributors).where(eq(distributors.memberId, id));
  if (!current) throw notFound('Distributor', memberId);
  const why = note == null ? null : text(note, 'note', 1, 200);
  let next: DistributorRow['status'];
  if (approve) {
    if (current.status !== 'PENDING' && current.status !== 'DISABLED') throw conflict(`This distributor is ${current.status}.`);
    next = 'ACTIVE';
  } else {
    if (current.status !== 'PENDING' && current.status !== 'ACTIVE') throw conflict(`This distributor is ${current.status}.`);
    if (!why) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Say why in a note.', { field: 'note' });
    next = current.status === 'PENDING' ? 'REJECTED' : 'DISABLED';
  }
  const [changed] = await ctx.db.update(distributors).set({ status: next, note: why, decidedAt: new Date() }).where(and(eq(distributors.memberId, id), eq(distributors.status, current.status)));
  if (changed.affectedRows !== 1) throw conflict('The distributor changed meanwhile; reload it.');
  ctx.loaders.distributor.clear(id);
  return (await ctx.loaders.distributor.load(id))!;
}

/** Applications waiting, oldest first (ADMIN). */
export async function applications(ctx: DistributionContext, first: number | null | undefined): Promise<DistributorRow[]> {
  requireRole(ctx.identity, 'ADMIN');
  return ctx.db.select().from(distributors).where(eq(distributors.status, 'PENDING')).orderBy(asc(distributors.appliedAt)).limit(intInRange(first ?? 50, 'first', 1, 200));
}

/** `Member.distributor`: for the member themself and admins. */
export async function distributorOf(ctx: DistributionContext, memberId: string): Promise<DistributorRow | null> {
  if (!canSeeMember(ctx.identity, memberId)) return null;
  const id = Number(memberId);
  return Number.isSafeInteger(id) ? ctx.loaders.distributor.load(id) : null;
}
