import { and, eq, isNull } from 'drizzle-orm';
import { badInput, intInRange, parseId, requireRole } from '@mall/kit';
import type { DistributionContext } from '../context.ts';
import { rateOverrides, type RateOverrideRow } from '../db/schema.ts';
import { MAX_LEVEL_RATE, MAX_TOTAL_RATE } from './settings.ts';

/** `setCommissionRate` (ADMIN): a product's or a SKU's rates, over grades and settings. */
export async function setCommissionRate(ctx: DistributionContext, args: { productId?: string | null; skuId?: string | null; level1Rate: number; level2Rate?: number | null }): Promise<RateOverrideRow> {
  const caller = requireRole(ctx.identity, 'ADMIN');
  if ((args.productId == null) === (args.skuId == null)) throw badInput('Name a product or a SKU.', 'productId');
  const productId = args.productId == null ? null : parseId(args.productId, 'Product');
  const skuId = args.skuId == null ? null : parseId(args.skuId, 'Sku');
  const level1Rate = intInRange(args.level1Rate, 'level1Rate', 0, MAX_LEVEL_RATE);
  const level2Rate = intInRange(args.level2Rate ?? 0, 'level2Rate', 0, MAX_LEVEL_RATE);
  if (level1Rate + level2Rate > MAX_TOTAL_RATE) throw badInput(`The two levels together take at most ${MAX_TOTAL_RATE} basis points.`, 'level2Rate');
  const target = and(productId === null ? isNull(rateOverrides.productId) : eq(rateOverrides.productId, productId), skuId === null ? isNull(rateOverrides.skuId) : eq(rateOverrides.skuId, skuId));
  const updatedBy = `admin:${caller.userId}`.slice(0, 40);
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(rateOverrides).where(target).for('update');
    if (existing) await tx.update(rateOverrides).set({ level1Rate, level2Rate, updatedBy }).where(eq(rateOverrides.id, existing.id));
    else await tx.insert(rateOverrides).values({ productId, skuId, level1Rate, level2Rate, updatedBy });
  });
  return (await ctx.db.select().from(rateOverrides).where(target))[0]!;
}

/** Every rate set (ADMIN). */
export async function commissionRates(ctx: DistributionContext): Promise<RateOverrideRow[]> {
  requireRole(ctx.identity, 'ADMIN');
  return ctx.db.select().from(rateOverrides).orderBy(rateOverrides.id);
}
