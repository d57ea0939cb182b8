import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by a numeric key: one `WHERE key IN (...)` for every batch.
 * `fetch` returns the rows found; missing keys resolve to null.
 */
export function loaderByKey<Row, K extends number | string>(
  fetch: (keys: readonly K[]) => Promise<Row[]>,
  keyOf: (row: Row) => K,
): DataLoader<K, Row | null> {
  return new DataLoader<K, Row | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader of row lists grouped by a parent key (e.g. the SKUs of each product). */
export function loaderOfMany<Row, K extends number | string>(
  fetch: (keys: readonly K[]) => Promise<Row[]>,
  groupOf: (row: Row) => K,
): DataLoader<K, Row[]> {
  return new DataLoader<K, Row[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, Row[]>();
    for (const row of rows) {
      const key = groupOf(row);
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
