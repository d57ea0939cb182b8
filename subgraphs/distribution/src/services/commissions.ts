import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { EventData } from '@mall/contracts';
import { allocate, intInRange } from '@mall/kit';
import type { DistributionContext, DistributionDeps, DistributionTx } from '../context.ts';
import { commissionLines, commissions, distributors, grades, memberSpend, orderMarks, orderRefunds, rateOverrides, type CommissionLineRow, type CommissionRow, type DistributorRow, type SettingsRow } from '../db/schema.ts';
import { changeBalances } from './balances.ts';
import { referrerAt } from './bindings.ts';
import { MAX_TOTAL_RATE, currentSettings } from './settings.ts';

/**
 * Commissions, compliant by construction: only ever a share of goods actually paid, per
 * line on what the buyer paid for it (after every discount and points, never freight), at
 * most two levels, nothing for recruiting. A line's commission is always
 * `floor((paid − refunded) × rate / 10000)`: rounded down to the cent per line, so a refund
 * takes back exactly what the refunded part earned, and a line refunded in full earns 0.
 */

type OrderEvent = EventData<'order.paid'>;
type Line = { lineId: number; skuId: number; productId: number; paid: number };

/** What one line earns at `rate` basis points, with `refunded` of it taken back. */
export const lineCommission = (paid: number, refunded: number, rate: number) => Math.floor(((paid - refunded) * rate) / 10_000);

/**
 * A line's rate at a level for a distributor: the SKU's override, else its product's, else
 * the distributor's grade's, else the settings'.
 */
async function rateFinder(tx: DistributionTx, rules: SettingsRow, lines: readonly Line[]) {
  const overrides = await tx
    .select()
    .from(rateOverrides)
    .where(or(inArray(rateOverrides.skuId, lines.map((l) => l.skuId)), and(isNull(rateOverrides.skuId), inArray(rateOverrides.productId, lines.map((l) => l.productId)))));
  const gradeRows = await tx.select().from(grades);
  return (line: Line, level: 1 | 2, distributor: DistributorRow): number => {
    const pick = (o: { level1Rate: number; level2Rate: number }) => (level === 1 ? o.level1Rate : o.level2Rate);
    const sku = overrides.find((o) => o.skuId === line.skuId);
    if (sku) return pick(sku);
    const product = overrides.find((o) => o.skuId === null && o.productId === line.productId);
    if (product) return pick(product);
    const grade = gradeRows.find((g) => g.id === distributor.gradeId);
    return grade ? pick(grade) : pick(rules);
  };
}

/** A distributor by member id (null when none). */
async function distributorRow(tx: DistributionTx, memberId: number | null): Promise<DistributorRow | null> {
  if (memberId === null) return null;
  const [row] = await tx.select().from(distributors).where(eq(distributors.memberId, memberId));
  return row ?? null;
}

/**
 * The order's mark, created when missing and locked: the events of one order (each from a
 * consumer of its own, in any order) are applied one after the other.
 */
async function lockMark(tx: DistributionTx, orderId: number) {
  // An upsert takes the row's exclusive lock at once (INSERT IGNORE of an existing row takes a
  // shared one, and two of those waiting to upgrade would deadlock).
  await tx.insert(orderMarks).values({ orderId }).onDuplicateKeyUpdate({ set: { orderId: sql`${orderMarks.orderId}` } });
  const [mark] = await tx.select().from(orderMarks).where(eq(orderMarks.orderId, orderId)).for('update');
  return mark!;
}

/**
 * order.paid: the order's chain as it was when the order was placed (its buyer's binding
 * then, and that distributor's; the buyer themself first when self-purchase counts and
 * they are a distributor), and each active level's commission on its lines, PENDING in the
 * distributor's balance. Once per order. Refunds, a close or the settlement that came
 * before it (their events travel apart) are applied at once.
 */
export async function onOrderPaid(deps: Pick<DistributionDeps, 'log'>, tx: DistributionTx, order: OrderEvent): Promise<void> {
  const orderId = Number(order.orderId);
  const mark = await lockMark(tx, orderId);
  if (mark.paid) return;
  await tx.update(orderMarks).set({ paid: true }).where(eq(orderMarks.orderId, orderId));
  const lines: Line[] = order.lines.flatMap((l) => (l.lineId && l.productId && l.paid !== undefined ? [{ lineId: Number(l.lineId), skuId: Number(l.skuId), productId: Number(l.productId), paid: l.paid }] : []));
  if (lines.length === 0 || !order.placedAt) return; // an event of before distribution: no lines' amounts to share
  const rules = await currentSettings({ db: tx });
  const buyer = Number(order.memberId);
  const placedAt = new Date(order.placedAt);
  const self = rules.selfPurchase ? await distributorRow(tx, buyer) : null;
  const firstId = self?.status === 'ACTIVE' ? buyer : await referrerAt(tx, buyer, placedAt);
  const secondId = rules.levels === 2 && firstId !== null ? await referrerAt(tx, firstId, placedAt) : null;
  // Each level earns if its distributor is active; a disabled one earns nothing, the other level still does.
  const chain: Array<{ level: 1 | 2; distributor: DistributorRow }> = [];
  for (const [level, id] of [[1, firstId], [2, secondId]] as const) {
    if (id === null || (level === 2 && id === buyer)) continue;
    const row = await distributorRow(tx, id);
    if (row?.status === 'ACTIVE') chain.push({ level, distributor: row });
  }
  if (chain.length === 0) return;
  const rateOf = await rateFinder(tx, rules, lines);
  const paid = lines.reduce((sum, l) => sum + l.paid, 0);
  // Both levels of a line together never take more than MAX_TOTAL_RATE (each level's rate may
  // come from another source: a grade of one distributor, the settings for the other).
  const firstRates = new Map(lines.map((line) => [line.lineId, chain[0]!.level === 1 ? rateOf(line, 1, chain[0]!.distributor) : 0]));
  for (const { level, distributor } of chain) {
    const shares = lines.map((line) => {
      const own = rateOf(line, level, distributor);
      const rate = level === 1 ? own : Math.min(own, Math.max(0, MAX_TOTAL_RATE - (firstRates.get(line.lineId) ?? 0)));
      return { ...line, rate, amount: lineCommission(line.paid, 0, rate) };
    });
    const amount = shares.reduce((sum, s) => sum + s.amount, 0);
    const [created] = await tx
      .insert(commissions)
      .values({ orderId, orderNo: order.orderNo, shopId: Number(order.shopId), buyerId: buyer, distributorId: distributor.memberId, level, paid, amount })
      .$returningId();
    await tx.insert(commissionLines).values(shares.map((s) => ({ commissionId: created!.id, lineId: s.lineId, skuId: s.skuId, productId: s.productId, paid: s.paid, rate: s.rate, amount: s.amount })));
    await changeBalances(tx, distributor.memberId, `c${created!.id}:earned`, [{ bucket: 'PENDING', kind: 'EARNED', delta: amount, commissionId: created!.id }]);
  }
  // What happened to the order before this event came.
  for (const refund of await tx.select().from(orderRefunds).where(eq(orderRefunds.orderId, orderId)).orderBy(orderRefunds.id)) await takeBack(tx, orderId, `refund:${refund.refundNo}`, refundSplit(refund));
  if (mark.closed) await takeBack(tx, orderId, 'closed', everything);
  if (mark.settled) await settleCommissions(tx, orderId);
  deps.log.info({ orderNo: order.orderNo, levels: chain.length }, 'commissions pending');
}

/**
 * A refund's share back from each of the order's commissions. Before settlement the pending
 * amount shrinks (CANCELLED when nothing is left); after it, a reversal: from the available
 * balance as far as it goes, the rest a receivable deducted from future commissions. `key`
 * makes each step once per commission.
 */
async function takeBack(tx: DistributionTx, orderId: number, key: string, refundOf: (lines: CommissionLineRow[]) => Map<number, number>): Promise<void> {
  const rows = await tx.select().from(commissions).where(eq(commissions.orderId, orderId)).orderBy(commissions.level).for('update');
  for (const commission of rows) {
    if (commission.status === 'CANCELLED') continue;
    const lines = await tx.select().from(commissionLines).where(eq(commissionLines.commissionId, commission.id)).orderBy(commissionLines.id);
    const refunds = refundOf(lines);
    let back = 0;
    const changed: Array<{ line: CommissionLineRow; refunded: number; amount: number }> = [];
    for (const line of lines) {
      const refunded = Math.min(line.paid, line.refunded + (refunds.get(line.id) ?? 0));
      if (refunded === line.refunded) continue;
      const amount = lineCommission(line.paid, refunded, line.rate);
      back += line.amount - amount;
      changed.push({ line, refunded, amount });
    }
    if (changed.length === 0) continue;
    const stepKey = `c${commission.id}:${key}`;
    const settled = commission.status === 'SETTLED';
    const fromAvailable = settled ? Math.min(back, await availableOf(tx, commission.distributorId)) : 0;
    await changeBalances(
      tx,
      commission.distributorId,
      stepKey,
      settled
        ? [
            { bucket: 'AVAILABLE', kind: 'REVERSED', delta: -fromAvailable, commissionId: commission.id },
            { bucket: 'RECEIVABLE', kind: 'OWED', delta: back - fromAvailable, commissionId: commission.id },
          ]
        : [{ bucket: 'PENDING', kind: 'REFUNDED', delta: -back, commissionId: commission.id }],
    );
    for (const c of changed) await tx.update(commissionLines).set({ refunded: c.refunded, amount: c.amount }).where(eq(commissionLines.id, c.line.id));
    // What was settled and came back is no longer earned (balances' `settled`, rankings).
    if (settled && back > 0) await tx.update(distributors).set({ settledTotal: sql`${distributors.settledTotal} - ${back}` }).where(eq(distributors.memberId, commission.distributorId));
    const allRefunded = lines.every((line) => (changed.find((c) => c.line.id === line.id)?.refunded ?? line.refunded) === line.paid);
    await tx.update(commissions).set({ amount: commission.amount - back, ...(!settled && allRefunded ? { status: 'CANCELLED' as const } : {}) }).where(eq(commissions.id, commission.id));
  }
}

async function availableOf(tx: DistributionTx, distributorId: number): Promise<number> {
  const [row] = await tx.select({ available: distributors.available }).from(distributors).where(eq(distributors.memberId, distributorId)).for('update');
  return row?.available ?? 0;
}

/** Every line's remaining goods back (the order closed). */
const everything = (lines: CommissionLineRow[]) => new Map(lines.map((line) => [line.id, line.paid - line.refunded]));

/**
 * How a refund falls on the lines: an after-sale's named lines first (what a line cannot
 * take any more, its goods refunded already, goes to the others), an amount over what is left
 * of the lines (the kit's `allocate`). Goods first: an amount without lines (a merchant's
 * refund, a compensation) lowers what the goods cost the buyer, and so their commission,
 * up to the goods; only what passes them is freight.
 */
function refundSplit(refund: { amount: number; lines: Array<{ lineId: string; amount: number }> }) {
  return (lines: CommissionLineRow[]): Map<number, number> => {
    const left = lines.map((line) => line.paid - line.refunded);
    const taken = lines.map((line, i) => Math.min(left[i]!, refund.lines.filter((l) => Number(l.lineId) === line.lineId).reduce((sum, l) => sum + l.amount, 0)));
    const named = refund.lines.reduce((sum, l) => sum + l.amount, 0);
    const rest = refund.lines.length > 0 ? named - taken.reduce((a, b) => a + b, 0) : refund.amount;
    const room = left.map((l, i) => l - taken[i]!);
    const spread = allocate(Math.min(rest, room.reduce((a, b) => a + b, 0)), room);
    return new Map(lines.map((line, i) => [line.id, taken[i]! + spread[i]!]));
  };
}

/** order.refunded: kept once per refund number, and taken back from the order's commissions (or, when none yet, when they are made). */
export async function onOrderRefunded(tx: DistributionTx, refund: EventData<'order.refunded'>): Promise<void> {
  const orderId = Number(refund.orderId);
  const mark = await lockMark(tx, orderId);
  const [kept] = await tx.insert(orderRefunds).ignore().values({ orderId, refundNo: refund.refundNo, amount: refund.amount, lines: refund.lines });
  if (kept.affectedRows !== 1 || !mark.paid) return;
  await takeBack(tx, orderId, `refund:${refund.refundNo}`, refundSplit(refund));
}

/** order.closed (refunded in full before it shipped): every line's share back, once. */
export async function onOrderClosed(tx: DistributionTx, order: OrderEvent): Promise<void> {
  const orderId = Number(order.orderId);
  const mark = await lockMark(tx, orderId);
  if (mark.closed) return;
  await tx.update(orderMarks).set({ closed: true }).where(eq(orderMarks.orderId, orderId));
  if (mark.paid) await takeBack(tx, orderId, 'closed', everything);
}

/** The order's pending commissions to the available balance, less what each distributor owes (the receivable is repaid from them first). */
async function settleCommissions(tx: DistributionTx, orderId: number): Promise<void> {
  const rows = await tx.select().from(commissions).where(and(eq(commissions.orderId, orderId), eq(commissions.status, 'PENDING'))).orderBy(commissions.level).for('update');
  for (const commission of rows) {
    const [owner] = await tx.select({ receivable: distributors.receivable }).from(distributors).where(eq(distributors.memberId, commission.distributorId)).for('update');
    const owed = Math.min(commission.amount, owner?.receivable ?? 0);
    const applied = await changeBalances(tx, commission.distributorId, `c${commission.id}:settled`, [
      { bucket: 'PENDING', kind: 'SETTLED', delta: -commission.amount, commissionId: commission.id },
      { bucket: 'RECEIVABLE', kind: 'REPAID', delta: -owed, commissionId: commission.id },
      { bucket: 'AVAILABLE', kind: 'SETTLED', delta: commission.amount - owed, commissionId: commission.id },
    ]);
    if (!applied) continue;
    await tx.update(commissions).set({ status: 'SETTLED', settledAmount: commission.amount, settledAt: new Date() }).where(eq(commissions.id, commission.id));
    await tx.update(distributors).set({ settledTotal: sqlAdd(commission.amount) }).where(eq(distributors.memberId, commission.distributorId));
  }
}

/**
 * order.settled (completed, its after-sale window closed): its pending commissions move to
 * the available balance, once; the member's settled spending grows (SPENDING eligibility),
 * once per order.
 */
export async function onOrderSettled(tx: DistributionTx, order: EventData<'order.settled'>): Promise<void> {
  const orderId = Number(order.orderId);
  const mark = await lockMark(tx, orderId);
  if (mark.settled) return;
  await tx.update(orderMarks).set({ settled: true }).where(eq(orderMarks.orderId, orderId));
  if (mark.paid) await settleCommissions(tx, orderId);
  if (order.paid > 0) {
    await tx.insert(memberSpend).values({ memberId: Number(order.memberId), settled: order.paid }).onDuplicateKeyUpdate({ set: { settled: sqlSpend(order.paid) } });
  }
}

const sqlAdd = (amount: number) => sql`${distributors.settledTotal} + ${amount}`;
const sqlSpend = (amount: number) => sql`${memberSpend.settled} + ${amount}`;

/** A distributor's commissions, newest first. */
export function commissionsOf(ctx: DistributionContext, distributorId: number, first: number | null | undefined): Promise<CommissionRow[]> {
  return ctx.db.select().from(commissions).where(eq(commissions.distributorId, distributorId)).orderBy(desc(commissions.id)).limit(intInRange(first ?? 20, 'first', 1, 50));
}

/** `Order.commissions`: its shop's merchant and admins; null for anyone else (the buyer too). */
export async function orderCommissions(ctx: DistributionContext, orderId: string): Promise<CommissionRow[] | null> {
  const caller = ctx.identity;
  if (!caller || (caller.role !== 'ADMIN' && caller.role !== 'MERCHANT')) return null;
  const id = Number(orderId);
  if (!Number.isSafeInteger(id)) return null;
  const rows = await ctx.loaders.commissionsOfOrder.load(id);
  if (caller.role === 'ADMIN') return rows;
  return rows.every((r) => String(r.shopId) === caller.shopId) ? rows : null;
}

/** The buyer as a distributor sees them: masked. */
export const maskedBuyer = (buyerId: number) => `会员****${String(buyerId).slice(-2).padStart(2, '0')}`;
