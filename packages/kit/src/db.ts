import { createPool, createConnection, type Pool } from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import { customType } from 'drizzle-orm/mysql-core';
import type { Logger } from './logger.ts';

export type QueryListener = (sql: string, params: unknown[]) => void;

export interface Database<TSchema extends Record<string, unknown>> {
  db: MySql2Database<TSchema>;
  pool: Pool;
  name: string;
  /** Listen to every SQL statement Drizzle sends (tests count them); returns an unsubscribe. */
  onQuery(listener: QueryListener): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`refusing database name ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

/** Creates the database (utf8mb4) when it does not exist yet. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const connection = await createConnection({ uri: serverUrl });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const connection = await createConnection({ uri: serverUrl });
  try {
    await connection.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  } finally {
    await connection.end();
  }
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** Server URL without a database, e.g. `mysql://root@127.0.0.1:3306`. */
  url: string;
  database: string;
  schema: TSchema;
  poolSize?: number;
  /** Folder of drizzle-kit migrations, applied before the pool is handed out. */
  migrationsFolder?: string;
  log?: Logger;
}

/**
 * Opens one subgraph's database: creates it if missing, applies committed migrations,
 * and returns a mysql2 pool with a Drizzle instance over it. Times are read and written
 * as UTC; BIGINT ids come back as JS numbers (ids stay below 2^53).
 */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  await ensureDatabase(options.url, options.database);
  const serverUrl = new URL(options.url);
  serverUrl.pathname = `/${options.database}`;
  const pool = createPool({
    uri: serverUrl.toString(),
    connectionLimit: options.poolSize ?? 10,
    charset: 'utf8mb4',
    timezone: 'Z',
    supportBigNumbers: true,
    decimalNumbers: true,
    enableKeepAlive: true,
  });
  // Every session in UTC, so CURRENT_TIMESTAMP defaults agree with the UTC mysql2 reads and writes.
  pool.pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  const listeners = new Set<QueryListener>();
  const db = drizzle({
    client: pool,
    schema: options.schema,
    mode: 'default',
    logger: {
      logQuery(query, params) {
        for (const listener of listeners) listener(query, params);
      },
    },
  });
  runCommitHooks(db);
  if (options.migrationsFolder) {
    await migrateUnderLock(pool, options.database, () => migrate(db, { migrationsFolder: options.migrationsFolder! }));
    options.log?.info({ database: options.database }, 'migrations applied');
  }
  return {
    db,
    pool,
    name: options.database,
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * What waits for the commit of each open transaction, by the transaction's session: one
 * frame of hooks for the transaction and one more for each savepoint open inside it. A
 * savepoint that is released hands its hooks to the frame around it; one rolled back drops
 * them.
 */
interface OpenTransaction {
  root: object;
  frames: Array<Array<() => void>>;
}
const openTransactions = new WeakMap<object, OpenTransaction>();

/**
 * Drizzle gives a transaction (and its nested savepoints) one session of its own: the key
 * that tells which transaction a statement runs in. An internal of drizzle's, read here
 * only to attach commit hooks.
 */
const sessionOf = (executor: object): object => (executor as { session: object }).session;

interface Transactional {
  transaction: (run: (tx: never) => Promise<unknown>, config?: never) => Promise<unknown>;
}

/**
 * A transaction's own `transaction` (a savepoint) opens a frame of hooks for as long as it
 * lasts. Savepoints nest one inside another; two opened side by side (`Promise.all`) would
 * share one connection's savepoint names, so that is refused.
 */
function trackSavepoints(tx: Transactional, open: OpenTransaction, depth: number): void {
  const savepoint = tx.transaction.bind(tx);
  tx.transaction = async (run, config) => {
    if (open.frames.length !== depth + 1) throw new Error('savepoints of one transaction must nest, not run side by side');
    const frame: Array<() => void> = [];
    open.frames.push(frame);
    const leave = () => open.frames.splice(open.frames.lastIndexOf(frame), 1);
    let result: unknown;
    try {
      result = await savepoint(async (inner: never) => {
        trackSavepoints(inner as Transactional, open, depth + 1);
        return run(inner);
      }, config);
    } catch (error) {
      leave();
      throw error;
    }
    leave();
    open.frames.at(-1)!.push(...frame);
    return result;
  };
}

function runCommitHooks<TSchema extends Record<string, unknown>>(db: MySql2Database<TSchema>): void {
  const begin = db.transaction.bind(db);
  db.transaction = (async (run, config) => {
    const hooks: Array<() => void> = [];
    let session: object | undefined;
    let result: unknown;
    try {
      result = await begin(async (tx) => {
        session = sessionOf(tx);
        const open: OpenTransaction = { root: db, frames: [hooks] };
        openTransactions.set(session, open);
        trackSavepoints(tx as unknown as Transactional, open, 0);
        return run(tx);
      }, config);
    } finally {
      // Committed or rolled back, it is over: a hook asked for later runs at once.
      if (session) openTransactions.delete(session);
    }
    for (const hook of hooks) hook();
    return result;
  }) as typeof db.transaction;
}

/**
 * Runs `hook` once the transaction that `executor` belongs to has committed (never when it,
 * or the savepoint the hook was asked for in, rolls back); outside a transaction (a plain
 * database, autocommit, or a transaction already over) at once. Only databases opened with
 * `openDatabase` know their transactions. The hook must not throw.
 */
export function afterCommit(executor: object, hook: () => void): void {
  const open = openTransactions.get(sessionOf(executor));
  if (open) open.frames.at(-1)!.push(hook);
  else hook();
}

/** The database (drizzle instance) a transaction of `openDatabase`'s belongs to; `executor` itself otherwise. */
export function rootDatabaseOf(executor: object): object {
  return openTransactions.get(sessionOf(executor))?.root ?? executor;
}

/**
 * Replicas starting together must not apply the same migration twice (DDL cannot be
 * rolled back), so migrations run under a named server lock, one process at a time;
 * the others wait, then find nothing left to apply.
 */
async function migrateUnderLock(pool: Pool, database: string, run: () => Promise<void>): Promise<void> {
  const lockName = `mall_migrate:${database}`.slice(0, 64);
  const connection = await pool.getConnection();
  try {
    const [rows] = await connection.query('SELECT GET_LOCK(?, 120) AS got', [lockName]);
    if ((rows as Array<{ got: number | null }>)[0]?.got !== 1) {
      throw new Error(`timed out after 120 s waiting for the migration lock of ${database}`);
    }
    try {
      await run();
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
  } finally {
    connection.release();
  }
}

/**
 * A JSON column that reads back the same on MySQL 8 (native JSON, parsed by mysql2)
 * and MariaDB (JSON is LONGTEXT there, so mysql2 hands over a string).
 */
export const jsonColumn = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'json',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T)),
  })(name);

/** True for MySQL/MariaDB error 1062 (duplicate key), also when Drizzle wraps it as the cause. */
export function isDuplicateKey(error: unknown): boolean {
  const cause = error instanceof Error && 'cause' in error ? (error as { cause: unknown }).cause : undefined;
  return [error, cause].some((e) => typeof e === 'object' && e !== null && (e as { errno?: number }).errno === 1062);
}

/** True for error 1213: InnoDB chose this transaction as a deadlock victim (nothing it did remains). */
export function isDeadlock(error: unknown): boolean {
  const cause = error instanceof Error && 'cause' in error ? (error as { cause: unknown }).cause : undefined;
  return [error, cause].some((e) => typeof e === 'object' && e !== null && (e as { errno?: number }).errno === 1213);
}

/**
 * Runs a whole transaction again when InnoDB picked it as a deadlock victim (it was rolled
 * back entirely, so running it again is safe). Row locks taken in one order avoid most
 * deadlocks; gap locks of unique-index inserts under REPEATABLE READ can still cause some.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** An open transaction of a subgraph's database (what `db.transaction` hands its callback). */
export type TransactionOf<TSchema extends Record<string, unknown>> = Parameters<Parameters<MySql2Database<TSchema>['transaction']>[0]>[0];
