import { eq } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import { badInput, cents, checkoutLines, intInRange, parseId, requireRole, requireShopManager, text } from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import { freightTemplates, type FreightRegion, type FreightTemplateRow } from '../db/schema.ts';
import type { FreightTemplateInput, QuoteLineInput } from '../generated/graphql.ts';
import { FREIGHT_LIMITS, freightFor, ruleOf } from './freight.ts';

/** What `freightEstimate` answers: `freightFor`'s result. */
export type FreightEstimateView = ReturnType<typeof freightFor>;

/** A province code as membership's addresses hold them (GB/T 2260, province level: 440000). */
const PROVINCE_CODE = /^[1-9][0-9]0000$/;

function provinceCodes(values: readonly string[], field: string, seen: Map<string, string>, max: number): string[] {
  if (values.length > max) throw badInput(`${field} holds at most ${max} province codes.`, field);
  for (const code of values) {
    if (!PROVINCE_CODE.test(code)) throw badInput(`${field} holds ${JSON.stringify(code.slice(0, 12))}, not a province code such as 440000.`, field);
    const before = seen.get(code);
    if (before !== undefined) throw badInput(`Province ${code} is named twice (also in ${before}).`, field);
    seen.set(code, field);
  }
  return [...values];
}

/**
 * Checks a template input whole before anything is written: BAD_USER_INPUT naming the
 * field at fault. Each province is named at most once across the regions and the
 * undeliverable list; exactly one region (the default) names none.
 */
export function validFreightTemplate(input: FreightTemplateInput): Pick<FreightTemplateRow, 'name' | 'chargeBy' | 'regions' | 'undeliverable' | 'freeThreshold'> {
  const name = text(input.name, 'input.name', 2, 40);
  if (input.regions.length < 1 || input.regions.length > FREIGHT_LIMITS.regions) throw badInput(`A template has 1–${FREIGHT_LIMITS.regions} regions.`, 'input.regions');
  const seen = new Map<string, string>();
  const regions: FreightRegion[] = input.regions.map((region, i) => {
    const at = `input.regions[${i}]`;
    return {
      provinceCodes: provinceCodes(region.provinceCodes, `${at}.provinceCodes`, seen, 40),
      first: intInRange(region.first, `${at}.first`, 1, FREIGHT_LIMITS.units),
      firstFee: cents(region.firstFee, `${at}.firstFee`, 0, FREIGHT_LIMITS.fee),
      extra: intInRange(region.extra, `${at}.extra`, 1, FREIGHT_LIMITS.units),
      extraFee: cents(region.extraFee, `${at}.extraFee`, 0, FREIGHT_LIMITS.fee),
    };
  });
  const defaults = regions.filter((r) => r.provinceCodes.length === 0).length;
  if (defaults !== 1) throw badInput(`Exactly one region is the default (names no provinces); ${defaults} are.`, 'input.regions');
  const undeliverable = provinceCodes(input.undeliverable ?? [], 'input.undeliverable', seen, 40);
  const freeThreshold = input.freeThreshold == null ? null : cents(input.freeThreshold, 'input.freeThreshold', 1, FREIGHT_LIMITS.threshold);
  return { name, chargeBy: input.chargeBy, regions, undeliverable, freeThreshold };
}

/** The shop of `shopId` once the caller may manage it (its merchant, admins). */
function managedShop(ctx: PromotionContext, shopId: string): number {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const id = parseId(shopId, 'Shop');
  requireShopManager(ctx.identity, id);
  return id;
}

/** `freightTemplate(shopId)`: public; null when the shop has none. */
export async function freightTemplateOf(ctx: PromotionContext, shopId: string): Promise<FreightTemplateRow | null> {
  return ctx.loaders.freightTemplate.load(parseId(shopId, 'Shop'));
}

/**
 * `setFreightTemplate`: one statement that inserts the shop's template or replaces the one
 * it has (the unique shop id makes two first sets at once one row, the later winning).
 */
export async function setFreightTemplate(ctx: PromotionContext, shopId: string, input: FreightTemplateInput): Promise<FreightTemplateRow> {
  const id = managedShop(ctx, shopId);
  const caller = ctx.identity!;
  const template = { ...validFreightTemplate(input), createdBy: `${caller.role.toLowerCase()}:${caller.userId}`.slice(0, 40) };
  await ctx.db
    .insert(freightTemplates)
    .values({ shopId: id, ...template })
    .onDuplicateKeyUpdate({ set: { ...template, updatedAt: new Date() } });
  ctx.log.info({ shopId: id }, 'freight template set');
  ctx.loaders.freightTemplate.clear(id);
  return (await ctx.loaders.freightTemplate.load(id))!;
}

/** `removeFreightTemplate`: the shop's orders pay the flat freight again; false when it had no template. */
export async function removeFreightTemplate(ctx: PromotionContext, shopId: string): Promise<boolean> {
  const id = managedShop(ctx, shopId);
  const [result] = await ctx.db.delete(freightTemplates).where(eq(freightTemplates.shopId, id));
  ctx.loaders.freightTemplate.clear(id);
  if (result.affectedRows > 0) ctx.log.info({ shopId: id }, 'freight template removed');
  return result.affectedRows > 0;
}

/**
 * `freightEstimate`: the shop's freight for these lines to a province (运费估算). The SKUs'
 * weights and today's prices come from catalog; the free threshold is read on those prices
 * before discounts (checkout reads the goods after them, so it may charge where this says free).
 */
export async function freightEstimate(ctx: PromotionContext, shopId: string, lines: readonly QuoteLineInput[], provinceCode: string | null | undefined): Promise<FreightEstimateView> {
  const shop = String(parseId(shopId, 'Shop'));
  const wanted = checkoutLines(lines, 'lines');
  if (provinceCode != null && !PROVINCE_CODE.test(provinceCode)) throw badInput('provinceCode must be a province code such as 440000.', 'provinceCode');
  const [{ skus }, template] = await Promise.all([
    ctx.send(catalog.skuSnapshots, { skuIds: wanted.map((l) => l.skuId) }),
    ctx.loaders.freightTemplate.load(Number(shop)),
  ]);
  const parcel = { pieces: 0, grams: 0, goods: 0 };
  wanted.forEach((line, i) => {
    const sku = skus.find((s) => s.skuId === line.skuId);
    if (!sku || sku.shopId !== shop) throw badInput(sku ? 'This SKU is not the shop’s.' : 'No such SKU.', `lines[${i}].skuId`);
    parcel.pieces += line.quantity;
    parcel.grams += sku.weightGrams * line.quantity;
    parcel.goods += sku.price * line.quantity;
  });
  return freightFor(template ? ruleOf(template) : null, ctx.settings.flatFreight, parcel, provinceCode ?? null);
}
