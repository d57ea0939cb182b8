import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import { AppError, ErrorCode, intInRange, isDuplicateKey, notFound, pageNewestFirst, requireRole, retryOnDeadlock, text, type Connection } from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import { couponCodes, type CouponCodeRow, type CouponRow } from '../db/schema.ts';
import { couponById, issueOne, lockTemplate } from './coupons.ts';
import { managedTemplate } from './templates.ts';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 characters: 60 bits, far beyond guessing at 10 tries a minute. */
const CODE_LENGTH = 12;
const SHARED = /^[A-Z0-9-]{4,32}$/;
/** Unknown codes one member may try in a minute. */
const ATTEMPTS_PER_MINUTE = 10;

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return [...bytes].map((b) => ALPHABET[b % 32]).join('');
}

/** `generateCouponCodes`: single-use codes, at most `totalQuantity` per template in all. */
export async function generateCodes(ctx: PromotionContext, templateId: string, count_: number): Promise<string[]> {
  const template = await managedTemplate(ctx, templateId);
  const wanted = intInRange(count_, 'count', 1, 1000);
  if (template.status === 'ENDED') throw new AppError(ErrorCode.CONFLICT, 'This template has ended.', { reason: 'CLAIM_ENDED' });
  for (let attempt = 1; ; attempt++) {
    try {
      // A deadlock victim (beside a shared code being set) was rolled back whole: drawn again.
      return await retryOnDeadlock(() => ctx.db.transaction(async (tx) => {
        // Under the template's lock, so two batches at once never pass the limit together.
        const locked = (await lockTemplate(tx, template.id))!;
        const [existing] = await tx.select({ n: count() }).from(couponCodes).where(and(eq(couponCodes.templateId, template.id), eq(couponCodes.shared, false)));
        if (existing!.n + wanted > locked.totalQuantity) {
          throw new AppError(ErrorCode.CONFLICT, `This template may have at most ${locked.totalQuantity} codes; it has ${existing!.n}.`, { reason: 'TOO_MANY_CODES', left: locked.totalQuantity - existing!.n });
        }
        const codes = Array.from({ length: wanted }, newCode);
        await tx.insert(couponCodes).values(codes.map((code) => ({ templateId: template.id, code })));
        return codes;
      }));
    } catch (error) {
      // Two random codes met (1 in 2^60 a pair): the batch is drawn again.
      if (attempt < 3 && isDuplicateKey(error)) continue;
      throw error;
    }
  }
}

/** `setSharedCouponCode`: the template's one shared code, replaced when set again. */
export async function setSharedCode(ctx: PromotionContext, templateId: string, code: string): Promise<CouponCodeRow> {
  const template = await managedTemplate(ctx, templateId);
  if (template.status === 'ENDED') throw new AppError(ErrorCode.CONFLICT, 'This template has ended.', { reason: 'CLAIM_ENDED' });
  const normal = text(code, 'code', 4, 32).toUpperCase();
  if (!SHARED.test(normal)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'A code has 4–32 letters, digits or dashes.', { field: 'code' });
  try {
    // The code rows before the template, in the order a redemption locks them (no deadlock).
    await retryOnDeadlock(() => ctx.db.transaction(async (tx) => {
      await tx.select({ id: couponCodes.id }).from(couponCodes).where(and(eq(couponCodes.templateId, template.id), eq(couponCodes.shared, true))).for('update');
      await lockTemplate(tx, template.id);
      await tx.delete(couponCodes).where(and(eq(couponCodes.templateId, template.id), eq(couponCodes.shared, true)));
      await tx.insert(couponCodes).values({ templateId: template.id, code: normal, shared: true });
    }));
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError(ErrorCode.CONFLICT, 'Another code of the mall already reads so.', { reason: 'CODE_TAKEN' });
    throw error;
  }
  const [row] = await ctx.db.select().from(couponCodes).where(eq(couponCodes.code, normal));
  return row!;
}

/**
 * `redeemCouponCode`: a single-use code's row is locked first (then its template's), so of
 * members redeeming one code at once exactly one gets the coupon; a shared code gives each
 * member a coupon within the template's limits. Unknown codes are counted per member in
 * Redis, and past 10 a minute the member is refused before any lookup.
 */
export async function redeemCode(ctx: PromotionContext, code: string): Promise<CouponRow> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const memberId = Number(caller.userId);
  // Every attempt counts first, atomically, so a burst sent at once cannot slip past the
  // limit; an attempt that finds its code is taken back off.
  const attemptsKey = `redeem-misses:${memberId}`;
  const [[failed, attempts]] = (await ctx.redis.multi().incr(attemptsKey).expire(attemptsKey, 60, 'NX').exec()) as [[Error | null, number]];
  if (failed) throw failed;
  if (attempts > ATTEMPTS_PER_MINUTE) throw new AppError(ErrorCode.FORBIDDEN, 'Too many codes that do not exist; try again in a minute.', { reason: 'TOO_MANY_ATTEMPTS' });
  const normal = code.trim().toUpperCase();
  const miss = () => notFound('CouponCode', normal.slice(0, 32));
  if (normal.length < 4 || normal.length > 32) throw miss();
  const couponId = await retryOnDeadlock(() => ctx.db.transaction(async (tx) => {
    const [found] = await tx.select().from(couponCodes).where(eq(couponCodes.code, normal)).for('update');
    if (!found) return null;
    if (!found.shared && found.redeemedBy !== null) throw new AppError(ErrorCode.CONFLICT, 'This code has been redeemed already.', { reason: 'CODE_USED' });
    const id = await issueOne(tx, found.templateId, memberId, 'CODE', false);
    if (!found.shared) await tx.update(couponCodes).set({ redeemedBy: memberId, redeemedAt: new Date() }).where(and(eq(couponCodes.id, found.id), isNull(couponCodes.redeemedBy)));
    return id;
  }));
  if (couponId === null) throw miss();
  // Taken back off only while the minute's count lives (never a count below zero without expiry).
  await ctx.redis.eval("if redis.call('exists', KEYS[1]) == 1 then return redis.call('decr', KEYS[1]) end return 0", 1, attemptsKey);
  return couponById(ctx, couponId);
}

/** `couponCodes`: a template's codes, for those who manage it. */
export async function codesOf(ctx: PromotionContext, templateId: string, args: { first?: number | null; after?: string | null }): Promise<Connection<CouponCodeRow>> {
  const template = await managedTemplate(ctx, templateId);
  const where = eq(couponCodes.templateId, template.id);
  return pageNewestFirst(
    'coupon-codes',
    { first: args.first, after: args.after, max: 1000, fallback: 50 },
    (limit, beforeId) => ctx.db.select().from(couponCodes).where(beforeId === null ? where : and(where, lt(couponCodes.id, beforeId))).orderBy(desc(couponCodes.id)).limit(limit),
    async () => (await ctx.db.select({ n: count() }).from(couponCodes).where(where))[0]!.n,
  );
}
