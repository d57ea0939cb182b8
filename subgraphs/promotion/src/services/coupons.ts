import { and, count, desc, eq, gt, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { forbidden, notFound, pageNewestFirst, requireRole, tryParseId, type Connection } from '@mall/kit';
import type { PromotionContext, PromotionTx } from '../context.ts';
import { couponTemplates, coupons, type CouponRow, type CouponSource, type CouponTemplateRow } from '../db/schema.ts';
import type { CouponStatus } from '../generated/graphql.ts';
import { claimConflict, claimRefusal } from './templates.ts';

const DAY_MS = 86_400_000;

/**
 * Issues coupons of a template whose row `tx` has locked (the transaction's first read, so
 * every later read sees the issues committed before it): one per member, each coupon dated
 * by the template, `issued` counted and `coupon.claimed` written. The caller has checked
 * the limits under the same lock.
 */
export async function issueLocked(tx: PromotionTx, template: CouponTemplateRow, memberIds: number[], source: CouponSource, now = new Date()): Promise<number[]> {
  if (memberIds.length === 0) return [];
  const validFrom = template.validFrom ?? now;
  const validUntil = template.validUntil ?? new Date(now.getTime() + template.validDays! * DAY_MS);
  const ids: number[] = [];
  for (const memberId of memberIds) {
    const [created] = await tx.insert(coupons).values({ templateId: template.id, memberId, source, validFrom, validUntil }).$returningId();
    ids.push(created!.id);
    await events.write(tx, 'coupon.claimed', {
      couponId: String(created!.id),
      templateId: String(template.id),
      memberId: String(memberId),
      shopId: template.shopId === null ? null : String(template.shopId),
      source,
      validUntil: validUntil.toISOString(),
    });
  }
  await tx.update(couponTemplates).set({ issued: sql`${couponTemplates.issued} + ${memberIds.length}` }).where(eq(couponTemplates.id, template.id));
  return ids;
}

/** Locks a template's row in `tx` and answers it (null: no such template). */
export async function lockTemplate(tx: PromotionTx, id: number): Promise<CouponTemplateRow | null> {
  const [template] = await tx.select().from(couponTemplates).where(eq(couponTemplates.id, id)).for('update');
  return template ?? null;
}

/**
 * How many coupons of the template the member holds (read under the template's lock, which
 * must be the transaction's first read; a transaction that read before passes its database
 * instead, whose own read sees every coupon committed).
 */
export async function heldLocked(tx: Pick<PromotionTx, 'select'>, templateId: number, memberId: number): Promise<number> {
  const [held] = await tx.select({ n: count() }).from(coupons).where(and(eq(coupons.templateId, templateId), eq(coupons.memberId, memberId)));
  return held!.n;
}

/**
 * One coupon of the template for `memberId`, under the template's row lock: the claim
 * window, what is left and the member's limit are checked against every issue committed
 * before, so however many claim at once no more than `totalQuantity` are issued and no
 * member passes `perMemberLimit`. `listed`: only templates the coupon centre offers.
 */
export async function issueOne(tx: PromotionTx, templateId: number, memberId: number, source: CouponSource, listed: boolean): Promise<number> {
  const template = await lockTemplate(tx, templateId);
  if (!template) throw notFound('CouponTemplate', templateId);
  const now = new Date();
  const refusal = claimRefusal(template, await heldLocked(tx, templateId, memberId), now, listed);
  if (refusal) throw claimConflict(refusal);
  const [id] = await issueLocked(tx, template, [memberId], source, now);
  return id!;
}

export async function couponById(ctx: PromotionContext, id: number): Promise<CouponRow> {
  const [coupon] = await ctx.db.select().from(coupons).where(eq(coupons.id, id));
  return coupon!;
}

/** `claimCoupon`: one coupon from the coupon centre for the calling member. */
export async function claimCoupon(ctx: PromotionContext, templateId: string): Promise<CouponRow> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const id = tryParseId(templateId);
  const template = id === null ? null : await ctx.loaders.template.load(id);
  // Paused and ended templates answer why they cannot be claimed; templates given only by
  // code or grant do not exist for the coupon centre.
  if (!template || !template.claimable) throw notFound('CouponTemplate', templateId);
  const couponId = await ctx.db.transaction((tx) => issueOne(tx, template.id, Number(caller.userId), 'CLAIM', true));
  ctx.loaders.template.clear(template.id);
  return couponById(ctx, couponId);
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
  else if (args.status === 'LOCKED') where.push(eq(coupons.status, 'LOCKED'));
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
