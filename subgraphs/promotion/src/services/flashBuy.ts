import { and, asc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { catalog, order as orderContracts } from '@mall/contracts';
import { AppError, ErrorCode, badInput, cny, intInRange, isDuplicateKey, notFound, requireRole, text, tryParseId, type Money } from '@mall/kit';
import type { PromotionContext, PromotionDeps, PromotionTx } from '../context.ts';
import { flashEntries, flashHolds, flashSessions, type FlashEntryRow, type FlashHoldRow, type FlashSessionRow } from '../db/schema.ts';
import { entryStockOwner, sessionStatus } from './flashSessions.ts';
import { attemptsOf, closeGate, gateState, giveBackToGate, lowerGate, passGate, rebuildGate, remainingOf, repairGate, sqlRemaining } from './flashGate.ts';

type Refusal = 'SOLD_OUT' | 'LIMIT_REACHED' | 'NOT_STARTED' | 'ENDED';
const messages: Record<Refusal, string> = {
  SOLD_OUT: '已抢光: every unit of this flash sale is sold or held.',
  LIMIT_REACHED: 'You hold as many units of this flash sale as one member may buy.',
  NOT_STARTED: 'This flash sale has not started yet.',
  ENDED: 'This flash sale has ended.',
};
const refused = (reason: Refusal) => new AppError(ErrorCode.CONFLICT, messages[reason], { reason });

/** A hold that the database refused although the gate let it through: Redis was wrong. */
class GateDisagreed extends Error {
  readonly reason: Refusal;
  constructor(reason: Refusal) {
    super(reason);
    this.reason = reason;
  }
}

export interface FlashBuyArgs {
  entryId: string;
  quantity: number;
  idempotencyKey: string;
  addressId?: string | null;
}

/**
 * `flashBuy` (MEMBER): one attempt at a flash sale. The Redis gate answers first, in one
 * Lua step (session open, units left, the member's limit and burst, the idempotency key):
 * losers are refused there, CONFLICT SOLD_OUT / LIMIT_REACHED / NOT_STARTED / ENDED or
 * FORBIDDEN TOO_MANY_ATTEMPTS, without a query to MySQL. A winner's units are then held in
 * the database (the truth: a conditional update under the entry's row lock) and order
 * places the order, synchronously: at most the entry's units of attempts get this far, so
 * the winner learns the outcome in the same request. Sent again with the same key, it
 * answers the same hold (and places its order if that failed before).
 */
export async function flashBuy(ctx: PromotionContext, args: FlashBuyArgs): Promise<FlashHoldRow> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const memberId = Number(caller.userId);
  const entryId = tryParseId(args.entryId);
  if (entryId === null) throw notFound('FlashEntry', args.entryId);
  const quantity = intInRange(args.quantity, 'quantity', 1, 99);
  const key = text(args.idempotencyKey, 'idempotencyKey', 8, 100);
  if (args.addressId != null && tryParseId(args.addressId) === null) throw badInput('addressId is not an address id.', 'addressId');
  const addressId = args.addressId == null ? null : Number(args.addressId);

  for (let tries = 0; tries < 40; tries++) {
    const answer = await passGate(ctx, entryId, memberId, quantity, key, ctx.deviceId).catch((error: unknown) => {
      ctx.log.error({ err: error, entryId }, 'the flash-sale gate cannot be reached');
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The flash sale cannot be reached just now: try again in a moment.', { reason: 'GATE_UNAVAILABLE' });
    });
    switch (answer) {
      case 'THROTTLED':
        throw new AppError(ErrorCode.FORBIDDEN, 'Too many attempts at once: wait a moment.', { reason: 'TOO_MANY_ATTEMPTS' });
      case 'REBUILD':
        if (!(await rebuildGate(ctx, entryId))) await new Promise((resolve) => setTimeout(resolve, 25));
        continue;
      case 'ENDED':
        if (await unknownEntry(ctx, entryId)) throw notFound('FlashEntry', args.entryId);
        throw refused(answer);
      case 'NOT_STARTED':
      case 'SOLD_OUT':
      case 'LIMIT_REACHED':
        throw refused(answer);
      case 'REPLAY': {
        // The key won before: its hold, once the attempt that won has written it (it may still be on its way).
        for (let wait = 0; wait < 10; wait++) {
          const existing = await holdByKey(ctx, entryId, memberId, key);
          if (existing) return settleReplay(ctx, existing);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        // No hold after a while: the attempt that won died before writing it. Its take is undone
        // (units, the member's and device's counts, the key) and this attempt goes through the gate again.
        await giveBackToGate(ctx, entryId, memberId, quantity, key, ctx.deviceId);
        continue;
      }
      case 'WON': {
        let hold: FlashHoldRow;
        try {
          hold = await holdUnits(ctx, entryId, memberId, quantity, key, addressId, ctx.deviceId);
        } catch (error) {
          if (isDuplicateKey(error)) {
            // The key won before a gate rebuilt without it: the first hold stands; these units go back.
            await giveBackToGate(ctx, entryId, memberId, quantity, '', ctx.deviceId);
            return settleReplay(ctx, (await holdByKey(ctx, entryId, memberId, key))!);
          }
          // Taken in the gate but not in the database: give the units (and the key, and the device's count) back.
          await giveBackToGate(ctx, entryId, memberId, quantity, key, ctx.deviceId);
          if (error instanceof GateDisagreed) {
            if (error.reason === 'SOLD_OUT') {
              // The gate had units the database has not: lowered to the database's figure (never raised here: winners in flight).
              const [entry] = await ctx.db.select().from(flashEntries).where(eq(flashEntries.id, entryId));
              if (entry && (await lowerGate(ctx, entryId, remainingOf(entry))) && noteRepair(entryId)) {
                ctx.attention('flash_gate_repaired', { entryId }, 'the flash-sale gate let an attempt through that the database refused; lowered to the database');
              }
            }
            throw refused(error.reason);
          }
          throw error;
        }
        return placeOrderFor(ctx, hold);
      }
    }
  }
  throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The flash sale is being prepared; try again in a moment.', { reason: 'GATE_REBUILDING' });
}

/** Repairs counted at most once a minute per entry (a rebuilt gate may refuse many in a row). */
const lastRepairNoted = new Map<number, number>();
function noteRepair(entryId: number): boolean {
  const now = Date.now();
  if ((lastRepairNoted.get(entryId) ?? 0) > now - 60_000) return false;
  lastRepairNoted.set(entryId, now);
  return true;
}

async function unknownEntry(deps: Pick<PromotionDeps, 'db'>, entryId: number): Promise<boolean> {
  const [row] = await deps.db.select({ id: flashEntries.id }).from(flashEntries).where(eq(flashEntries.id, entryId));
  return row === undefined;
}

async function holdByKey(deps: Pick<PromotionDeps, 'db'>, entryId: number, memberId: number, key: string): Promise<FlashHoldRow | null> {
  const [hold] = await deps.db.select().from(flashHolds).where(and(eq(flashHolds.entryId, entryId), eq(flashHolds.memberId, memberId), eq(flashHolds.idempotencyKey, key)));
  return hold ?? null;
}

/**
 * The database's step for a winner: under the entry's row lock, the session open, units
 * left and the member under their limit (counting their holds not released), then the hold
 * and `held` counted. The CHECK on the entry keeps `sold + held + refunded` within its
 * quantity whatever happens in Redis.
 */
async function holdUnits(deps: Pick<PromotionDeps, 'db' | 'flashLive'>, entryId: number, memberId: number, quantity: number, key: string, addressId: number | null, deviceId: string | null): Promise<FlashHoldRow> {
  const { id, sessionId } = await deps.db.transaction(async (tx) => {
    const [entry] = await tx.select().from(flashEntries).where(eq(flashEntries.id, entryId)).for('update');
    if (!entry || entry.status !== 'APPROVED') throw new GateDisagreed('ENDED');
    const [session] = await tx.select().from(flashSessions).where(eq(flashSessions.id, entry.sessionId));
    const status = sessionStatus(session!);
    if (status === 'UPCOMING') throw new GateDisagreed('NOT_STARTED');
    if (status !== 'RUNNING') throw new GateDisagreed('ENDED');
    if (remainingOf(entry) < quantity) throw new GateDisagreed('SOLD_OUT');
    const [mine] = await tx
      .select({ n: sql<number>`COALESCE(SUM(${flashHolds.quantity}), 0)` })
      .from(flashHolds)
      .where(and(eq(flashHolds.entryId, entryId), eq(flashHolds.memberId, memberId), ne(flashHolds.status, 'RELEASED')));
    if (Number(mine!.n) + quantity > entry.perMemberLimit) throw new GateDisagreed('LIMIT_REACHED');
    const [created] = await tx.insert(flashHolds).values({ entryId, memberId, quantity, idempotencyKey: key, addressId, deviceId }).$returningId();
    await tx.update(flashEntries).set({ held: sql`${flashEntries.held} + ${quantity}` }).where(eq(flashEntries.id, entryId));
    return { id: created!.id, sessionId: entry.sessionId };
  });
  deps.flashLive.changed(sessionId, entryId);
  return (await deps.db.select().from(flashHolds).where(eq(flashHolds.id, id)))[0]!;
}

/** A key that won before: its hold as it is, its order placed if that failed before. */
async function settleReplay(ctx: PromotionContext, hold: FlashHoldRow): Promise<FlashHoldRow> {
  if (hold.status === 'HELD') return placeOrderFor(ctx, hold);
  return hold;
}

const DEFINITIVE: readonly ErrorCode[] = [ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.BAD_USER_INPUT];
const definitive = (error: unknown) => error instanceof AppError && DEFINITIVE.includes(error.code);

/**
 * Asks order for the hold's order (idempotent by hold): ORDERED with it. Refused for good
 * (no address, the SKU off sale): the units go back and the refusal is the answer. Not
 * answered (order down, a timeout): the hold stays HELD; the buyer's retry with the same
 * key, or the sweep of held units, asks again, so every winner ends with an order or with
 * the units back, never both.
 */
async function placeOrderFor(deps: Pick<PromotionDeps, 'db' | 'redis' | 'send' | 'log' | 'config' | 'flashLive'>, hold: FlashHoldRow): Promise<FlashHoldRow> {
  const [entry] = await deps.db.select().from(flashEntries).where(eq(flashEntries.id, hold.entryId));
  try {
    const placed = await deps.send(orderContracts.placeFlashOrder, {
      holdId: String(hold.id),
      entryId: String(hold.entryId),
      memberId: String(hold.memberId),
      addressId: hold.addressId === null ? null : String(hold.addressId),
      skuId: String(entry!.skuId),
      quantity: hold.quantity,
      listPrice: entry!.listPrice,
      flashPrice: entry!.flashPrice,
    });
    // The order's link, whatever its events did meanwhile (paid or cancelled before this answer came back).
    await deps.db
      .update(flashHolds)
      .set({ status: sql`CASE WHEN ${flashHolds.status} = 'HELD' THEN 'ORDERED' ELSE ${flashHolds.status} END`, orderId: Number(placed.orderId), orderNo: placed.orderNo })
      .where(and(eq(flashHolds.id, hold.id), isNull(flashHolds.orderNo)));
  } catch (error) {
    if (definitive(error)) {
      await releaseHeld(deps, hold);
      throw error;
    }
    deps.log.warn({ err: error, holdId: hold.id }, 'flash-sale order not placed yet; the hold waits for a retry or the sweep');
    throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'Your units are held, but the order is not placed yet: send the same request again.', { reason: 'FLASH_ORDER_PENDING' });
  }
  return (await deps.db.select().from(flashHolds).where(eq(flashHolds.id, hold.id)))[0]!;
}

/** A hold whose order was never placed gives its units back (to the entry and its gate). */
async function releaseHeld(deps: Pick<PromotionDeps, 'db' | 'redis' | 'send' | 'log' | 'config' | 'flashLive'>, hold: FlashHoldRow): Promise<void> {
  const back = await deps.db.transaction(async (tx) => {
    const [changed] = await tx.update(flashHolds).set({ status: 'RELEASED' }).where(and(eq(flashHolds.id, hold.id), eq(flashHolds.status, 'HELD')));
    if (changed.affectedRows !== 1) return null;
    return unitsBack(deps, tx, hold, `flash-hold-${hold.id}`);
  });
  if (back === 'GATE') await giveBackToGate(deps, hold.entryId, hold.memberId, hold.quantity, hold.idempotencyKey, hold.deviceId);
}

/**
 * Units of a released hold back: to the entry while it sells (its gate afterwards, the
 * caller's part: answered 'GATE'), or to the SKU's shelf once its session ended (catalog,
 * once per `returnKey`). Inside the caller's transaction, which holds the entry's lock.
 */
async function unitsBack(deps: Pick<PromotionDeps, 'send' | 'flashLive'>, tx: PromotionTx, hold: Pick<FlashHoldRow, 'entryId' | 'quantity'>, returnKey: string): Promise<'GATE' | 'SHELF'> {
  const [entry] = await tx.select().from(flashEntries).where(eq(flashEntries.id, hold.entryId)).for('update');
  await tx
    .update(flashEntries)
    .set({ held: sql`${flashEntries.held} - ${hold.quantity}`, released: sql`${flashEntries.released} + ${hold.quantity}` })
    .where(eq(flashEntries.id, hold.entryId));
  if (entry!.status === 'ENDED') {
    // The session is over: its unsold units went back already, so these go to the shelf.
    await deps.send(catalog.returnStock, { key: returnKey, skuId: String(entry!.skuId), quantity: hold.quantity });
    return 'SHELF';
  }
  // Announced a moment later, once this has committed (the announcer waits its window).
  deps.flashLive.changed(entry!.sessionId, entry!.id);
  return 'GATE';
}

type FlashOf = { entryId: string; holdId: string; quantity: number };

/** order.paid of a flash-sale order: its units are sold, its paid amount counted. */
export async function flashOrderPaid(deps: Pick<PromotionDeps, 'attention'>, tx: PromotionTx, flash: FlashOf, payable: number): Promise<void> {
  const [changed] = await tx.update(flashHolds).set({ status: 'PAID' }).where(and(eq(flashHolds.id, Number(flash.holdId)), inArray(flashHolds.status, ['HELD', 'ORDERED'])));
  if (changed.affectedRows !== 1) {
    const [hold] = await tx.select({ status: flashHolds.status }).from(flashHolds).where(eq(flashHolds.id, Number(flash.holdId)));
    // Its units went back while its order lived: they may have been sold again. Never expected.
    if (hold?.status === 'RELEASED') deps.attention('flash_paid_after_release', { holdId: flash.holdId, entryId: flash.entryId }, 'a flash-sale order was paid after its units were released');
    return;
  }
  await tx
    .update(flashEntries)
    .set({ held: sql`${flashEntries.held} - ${flash.quantity}`, sold: sql`${flashEntries.sold} + ${flash.quantity}`, gmv: sql`${flashEntries.gmv} + ${payable}` })
    .where(eq(flashEntries.id, Number(flash.entryId)));
}

/**
 * order.cancelled of a flash-sale order (unpaid, or expired): its units back, once: to the
 * session while it sells (they can be bought again), to the shelf after it ended. Answers
 * the follow-up that puts them back in the gate.
 */
export async function flashOrderCancelled(deps: Pick<PromotionDeps, 'redis' | 'send' | 'config' | 'flashLive'>, tx: PromotionTx, flash: FlashOf, orderNo: string): Promise<(() => Promise<void>) | undefined> {
  const [hold] = await tx.select().from(flashHolds).where(eq(flashHolds.id, Number(flash.holdId)));
  if (!hold) return undefined;
  // Conditional: of this and a release of the hold at the same moment, one gives the units back.
  const [changed] = await tx.update(flashHolds).set({ status: 'RELEASED' }).where(and(eq(flashHolds.id, hold.id), inArray(flashHolds.status, ['HELD', 'ORDERED'])));
  if (changed.affectedRows !== 1) return undefined;
  const back = await unitsBack(deps, tx, hold, `flash-order-${orderNo}`);
  return back === 'GATE' ? () => giveBackToGate(deps, hold.entryId, hold.memberId, hold.quantity, '', hold.deviceId) : undefined;
}

/**
 * order.closed of a flash-sale order (paid, refunded in full before it shipped): counted
 * paid if its payment's event has not come yet, then refunded: its units go back to the
 * SKU's shelf (once per order), off the entry's sales and GMV.
 */
export async function flashOrderClosed(deps: Pick<PromotionDeps, 'send' | 'attention'>, tx: PromotionTx, flash: FlashOf, orderNo: string, payable: number): Promise<void> {
  const [hold] = await tx.select({ status: flashHolds.status }).from(flashHolds).where(eq(flashHolds.id, Number(flash.holdId)));
  // Closed before (the event sent again): nothing more to do.
  if (!hold || hold.status === 'RELEASED') return;
  await flashOrderPaid(deps, tx, flash, payable);
  const [changed] = await tx.update(flashHolds).set({ status: 'RELEASED' }).where(and(eq(flashHolds.id, Number(flash.holdId)), eq(flashHolds.status, 'PAID')));
  if (changed.affectedRows !== 1) return;
  const [entry] = await tx.select().from(flashEntries).where(eq(flashEntries.id, Number(flash.entryId))).for('update');
  await tx
    .update(flashEntries)
    .set({ sold: sql`${flashEntries.sold} - ${flash.quantity}`, refunded: sql`${flashEntries.refunded} + ${flash.quantity}`, gmv: sql`${flashEntries.gmv} - ${payable}` })
    .where(eq(flashEntries.id, entry!.id));
  // Back on the shelf once per order; counted sold in catalog only once the session ended
  // (its hold committed), so only then off the sales too, under a key of its own: a redelivery
  // after the end whose first try (before it) returned the units adds just the sales step.
  await deps.send(catalog.returnStock, { key: `flash-closed-${orderNo}`, skuId: String(entry!.skuId), quantity: flash.quantity, sales: 0 });
  if (entry!.status === 'ENDED') await deps.send(catalog.returnStock, { key: `flash-closed-${orderNo}:sales`, skuId: String(entry!.skuId), quantity: 0, sales: flash.quantity });
}

/**
 * The job `flash.session.end`: each approved entry of the session ends under its row lock
 * (what it has not sold or held is counted as returned), then catalog takes back its hold
 * of the SKU's stock as sales and returns the unsold units to the shelf (each once, by
 * key); entries still pending are rejected. Run again after a failure, it finishes the
 * catalog steps of entries already ended.
 */
export async function endSession(deps: Pick<PromotionDeps, 'db' | 'redis' | 'send' | 'log' | 'config' | 'flashLive'>, sessionId: number, now = new Date()): Promise<void> {
  const [session] = await deps.db.select().from(flashSessions).where(eq(flashSessions.id, sessionId));
  if (!session) return;
  if (session.endsAt > now && !session.cancelled) throw new Error(`session ${sessionId} has not ended yet`);
  const pending = await deps.db.select({ id: flashEntries.id }).from(flashEntries).where(and(eq(flashEntries.sessionId, sessionId), eq(flashEntries.status, 'PENDING')));
  for (const { id } of pending) {
    const [rejected] = await deps.db.update(flashEntries).set({ status: 'REJECTED', note: '场次已结束' }).where(and(eq(flashEntries.id, id), eq(flashEntries.status, 'PENDING')));
    // Rejected here (not approved meanwhile): whatever an approval in flight reserved goes back, and its late reservation is refused.
    if (rejected.affectedRows === 1) await deps.send(catalog.releaseStock, { orderId: entryStockOwner(id) });
  }
  const entries = await deps.db.select({ id: flashEntries.id }).from(flashEntries).where(and(eq(flashEntries.sessionId, sessionId), inArray(flashEntries.status, ['APPROVED', 'ENDED'])));
  for (const { id } of entries) {
    const attempts = await attemptsOf(deps, id);
    const ended = await deps.db.transaction(async (tx) => {
      const [entry] = await tx.select().from(flashEntries).where(eq(flashEntries.id, id)).for('update');
      if (entry!.status === 'APPROVED') {
        const unsold = remainingOf(entry!);
        await tx.update(flashEntries).set({ status: 'ENDED', returnedAtEnd: unsold, refundedAtEnd: entry!.refunded, attempts }).where(eq(flashEntries.id, id));
        return { ...entry!, returnedAtEnd: unsold, refundedAtEnd: entry!.refunded };
      }
      return entry!;
    });
    await closeGate(deps, id);
    deps.flashLive.changed(sessionId, id);
    // The hold of the entry's units becomes sales; the unsold come back off them.
    await deps.send(catalog.commitStock, { orderId: entryStockOwner(id) });
    // Off the sales the commit just counted: the unsold, and the units refunded during the session (their stock went back then).
    const offSales = (ended.returnedAtEnd ?? 0) + (ended.refundedAtEnd ?? 0);
    if (offSales > 0) await deps.send(catalog.returnStock, { key: `${entryStockOwner(id)}-end`, skuId: String(ended.skuId), quantity: ended.returnedAtEnd ?? 0, sales: offSales });
  }
  deps.log.info({ sessionId, entries: entries.length }, 'flash session ended');
}

/** Differences seen at the last reconciliation, by entry: a repair needs the same one twice (attempts in flight differ once). */
const lastDifference = new Map<number, number>();

/**
 * The job `flash.reconcile` (every `FLASH_RECONCILE_MS`): each running entry's gate against
 * the database. A gate that is missing is rebuilt; one whose remaining units differ from the
 * database's by the same amount twice running (not an attempt in flight) is repaired from
 * the database, and each repair counted (`flash_gate_repaired`).
 */
export async function reconcileGates(deps: Pick<PromotionDeps, 'db' | 'redis' | 'attention' | 'log' | 'config'>, now = new Date()): Promise<number> {
  const running = await deps.db
    .select({ entry: flashEntries, session: flashSessions })
    .from(flashEntries)
    .innerJoin(flashSessions, eq(flashSessions.id, flashEntries.sessionId))
    .where(and(eq(flashEntries.status, 'APPROVED'), lt(flashSessions.startsAt, now), sql`${flashSessions.endsAt} > ${now}`, eq(flashSessions.cancelled, false)));
  let repaired = 0;
  for (const { entry, session } of running) {
    const gate = await gateState(deps, entry.id);
    // Missing, or with another window than the session's (built while the entry was not open yet): built again.
    if (!gate || gate.start !== session.startsAt.getTime() || gate.end !== session.endsAt.getTime()) {
      await rebuildGate(deps, entry.id);
      continue;
    }
    const difference = gate.remaining - remainingOf(entry);
    if (difference === 0) {
      lastDifference.delete(entry.id);
      continue;
    }
    if (lastDifference.get(entry.id) === difference) {
      const [fresh] = await deps.db.select({ remaining: sqlRemaining }).from(flashEntries).where(eq(flashEntries.id, entry.id));
      await repairGate(deps, entry.id, Number(fresh!.remaining));
      deps.attention('flash_gate_repaired', { entryId: entry.id, gate: gate.remaining, database: Number(fresh!.remaining) }, 'a flash-sale gate disagreed with the database; repaired from the database');
      lastDifference.delete(entry.id);
      repaired++;
    } else {
      lastDifference.set(entry.id, difference);
    }
  }
  return repaired;
}

/**
 * The job `flash.holds`: holds a winner's order was not placed for (order was down, the
 * answer lost) are asked for again; refused for good, their units go back.
 */
export async function sweepHolds(deps: Pick<PromotionDeps, 'db' | 'redis' | 'send' | 'log' | 'config' | 'flashLive'>, olderThanMs = 10_000): Promise<void> {
  const waiting = await deps.db
    .select()
    .from(flashHolds)
    .where(and(eq(flashHolds.status, 'HELD'), lt(flashHolds.updatedAt, new Date(Date.now() - olderThanMs))))
    .orderBy(asc(flashHolds.updatedAt))
    .limit(50);
  for (const hold of waiting) {
    // Touched first, so the next sweep starts with the holds waiting longest (a stuck one never starves the others).
    await deps.db.update(flashHolds).set({ updatedAt: new Date() }).where(eq(flashHolds.id, hold.id));
    await placeOrderFor(deps, hold).catch((error: unknown) => deps.log.warn({ err: error, holdId: hold.id }, 'flash-sale hold still without its order'));
  }
}

/** The entry's units as a buyer sees them now: the gate's while it sells (never more than the database's), else the database's. */
export async function remainingNow(ctx: Pick<PromotionContext, 'loaders'>, entry: FlashEntryRow): Promise<number> {
  if (entry.status !== 'APPROVED') return 0;
  const gate = await ctx.loaders.gate.load(entry.id).catch(() => null);
  return gate?.remaining == null ? remainingOf(entry) : Math.max(0, Math.min(gate.remaining, remainingOf(entry)));
}

/** The GraphQL `FlashSale` of a SKU. */
export interface FlashSaleView {
  session: FlashSessionRow;
  entry: FlashEntryRow;
  price: Money;
  remaining: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * `Sku.flashSale`: the SKU's approved entry whose session runs now, else the soonest one to
 * come (预热), with what remains of it.
 */
export async function skuFlashSale(ctx: PromotionContext, skuId: string): Promise<FlashSaleView | null> {
  const id = tryParseId(skuId);
  if (id === null) return null;
  const candidates = await ctx.loaders.flashBySku.load(id);
  const now = new Date();
  const live = candidates.find((c) => c.session.startsAt <= now && c.session.endsAt > now) ?? candidates.find((c) => c.session.startsAt > now);
  if (!live) return null;
  return { session: live.session, entry: live.entry, price: cny(live.entry.flashPrice), remaining: await remainingNow(ctx, live.entry), startsAt: live.session.startsAt, endsAt: live.session.endsAt };
}
