import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import { AppError, ErrorCode, MONEY_LIMITS, badInput, canManageShop, cents, conflict, intInRange, isDuplicateKey, loadReference, notFound, parseId, requireRole, requireShopManager, scheduleJob, text, timeInput } from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import { flashEntries, flashReminders, flashSessions, type FlashEntryRow, type FlashSessionRow } from '../db/schema.ts';
import type { CreateFlashSessionsInput, FlashEntryInput } from '../generated/graphql.ts';
import { resetGate } from './flashGate.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The catalog owner of an entry's units: its hold of the SKU's stock while the session lasts. */
export const entryStockOwner = (entryId: number) => `flash-entry-${entryId}`;


/**
 * `createFlashSessions` (ADMIN): one session at `startsAt` lasting `minutes`, or one a day at
 * that time for `days` days (daily sessions: 10:00, 14:00 and 20:00 are three calls).
 * Sessions may overlap; a SKU is in at most one of any overlapping sessions (`enterFlashSale`).
 */
export async function createFlashSessions(ctx: PromotionContext, input: CreateFlashSessionsInput): Promise<FlashSessionRow[]> {
  const caller = requireRole(ctx.identity, 'ADMIN');
  const name = text(input.name, 'input.name', 2, 40);
  // Required by the schema: never null here.
  const startsAt = timeInput(input.startsAt, 'input.startsAt')!;
  if (startsAt.getTime() <= Date.now()) throw badInput('startsAt has passed.', 'input.startsAt');
  if (startsAt.getTime() - Date.now() > 366 * DAY_MS) throw badInput('A session starts within a year.', 'input.startsAt');
  const minutes = intInRange(input.minutes, 'input.minutes', 1, 24 * 60);
  const days = intInRange(input.days ?? 1, 'input.days', 1, 31);
  if (days > 1 && minutes > 24 * 60) throw badInput('Daily sessions last at most a day.', 'input.minutes');
  const rows = Array.from({ length: days }, (_, i) => {
    const start = new Date(startsAt.getTime() + i * DAY_MS);
    return { name, startsAt: start, endsAt: new Date(start.getTime() + minutes * MINUTE_MS), createdBy: `admin:${caller.userId}`.slice(0, 40) };
  });
  const ids: number[] = [];
  await ctx.db.transaction(async (tx) => {
    for (const row of rows) {
      const [created] = await tx.insert(flashSessions).values(row).$returningId();
      ids.push(created!.id);
    }
  });
  return ctx.db.select().from(flashSessions).where(inArray(flashSessions.id, ids)).orderBy(asc(flashSessions.startsAt));
}

/** A session's state now. */
export function sessionStatus(session: FlashSessionRow, now = new Date()): 'UPCOMING' | 'RUNNING' | 'ENDED' | 'CANCELLED' {
  if (session.cancelled) return 'CANCELLED';
  if (now < session.startsAt) return 'UPCOMING';
  return now < session.endsAt ? 'RUNNING' : 'ENDED';
}

/** `flashSessions`: sessions not over yet (or from `from`), soonest first, for the 秒杀 page's tabs. Public. */
export async function upcomingSessions(ctx: PromotionContext, args: { from?: Date | null; days?: number | null }): Promise<FlashSessionRow[]> {
  const from = args.from ?? new Date();
  const days = intInRange(args.days ?? 2, 'days', 1, 14);
  const rows = await ctx.db
    .select()
    .from(flashSessions)
    .where(and(gt(flashSessions.endsAt, from), lt(flashSessions.startsAt, new Date(from.getTime() + days * DAY_MS)), eq(flashSessions.cancelled, false)))
    .orderBy(asc(flashSessions.startsAt))
    .limit(100);
  for (const row of rows) ctx.loaders.flashSession.prime(row.id, row);
  return rows;
}

/**
 * `enterFlashSale` (MERCHANT for their shop's SKU, or ADMIN): a SKU into an upcoming session
 * at a flash price below its price, with a quantity and a per-member limit; PENDING until an
 * admin decides. A SKU is in at most one of any overlapping sessions.
 */
export async function enterFlashSale(ctx: PromotionContext, input: FlashEntryInput): Promise<FlashEntryRow> {
  const caller = requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const sessionId = parseId(input.sessionId, 'FlashSession');
  const skuId = parseId(input.skuId, 'Sku');
  const flashPrice = cents(input.flashPrice, 'input.flashPrice', 1, MONEY_LIMITS.order);
  const quantity = intInRange(input.quantity, 'input.quantity', 1, 100_000);
  const perMemberLimit = intInRange(input.perMemberLimit ?? 1, 'input.perMemberLimit', 1, 99);
  const session = await ctx.loaders.flashSession.load(sessionId);
  if (!session || session.cancelled) throw notFound('FlashSession', input.sessionId);
  if (session.startsAt <= new Date()) throw new AppError(ErrorCode.CONFLICT, 'This session has started: SKUs are entered before it starts.', { reason: 'SESSION_STARTED' });
  const { skus } = await ctx.send(catalog.skuSnapshots, { skuIds: [String(skuId)] });
  const sku = skus[0];
  if (!sku || !canManageShop(caller, sku.shopId)) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${skuId} not found in your shop.`, { field: 'input.skuId' });
  if (flashPrice >= sku.price) throw badInput(`A flash price is below the SKU's price (${sku.price} cents).`, 'input.flashPrice');
  // The same SKU in another session at the same time would sell its units twice over.
  const overlapping = await ctx.db
    .select({ id: flashEntries.id })
    .from(flashEntries)
    .innerJoin(flashSessions, eq(flashSessions.id, flashEntries.sessionId))
    .where(
      and(
        eq(flashEntries.skuId, skuId),
        inArray(flashEntries.status, ['PENDING', 'APPROVED']),
        ne(flashSessions.id, sessionId),
        eq(flashSessions.cancelled, false),
        lt(flashSessions.startsAt, session.endsAt),
        gt(flashSessions.endsAt, session.startsAt),
      ),
    )
    .limit(1);
  if (overlapping.length > 0) throw new AppError(ErrorCode.CONFLICT, 'This SKU is in another session at the same time.', { reason: 'OVERLAPPING_SESSION', entryId: String(overlapping[0]!.id) });
  try {
    const [created] = await ctx.db
      .insert(flashEntries)
      .values({
        sessionId,
        shopId: Number(sku.shopId),
        skuId,
        productId: Number(sku.productId),
        flashPrice,
        listPrice: sku.price,
        quantity,
        perMemberLimit,
        createdBy: `${caller.role.toLowerCase()}:${caller.userId}`.slice(0, 40),
      })
      .$returningId();
    return (await ctx.loaders.flashEntry.load(created!.id))!;
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError(ErrorCode.CONFLICT, 'This SKU is already in this session.', { reason: 'ALREADY_ENTERED' });
    throw error;
  }
}

/**
 * `decideFlashEntry` (ADMIN): approving takes the entry's units from the SKU's stock in
 * catalog (its hold `flash-entry-<id>`; CONFLICT OUT_OF_STOCK when the shelf has fewer) and
 * schedules the session's end; rejecting needs a note. Deciding again is CONFLICT.
 */
export async function decideFlashEntry(ctx: PromotionContext, id: string, approve: boolean, note: string | null | undefined): Promise<FlashEntryRow> {
  requireRole(ctx.identity, 'ADMIN');
  const entry = await loadReference(ctx.loaders.flashEntry, id);
  if (!entry) throw notFound('FlashEntry', id);
  if (entry.status !== 'PENDING') throw conflict(`This entry is ${entry.status}; it was decided already.`);
  const session = (await ctx.loaders.flashSession.load(entry.sessionId))!;
  const reason = note == null ? null : text(note, 'note', 2, 200);
  if (!approve) {
    if (!reason) throw badInput('Say why the entry is rejected.', 'note');
    await ctx.db.update(flashEntries).set({ status: 'REJECTED', note: reason }).where(and(eq(flashEntries.id, entry.id), eq(flashEntries.status, 'PENDING')));
  } else {
    if (session.endsAt <= new Date() || session.cancelled) throw new AppError(ErrorCode.CONFLICT, 'This session is over.', { reason: 'ENDED' });
    // Idempotent by owner: an approval retried after a lost answer takes the units once.
    await ctx.send(catalog.reserveStock, { orderId: entryStockOwner(entry.id), lines: [{ skuId: String(entry.skuId), quantity: entry.quantity }] });
    const approved = await ctx.db.transaction(async (tx) => {
      const [changed] = await tx.update(flashEntries).set({ status: 'APPROVED', note: reason }).where(and(eq(flashEntries.id, entry.id), eq(flashEntries.status, 'PENDING')));
      if (changed.affectedRows !== 1) return false;
      await scheduleJob(tx, { name: 'flash.session.end', key: String(session.id), dueAt: session.endsAt });
      return true;
    });
    if (!approved) {
      const [now] = await ctx.db.select().from(flashEntries).where(eq(flashEntries.id, entry.id));
      // Approved by a retry of this approval (the same hold of stock, replayed): it stands.
      if (now?.status === 'APPROVED') return now;
      // Rejected or ended meanwhile: the units go back to the shelf, and a late reservation is refused.
      await ctx.send(catalog.releaseStock, { orderId: entryStockOwner(entry.id) });
      throw conflict('This entry was decided meanwhile.');
    }
    // After the commit: a gate built from the entry while it was still PENDING (closed) is forgotten.
    await resetGate(ctx, entry.id);
  }
  ctx.loaders.flashEntry.clear(entry.id);
  return (await ctx.loaders.flashEntry.load(entry.id))!;
}

/** `remindFlashSession` (MEMBER, 预约): once per member; answers the session with its count. */
export async function remindSession(ctx: PromotionContext, id: string): Promise<FlashSessionRow> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const session = await loadReference(ctx.loaders.flashSession, id);
  if (!session || session.cancelled) throw notFound('FlashSession', id);
  if (session.endsAt <= new Date()) throw new AppError(ErrorCode.CONFLICT, 'This session is over.', { reason: 'ENDED' });
  await ctx.db.transaction(async (tx) => {
    // Counted only when this member's row is new, in the same transaction: the count is the rows.
    const [added] = await tx.insert(flashReminders).ignore().values({ sessionId: session.id, memberId: Number(caller.userId) });
    if (added.affectedRows === 1) await tx.update(flashSessions).set({ reminders: sql`${flashSessions.reminders} + 1` }).where(eq(flashSessions.id, session.id));
  });
  ctx.loaders.flashSession.clear(session.id);
  return (await ctx.loaders.flashSession.load(session.id))!;
}

/** Whether the calling member asked to be reminded of the session. */
export async function remindedByCaller(ctx: PromotionContext, session: FlashSessionRow): Promise<boolean> {
  if (ctx.identity?.role !== 'MEMBER') return false;
  return ctx.loaders.remindedBy.load(`${ctx.identity.userId}:${session.id}`);
}

/** A session's figures: its approved and ended entries the caller manages (all of them for admins). */
export interface FlashSessionFiguresView {
  entries: FlashEntryRow[];
}

/** `FlashSession.figures`: for admins and merchants (their shop's entries), null for anyone else. */
export async function sessionFigures(ctx: PromotionContext, session: FlashSessionRow): Promise<FlashSessionFiguresView | null> {
  const role = ctx.identity?.role;
  if (role !== 'ADMIN' && role !== 'MERCHANT') return null;
  const entries = await ctx.loaders.flashEntriesOf.load(session.id);
  return { entries: entries.filter((e) => (e.status === 'APPROVED' || e.status === 'ENDED') && canManageShop(ctx.identity, e.shopId)) };
}
