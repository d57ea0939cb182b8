import { and, desc, eq, lte } from 'drizzle-orm';
import { AppError, ErrorCode, canSeeMember, notFound, requireRole, retryOnDeadlock, text } from '@mall/kit';
import type { DistributionContext, DistributionTx } from '../context.ts';
import { bindingHistory, bindings, distributors, type BindingRow } from '../db/schema.ts';
import { currentSettings } from './settings.ts';

const DAY_MS = 86_400_000;
/** How far up a chain of referrers a cycle is looked for (far deeper than any real chain). */
const MAX_CHAIN = 1000;

/**
 * `bindReferrer(code)` (MEMBER): binds the caller to the distributor of that share code,
 * by the admin's rule. FIRST_TOUCH: a member bound once stays bound; FIRST_TOUCH_LOCK: a
 * later share rebinds once the lock has run out; LAST_TOUCH: every share rebinds. A binding
 * that holds is answered as it is. Never to oneself, nor to a distributor who is bound
 * (directly or further up) to the caller: CONFLICT CYCLE. Every change is kept with its time
 * and source; an order's commission follows the binding in force when it was placed.
 */
export async function bindReferrer(ctx: DistributionContext, code: string, sourceInput: string | null | undefined): Promise<BindingRow> {
  const memberId = Number(requireRole(ctx.identity, 'MEMBER').userId);
  const shareCode = text(code, 'code', 1, 12).toUpperCase();
  const source = sourceInput == null ? 'share' : text(sourceInput, 'source', 1, 40);
  const [distributor] = await ctx.db.select().from(distributors).where(eq(distributors.code, shareCode));
  if (!distributor || distributor.status !== 'ACTIVE') throw notFound('Share code', shareCode);
  if (distributor.memberId === memberId) throw new AppError(ErrorCode.CONFLICT, 'You cannot bind to yourself.', { reason: 'CYCLE' });
  const rules = await currentSettings(ctx);
  // Two members binding to each other at once both lock their own row and then read the
  // other's with a lock: one waits, one is picked as a deadlock victim and, run again, sees a circle.
  return retryOnDeadlock(() => ctx.db.transaction(async (tx) => {
    // The member's own binding row, locked: two shares opened at once bind one after the other.
    const [current] = await tx.select().from(bindings).where(eq(bindings.memberId, memberId)).for('update');
    const now = new Date();
    if (current) {
      if (current.distributorId === distributor.memberId) return current;
      // A binding made under another rule (no lock of its own) holds for the lock period from when it was made.
      const lockedUntil = current.lockedUntil ?? new Date(current.boundAt.getTime() + rules.lockDays * DAY_MS);
      const holds = rules.bindRule === 'FIRST_TOUCH' || (rules.bindRule === 'FIRST_TOUCH_LOCK' && lockedUntil > now);
      if (holds) return current;
    }
    if (await bindsUpTo(tx, distributor.memberId, memberId)) throw new AppError(ErrorCode.CONFLICT, 'This distributor was brought by you (or by someone you brought): binding to them would make a circle.', { reason: 'CYCLE' });
    const row = { memberId, distributorId: distributor.memberId, source, boundAt: now, lockedUntil: rules.bindRule === 'FIRST_TOUCH_LOCK' ? new Date(now.getTime() + rules.lockDays * DAY_MS) : null };
    if (current) await tx.update(bindings).set(row).where(eq(bindings.memberId, memberId));
    else await tx.insert(bindings).values(row);
    await tx.insert(bindingHistory).values({ memberId, distributorId: distributor.memberId, previousDistributorId: current?.distributorId ?? null, source, at: now });
    return row;
  }));
}

/** Whether `from`'s chain of referrers reaches `target` (so binding `target` to `from` would close a circle). */
async function bindsUpTo(tx: DistributionTx, from: number, target: number): Promise<boolean> {
  let at: number | null = from;
  for (let step = 0; at !== null && step < MAX_CHAIN; step++) {
    if (at === target) return true;
    const [up]: Array<{ distributorId: number }> = await tx.select({ distributorId: bindings.distributorId }).from(bindings).where(eq(bindings.memberId, at)).for('update');
    at = up?.distributorId ?? null;
  }
  return false;
}

/** The distributor a member was bound to at `at` (the binding in force when an order was placed), or null. */
export async function referrerAt(tx: DistributionTx, memberId: number, at: Date): Promise<number | null> {
  const [entry] = await tx
    .select({ distributorId: bindingHistory.distributorId })
    .from(bindingHistory)
    .where(and(eq(bindingHistory.memberId, memberId), lte(bindingHistory.at, at)))
    .orderBy(desc(bindingHistory.at), desc(bindingHistory.id))
    .limit(1);
  return entry?.distributorId ?? null;
}

/** `Member.referrer`: for the member themself and admins. */
export async function referrerOf(ctx: DistributionContext, memberId: string): Promise<BindingRow | null> {
  if (!canSeeMember(ctx.identity, memberId)) return null;
  const id = Number(memberId);
  return Number.isSafeInteger(id) ? ctx.loaders.binding.load(id) : null;
}
