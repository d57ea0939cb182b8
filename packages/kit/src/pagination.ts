import { badInput } from './errors.ts';

/** Keyset cursors: opaque base64url text holding the sort name and the row's sort key. */

export interface CursorKey {
  sort: string;
  values: Array<string | number>;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.sort, ...key.values]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same `sort`; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, sort: string, arity: number): Array<string | number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('The cursor is not valid.', 'after');
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== sort ||
    parsed.length !== arity + 1 ||
    !parsed.slice(1).every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw badInput('The cursor is not valid for this sort order.', 'after');
  }
  return parsed.slice(1) as Array<string | number>;
}

/** Checks `first` (default 20, 1..max) and returns it. */
export function pageSize(first: number | null | undefined, max = 100, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badInput(`first must be between 1 and ${max}.`, 'first');
  }
  return size;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Computed only when a client selects it. */
  totalCount: () => Promise<number>;
}

/**
 * Builds a connection from `size + 1` fetched rows: the extra row only tells whether
 * there is a next page.
 */
export function toConnection<T>(
  rows: T[],
  size: number,
  cursorOf: (row: T) => string,
  totalCount: () => Promise<number>,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** Encodes the cursor of a list ordered by id, newest first. */
export function encodeIdCursor(sort: string, id: number): string {
  return encodeCursor({ sort, values: [id] });
}

/** Decodes a cursor made by `encodeIdCursor`; anything but a whole positive id is BAD_USER_INPUT. */
export function decodeIdCursor(cursor: string, sort: string): number {
  const [id] = decodeCursor(cursor, sort, 1);
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw badInput('The cursor is not valid.', 'after');
  return id;
}

/**
 * A newest-first page of rows keyed by id (ledgers, orders): `fetch(limit, beforeId)` reads
 * at most `limit` rows, newest first, with ids below `beforeId` when it is not null.
 */
export async function pageNewestFirst<T extends { id: number }>(
  sort: string,
  args: { first?: number | null; after?: string | null; max?: number; fallback?: number },
  fetch: (limit: number, beforeId: number | null) => Promise<T[]>,
  totalCount: () => Promise<number>,
): Promise<Connection<T>> {
  const size = pageSize(args.first, args.max ?? 100, args.fallback ?? 20);
  const beforeId = args.after == null ? null : decodeIdCursor(args.after, sort);
  const rows = await fetch(size + 1, beforeId);
  return toConnection(rows, size, (row) => encodeIdCursor(sort, row.id), totalCount);
}
