import type { PromotionContext } from '../context.ts';
import type { CouponTemplateRow } from '../db/schema.ts';
import { covers } from './pricing.ts';
import { activityTagsForProduct } from './skuPromotions.ts';

/** ¥ amounts as shop tags and activity labels write them: whole yuan without decimals (200, 9.9). */
export function labelYuan(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(cents % 10 === 0 ? 1 : 2);
}

/** `percentOff` percent off as a 折 rate: 10 → 9, 15 → 8.5. */
export function discountRate(percentOff: number): string {
  const tenths = 100 - percentOff;
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/** A template's short label: 满200减25, 立减5, 满99享9折, 满49包邮. */
export function labelOf(template: CouponTemplateRow): string {
  const from = template.threshold > 0 ? `满${labelYuan(template.threshold)}` : '';
  if (template.kind === 'AMOUNT_OFF') return from ? `${from}减${labelYuan(template.amountOff!)}` : `立减${labelYuan(template.amountOff!)}`;
  if (template.kind === 'PERCENT_OFF') {
    return `${from}享${discountRate(template.percentOff!)}折`;
  }
  return `${from}包邮`;
}

/** The coupon centre's templates that cover a product now (its shop's first, newest first). */
export async function couponsForProduct(ctx: PromotionContext, productId: string): Promise<CouponTemplateRow[]> {
  // Tags are an extra on a product page: when catalog cannot say, the page shows none rather than failing.
  const facts = await ctx.loaders.productFacts.load(productId).catch((error: unknown) => {
    ctx.log.warn({ err: error, productId }, 'product facts not available; no promotion tags');
    return null;
  });
  if (!facts) return [];
  const [shop, platform] = await Promise.all([ctx.loaders.centreTemplates.load(facts.shopId), ctx.loaders.centreTemplates.load('platform')]);
  const item = { skuId: null, productId, shopId: facts.shopId, categoryIds: facts.categoryIds };
  const byNewest = (a: CouponTemplateRow, b: CouponTemplateRow) => b.id - a.id;
  return [...[...shop].sort(byNewest), ...[...platform].sort(byNewest)].filter((t) =>
    covers({ shopId: t.shopId === null ? null : String(t.shopId), scope: t.scope, scopeIds: t.scopeIds, excludedProductIds: t.excludedProductIds }, item),
  );
}

/**
 * `Product.promotionTags`: its shop's running activities that cover it first (限时折扣,
 * 满100减10), then the coupons that cover it, up to 3 labels in all, then 券 when any
 * coupon does.
 */
export async function productTags(ctx: PromotionContext, productId: string): Promise<string[]> {
  const facts = await ctx.loaders.productFacts.load(productId).catch(() => null);
  if (!facts) return [];
  const [activityTags, templates] = await Promise.all([activityTagsForProduct(ctx, facts), couponsForProduct(ctx, productId)]);
  const labels = [...new Set([...activityTags, ...templates.map(labelOf)])].slice(0, 3);
  return templates.length === 0 ? labels : [...labels, '券'];
}
