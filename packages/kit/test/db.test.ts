import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { afterCommit, dropDatabase, jsonColumn, loadSubgraphConfig, openDatabase } from '../src/index.ts';

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

describe('afterCommit', () => {
  it('runs hooks after the commit, never for a rollback, and drops those of a savepoint rolled back', async () => {
    const handle = await openDatabase({ url, database, schema: { notes }, migrationsFolder });
    try {
      const ran: string[] = [];
      const note = (body: string) => () => void ran.push(body);
      let committedTx: object | undefined;
      await handle.db.transaction(async (tx) => {
        committedTx = tx;
        await tx.insert(notes).values({ body: 'outer', tags: [] });
        afterCommit(tx, note('outer'));
        await tx.transaction(async (kept) => {
          afterCommit(kept, note('released savepoint'));
          await kept.transaction(async (deeper) => afterCommit(deeper, note('savepoint in a released one')));
        });
        await tx
          .transaction(async (dropped) => {
            afterCommit(dropped, note('savepoint rolled back'));
            await dropped.transaction(async (deeper) => afterCommit(deeper, note('released inside one rolled back')));
            throw new Error('roll this savepoint back');
          })
          .catch(() => undefined);
        afterCommit(tx, note('after the rollback of a savepoint'));
        // Nothing runs before the commit.
        expect(ran).toEqual([]);
      });
      expect(ran).toEqual(['outer', 'released savepoint', 'savepoint in a released one', 'after the rollback of a savepoint']);
      // A transaction that is over runs what is asked of it at once.
      afterCommit(committedTx!, note('late'));
      expect(ran.at(-1)).toBe('late');

      ran.length = 0;
      await handle.db
        .transaction(async (tx) => {
          afterCommit(tx, note('rolled back'));
          throw new Error('roll it all back');
        })
        .catch(() => undefined);
      afterCommit(handle.db, note('autocommit'));
      expect(ran).toEqual(['autocommit']);

      // Savepoints side by side would share the connection's savepoint names: refused.
      const sideBySide = handle.db.transaction(async (tx) => {
        await Promise.all([tx.transaction(async () => undefined), tx.transaction(async () => undefined)]);
      });
      await expect(sideBySide).rejects.toThrow(/nest/);
    } finally {
      await handle.close();
    }
  });
});
