import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, lte } from 'drizzle-orm';
import { catalog, membership, type promotion as promotionContracts } from '@mall/contracts';
import { AppError, ErrorCode, badInput, checkoutLines, cny, intInRange, notFound, requireRole, tryParseId, type Money } from '@mall/kit';
import type { PromotionContext, PromotionDeps } from '../context.ts';
import { couponTemplates, coupons, type ActivityRow, type TierTerms, type CouponRow, type CouponTemplateRow } from '../db/schema.ts';
import { asPricingActivity, runningActivities, tierLabel } from './activities.ts';
import { freightFor, freightRules } from './freight.ts';
import { groupBuyTerms } from './groupBuys.ts';
import type { QuoteInput } from '../generated/graphql.ts';
import { pointsRule } from './points.ts';
import {
  applyPoints,
  priceCart,
  type AppliedActivity,
  type DiscountSource,
  type NotAppliedActivity,
  type NotAppliedCoupon,
  type NotAppliedReason,
  type PointsSpent,
  type PricingCoupon,
  type PricingLine,
  type Quote,
} from './pricing.ts';

/** The coupon kinds (templates) weighed at once, of a member's usable coupons… */
const MAX_WEIGHED_COUPONS = 200;
/** …found among their this many soonest-expiring usable coupons. */
const MAX_SCANNED_COUPONS = 5000;

const yuan = (cents: number) => `¥${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** What a shopper reads for a coupon that took nothing. */
export function notAppliedMessage(n: NotAppliedCoupon): string {
  switch (n.reason) {
    case 'THRESHOLD_NOT_REACHED':
      return `再买 ${yuan(n.missing ?? 0)} 可用 ${n.name}`;
    case 'NOT_IN_SCOPE':
      return `${n.name}：购物车中没有适用的商品`;
    case 'NOTHING_LEFT':
      return `${n.name}：适用商品已无可减金额`;
    case 'EXPIRED':
      return `${n.name} 已过期`;
    case 'NOT_STARTED':
      return `${n.name} 还未到使用时间`;
    case 'NOT_USABLE':
      return `${n.name} 已使用，或正被另一笔待付款订单占用`;
    case 'LIMIT_REACHED':
      return `${n.name}：每人限用次数已用完`;
    case 'NOT_STACKABLE':
      return `${n.name} 与已选优惠不能同时使用，已为你选择更划算的组合`;
  }
}

/** What a shopper reads for an activity that took something: what it took, and the next tier within reach. */
export function appliedActivityMessage(a: AppliedActivity): string {
  const took = `已减 ${yuan(a.amount)}`;
  if (!a.next) return took;
  const lack = a.next.missingQuantity !== null ? `${a.next.missingQuantity} 件` : yuan(a.next.missing ?? 0);
  return `${took}，再买 ${lack} 可享 ${tierLabel(a.next.tier)}`;
}

/** What a shopper reads for an activity that took nothing. */
export function notAppliedActivityMessage(n: NotAppliedActivity, first: TierTerms | undefined): string {
  switch (n.reason) {
    case 'THRESHOLD_NOT_REACHED':
      return `再买 ${n.missingQuantity !== null ? `${n.missingQuantity} 件` : yuan(n.missing ?? 0)} 可享 ${first ? tierLabel(first) : n.name}`;
    case 'NOT_IN_SCOPE':
      return `${n.name}：购物车中没有参加活动的商品`;
    case 'LIMIT_REACHED':
      return `${n.name}：活动预算已用完`;
    case 'NOT_STACKABLE':
      return `${n.name}：这些商品已享受其他活动优惠`;
    default:
      return `${n.name}：适用商品已无可减金额`;
  }
}

function asPricingCoupon(coupon: CouponRow, template: CouponTemplateRow): PricingCoupon {
  return {
    couponId: String(coupon.id),
    name: template.name,
    shopId: template.shopId === null ? null : String(template.shopId),
    kind: template.kind,
    threshold: template.threshold,
    amountOff: template.amountOff,
    percentOff: template.percentOff,
    maxOff: template.maxOff,
    scope: template.scope,
    scopeIds: template.scopeIds,
    excludedProductIds: template.excludedProductIds,
    validFrom: coupon.validFrom,
    validUntil: coupon.validUntil,
    status: coupon.status,
  };
}

export interface PricedCart {
  quote: Quote & { points: PointsSpent };
  /** The coupons the quote names, by id. */
  coupons: Map<string, CouponRow>;
  /** The activities it weighed, by id. */
  activities: Map<string, ActivityRow>;
  /** Per shop: whether it delivers to the province, its 满 X 包邮 threshold, and what its goods lack for it. */
  shipping: Map<string, { deliverable: boolean; freeThreshold: number | null; missing: number | null }>;
}

/**
 * The member's usable coupons to weigh by themselves: coupons of one template have the same
 * terms, so one of each (the soonest to expire) is enough, for up to `MAX_WEIGHED_COUPONS`
 * templates; a member holding a stack of one kind still has every other kind weighed.
 */
async function usableCoupons(deps: Pick<PromotionDeps, 'db'>, memberId: number): Promise<CouponRow[]> {
  const usable = await deps.db
    .select({ id: coupons.id, templateId: coupons.templateId })
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), eq(coupons.status, 'UNUSED'), lte(coupons.validFrom, new Date()), gt(coupons.validUntil, new Date())))
    .orderBy(asc(coupons.validUntil), asc(coupons.id))
    .limit(MAX_SCANNED_COUPONS);
  const firstOfTemplate = new Map<number, number>();
  for (const c of usable) if (!firstOfTemplate.has(c.templateId) && firstOfTemplate.size < MAX_WEIGHED_COUPONS) firstOfTemplate.set(c.templateId, c.id);
  const ids = [...firstOfTemplate.values()];
  return ids.length === 0 ? [] : deps.db.select().from(coupons).where(inArray(coupons.id, ids)).orderBy(desc(coupons.id));
}

/**
 * A member's coupons to weigh: exactly those `named` (NOT_FOUND for one that is not the
 * member's), or their newest usable ones; each with its template's terms.
 */
async function couponsToWeigh(deps: Pick<PromotionDeps, 'db'>, memberId: number, named: readonly string[] | null): Promise<{ rows: CouponRow[]; pricing: PricingCoupon[] }> {
  if (named) for (const id of named) if (tryParseId(id) === null) throw notFound('Coupon', id);
  const rows = named
    ? named.length === 0
      ? []
      : await deps.db.select().from(coupons).where(and(eq(coupons.memberId, memberId), inArray(coupons.id, named.map(Number))))
    : await usableCoupons(deps, memberId);
  if (named) {
    const found = new Set(rows.map((c) => String(c.id)));
    const missing = named.find((id) => !found.has(id));
    if (missing) throw notFound('Coupon', missing);
  }
  const templateIds = [...new Set(rows.map((c) => c.templateId))];
  const templates = templateIds.length === 0 ? [] : await deps.db.select().from(couponTemplates).where(inArray(couponTemplates.id, templateIds));
  const templateOf = new Map(templates.map((t) => [t.id, t] as const));
  // The member's coupons in use (held by an unpaid order, or spent) of templates with a use limit.
  const limited = templates.filter((t) => t.perMemberUseLimit !== null).map((t) => t.id);
  const inUse =
    limited.length === 0
      ? []
      : await deps.db
          .select({ templateId: coupons.templateId, n: count() })
          .from(coupons)
          .where(and(eq(coupons.memberId, memberId), inArray(coupons.templateId, limited), inArray(coupons.status, ['LOCKED', 'USED'])))
          .groupBy(coupons.templateId);
  const used = new Map(inUse.map((u) => [u.templateId, u.n] as const));
  return {
    rows,
    pricing: rows.flatMap((c) => {
      const template = templateOf.get(c.templateId);
      if (!template) return [];
      const limit = template.perMemberUseLimit;
      return [{ ...asPricingCoupon(c, template), limitReached: limit !== null && c.status === 'UNUSED' && (used.get(template.id) ?? 0) >= limit }];
    }),
  };
}

/**
 * CONFLICT `COUPON_NOT_APPLICABLE` for a coupon the member named that took nothing; one
 * spent or held by another checkout is `COUPON_UNAVAILABLE`, as when another checkout takes
 * it first.
 */
function notApplicable(refused: NotAppliedCoupon): AppError {
  if (refused.reason === 'NOT_USABLE') return new AppError(ErrorCode.CONFLICT, notAppliedMessage(refused), { reason: 'COUPON_UNAVAILABLE', couponId: refused.couponId });
  return new AppError(ErrorCode.CONFLICT, notAppliedMessage(refused), {
    reason: 'COUPON_NOT_APPLICABLE',
    couponId: refused.couponId,
    why: refused.reason,
    ...(refused.missing === null ? {} : { missing: refused.missing }),
  });
}

/** What a checkout asks of the engine besides its lines. */
export interface PricingChoice {
  /** Exactly these of the member's coupons (each must apply unless `lenient`); null: the best combination. */
  named: readonly string[] | null;
  points?: number;
  lenient?: boolean;
  /** The delivery address's province, for the freight templates (null: their default region). */
  provinceCode?: string | null;
  /** A group-buy checkout of one line: joining `teamId`, or opening a team (null). */
  groupBuy?: { teamId: string | null } | null;
}

/**
 * Prices lines for a member through the pricing engine: their shops' running activities,
 * their coupons (the best combination, or exactly those named), their level, each shop's
 * freight (its template for the province, or the flat fee) and points.
 */
export async function priceLines(
  deps: Pick<PromotionDeps, 'db' | 'settings'>,
  memberId: number,
  lines: PricingLine[],
  levelPermille: number,
  choice: PricingChoice,
): Promise<PricedCart> {
  const { named, points = 0, lenient = false, provinceCode = null, groupBuy = null } = choice;
  // A client names at most 10; a quote's own best combination may hold more (one per shop).
  if (named && named.length > 60) throw badInput('Name at most 10 coupons.', 'input.couponIds');
  intInRange(points, 'input.points', 0, 10_000_000);
  const shopIds = [...new Set(lines.map((l) => l.shopId))];
  if (groupBuy && lines.length !== 1) throw badInput('A group-buy order has one line.', 'input.lines');
  const [held, rule, running, rules, group] = await Promise.all([
    couponsToWeigh(deps, memberId, named),
    pointsRule(deps),
    runningActivities(deps, shopIds),
    freightRules(deps, shopIds),
    groupBuy ? groupBuyTerms(deps, Number(lines[0]!.skuId), groupBuy.teamId === null ? null : Number(groupBuy.teamId)) : null,
  ]);
  const parcel = (shopId: string, goods: number) => {
    const mine = lines.filter((l) => l.shopId === shopId);
    return { pieces: mine.reduce((n, l) => n + l.quantity, 0), grams: mine.reduce((n, l) => n + (l.weightGrams ?? 0) * l.quantity, 0), goods };
  };
  const freightOf = (shopId: string, goods: number) => freightFor(rules.get(shopId) ?? null, deps.settings.flatFreight, parcel(shopId, goods), provinceCode);
  const beforePoints = priceCart({
    lines,
    coupons: held.pricing,
    activities: running.map(asPricingActivity),
    ...(group ? { groupBuy: { activityId: String(group.activity.id), name: group.team === null && group.price.leaderPrice !== null ? '拼团·团长价' : '拼团价', skuId: lines[0]!.skuId, price: group.unitPrice, excludesCoupons: !group.activity.allowCoupons } } : {}),
    choose: named ?? 'auto',
    levelPermille,
    freightOf: (shopId, goods) => freightOf(shopId, goods).fee,
    now: new Date(),
  });
  if (named && !lenient && beforePoints.notApplied[0]) throw notApplicable(beforePoints.notApplied[0]);
  const quote = applyPoints(beforePoints, points, rule);
  if (points > quote.points.max) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `This cart takes at most ${quote.points.max} points (${rule.pointsPerYuan} points are ¥1, paying at most ${rule.maxSharePercent}% of the goods).`, {
      reason: 'POINTS_OVER_LIMIT',
      field: 'input.points',
      max: quote.points.max,
    });
  }
  // Per shop: whether it delivers there, and what its goods (after discounts, before points) lack for 满 X 包邮.
  const shipping = new Map(
    beforePoints.shops.map((shop) => {
      const goods = shop.goods - shop.discount;
      const answer = freightOf(shop.shopId, goods);
      const threshold = rules.get(shop.shopId)?.freeThreshold ?? null;
      const missing = threshold !== null && answer.deliverable && shop.freight > 0 && goods < threshold ? threshold - goods : null;
      return [shop.shopId, { deliverable: answer.deliverable, freeThreshold: threshold, missing }] as const;
    }),
  );
  return { quote, coupons: new Map(held.rows.map((c) => [String(c.id), c])), activities: new Map(running.map((a) => [String(a.id), a])), shipping };
}

/**
 * Prices a member's cart as `quoteCheckout` does: today's SKUs from catalog, the member's
 * level from membership, then `priceLines`.
 */
export async function priceMemberCart(ctx: PromotionContext, memberId: number, input: QuoteInput): Promise<PricedCart> {
  const lines = checkoutLines(input.lines);
  const named = input.couponIds == null ? null : [...new Set(input.couponIds)];
  if (named && named.length > 10) throw badInput('Name at most 10 coupons.', 'input.couponIds');
  if (input.addressId != null && tryParseId(input.addressId) === null) throw badInput('addressId is not an address id.', 'input.addressId');
  const [{ skus }, level, address] = await Promise.all([
    ctx.send(catalog.skuSnapshots, { skuIds: lines.map((l) => l.skuId) }),
    ctx.send(membership.memberLevel, { memberId: String(memberId) }),
    // The address named (NOT_FOUND when it is not theirs), else the default one; none yet: the shops' default regions.
    input.addressId != null
      ? ctx.send(membership.getAddress, { memberId: String(memberId), addressId: input.addressId })
      : ctx.send(membership.getAddress, { memberId: String(memberId) }).catch((error: unknown) => {
          if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
          throw error;
        }),
  ]);
  const pricingLines: PricingLine[] = lines.map((line) => {
    const sku = skus.find((s) => s.skuId === line.skuId);
    if (!sku) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${line.skuId} not found.`, { skuId: line.skuId });
    if (!sku.onSale) throw new AppError(ErrorCode.CONFLICT, `SKU ${sku.skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: sku.skuId });
    return { skuId: sku.skuId, productId: sku.productId, shopId: sku.shopId, categoryIds: sku.categoryIds, unitPrice: sku.price, quantity: line.quantity, weightGrams: sku.weightGrams };
  });
  const teamId = input.groupBuy?.teamId ?? null;
  if (teamId !== null && tryParseId(teamId) === null) throw notFound('GroupBuyTeam', teamId);
  const groupBuy = input.groupBuy ? { teamId } : null;
  return priceLines(ctx, memberId, pricingLines, level.discountPermille, { named, points: input.points ?? 0, provinceCode: address?.provinceCode ?? null, groupBuy });
}

/**
 * What a quote promised, kept in Redis for `QUOTE_TTL_S` so `placeOrder(quoteId)` charges
 * it or says what changed.
 */
interface KeptQuote {
  memberId: number;
  lines: Array<{ skuId: string; quantity: number; unitPrice: number }>;
  /** The coupons it used, with what each took. */
  coupons: Array<{ couponId: string; name: string; amount: number }>;
  /** The activities that took something, with what each took (absent in quotes kept before activities). */
  activities?: Array<{ activityId: string; name: string; amount: number }>;
  levelDiscount: number;
  points: number;
  freight: Array<{ shopId: string; amount: number }>;
  payable: number;
}

/** How long a quote is honoured: 30 minutes. */
export const QUOTE_TTL_S = 30 * 60;
const quoteKey = (id: string) => `promotion:quote:${id}`;
const levelDiscountOf = (quote: Quote) =>
  quote.shops.reduce((sum, s) => sum + s.lines.reduce((n, l) => n + l.discounts.reduce((k, d) => k + (d.source.kind === 'MEMBER_LEVEL' ? d.amount : 0), 0), 0), 0);

function keep(memberId: number, quote: Quote & { points: PointsSpent }): KeptQuote {
  return {
    memberId,
    lines: quote.shops.flatMap((s) => s.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, unitPrice: l.unitPrice }))),
    coupons: quote.applied.map((a) => ({ couponId: a.couponId, name: a.name, amount: a.amount })),
    activities: quote.activities.map((a) => ({ activityId: a.activityId, name: a.name, amount: a.amount })),
    levelDiscount: levelDiscountOf(quote),
    points: quote.points.used,
    freight: quote.shops.map((s) => ({ shopId: s.shopId, amount: s.freight })),
    payable: quote.payable,
  };
}

/** One difference between a quote and the price now. */
export interface QuoteChange {
  what: 'PRICE' | 'ACTIVITY' | 'COUPON' | 'MEMBER_LEVEL' | 'POINTS' | 'FREIGHT' | 'PAYABLE';
  /** The SKU (PRICE), activity (ACTIVITY), coupon (COUPON) or shop (FREIGHT) it is about. */
  id: string | null;
  was: number;
  now: number;
  /** COUPON: why it takes less now (the engine's reason), when it takes nothing. */
  why: NotAppliedReason | null;
}

function changesBetween(kept: KeptQuote, now: Quote): QuoteChange[] {
  const changes: QuoteChange[] = [];
  const lineNow = new Map(now.shops.flatMap((s) => s.lines.map((l) => [l.skuId, l] as const)));
  for (const line of kept.lines) {
    const current = lineNow.get(line.skuId)!;
    if (current.unitPrice !== line.unitPrice) changes.push({ what: 'PRICE', id: line.skuId, was: line.unitPrice, now: current.unitPrice, why: null });
  }
  const activityNames = new Map<string, string>();
  for (const a of [...(kept.activities ?? []), ...now.activities]) activityNames.set(a.activityId, a.name);
  for (const id of activityNames.keys()) {
    const was = kept.activities?.find((a) => a.activityId === id)?.amount ?? 0;
    const applied = now.activities.find((a) => a.activityId === id)?.amount ?? 0;
    if (was === applied) continue;
    const refused = now.notAppliedActivities.find((n) => n.activityId === id);
    // Not weighed at all: it was paused, ended or ran out of time since the quote.
    changes.push({ what: 'ACTIVITY', id, was, now: applied, why: applied === 0 ? (refused?.reason ?? 'EXPIRED') : null });
  }
  for (const coupon of kept.coupons) {
    const applied = now.applied.find((a) => a.couponId === coupon.couponId);
    if (applied?.amount === coupon.amount) continue;
    const refused = now.notApplied.find((n) => n.couponId === coupon.couponId);
    changes.push({ what: 'COUPON', id: coupon.couponId, was: coupon.amount, now: applied?.amount ?? 0, why: applied ? null : (refused?.reason ?? 'NOT_USABLE') });
  }
  const level = levelDiscountOf(now);
  if (level !== kept.levelDiscount) changes.push({ what: 'MEMBER_LEVEL', id: null, was: kept.levelDiscount, now: level, why: null });
  for (const freight of kept.freight) {
    const current = now.shops.find((s) => s.shopId === freight.shopId)!.freight;
    if (current !== freight.amount) changes.push({ what: 'FREIGHT', id: freight.shopId, was: freight.amount, now: current, why: null });
  }
  if (changes.length === 0 && now.payable !== kept.payable) changes.push({ what: 'PAYABLE', id: null, was: kept.payable, now: now.payable, why: null });
  return changes;
}

function describeChange(c: QuoteChange, kept: KeptQuote): string {
  switch (c.what) {
    case 'PRICE':
      return `SKU ${c.id} costs ${yuan(c.now)} (was ${yuan(c.was)})`;
    case 'ACTIVITY': {
      const name = kept.activities?.find((k) => k.activityId === c.id)?.name ?? `activity ${c.id}`;
      if (c.was === 0) return `${name} now takes ${yuan(c.now)}`;
      return c.why ? `${name} no longer applies (${c.why})` : `${name} takes ${yuan(c.now)} (was ${yuan(c.was)})`;
    }
    case 'COUPON': {
      const name = kept.coupons.find((k) => k.couponId === c.id)?.name ?? `coupon ${c.id}`;
      return c.why ? `${name} no longer applies (${c.why})` : `${name} takes ${yuan(c.now)} (was ${yuan(c.was)})`;
    }
    case 'MEMBER_LEVEL':
      return `the member discount is ${yuan(c.now)} (was ${yuan(c.was)})`;
    case 'POINTS':
      return `at most ${c.now} points may be spent now (the quote spent ${c.was})`;
    case 'FREIGHT':
      return `shop ${c.id}'s freight is ${yuan(c.now)} (was ${yuan(c.was)})`;
    case 'PAYABLE':
      return `the total is ${yuan(c.now)} (was ${yuan(c.was)})`;
  }
}

/** The most one order's goods may come to before discounts (¥20,000,000), so what any promotion takes off them fits a reservation. */
export const MAX_ORDER_GOODS = 2_000_000_000;

/** CONFLICT `NOT_DELIVERABLE` for the first shop that does not deliver to the checkout's province. */
function refuseUndeliverable(priced: PricedCart): void {
  const undeliverable = priced.quote.shops.find((shop) => priced.shipping.get(shop.shopId)?.deliverable === false);
  if (undeliverable) {
    throw new AppError(ErrorCode.CONFLICT, `Shop ${undeliverable.shopId} does not deliver to this address; choose another address or remove its goods.`, { reason: 'NOT_DELIVERABLE', shopId: undeliverable.shopId });
  }
}

/**
 * `promotion.checkout.price`: a checkout's lines priced for order. With a quote id the
 * price must be the quote's (its coupons unless others are named), else CONFLICT
 * `QUOTE_CHANGED` with every change.
 */
export async function priceCheckout(deps: Pick<PromotionDeps, 'db' | 'settings' | 'redis'>, request: promotionContracts.PriceCheckoutRequest): Promise<promotionContracts.PriceCheckoutAnswer> {
  const memberId = Number(request.memberId);
  const named = request.couponIds === null ? null : [...new Set(request.couponIds)];
  let priced: PricedCart;
  if (request.quoteId !== null && request.groupBuy) throw badInput('A group-buy order is placed without a quote.', 'input.quoteId');
  if (request.quoteId !== null) {
    const raw = await deps.redis.get(quoteKey(request.quoteId));
    const kept = raw === null ? null : (JSON.parse(raw) as KeptQuote);
    if (!kept || kept.memberId !== memberId) {
      throw new AppError(ErrorCode.CONFLICT, 'The quote has expired; quote the checkout again.', { reason: 'QUOTE_EXPIRED', field: 'input.quoteId' });
    }
    const wanted = (lines: Array<{ skuId: string; quantity: number }>) => lines.map((l) => `${l.skuId}x${l.quantity}`).sort().join(',');
    if (wanted(kept.lines) !== wanted(request.lines)) {
      throw new AppError(ErrorCode.CONFLICT, 'The quote was for other lines; quote these lines first.', { reason: 'QUOTE_MISMATCH', field: 'input.quoteId' });
    }
    // The quote's coupons and points, or the same again: a quote is not a price for other choices.
    const keptCoupons = kept.coupons.map((c) => c.couponId).sort();
    if ((named !== null && [...named].sort().join(',') !== keptCoupons.join(',')) || (request.points != null && request.points !== kept.points)) {
      throw new AppError(ErrorCode.CONFLICT, 'The quote was for other coupons or points; quote this choice first.', { reason: 'QUOTE_MISMATCH', field: 'input.quoteId' });
    }
    const changed = (changes: QuoteChange[]) =>
      new AppError(ErrorCode.CONFLICT, `The price changed since the quote: ${changes.map((c) => describeChange(c, kept)).join('; ')}. Quote again.`, { reason: 'QUOTE_CHANGED', changes });
    try {
      priced = await priceLines(deps, memberId, request.lines, request.levelPermille, { named: keptCoupons, points: kept.points, lenient: true, provinceCode: request.provinceCode ?? null });
    } catch (error) {
      // The goods no longer take the quote's points (the rule changed, a discount grew).
      if (error instanceof AppError && error.extensions['reason'] === 'POINTS_OVER_LIMIT') {
        throw changed([{ what: 'POINTS', id: null, was: kept.points, now: Number(error.extensions['max']), why: null }]);
      }
      throw error;
    }
    refuseUndeliverable(priced);
    const changes = changesBetween(kept, priced.quote);
    if (changes.length > 0) throw changed(changes);
  } else {
    priced = await priceLines(deps, memberId, request.lines, request.levelPermille, { named, points: request.points ?? 0, provinceCode: request.provinceCode ?? null, groupBuy: request.groupBuy ?? null });
    refuseUndeliverable(priced);
  }
  const { quote } = priced;
  for (const shop of quote.shops) {
    // What one order may take from its goods: an activity's share of them is held as one reservation quantity.
    if (shop.goods > MAX_ORDER_GOODS) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `One shop's goods may come to at most ${MAX_ORDER_GOODS} cents before discounts; these come to ${shop.goods}. Split them into smaller orders.`, {
        reason: 'ORDER_TOO_LARGE',
        field: 'input.lines',
        limit: MAX_ORDER_GOODS,
      });
    }
  }
  return {
    shops: quote.shops.map((shop) => ({
      shopId: shop.shopId,
      goods: shop.goods,
      discount: shop.discount,
      freight: shop.freight,
      freightWaivedBy: shop.freightWaivedBy,
      payable: shop.payable,
      lines: shop.lines.map((line) => ({
        skuId: line.skuId,
        discount: line.subtotal - line.payable,
        discounts: line.discounts.map((d) => ({
          source: d.source.kind,
          couponId: d.source.kind === 'COUPON' ? d.source.couponId : null,
          activityId: d.source.kind === 'ACTIVITY' ? d.source.activityId : null,
          label: discountLabel(d.source),
          amount: d.amount,
        })),
        points: line.points ?? 0,
      })),
      activities: activitiesOf(shop.lines),
    })),
    coupons: quote.applied.map((a) => ({ couponId: a.couponId, amount: a.amount })),
    points: { used: quote.points.used, amount: quote.points.amount },
  };
}

/** What each activity took off these lines (an order's, held against the activities' budgets). */
function activitiesOf(lines: Quote['shops'][number]['lines']): Array<{ activityId: string; amount: number }> {
  const taken = new Map<string, number>();
  for (const line of lines) for (const d of line.discounts) if (d.source.kind === 'ACTIVITY') taken.set(d.source.activityId, (taken.get(d.source.activityId) ?? 0) + d.amount);
  return [...taken.entries()].map(([activityId, amount]) => ({ activityId, amount }));
}

/** What a shopper reads for a share of a line's price. */
export function discountLabel(source: DiscountSource): string {
  return source.kind === 'COUPON' || source.kind === 'ACTIVITY' || source.kind === 'GROUP_BUY' ? source.name : source.kind === 'MEMBER_LEVEL' ? '会员折扣' : '积分抵扣';
}

/** The GraphQL `Quote`. */
export interface QuoteView {
  id: string;
  expiresAt: Date;
  shops: Array<{
    shop: { id: string };
    lines: Array<{
      sku: { id: string };
      quantity: number;
      unitPrice: Money;
      subtotal: Money;
      discounts: Array<{ source: DiscountSource['kind']; coupon: CouponRow | null; activity: ActivityRow | null; label: string; amount: Money }>;
      payable: Money;
    }>;
    goods: Money;
    discount: Money;
    freight: Money;
    freightWaivedBy: CouponRow | null;
    deliverable: boolean;
    freeShippingThreshold: Money | null;
    freeShippingMissing: Money | null;
    payable: Money;
  }>;
  goods: Money;
  discount: Money;
  freight: Money;
  payable: Money;
  points: { used: number; amount: Money; max: number };
  applied: Array<{ coupon: CouponRow; amount: Money }>;
  notApplied: Array<{ coupon: CouponRow; reason: NotAppliedCoupon['reason']; missing: Money | null; message: string }>;
  activities: Array<{ activity: ActivityRow; amount: Money; nextTier: TierTerms | null; missing: Money | null; missingQuantity: number | null; message: string }>;
  notAppliedActivities: Array<{ activity: ActivityRow; reason: NotAppliedReason; missing: Money | null; missingQuantity: number | null; message: string }>;
}

const money = (cents: number | null) => (cents === null ? null : cny(cents));

/** `quoteCheckout`: the calling member's cart, priced and explained. */
export async function quoteCheckout(ctx: PromotionContext, input: QuoteInput): Promise<QuoteView> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const memberId = Number(caller.userId);
  const { quote, coupons: held, activities: weighed, shipping } = await priceMemberCart(ctx, memberId, input);
  const coupon = (id: string) => held.get(id)!;
  const activity = (id: string) => weighed.get(id)!;
  const quoteId = randomUUID();
  await ctx.redis.set(quoteKey(quoteId), JSON.stringify(keep(memberId, quote)), 'EX', QUOTE_TTL_S);
  return {
    id: quoteId,
    expiresAt: new Date(Date.now() + QUOTE_TTL_S * 1000),
    shops: quote.shops.map((shop) => ({
      shop: { id: shop.shopId },
      lines: shop.lines.map((line) => ({
        sku: { id: line.skuId },
        quantity: line.quantity,
        unitPrice: cny(line.unitPrice),
        subtotal: cny(line.subtotal),
        discounts: line.discounts.map((d) => ({
          source: d.source.kind,
          coupon: d.source.kind === 'COUPON' ? coupon(d.source.couponId) : null,
          activity: d.source.kind === 'ACTIVITY' ? activity(d.source.activityId) : null,
          label: discountLabel(d.source),
          amount: cny(d.amount),
        })),
        payable: cny(line.payable),
      })),
      goods: cny(shop.goods),
      discount: cny(shop.discount),
      freight: cny(shop.freight),
      freightWaivedBy: shop.freightWaivedBy === null ? null : coupon(shop.freightWaivedBy),
      deliverable: shipping.get(shop.shopId)?.deliverable ?? true,
      freeShippingThreshold: money(shipping.get(shop.shopId)?.freeThreshold ?? null),
      freeShippingMissing: money(shipping.get(shop.shopId)?.missing ?? null),
      payable: cny(shop.payable),
    })),
    goods: cny(quote.goods),
    discount: cny(quote.discount),
    freight: cny(quote.freight),
    payable: cny(quote.payable),
    points: { used: quote.points.used, amount: cny(quote.points.amount), max: quote.points.max },
    applied: quote.applied.map((a) => ({ coupon: coupon(a.couponId), amount: cny(a.amount) })),
    notApplied: quote.notApplied.map((n) => ({ coupon: coupon(n.couponId), reason: n.reason, missing: n.missing === null ? null : cny(n.missing), message: notAppliedMessage(n) })),
    activities: quote.activities.map((a) => ({
      activity: activity(a.activityId),
      amount: cny(a.amount),
      nextTier: a.next?.tier ?? null,
      missing: a.next?.missing == null ? null : cny(a.next.missing),
      missingQuantity: a.next?.missingQuantity ?? null,
      message: appliedActivityMessage(a),
    })),
    notAppliedActivities: quote.notAppliedActivities.map((n) => ({
      activity: activity(n.activityId),
      reason: n.reason,
      missing: n.missing === null ? null : cny(n.missing),
      missingQuantity: n.missingQuantity,
      message: notAppliedActivityMessage(n, activity(n.activityId).tiers[0]),
    })),
  };
}
