import { badInput, notFound } from './errors.ts';
import { MONEY_LIMITS } from './money.ts';

/** Input checks that throw BAD_USER_INPUT naming the field at fault. */

/** Trims and checks length (in characters, so 中文 counts one each). */
export function text(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < min || length > max) {
    throw badInput(
      min === max ? `${field} must be ${min} characters.` : `${field} must be ${min}–${max} characters (got ${length}).`,
      field,
    );
  }
  return trimmed;
}

/** An http(s) URL of at most 500 characters. */
export function httpUrl(value: string, field: string): string {
  const trimmed = value.trim();
  let ok = trimmed.length <= 500;
  try {
    ok &&= ['http:', 'https:'].includes(new URL(trimmed).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw badInput(`${field} must be an http or https URL of at most 500 characters.`, field);
  return trimmed;
}

/**
 * The largest value of GraphQL's `Int` (32-bit). A balance or count the API shows as `Int`
 * (points, growth) must stay within it, or reading it fails; money uses `Cents` instead.
 */
export const INT_MAX = 2_147_483_647;

/** A time a caller sent (the DateTime scalar's value), or null when omitted; BAD_USER_INPUT for one that is not a time. */
export function timeInput(value: Date | null | undefined, field: string): Date | null {
  if (value == null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(`${field} is not a time.`, field);
  return value;
}

/** A whole number within [min, max]. */
export function intInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${field} must be a whole number from ${min} to ${max} (got ${value}).`, field);
  }
  return value;
}

/**
 * A positive integer id as the database stores it. An id that cannot exist names
 * nothing, so it is NOT_FOUND like any unknown id.
 */
export function parseId(value: string | number, what: string): number {
  const id = tryParseId(value);
  if (id === null) throw notFound(what, String(value));
  return id;
}

/** What an id looks like in the API and between subgraphs: a positive integer below 10^15 (exact in JSON). */
export const ID_PATTERN = /^[1-9][0-9]{0,14}$/;

/** `parseId` for federation references: an id that cannot exist resolves to null. */
export function tryParseId(value: string | number): number | null {
  const asText = String(value);
  return ID_PATTERN.test(asText) ? Number(asText) : null;
}

/** A list of `min`–`max` ids, each named once (repeats dropped); BAD_USER_INPUT naming `field` otherwise. */
export function idList(values: readonly string[] | null | undefined, field: string, min: number, max: number): string[] {
  const list = [...new Set(values ?? [])];
  if (list.length < min || list.length > max) throw badInput(`${field} holds ${min}–${max} ids (got ${list.length}).`, field);
  for (const id of list) if (!ID_PATTERN.test(id)) throw badInput(`${field} holds an id that is not one: ${JSON.stringify(id.slice(0, 20))}.`, field);
  return list;
}

/**
 * The lines of a cart or checkout: 1–50, each a SKU id and 1–999 units; a SKU named twice is
 * one line with the units added (at most 999), in the order first named. BAD_USER_INPUT
 * naming the line's field otherwise.
 */
export function checkoutLines(lines: ReadonlyArray<{ skuId: string; quantity: number }>, field = 'input.lines'): Array<{ skuId: string; quantity: number }> {
  if (lines.length < 1 || lines.length > 50) throw badInput('A checkout has 1–50 lines.', field);
  const merged = new Map<string, number>();
  lines.forEach((line, i) => {
    if (!ID_PATTERN.test(line.skuId)) throw badInput('skuId is not a SKU id.', `${field}[${i}].skuId`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MONEY_LIMITS.quantity) throw badInput(`quantity must be 1–${MONEY_LIMITS.quantity}.`, `${field}[${i}].quantity`);
    merged.set(line.skuId, (merged.get(line.skuId) ?? 0) + line.quantity);
    if (merged.get(line.skuId)! > MONEY_LIMITS.quantity) throw badInput(`At most ${MONEY_LIMITS.quantity} units of one SKU.`, `${field}[${i}].quantity`);
  });
  return [...merged].map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** Loads a federation reference through a per-request loader; a malformed id is null. */
export async function loadReference<Row>(
  loader: { load(id: number): Promise<Row | null> },
  id: string | number,
): Promise<Row | null> {
  const parsed = tryParseId(id);
  return parsed === null ? null : loader.load(parsed);
}
