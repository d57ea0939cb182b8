import { count } from 'drizzle-orm';
import { BEIJING_OFFSET_MS, DAY_MS, HOUR_MS, beijingDayStart } from '@mall/kit';
import type { PromotionDb } from '../context.ts';
import { couponTemplates, flashSessions } from '../db/schema.ts';


/** Demo flash-sale sessions: 10点场, 14点场 and 20点场 (Beijing time, two hours each) for the next 7 days, still to come. */
function demoFlashSessions(now: Date) {
  const beijingMidnight = beijingDayStart(now).getTime();
  return Array.from({ length: 8 }, (_, day) => [10, 14, 20].map((hour) => new Date(beijingMidnight + day * DAY_MS + hour * HOUR_MS)))
    .flat()
    .filter((startsAt) => startsAt > now && startsAt.getTime() <= now.getTime() + 7 * DAY_MS)
    .map((startsAt) => ({ name: `${new Date(startsAt.getTime() + BEIJING_OFFSET_MS).getUTCHours()}点场`, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR_MS), createdBy: 'seed' }));
}

/**
 * Demo promotions for `./mall start`: two platform coupons (the first one a welcome coupon
 * every new member gets), one for each of the first two shops, and a week of daily flash-sale
 * sessions for merchants to enter SKUs into.
 */
export async function seedDemoPromotions(db: PromotionDb): Promise<{ templates: number; flashSessions: number } | null> {
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
  const sessions = demoFlashSessions(now);
  await db.insert(flashSessions).values(sessions);
  return { templates: 4, flashSessions: sessions.length };
}
