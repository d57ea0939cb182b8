import { and, count, desc, eq, gt, isNull, lt, lte, ne, type SQL } from 'drizzle-orm';
import {
  AppError,
  ErrorCode,
  MONEY_LIMITS,
  badInput,
  canManageShop,
  cents,
  conflict,
  idList,
  intInRange,
  loadReference,
  notFound,
  pageNewestFirst,
  parseId,
  requireRole,
  requireShopManager,
  text,
  timeInput,
  type Connection,
} from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import { couponCodes, couponTemplates, type CouponScope, type CouponTemplateRow } from '../db/schema.ts';
import { lockTemplate } from './coupons.ts';
import type { CouponTemplateInput, CouponTemplateStatus, CouponTemplateUpdateInput } from '../generated/graphql.ts';

const DAY_MS = 86_400_000;

/**
 * `createCouponTemplate`: a merchant for their own shop, an admin for any shop or (no
 * `shopId`) the platform. Every amount, count, id and time is checked before anything is
 * written; the template is ACTIVE at once.
 */
export async function createTemplate(ctx: PromotionContext, input: CouponTemplateInput): Promise<CouponTemplateRow> {
  const caller = requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  let shopId: number | null = null;
  if (input.shopId != null) {
    shopId = parseId(input.shopId, 'Shop');
    requireShopManager(caller, shopId);
  } else if (caller.role === 'MERCHANT') {
    shopId = parseId(caller.shopId ?? '', 'Shop');
  }
  const name = text(input.name, 'input.name', 2, 40);
  const description = input.description == null ? '' : text(input.description, 'input.description', 0, 200);
  const threshold = cents(input.threshold ?? 0, 'input.threshold', 0, MONEY_LIMITS.order);

  let amountOff: number | null = null;
  let percentOff: number | null = null;
  let maxOff: number | null = null;
  if (input.kind === 'AMOUNT_OFF') {
    if (input.amountOff == null) throw badInput('An AMOUNT_OFF coupon needs amountOff.', 'input.amountOff');
    amountOff = cents(input.amountOff, 'input.amountOff', 1, MONEY_LIMITS.order);
    if (threshold > 0 && amountOff >= threshold) throw badInput('amountOff must be below the threshold (满 X 减 Y takes less than X).', 'input.amountOff');
  } else if (input.amountOff != null) {
    throw badInput('Only an AMOUNT_OFF coupon has amountOff.', 'input.amountOff');
  }
  if (input.kind === 'PERCENT_OFF') {
    if (input.percentOff == null) throw badInput('A PERCENT_OFF coupon needs percentOff.', 'input.percentOff');
    percentOff = intInRange(input.percentOff, 'input.percentOff', 1, 99);
    maxOff = input.maxOff == null ? null : cents(input.maxOff, 'input.maxOff', 1, MONEY_LIMITS.order);
  } else {
    if (input.percentOff != null) throw badInput('Only a PERCENT_OFF coupon has percentOff.', 'input.percentOff');
    if (input.maxOff != null) throw badInput('Only a PERCENT_OFF coupon has maxOff.', 'input.maxOff');
  }

  const scope: CouponScope = input.scope ?? 'ALL';
  const scopeIds = idList(input.scopeIds, 'input.scopeIds', 0, 100);
  if (scope === 'ALL' && scopeIds.length > 0) throw badInput('A coupon for everything names no scopeIds.', 'input.scopeIds');
  if (scope !== 'ALL' && scopeIds.length === 0) throw badInput(`A ${scope} coupon names what it applies to in scopeIds.`, 'input.scopeIds');
  if (scope === 'SHOP') {
    if (shopId !== null) throw badInput('A shop’s coupon applies to its own shop: use scope ALL.', 'input.scope');
    if (scopeIds.length !== 1) throw badInput('A SHOP coupon names exactly one shop.', 'input.scopeIds');
  }
  const excludedProductIds = idList(input.excludedProductIds, 'input.excludedProductIds', 0, 100);

  const now = new Date();
  const validFrom = timeInput(input.validFrom, 'input.validFrom');
  const validUntil = timeInput(input.validUntil, 'input.validUntil');
  const fixed = validFrom !== null || validUntil !== null;
  if (fixed === (input.validDays != null)) throw badInput('Give either validFrom and validUntil, or validDays.', input.validDays != null ? 'input.validDays' : 'input.validUntil');
  let validDays: number | null = null;
  if (fixed) {
    if (!validFrom || !validUntil) throw badInput('A fixed validity has both validFrom and validUntil.', validFrom ? 'input.validUntil' : 'input.validFrom');
    if (validUntil <= validFrom) throw badInput('validUntil must come after validFrom.', 'input.validUntil');
    if (validUntil <= now) throw badInput('validUntil has passed.', 'input.validUntil');
    if (validUntil.getTime() - validFrom.getTime() > 366 * DAY_MS) throw badInput('A coupon is valid for at most a year.', 'input.validUntil');
  } else {
    validDays = intInRange(input.validDays!, 'input.validDays', 1, 365);
  }
  const claimStartsAt = timeInput(input.claimStartsAt, 'input.claimStartsAt') ?? now;
  const claimEndsAt = timeInput(input.claimEndsAt, 'input.claimEndsAt') ?? validUntil ?? new Date(claimStartsAt.getTime() + 30 * DAY_MS);
  if (claimEndsAt <= claimStartsAt) throw badInput('claimEndsAt must come after claimStartsAt.', 'input.claimEndsAt');
  if (claimEndsAt <= now) throw badInput('claimEndsAt has passed.', 'input.claimEndsAt');
  if (claimEndsAt.getTime() - claimStartsAt.getTime() > 366 * DAY_MS) throw badInput('Claiming lasts at most a year.', 'input.claimEndsAt');
  if (validUntil && claimEndsAt > validUntil) throw badInput('Claiming cannot go on after the coupons stop being valid.', 'input.claimEndsAt');

  const totalQuantity = intInRange(input.totalQuantity, 'input.totalQuantity', 1, 10_000_000);
  const perMemberLimit = intInRange(input.perMemberLimit ?? 1, 'input.perMemberLimit', 1, 100);
  const perMemberUseLimit = input.perMemberUseLimit == null ? null : intInRange(input.perMemberUseLimit, 'input.perMemberUseLimit', 1, perMemberLimit);
  const afterOrder = input.afterOrder ?? false;
  if (!afterOrder && input.afterOrderMinAmount != null) throw badInput('afterOrderMinAmount is for a template given after an order (afterOrder: true).', 'input.afterOrderMinAmount');
  const afterOrderMin = cents(input.afterOrderMinAmount ?? 0, 'input.afterOrderMinAmount', 0, MONEY_LIMITS.order);

  const [created] = await ctx.db
    .insert(couponTemplates)
    .values({
      shopId,
      name,
      description,
      kind: input.kind,
      threshold,
      amountOff,
      percentOff,
      maxOff,
      scope,
      scopeIds,
      excludedProductIds,
      validFrom,
      validUntil,
      validDays,
      claimStartsAt,
      claimEndsAt,
      totalQuantity,
      perMemberLimit,
      perMemberUseLimit,
      // A coupon given after orders is not for the coupon centre unless said so (claiming it would skip the order).
      claimable: input.claimable ?? !afterOrder,
      returnOnRefund: input.returnOnRefund ?? false,
      welcome: input.welcome ?? false,
      afterOrder,
      afterOrderMin,
      createdBy: `${caller.role.toLowerCase()}:${caller.userId}`.slice(0, 40),
    })
    .$returningId();
  return (await ctx.loaders.template.load(created!.id))!;
}

/** Whether the caller manages the template: its shop's merchant, or an admin (platform templates: admins only). */
export function manages(ctx: PromotionContext, template: CouponTemplateRow): boolean {
  if (template.shopId === null) return ctx.identity?.role === 'ADMIN';
  return canManageShop(ctx.identity, template.shopId);
}

/**
 * `updateCouponTemplate`: what may change once coupons are out (a coupon's terms never
 * change after it is issued): the name and description, how many may be issued (never
 * below those issued), the claim window's end (within a year of its start, not past a fixed
 * validity), whether it is listed in the coupon centre. Under the template's row lock, so
 * claims in flight count against the new total.
 */
export async function updateTemplate(ctx: PromotionContext, id: string, input: CouponTemplateUpdateInput): Promise<CouponTemplateRow> {
  const template = await managedTemplate(ctx, id);
  const changes: Partial<CouponTemplateRow> = {};
  if (input.name != null) changes.name = text(input.name, 'input.name', 2, 40);
  if (input.description != null) changes.description = text(input.description, 'input.description', 0, 200);
  if (input.claimable != null) changes.claimable = input.claimable;
  const totalQuantity = input.totalQuantity == null ? null : intInRange(input.totalQuantity, 'input.totalQuantity', 1, 10_000_000);
  const claimEndsAt = timeInput(input.claimEndsAt, 'input.claimEndsAt');
  if (claimEndsAt) {
    if (claimEndsAt <= new Date()) throw badInput('claimEndsAt has passed.', 'input.claimEndsAt');
    if (claimEndsAt <= template.claimStartsAt) throw badInput('claimEndsAt must come after claimStartsAt.', 'input.claimEndsAt');
    if (claimEndsAt.getTime() - template.claimStartsAt.getTime() > 366 * DAY_MS) throw badInput('Claiming lasts at most a year.', 'input.claimEndsAt');
    if (template.validUntil && claimEndsAt > template.validUntil) throw badInput('Claiming cannot go on after the coupons stop being valid.', 'input.claimEndsAt');
    changes.claimEndsAt = claimEndsAt;
  }
  await ctx.db.transaction(async (tx) => {
    const locked = (await lockTemplate(tx, template.id))!;
    if (locked.status === 'ENDED') throw conflict('This template has ended for good.');
    if (totalQuantity !== null) {
      if (totalQuantity < locked.issued) throw badInput(`${locked.issued} have been issued already: totalQuantity cannot go below that.`, 'input.totalQuantity');
      // Single-use codes handed out and not yet redeemed are promises of coupons too.
      const [waiting] = await tx
        .select({ n: count() })
        .from(couponCodes)
        .where(and(eq(couponCodes.templateId, template.id), eq(couponCodes.shared, false), isNull(couponCodes.redeemedBy)));
      if (totalQuantity < locked.issued + waiting!.n) {
        throw badInput(`${locked.issued} have been issued and ${waiting!.n} single-use codes wait to be redeemed: totalQuantity cannot go below ${locked.issued + waiting!.n}.`, 'input.totalQuantity');
      }
      changes.totalQuantity = totalQuantity;
    }
    if (Object.keys(changes).length > 0) await tx.update(couponTemplates).set(changes).where(eq(couponTemplates.id, template.id));
  });
  ctx.loaders.template.clear(template.id);
  return (await ctx.loaders.template.load(template.id))!;
}

/** `setCouponTemplateStatus`: pause, resume or end; an ended template stays ended. */
export async function setTemplateStatus(ctx: PromotionContext, id: string, status: CouponTemplateStatus): Promise<CouponTemplateRow> {
  const template = await managedTemplate(ctx, id);
  if (template.status === status) return template;
  if (template.status === 'ENDED') throw conflict('This template has ended for good.');
  // Conditional: an end that commits first is never undone by a pause or resume sent with it.
  const [changed] = await ctx.db.update(couponTemplates).set({ status }).where(and(eq(couponTemplates.id, template.id), ne(couponTemplates.status, 'ENDED')));
  if (changed.affectedRows === 0) throw conflict('This template has ended for good.');
  ctx.loaders.template.clear(template.id);
  return (await ctx.loaders.template.load(template.id))!;
}

/**
 * `couponTemplate(id)`: public while active and listed in the coupon centre; templates given
 * only by code or grant, and paused or ended ones, are for those who manage them.
 */
export async function templateForCaller(ctx: PromotionContext, id: string | number): Promise<CouponTemplateRow | null> {
  const template = await loadReference(ctx.loaders.template, id);
  if (!template) return null;
  return (template.status === 'ACTIVE' && template.claimable) || manages(ctx, template) ? template : null;
}

type PageArgs = { first?: number | null; after?: string | null };

/** `couponCenter`: active, listed templates whose claim window is open now and that are not all issued. */
export function couponCenter(ctx: PromotionContext, args: PageArgs & { shopId?: string | null }): Promise<Connection<CouponTemplateRow>> {
  const now = new Date();
  const where: SQL[] = [
    eq(couponTemplates.status, 'ACTIVE'),
    eq(couponTemplates.claimable, true),
    lte(couponTemplates.claimStartsAt, now),
    gt(couponTemplates.claimEndsAt, now),
    lt(couponTemplates.issued, couponTemplates.totalQuantity),
  ];
  if (args.shopId != null) {
    const shopId = parseId(args.shopId, 'Shop');
    where.push(eq(couponTemplates.shopId, shopId));
  }
  return listTemplates(ctx, where, args);
}

/** `couponTemplates`: a shop's (its merchant, admins), or the platform's (admins). */
export function shopTemplates(ctx: PromotionContext, args: PageArgs & { shopId?: string | null; status?: CouponTemplateStatus | null }): Promise<Connection<CouponTemplateRow>> {
  const caller = requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const where: SQL[] = [];
  if (args.shopId != null) {
    const shopId = parseId(args.shopId, 'Shop');
    requireShopManager(caller, shopId);
    where.push(eq(couponTemplates.shopId, shopId));
  } else if (caller.role === 'ADMIN') {
    where.push(isNull(couponTemplates.shopId));
  } else {
    where.push(eq(couponTemplates.shopId, parseId(caller.shopId ?? '', 'Shop')));
  }
  if (args.status) where.push(eq(couponTemplates.status, args.status));
  return listTemplates(ctx, where, args);
}

function listTemplates(ctx: PromotionContext, where: SQL[], args: PageArgs): Promise<Connection<CouponTemplateRow>> {
  return pageNewestFirst(
    'coupon-templates',
    { first: args.first, after: args.after, max: 50, fallback: 20 },
    async (limit, beforeId) => {
      const rows = await ctx.db
        .select()
        .from(couponTemplates)
        .where(and(...where, ...(beforeId === null ? [] : [lt(couponTemplates.id, beforeId)])))
        .orderBy(desc(couponTemplates.id))
        .limit(limit);
      for (const row of rows) ctx.loaders.template.prime(row.id, row);
      return rows;
    },
    async () => (await ctx.db.select({ n: count() }).from(couponTemplates).where(and(...where)))[0]!.n,
  );
}

/** `claimedByMe`: how many of the template the calling member holds. */
export async function heldByCaller(ctx: PromotionContext, template: CouponTemplateRow): Promise<number> {
  if (ctx.identity?.role !== 'MEMBER') return 0;
  return ctx.loaders.heldByMember.load(`${ctx.identity.userId}:${template.id}`);
}

/**
 * Why the template cannot be claimed now by a member holding `held` of it; null when it can.
 * `listed`: through the coupon centre, which only offers `claimable` templates (codes and
 * grants also give the others).
 */
export function claimRefusal(template: CouponTemplateRow, held: number, now = new Date(), listed = true): 'NOT_STARTED' | 'CLAIM_ENDED' | 'SOLD_OUT' | 'LIMIT_REACHED' | null {
  if (template.status !== 'ACTIVE' || (listed && !template.claimable) || template.claimEndsAt <= now) return 'CLAIM_ENDED';
  if (template.claimStartsAt > now) return 'NOT_STARTED';
  if (template.issued >= template.totalQuantity) return 'SOLD_OUT';
  if (held >= template.perMemberLimit) return 'LIMIT_REACHED';
  return null;
}

/** `canClaim`: null for anyone but a member. */
export async function callerCanClaim(ctx: PromotionContext, template: CouponTemplateRow): Promise<boolean | null> {
  if (ctx.identity?.role !== 'MEMBER') return null;
  return claimRefusal(template, await heldByCaller(ctx, template)) === null;
}

export const refusalMessages: Record<NonNullable<ReturnType<typeof claimRefusal>>, string> = {
  NOT_STARTED: 'This coupon cannot be claimed yet.',
  CLAIM_ENDED: 'This coupon can no longer be claimed.',
  SOLD_OUT: 'All of this coupon has been claimed.',
  LIMIT_REACHED: 'You hold as many of this coupon as one member may claim.',
};

export const claimConflict = (reason: NonNullable<ReturnType<typeof claimRefusal>>) => new AppError(ErrorCode.CONFLICT, refusalMessages[reason], { reason });

/** The template `id` for those who manage it (staff), else NOT_FOUND. */
export async function managedTemplate(ctx: PromotionContext, id: string): Promise<CouponTemplateRow> {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const template = await loadReference(ctx.loaders.template, id);
  if (!template || !manages(ctx, template)) throw notFound('CouponTemplate', id);
  return template;
}
