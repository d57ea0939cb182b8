import { inArray } from 'drizzle-orm';
import { tryParseId } from '@mall/kit';
import type { PromotionDeps } from '../context.ts';
import { freightTemplates, type FreightChargeBy, type FreightRegion, type FreightTemplateRow } from '../db/schema.ts';

export type { FreightChargeBy, FreightRegion } from '../db/schema.ts';

/**
 * Bounds of freight, in cents and units. A template's fees and steps are checked against
 * them when it is set; whatever the parcel, one shop's freight is at most `total`
 * (¥100,000), far below what one order may cost (`MONEY_LIMITS.order`, ¥1,000,000).
 */
export const FREIGHT_LIMITS = {
  /** Highest first or extra fee of a region: ¥10,000. */
  fee: 1_000_000,
  /** Most pieces (or grams) of `first` and of `extra`. */
  units: 100_000,
  /** Highest freight of one shop's order: ¥100,000. */
  total: 10_000_000,
  /** Highest 满 X 包邮 threshold (what one order may cost). */
  threshold: 100_000_000,
  /** Most regions of a template. */
  regions: 40,
} as const;

/** A shop's freight as the computation reads it (a template's stored fields). */
export interface FreightRule {
  chargeBy: 'PIECE' | 'WEIGHT';
  regions: FreightRegion[];
  undeliverable: string[];
  freeThreshold: number | null;
}

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`freight: ${what} must be a whole number ≥ 0 (got ${value}).`);
  return value;
}

/** The region that ships to `provinceCode`: the one naming it, else the default (also for no province). */
export function regionFor(regions: readonly FreightRegion[], provinceCode: string | null): FreightRegion {
  const named = provinceCode === null ? undefined : regions.find((r) => r.provinceCodes.includes(provinceCode));
  const region = named ?? regions.find((r) => r.provinceCodes.length === 0);
  // A template is checked for exactly one default region when it is set.
  if (!region) throw new Error('freight: a template without a default region.');
  return region;
}

/** `firstFee` for up to `first` units, then `extraFee` per started step of `extra` units; at most `FREIGHT_LIMITS.total`. */
function steppedFee(region: FreightRegion, units: number): number {
  const { first, firstFee, extra, extraFee } = region;
  if (units <= first || extraFee === 0) return Math.min(firstFee, FREIGHT_LIMITS.total);
  const steps = Math.ceil((units - first) / extra);
  // Compared before multiplying: steps × extraFee can pass 2^53 for a heavy enough parcel.
  if (steps > Math.floor((FREIGHT_LIMITS.total - firstFee) / extraFee)) return FREIGHT_LIMITS.total;
  return firstFee + steps * extraFee;
}

/**
 * The freight of one shop's parcel, in cents.
 *
 * - `rule` null (the shop set no template): `flatFee`, the config's flat freight.
 * - A province in `undeliverable`: not deliverable, fee 0.
 * - Goods (the shop's goods after discounts, cents) reaching `freeThreshold`: free (满 X 包邮).
 * - Otherwise the region of `provinceCode` (null, no address yet, and provinces no region
 *   names: the default region), by pieces for PIECE or by grams for WEIGHT: `firstFee` up to
 *   `first`, plus `extraFee` for every started `extra` beyond it. Weightless goods (grams 0)
 *   pay `firstFee`; a parcel of no pieces ships nothing and costs nothing.
 *
 * `free` says why a deliverable parcel costs nothing ('THRESHOLD'; null when it costs `fee`,
 * which a region may set to 0). Whole cents, never above `FREIGHT_LIMITS.total`. Pure: the
 * caller supplies the rule (`freightRules`) and the parcel; a count that is negative or not
 * whole is a RangeError.
 */
export function freightFor(
  rule: FreightRule | null,
  flatFee: number,
  parcel: { pieces: number; grams: number; goods: number },
  provinceCode: string | null,
): { fee: number; free: 'THRESHOLD' | null; deliverable: boolean } {
  const pieces = count(parcel.pieces, 'pieces');
  const grams = count(parcel.grams, 'grams');
  const goods = count(parcel.goods, 'goods');
  if (pieces === 0) return { fee: 0, free: null, deliverable: true };
  if (rule === null) return { fee: Math.min(count(flatFee, 'flatFee'), FREIGHT_LIMITS.total), free: null, deliverable: true };
  if (provinceCode !== null && rule.undeliverable.includes(provinceCode)) return { fee: 0, free: null, deliverable: false };
  if (rule.freeThreshold !== null && goods >= rule.freeThreshold) return { fee: 0, free: 'THRESHOLD', deliverable: true };
  const region = regionFor(rule.regions, provinceCode);
  return { fee: steppedFee(region, rule.chargeBy === 'PIECE' ? pieces : grams), free: null, deliverable: true };
}

/** A stored template as the computation reads it. */
export function ruleOf(row: Pick<FreightTemplateRow, 'chargeBy' | 'regions' | 'undeliverable' | 'freeThreshold'>): FreightRule {
  return { chargeBy: row.chargeBy, regions: row.regions, undeliverable: row.undeliverable, freeThreshold: row.freeThreshold };
}

/**
 * The freight rules of shops, by shop id as given: a shop without a template (or an id that
 * cannot be a shop's) maps to null, which `freightFor` charges the flat fee. One query for
 * any number of shops; none for none.
 */
export async function freightRules(deps: Pick<PromotionDeps, 'db'>, shopIds: string[]): Promise<Map<string, FreightRule | null>> {
  const result = new Map<string, FreightRule | null>(shopIds.map((id) => [id, null]));
  const ids = [...new Set(shopIds.flatMap((id) => tryParseId(id) ?? []))];
  if (ids.length === 0) return result;
  const rows = await deps.db.select().from(freightTemplates).where(inArray(freightTemplates.shopId, ids));
  const byShop = new Map(rows.map((row) => [row.shopId, ruleOf(row)] as const));
  for (const id of shopIds) result.set(id, byShop.get(tryParseId(id) ?? 0) ?? null);
  return result;
}
