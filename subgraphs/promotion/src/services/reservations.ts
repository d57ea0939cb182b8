import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, ErrorCode, commit, notFound, release, reserve, type ReservationPool } from '@mall/kit';
import type { PromotionDeps } from '../context.ts';
import { couponTemplates, coupons, type PromotionSchema } from '../db/schema.ts';

/**
 * Coupons as a reservation pool (the kit's reservations): each coupon is one resource of
 * quantity 1. Taking it is one conditional UPDATE (UNUSED and within its validity → LOCKED
 * by the owner), so of any owners reserving one coupon at once exactly one gets it; giving
 * it back unlocks it only for its own owner; committing spends it and counts it on its
 * template.
 */
const couponPool: ReservationPool<PromotionSchema> = {
  name: 'coupon',
  async take(tx, resource, _quantity, owner) {
    const now = new Date();
    const [taken] = await tx
      .update(coupons)
      .set({ status: 'LOCKED', orderNo: owner })
      .where(and(eq(coupons.id, Number(resource)), eq(coupons.status, 'UNUSED'), sql`${coupons.validFrom} <= ${now}`, sql`${coupons.validUntil} > ${now}`));
    if (taken.affectedRows !== 1) throw new AppError(ErrorCode.CONFLICT, `Coupon ${resource} cannot be used now.`, { reason: 'COUPON_UNAVAILABLE', couponId: resource });
  },
  async give(tx, resource, _quantity, owner) {
    await tx.update(coupons).set({ status: 'UNUSED', orderNo: null }).where(and(eq(coupons.id, Number(resource)), eq(coupons.status, 'LOCKED'), eq(coupons.orderNo, owner)));
  },
  async commit(tx, resource, _quantity, owner) {
    const [spent] = await tx.update(coupons).set({ status: 'USED', usedAt: new Date() }).where(and(eq(coupons.id, Number(resource)), eq(coupons.status, 'LOCKED'), eq(coupons.orderNo, owner)));
    // Held by this owner since it was reserved; anything else is a fault: the whole commit rolls back.
    if (spent.affectedRows !== 1) throw new AppError(ErrorCode.CONFLICT, `Coupon ${resource} is not held by ${owner}.`, { reason: 'COUPON_NOT_HELD', couponId: resource });
    const [coupon] = await tx.select({ templateId: coupons.templateId }).from(coupons).where(eq(coupons.id, Number(resource)));
    await tx.update(couponTemplates).set({ used: sql`${couponTemplates.used} + 1` }).where(eq(couponTemplates.id, coupon!.templateId));
  },
};

/** `promotion.coupons.reserve`: the member's coupons, all held by `owner` or none. */
export async function reserveCoupons(deps: Pick<PromotionDeps, 'db'>, owner: string, memberId: number, couponIds: string[]): Promise<{ couponIds: string[]; replayed: boolean }> {
  const wanted = [...new Set(couponIds)].sort((a, b) => Number(a) - Number(b));
  const own = await deps.db.select({ id: coupons.id }).from(coupons).where(and(eq(coupons.memberId, memberId), inArray(coupons.id, wanted.map(Number))));
  const missing = wanted.find((id) => !own.some((c) => String(c.id) === id));
  if (missing) throw notFound('Coupon', missing);
  const { lines, replayed } = await reserve(deps.db, couponPool, owner, wanted.map((resource) => ({ resource, quantity: 1 })));
  return { couponIds: lines.map((l) => l.resource), replayed };
}

/** `promotion.coupons.release`: `owner`'s coupons back to their member. */
export async function releaseCoupons(deps: Pick<PromotionDeps, 'db'>, owner: string): Promise<{ released: number; replayed: boolean }> {
  const { released, replayed } = await release(deps.db, couponPool, owner);
  return { released: released.length, replayed };
}

/** `promotion.coupons.commit`: `owner`'s coupons spent. */
export async function commitCoupons(deps: Pick<PromotionDeps, 'db'>, owner: string): Promise<{ committed: number; replayed: boolean }> {
  const { committed, replayed } = await commit(deps.db, couponPool, owner);
  return { committed: committed.length, replayed };
}
