import { and, eq, inArray, sql } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { AppError, ErrorCode, commit, notFound, release, reserve, restore, type ReservationPool, type ReservedLine } from '@mall/kit';
import type { PromotionDeps, PromotionTx } from '../context.ts';
import { couponTemplates, coupons, endedOrders, type CouponRow, type PromotionSchema } from '../db/schema.ts';

/**
 * Coupons as a reservation pool (the kit's reservations): each coupon is one resource of
 * quantity 1, and the owner is a checkout (its coupons serve all of its orders). Taking
 * one is a conditional UPDATE (UNUSED and within its validity → LOCKED by the owner), so
 * of any owners reserving one coupon at once exactly one gets it; a template with a
 * per-member use limit first locks the member's coupons of it and counts those in use.
 * Giving back unlocks only the owner's; committing spends it, and the template's figures
 * are counted afterwards template by template in id order (`countUsed`), so two commits
 * sharing templates lock them in one order.
 */
/**
 * The pool, taking coupons of `memberId` (any member's when null: a release or commit
 * takes nothing) and recording on each what it takes off the checkout (`amounts`).
 */
function takingFor(memberId: number | null, amounts: Map<string, CouponAmounts>): ReservationPool<PromotionSchema> {
  return { ...givingAndSpending, take: (tx, resource, _quantity, owner) => takeCoupon(tx, resource, owner, memberId, amounts.get(resource)) };
}

async function takeCoupon(tx: PromotionTx, resource: string, owner: string, memberId: number | null, amounts: CouponAmounts | undefined): Promise<void> {
  const [coupon] = await tx
    .select({ memberId: coupons.memberId, templateId: coupons.templateId, useLimit: couponTemplates.perMemberUseLimit })
    .from(coupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
    .where(eq(coupons.id, Number(resource)));
  if (!coupon || (memberId !== null && coupon.memberId !== memberId)) throw notFound('Coupon', resource);
  if (coupon.useLimit !== null) {
    const mine = await tx
      .select({ status: coupons.status })
      .from(coupons)
      .where(and(eq(coupons.templateId, coupon.templateId), eq(coupons.memberId, coupon.memberId)))
      .for('update');
    if (mine.filter((c) => c.status === 'LOCKED' || c.status === 'USED').length >= coupon.useLimit) {
      throw new AppError(ErrorCode.CONFLICT, `At most ${coupon.useLimit} coupon(s) of this kind may be used per member.`, { reason: 'LIMIT_REACHED', couponId: resource });
    }
  }
  const now = new Date();
  const [taken] = await tx
    .update(coupons)
    .set({ status: 'LOCKED', orderNo: owner, discountAmount: amounts?.discount ?? null, orderAmount: amounts?.orderAmount ?? null })
    .where(and(eq(coupons.id, Number(resource)), eq(coupons.status, 'UNUSED'), sql`${coupons.validFrom} <= ${now}`, sql`${coupons.validUntil} > ${now}`));
  if (taken.affectedRows !== 1) throw new AppError(ErrorCode.CONFLICT, `Coupon ${resource} cannot be used now.`, { reason: 'COUPON_UNAVAILABLE', couponId: resource });
}

const givingAndSpending: Omit<ReservationPool<PromotionSchema>, 'take'> = {
  name: 'coupon',
  async give(tx, resource, _quantity, owner) {
    await tx
      .update(coupons)
      .set({ status: 'UNUSED', orderNo: null, usedAt: null })
      .where(and(eq(coupons.id, Number(resource)), inArray(coupons.status, ['LOCKED', 'USED']), eq(coupons.orderNo, owner)));
  },
  async commit(tx, resource, _quantity, owner) {
    const [spent] = await tx.update(coupons).set({ status: 'USED', usedAt: new Date() }).where(and(eq(coupons.id, Number(resource)), eq(coupons.status, 'LOCKED'), eq(coupons.orderNo, owner)));
    // Held by this owner since it was reserved; anything else is a fault: the whole commit rolls back.
    if (spent.affectedRows !== 1) throw new AppError(ErrorCode.CONFLICT, `Coupon ${resource} is not held by ${owner}.`, { reason: 'COUPON_NOT_HELD', couponId: resource });
  },
};

/** The pool as releases and commits use it (they take nothing). */
const couponPool: ReservationPool<PromotionSchema> = takingFor(null, new Map());

async function heldCoupons(tx: PromotionTx, lines: ReservedLine[]): Promise<CouponRow[]> {
  if (lines.length === 0) return [];
  return tx.select().from(coupons).where(inArray(coupons.id, lines.map((l) => Number(l.resource))));
}

/** The event of a coupon spent or given back. */
async function settled(tx: PromotionTx, type: 'coupon.used' | 'coupon.released', owner: string, held: CouponRow[], discountOf: (c: CouponRow) => number): Promise<void> {
  if (held.length === 0) return;
  const templates = await tx.select({ id: couponTemplates.id, shopId: couponTemplates.shopId }).from(couponTemplates).where(inArray(couponTemplates.id, [...new Set(held.map((c) => c.templateId))]));
  for (const c of held) {
    const shopId = templates.find((t) => t.id === c.templateId)?.shopId ?? null;
    await events.write(tx, type, { couponId: String(c.id), templateId: String(c.templateId), memberId: String(c.memberId), shopId: shopId === null ? null : String(shopId), owner, discount: discountOf(c) });
  }
}

/** Adds (or, with `sign` -1, takes back) used coupons on their templates' figures, template by template in id order. */
async function countUsed(tx: PromotionTx, held: CouponRow[], sign: 1 | -1): Promise<void> {
  const byTemplate = new Map<number, { used: number; discount: number; order: number }>();
  for (const c of held) {
    const sum = byTemplate.get(c.templateId) ?? { used: 0, discount: 0, order: 0 };
    sum.used += 1;
    sum.discount += c.discountAmount ?? 0;
    sum.order += c.orderAmount ?? 0;
    byTemplate.set(c.templateId, sum);
  }
  for (const [templateId, sum] of [...byTemplate.entries()].sort(([a], [b]) => a - b)) {
    await tx
      .update(couponTemplates)
      .set({
        used: sql`${couponTemplates.used} + ${sign * sum.used}`,
        discountGiven: sql`${couponTemplates.discountGiven} + ${sign * sum.discount}`,
        orderAmount: sql`${couponTemplates.orderAmount} + ${sign * sum.order}`,
      })
      .where(eq(couponTemplates.id, templateId));
  }
}

export interface CouponAmounts {
  couponId: string;
  discount: number;
  orderAmount: number;
}

/**
 * `promotion.coupons.reserve`: the member's coupons, all held by `owner` or none, each
 * with what it takes off the checkout (its template's figures, once paid).
 */
export async function reserveCoupons(deps: Pick<PromotionDeps, 'db'>, owner: string, memberId: number, couponIds: string[], amounts: CouponAmounts[] = []): Promise<{ couponIds: string[]; replayed: boolean }> {
  const wanted = [...new Set(couponIds)].sort((a, b) => Number(a) - Number(b));
  // A coupon not the member's is NOT_FOUND from its take, and the whole reservation rolls back.
  const pool = takingFor(memberId, new Map(amounts.map((a) => [a.couponId, a] as const)));
  const { lines, replayed } = await reserve(deps.db, pool, owner, wanted.map((resource) => ({ resource, quantity: 1 })));
  return { couponIds: lines.map((l) => l.resource), replayed };
}

/** `promotion.coupons.release`: `owner`'s coupons back to their member (`coupon.released`). */
export async function releaseCoupons(deps: Pick<PromotionDeps, 'db'>, owner: string): Promise<{ released: number; replayed: boolean }> {
  const { released, replayed } = await release(deps.db, couponPool, owner, async (tx, lines) => {
    // Back to UNUSED; the amounts still say what each would have taken (a take clears them).
    await settled(tx, 'coupon.released', owner, await heldCoupons(tx, lines), (c) => c.discountAmount ?? 0);
  });
  return { released: released.length, replayed };
}

/** `promotion.coupons.commit`: `owner`'s coupons spent (`coupon.used`), counted on their templates. */
export async function commitCoupons(deps: Pick<PromotionDeps, 'db'>, owner: string): Promise<{ committed: number; replayed: boolean }> {
  const { committed, replayed } = await commit(deps.db, couponPool, owner, async (tx, lines) => {
    const spent = await heldCoupons(tx, lines);
    await countUsed(tx, spent, 1);
    await settled(tx, 'coupon.used', owner, spent, (c) => c.discountAmount ?? 0);
  });
  return { committed: committed.length, replayed };
}

/**
 * Records that one of the orders `hold` serves has ended (cancelled or closed), committed
 * on its own before the ended ones are counted, so of two ending at once the later count
 * sees both; true once every one of them has.
 */
async function allEnded(deps: Pick<PromotionDeps, 'db'>, hold: CouponHold, orderNo: string): Promise<boolean> {
  await deps.db.insert(endedOrders).ignore().values({ owner: hold.owner, orderNo });
  const ended = await deps.db.select({ orderNo: endedOrders.orderNo }).from(endedOrders).where(eq(endedOrders.owner, hold.owner));
  return ended.length >= hold.orders;
}

/** What an order event says of the coupons its checkout holds. */
export interface CouponHold {
  /** The checkout holding them (the reservation's owner). */
  owner: string;
  /** How many orders the checkout made. */
  orders: number;
}

/**
 * An order of a checkout holding coupons was paid: the coupons are spent. Once is enough
 * (the checkout's other orders find them committed).
 */
export async function orderPaid(deps: Pick<PromotionDeps, 'db' | 'log'>, hold: CouponHold): Promise<void> {
  try {
    await commitCoupons(deps, hold.owner);
  } catch (error) {
    // Its orders were all refunded in full and the coupons given back before this payment's
    // event came here (order.closed and order.paid travel through different consumers).
    if (error instanceof AppError && error.extensions['reason'] === 'RELEASED') {
      deps.log.info({ owner: hold.owner }, 'coupons already given back by a full refund');
      return;
    }
    throw error;
  }
}

/**
 * An order holding coupons was refunded in full before it shipped (closed): it was paid,
 * so its coupons are spent (if its payment's event has not done so yet); once every order
 * they served has ended (cancelled or closed), those of templates that say so
 * (`returnOnRefund`, 退款退券) come back to the member with their validity, and the others
 * stay used.
 */
export async function orderClosed(deps: Pick<PromotionDeps, 'db' | 'log'>, hold: CouponHold, orderNo: string): Promise<void> {
  await orderPaid(deps, hold);
  if (!(await allEnded(deps, hold, orderNo))) return;
  const back = await returnRefundedCoupons(deps, hold.owner);
  deps.log.info({ owner: hold.owner, back }, 'coupons of a refunded order given back where their templates say so');
}

/**
 * 退款退券: `owner`'s spent coupons whose templates return on refund become UNUSED again
 * (`coupon.released`), taken off their templates' figures; the others stay USED. The hold
 * ends RELEASED either way (the kit's `restore`), so this happens once.
 */
async function returnRefundedCoupons(deps: Pick<PromotionDeps, 'db'>, owner: string): Promise<number> {
  // By id: a retried transaction (a deadlock victim) gives them again.
  const returned = new Map<number, CouponRow>();
  const returning: ReservationPool<PromotionSchema> = {
    ...couponPool,
    async give(tx, resource) {
      const [coupon] = await tx
        .select({ row: coupons, returns: couponTemplates.returnOnRefund })
        .from(coupons)
        .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
        .where(and(eq(coupons.id, Number(resource)), eq(coupons.orderNo, owner)));
      if (!coupon || !coupon.returns) return;
      await tx.update(coupons).set({ status: 'UNUSED', orderNo: null, usedAt: null }).where(and(eq(coupons.id, Number(resource)), eq(coupons.orderNo, owner)));
      returned.set(coupon.row.id, coupon.row);
    },
  };
  await restore(deps.db, returning, owner, async (tx) => {
    const back = [...returned.values()];
    await countUsed(tx, back.filter((c) => c.status === 'USED'), -1);
    await settled(tx, 'coupon.released', owner, back, (c) => c.discountAmount ?? 0);
  });
  return returned.size;
}

/**
 * An order holding coupons ended unpaid (cancelled, expired). When every order they serve
 * has ended (`allEnded`), they go back (idempotent); while one may still be paid, they stay
 * held (a coupon over two shops' orders is used when either is paid).
 */
export async function orderEndedUnpaid(deps: Pick<PromotionDeps, 'db' | 'log'>, hold: CouponHold, orderNo: string): Promise<void> {
  if (!(await allEnded(deps, hold, orderNo))) return;
  try {
    const { released } = await releaseCoupons(deps, hold.owner);
    deps.log.info({ owner: hold.owner, released }, 'coupons of an unpaid checkout given back');
  } catch (error) {
    // Spent: another of its orders was paid, then refunded in full (closed) before this one ended.
    if (!(error instanceof AppError && error.extensions['reason'] === 'COMMITTED')) throw error;
    await returnRefundedCoupons(deps, hold.owner);
  }
}
