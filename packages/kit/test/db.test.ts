import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { dropDatabase, jsonColumn, loadSubgraphConfig, openDatabase } from '../src/index.ts';

const notes = mysqlTable('notes', {
  id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
  body: varchar('body', { length: 200 }).notNull(),
  tags: jsonColumn<string[]>('tags').notNull(),
});
const url = loadSubgraphConfig('catalog').mysql.url;
const migrationsFolder = new URL('./fixtures/migrations', import.meta.url).pathname;
// The kit cannot use test-kit (which depends on it): name the database the same way by hand.
const database = `test_kitdb_${process.pid}_${Date.now().toString(36)}`;

afterAll(() => dropDatabase(url, database));

describe('openDatabase', () => {
  it('creates the database and applies migrations once, even when replicas start together', async () => {
    const replicas = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ url, database, schema: { notes }, migrationsFolder })),
    );
    try {
      const [applied] = await replicas[0]!.pool.query('SELECT COUNT(*) AS n FROM __drizzle_migrations');
      expect(applied).toEqual([{ n: 2 }]);
      const [charset] = await replicas[0]!.pool.query(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS cs FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [database],
      );
      expect(charset).toEqual([{ cs: 'utf8mb4' }]);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it('round-trips JSON columns and counts the statements it sends', async () => {
    const handle = await openDatabase({ url, database, schema: { notes }, migrationsFolder });
    try {
      const seen: string[] = [];
      const stop = handle.onQuery((statement) => seen.push(statement));
      await handle.db.insert(notes).values({ body: '新品上架', tags: ['促销', 'new'] });
      const rows = await handle.db.select().from(notes);
      stop();
      await handle.db.execute(sql`SELECT 1`);
      expect(rows.map((r) => ({ body: r.body, tags: r.tags }))).toEqual([{ body: '新品上架', tags: ['促销', 'new'] }]);
      expect(seen).toHaveLength(2);
    } finally {
      await handle.close();
    }
  });
});
