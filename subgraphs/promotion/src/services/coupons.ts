import { and, count, desc, eq, gt, lt, lte, or, type SQL } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { forbidden, notFound, pageNewestFirst, requireRole, tryParseId, type Connection } from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import { couponTemplates, coupons, type CouponRow } from '../db/schema.ts';
import type { CouponStatus } from '../generated/graphql.ts';
import { claimConflict, claimRefusal } from './templates.ts';

const DAY_MS = 86_400_000;

/**
 * `claimCoupon`: one coupon of the template for the calling member. Under the template's
 * row lock (the transaction's first read, so every later read sees the claims committed
 * before it) the claim window, what is left and the member's limit are checked, the coupon
 * is written and `issued` counted, with `coupon.claimed`: however many members claim at
 * once, no more than `totalQuantity` are issued and no member passes `perMemberLimit`.
 */
export async function claimCoupon(ctx: PromotionContext, templateId: string): Promise<CouponRow> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const memberId = Number(caller.userId);
  const id = tryParseId(templateId);
  if (id === null) throw notFound('CouponTemplate', templateId);
  const couponId = await ctx.db.transaction(async (tx) => {
    const [template] = await tx.select().from(couponTemplates).where(eq(couponTemplates.id, id)).for('update');
    if (!template || (template.status !== 'ACTIVE' && template.status !== 'PAUSED')) {
      if (template?.status === 'ENDED') throw claimConflict('CLAIM_ENDED');
      throw notFound('CouponTemplate', templateId);
    }
    const [held] = await tx.select({ n: count() }).from(coupons).where(and(eq(coupons.templateId, id), eq(coupons.memberId, memberId)));
    const now = new Date();
    const refusal = claimRefusal(template, held!.n, now);
    if (refusal) throw claimConflict(refusal);
    const validFrom = template.validFrom ?? now;
    const validUntil = template.validUntil ?? new Date(now.getTime() + template.validDays! * DAY_MS);
    const [created] = await tx.insert(coupons).values({ templateId: id, memberId, source: 'CLAIM', validFrom, validUntil }).$returningId();
    await tx.update(couponTemplates).set({ issued: template.issued + 1 }).where(eq(couponTemplates.id, id));
    await events.write(tx, 'coupon.claimed', {
      couponId: String(created!.id),
      templateId: String(id),
      memberId: String(memberId),
      shopId: template.shopId === null ? null : String(template.shopId),
      source: 'CLAIM',
      validUntil: validUntil.toISOString(),
    });
    return created!.id;
  });
  ctx.loaders.template.clear(id);
  const [coupon] = await ctx.db.select().from(coupons).where(eq(coupons.id, couponId));
  return coupon!;
}

/** What a coupon shows: UNUSED past its validity reads EXPIRED. */
export function shownStatus(coupon: CouponRow, now = new Date()): CouponStatus {
  return coupon.status === 'UNUSED' && coupon.validUntil <= now ? 'EXPIRED' : coupon.status;
}

/** `Member.coupons`: the member themself and admins (FORBIDDEN for anyone else). */
export function memberCoupons(ctx: PromotionContext, memberId: string, args: { status?: CouponStatus | null; first?: number | null; after?: string | null }): Promise<Connection<CouponRow>> {
  const caller = requireRole(ctx.identity, 'MEMBER', 'ADMIN');
  if (caller.role === 'MEMBER' && caller.userId !== memberId) throw forbidden('Only this member and admins can see their coupons.');
  const now = new Date();
  const where: SQL[] = [eq(coupons.memberId, tryParseId(memberId) ?? 0)];
  if (args.status === 'UNUSED') where.push(eq(coupons.status, 'UNUSED'), gt(coupons.validUntil, now));
  else if (args.status === 'EXPIRED') where.push(or(eq(coupons.status, 'EXPIRED'), and(eq(coupons.status, 'UNUSED'), lte(coupons.validUntil, now)))!);
  else if (args.status === 'USED') where.push(eq(coupons.status, 'USED'));
  return pageNewestFirst(
    'coupons',
    { first: args.first, after: args.after, max: 50, fallback: 20 },
    (limit, beforeId) =>
      ctx.db
        .select()
        .from(coupons)
        .where(and(...where, ...(beforeId === null ? [] : [lt(coupons.id, beforeId)])))
        .orderBy(desc(coupons.id))
        .limit(limit),
    async () => (await ctx.db.select({ n: count() }).from(coupons).where(and(...where)))[0]!.n,
  );
}
