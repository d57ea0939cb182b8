import { eq } from 'drizzle-orm';
import { badInput, intInRange, requireRole } from '@mall/kit';
import type { PromotionContext, PromotionDeps } from '../context.ts';
import { pointsRules } from '../db/schema.ts';
import type { PointsRule } from './pricing.ts';

/** The rule until an admin sets one: 100 points are ¥1, paying at most half of the goods. */
export const DEFAULT_POINTS_RULE: PointsRule = { pointsPerYuan: 100, maxSharePercent: 50 };

/** Point values that make a point a whole number of cents. */
const POINTS_PER_YUAN = [1, 2, 4, 5, 10, 20, 25, 50, 100];

export async function pointsRule(deps: Pick<PromotionDeps, 'db'>): Promise<PointsRule> {
  const [row] = await deps.db.select().from(pointsRules).where(eq(pointsRules.id, 1));
  return row ? { pointsPerYuan: row.pointsPerYuan, maxSharePercent: row.maxSharePercent } : DEFAULT_POINTS_RULE;
}

/** `setPointsRule` (ADMIN): how many points are ¥1, and the most of an order's goods they pay (0 turns points off). */
export async function setPointsRule(ctx: PromotionContext, input: { pointsPerYuan: number; maxSharePercent: number }): Promise<PointsRule> {
  const caller = requireRole(ctx.identity, 'ADMIN');
  if (!POINTS_PER_YUAN.includes(input.pointsPerYuan)) throw badInput(`pointsPerYuan is one of ${POINTS_PER_YUAN.join(', ')} (a point must be worth whole cents).`, 'input.pointsPerYuan');
  const maxSharePercent = intInRange(input.maxSharePercent, 'input.maxSharePercent', 0, 100);
  const rule = { pointsPerYuan: input.pointsPerYuan, maxSharePercent };
  await ctx.db
    .insert(pointsRules)
    .values({ id: 1, ...rule, updatedBy: `admin:${caller.userId}`.slice(0, 40) })
    .onDuplicateKeyUpdate({ set: { ...rule, updatedBy: `admin:${caller.userId}`.slice(0, 40) } });
  return rule;
}
