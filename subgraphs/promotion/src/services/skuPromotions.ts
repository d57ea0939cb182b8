import type { Money } from '@mall/kit';
import { cny } from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import type { ActivityRow, CouponTemplateRow } from '../db/schema.ts';
import { activityLabel } from './activities.ts';
import { covers } from './pricing.ts';
import { labelOf } from './tags.ts';

/** The GraphQL `SkuPromotion`. */
export interface SkuPromotionView {
  kind: 'SPECIAL_PRICE' | 'FULL_REDUCTION' | 'FULL_DISCOUNT' | 'COUPON';
  label: string;
  activity: ActivityRow | null;
  couponTemplate: CouponTemplateRow | null;
  price: Money | null;
  endsAt: Date;
}

const activityScope = (a: ActivityRow) => ({ shopId: String(a.shopId), scope: a.scope, scopeIds: a.scopeIds, excludedProductIds: a.excludedProductIds });
const templateScope = (t: CouponTemplateRow) => ({ shopId: t.shopId === null ? null : String(t.shopId), scope: t.scope, scopeIds: t.scopeIds, excludedProductIds: t.excludedProductIds });

/**
 * `Sku.promotions`: its lowest special price below today's price, its shop's running full
 * reductions and discounts that cover it, and the coupon centre's coupons that cover it (its
 * shop's first). Catalog, activities and the centre are each asked once per request for
 * every SKU and shop on the page.
 */
export async function skuPromotions(ctx: PromotionContext, skuId: string): Promise<SkuPromotionView[]> {
  // An extra on a product page: when catalog cannot say, the page shows none rather than failing.
  const sku = await ctx.loaders.skuFacts.load(skuId).catch((error: unknown) => {
    ctx.log.warn({ err: error, skuId }, 'SKU facts not available; no promotions shown');
    return null;
  });
  if (!sku) return [];
  const [running, shopCentre, platformCentre] = await Promise.all([
    ctx.loaders.runningActivities.load(sku.shopId),
    ctx.loaders.centreTemplates.load(sku.shopId),
    ctx.loaders.centreTemplates.load('platform'),
  ]);
  const item = { skuId, productId: sku.productId, shopId: sku.shopId, categoryIds: sku.categoryIds };
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  const shown: SkuPromotionView[] = [];

  let special: { activity: ActivityRow; price: number } | null = null;
  for (const a of running.filter((r) => r.kind === 'SPECIAL_PRICE').sort(byId)) {
    const entry = a.prices.find((p) => p.skuId === skuId);
    if (entry && entry.price < sku.price && (!special || entry.price < special.price)) special = { activity: a, price: entry.price };
  }
  if (special) shown.push({ kind: 'SPECIAL_PRICE', label: '限时折扣', activity: special.activity, couponTemplate: null, price: cny(special.price), endsAt: special.activity.endsAt });
  for (const a of running.filter((r) => r.kind !== 'SPECIAL_PRICE').sort(byId)) {
    if (!covers(activityScope(a), item)) continue;
    shown.push({ kind: a.kind as 'FULL_REDUCTION' | 'FULL_DISCOUNT', label: activityLabel(a), activity: a, couponTemplate: null, price: null, endsAt: a.endsAt });
  }
  const newest = (a: { id: number }, b: { id: number }) => b.id - a.id;
  for (const t of [...[...shopCentre].sort(newest), ...[...platformCentre].sort(newest)]) {
    if (covers(templateScope(t), item)) shown.push({ kind: 'COUPON', label: labelOf(t), activity: null, couponTemplate: t, price: null, endsAt: t.claimEndsAt });
  }
  return shown;
}

/**
 * The labels of a product's shop's running activities that cover it: 限时折扣 when a SKU of
 * it has a special price below its price today (catalog's snapshot, batched per request).
 */
export async function activityTagsForProduct(ctx: PromotionContext, product: { productId: string; shopId: string; categoryIds: readonly string[] }): Promise<string[]> {
  const running = await ctx.loaders.runningActivities.load(product.shopId);
  const item = { skuId: null, ...product };
  const entries = running.flatMap((a) => (a.kind === 'SPECIAL_PRICE' ? a.prices.filter((p) => p.productId === product.productId) : []));
  const skus = entries.length === 0 ? [] : await ctx.loaders.skuFacts.loadMany([...new Set(entries.map((p) => p.skuId))]);
  const priceNow = new Map(skus.flatMap((s) => (s && !(s instanceof Error) ? [[s.skuId, s.price] as const] : [])));
  const below = (p: { skuId: string; price: number }) => p.price < (priceNow.get(p.skuId) ?? 0);
  const labels = [...running]
    .sort((a, b) => a.id - b.id)
    .filter((a) => (a.kind === 'SPECIAL_PRICE' ? a.prices.some((p) => p.productId === product.productId && below(p)) : covers(activityScope(a), item)))
    .map(activityLabel);
  return [...new Set(labels)].sort((a, b) => Number(b === '限时折扣') - Number(a === '限时折扣'));
}
