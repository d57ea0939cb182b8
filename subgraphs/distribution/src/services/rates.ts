import { eq } from 'drizzle-orm';
import { badInput, intInRange, notFound, parseId, requireRole, text } from '@mall/kit';
import type { DistributionContext } from '../context.ts';
import { distributors, grades, rateOverrides, type DistributorRow, type GradeRow, type RateOverrideRow } from '../db/schema.ts';
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
  const target = skuId === null ? `product:${productId}` : `sku:${skuId}`;
  const updatedBy = `admin:${caller.userId}`.slice(0, 40);
  // One statement: two admins setting the same rate at once both end with one row.
  await ctx.db.insert(rateOverrides).values({ target, productId, skuId, level1Rate, level2Rate, updatedBy }).onDuplicateKeyUpdate({ set: { level1Rate, level2Rate, updatedBy } });
  return (await ctx.db.select().from(rateOverrides).where(eq(rateOverrides.target, target)))[0]!;
}

/** Every rate set (ADMIN). */
export async function commissionRates(ctx: DistributionContext): Promise<RateOverrideRow[]> {
  requireRole(ctx.identity, 'ADMIN');
  return ctx.db.select().from(rateOverrides).orderBy(rateOverrides.id);
}

/** `createDistributorGrade` (ADMIN): a grade (等级) with its rates, over the settings' for the distributors given it. */
export async function createGrade(ctx: DistributionContext, args: { name: string; level1Rate: number; level2Rate?: number | null }): Promise<GradeRow> {
  requireRole(ctx.identity, 'ADMIN');
  const name = text(args.name, 'name', 1, 20);
  const level1Rate = intInRange(args.level1Rate, 'level1Rate', 0, MAX_LEVEL_RATE);
  const level2Rate = intInRange(args.level2Rate ?? 0, 'level2Rate', 0, MAX_LEVEL_RATE);
  if (level1Rate + level2Rate > MAX_TOTAL_RATE) throw badInput(`The two levels together take at most ${MAX_TOTAL_RATE} basis points.`, 'level2Rate');
  const [created] = await ctx.db.insert(grades).values({ name, level1Rate, level2Rate }).$returningId();
  return (await ctx.db.select().from(grades).where(eq(grades.id, created!.id)))[0]!;
}

/** `setDistributorGrade` (ADMIN): a distributor's grade (null: none, the settings' rates); orders paid from then use it. */
export async function setGrade(ctx: DistributionContext, memberId: string, gradeId: string | null | undefined): Promise<DistributorRow> {
  requireRole(ctx.identity, 'ADMIN');
  const id = parseId(memberId, 'Distributor');
  const grade = gradeId == null ? null : parseId(gradeId, 'DistributorGrade');
  if (grade !== null && (await ctx.db.select({ id: grades.id }).from(grades).where(eq(grades.id, grade))).length === 0) throw notFound('DistributorGrade', String(gradeId));
  const [changed] = await ctx.db.update(distributors).set({ gradeId: grade }).where(eq(distributors.memberId, id));
  if (changed.affectedRows !== 1) throw notFound('Distributor', memberId);
  ctx.loaders.distributor.clear(id);
  return (await ctx.loaders.distributor.load(id))!;
}
