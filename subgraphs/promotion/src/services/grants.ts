import { and, asc, count, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import { AppError, ErrorCode, idList, isDuplicateKey, text } from '@mall/kit';
import type { PromotionContext, PromotionTx } from '../context.ts';
import { couponGrants, couponTemplates, coupons } from '../db/schema.ts';
import { heldLocked, issueLocked, lockTemplate } from './coupons.ts';
import { claimRefusal, managedTemplate } from './templates.ts';

export interface GrantView {
  grantedMemberIds: string[];
  skippedMemberIds: string[];
}

/**
 * `grantCoupons`: one coupon for each member named, under the template's row lock (so
 * grants and claims together never pass `totalQuantity`), all or none: when fewer are left
 * than members to give, CONFLICT SOLD_OUT and nothing is given. Members at their limit are
 * skipped. The grant is kept under its idempotency key: sent again, it answers the first
 * grant and gives nothing more.
 */
export async function grantCoupons(ctx: PromotionContext, templateId: string, memberIds: readonly string[], idempotencyKey: string): Promise<GrantView> {
  const template = await managedTemplate(ctx, templateId);
  const key = text(idempotencyKey, 'idempotencyKey', 8, 100);
  const members = idList(memberIds, 'memberIds', 1, 500);
  const caller = ctx.identity!;
  const answered = async () => {
    const [grant] = await ctx.db.select().from(couponGrants).where(and(eq(couponGrants.templateId, template.id), eq(couponGrants.idempotencyKey, key)));
    return grant ? { grantedMemberIds: grant.granted, skippedMemberIds: grant.skipped } : null;
  };
  const before = await answered();
  if (before) return before;
  try {
    return await ctx.db.transaction(async (tx) => {
      const locked = (await lockTemplate(tx, template.id))!;
      if (locked.status !== 'ACTIVE') throw new AppError(ErrorCode.CONFLICT, 'Only an active template’s coupons can be given.', { reason: 'CLAIM_ENDED' });
      if (locked.validUntil !== null && locked.validUntil <= new Date()) throw new AppError(ErrorCode.CONFLICT, 'This template’s coupons are no longer valid.', { reason: 'CLAIM_ENDED' });
      const held = await tx
        .select({ memberId: coupons.memberId, n: count() })
        .from(coupons)
        .where(and(eq(coupons.templateId, template.id), inArray(coupons.memberId, members.map(Number))))
        .groupBy(coupons.memberId);
      const heldBy = new Map(held.map((h) => [String(h.memberId), h.n]));
      const granted = members.filter((m) => (heldBy.get(m) ?? 0) < locked.perMemberLimit);
      const skipped = members.filter((m) => !granted.includes(m));
      const left = locked.totalQuantity - locked.issued;
      if (granted.length > left) throw new AppError(ErrorCode.CONFLICT, `Only ${left} of this coupon are left for ${granted.length} members.`, { reason: 'SOLD_OUT', left });
      await issueLocked(tx, locked, granted.map(Number), 'GRANT');
      await tx.insert(couponGrants).values({ templateId: template.id, idempotencyKey: key, grantedBy: `${caller.role.toLowerCase()}:${caller.userId}`.slice(0, 40), granted, skipped });
      return { grantedMemberIds: granted, skippedMemberIds: skipped };
    });
  } catch (error) {
    // The same grant sent twice at once: the first one's answer.
    if (isDuplicateKey(error)) {
      const first = await answered();
      if (first) return first;
    }
    throw error;
  } finally {
    ctx.loaders.template.clear(template.id);
  }
}

/**
 * `member.registered`: every active welcome template in its claim window gives the new
 * member one coupon, each under its template's lock within its limits (a welcome template
 * all issued gives nothing more), in the consumer's transaction: applied once per event.
 */
export async function welcomeMember(ctx: Pick<PromotionContext, 'db' | 'log'>, tx: PromotionTx, memberId: number): Promise<void> {
  const now = new Date();
  const welcome = await tx
    .select({ id: couponTemplates.id })
    .from(couponTemplates)
    .where(and(eq(couponTemplates.welcome, true), eq(couponTemplates.status, 'ACTIVE'), lte(couponTemplates.claimStartsAt, now), gt(couponTemplates.claimEndsAt, now)))
    .orderBy(asc(couponTemplates.id));
  for (const { id } of welcome) {
    const template = (await lockTemplate(tx, id))!;
    // Counted by the database, not `tx`: its snapshot may be older than the lock just taken.
    if (claimRefusal(template, await heldLocked(ctx.db, id, memberId), now, false) !== null) continue;
    await issueLocked(tx, template, [memberId], 'EVENT', now);
  }
  if (welcome.length > 0) ctx.log.info({ memberId, templates: welcome.length }, 'welcome coupons given');
}

/**
 * `order.settled` (返券): once an order's after-sale window has closed, every active
 * after-order template in its claim window (the platform's, and the order's shop's) whose
 * `afterOrderMin` what was finally paid reaches gives the member one coupon, each under
 * its template's lock within its limits, in the consumer's transaction: once per order.
 * An order refunded in full (paid 0) gives none.
 */
export async function rewardOrder(ctx: Pick<PromotionContext, 'db' | 'log'>, tx: PromotionTx, order: { orderNo: string; memberId: number; shopId: number; paid: number }): Promise<void> {
  if (order.paid <= 0) return;
  const now = new Date();
  const rewarding = await tx
    .select({ id: couponTemplates.id })
    .from(couponTemplates)
    .where(
      and(
        eq(couponTemplates.afterOrder, true),
        eq(couponTemplates.status, 'ACTIVE'),
        lte(couponTemplates.claimStartsAt, now),
        gt(couponTemplates.claimEndsAt, now),
        lte(couponTemplates.afterOrderMin, order.paid),
        or(isNull(couponTemplates.shopId), eq(couponTemplates.shopId, order.shopId)),
      ),
    )
    .orderBy(asc(couponTemplates.id));
  let given = 0;
  for (const { id } of rewarding) {
    const template = (await lockTemplate(tx, id))!;
    // Counted by the database, not `tx`: its snapshot may be older than the lock just taken.
    if (claimRefusal(template, await heldLocked(ctx.db, id, order.memberId), now, false) !== null) continue;
    await issueLocked(tx, template, [order.memberId], 'EVENT', now);
    given++;
  }
  if (given > 0) ctx.log.info({ orderNo: order.orderNo, memberId: order.memberId, given }, 'coupons given for a settled order');
}
