import { count } from 'drizzle-orm';
import type { PromotionDb } from '../context.ts';
import { couponTemplates } from '../db/schema.ts';

const DAY_MS = 86_400_000;

/** Demo coupons for `./mall start`: two platform coupons (the first one a welcome coupon every new member gets) and one for each of the first two shops. */
export async function seedDemoPromotions(db: PromotionDb): Promise<{ templates: number } | null> {
  const [existing] = await db.select({ n: count() }).from(couponTemplates);
  if ((existing?.n ?? 0) > 0) return null;
  const now = new Date();
  const claimEndsAt = new Date(now.getTime() + 365 * DAY_MS);
  const common = { claimStartsAt: now, claimEndsAt, scopeIds: [], excludedProductIds: [], createdBy: 'seed' };
  await db.insert(couponTemplates).values([
    { ...common, shopId: null, name: '新人专享 满100减10', description: '全场通用，领取后 7 天内有效', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 1_000, validDays: 7, totalQuantity: 100_000, perMemberLimit: 1, welcome: true },
    { ...common, shopId: null, name: '全场包邮券', description: '满 49 元包邮', kind: 'FREE_SHIPPING', threshold: 4_900, validDays: 30, totalQuantity: 100_000, perMemberLimit: 3 },
    { ...common, shopId: 1, name: '满200减25', description: '本店商品满 200 元可用', kind: 'AMOUNT_OFF', threshold: 20_000, amountOff: 2_500, validDays: 15, totalQuantity: 5_000, perMemberLimit: 2 },
    { ...common, shopId: 2, name: '9折券 最高减50', description: '本店商品满 99 元打 9 折', kind: 'PERCENT_OFF', threshold: 9_900, percentOff: 10, maxOff: 5_000, validDays: 15, totalQuantity: 5_000, perMemberLimit: 1 },
  ]);
  return { templates: 4 };
}
