import { badInput, notFound } from './errors.ts';

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

/** `parseId` for federation references: an id that cannot exist resolves to null. */
export function tryParseId(value: string | number): number | null {
  const asText = String(value);
  return /^[1-9][0-9]{0,14}$/.test(asText) ? Number(asText) : null;
}

/** Loads a federation reference through a per-request loader; a malformed id is null. */
export async function loadReference<Row>(
  loader: { load(id: number): Promise<Row | null> },
  id: string | number,
): Promise<Row | null> {
  const parsed = tryParseId(id);
  return parsed === null ? null : loader.load(parsed);
}
