import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { AppError, ErrorCode, conflict, notFound } from './errors.ts';

/**
 * Ledgers: an account's balance (a wallet in cents, points, growth, a commission account)
 * is the sum of append-only entries, each carrying the balance after it. An entry is posted
 * under the account row's lock, with the balance changed by one conditional UPDATE in the
 * same transaction (never past its bounds), and is idempotent by (account, key, kind): a
 * replay answers the first outcome as it was then, the same key with another amount or kind
 * is CONFLICT. Kinds may share a key space (a recharge and its bonus), so a key is looked up
 * among `kinds` of one family.
 */
export interface LedgerSpec<TEntry> {
  /** What an account is called in messages (`Member`: "Member 7 not found."). */
  name: string;
  /** The account rows and their balance column (`members.id`, `members.walletBalance`). */
  account: { table: MySqlTable; id: MySqlColumn; balance: MySqlColumn };
  /** The entries table and its account, key and kind columns (a ledger of one kind may have no kind column). */
  entries: { table: MySqlTable; account: MySqlColumn; key: MySqlColumn; kind?: MySqlColumn };
  /** The row to insert for an entry (the table's own property names). */
  row(entry: LedgerEntryInput & { balanceAfter: number }): Record<string, unknown>;
  /** What the primitive needs back from a stored entry. */
  read(entry: TEntry): { kind: string; delta: number; balanceAfter: number };
  /** Lowest balance allowed (default 0) and highest. */
  min?: number;
  max?: number;
  /** The CONFLICT a post of `delta` that would break the bounds answers (short of funds, or too much). */
  refusal(delta: number): { reason: string; message: string };
}

export interface LedgerEntryInput {
  account: number;
  kind: string;
  delta: number;
  key: string;
  /** Anything else the entry row carries (reference, note…), passed to `row`. */
  extra?: Record<string, unknown>;
}

export interface Posted<TEntry> {
  entry: TEntry;
  /** The balance once this entry was applied (for a replay: as it was then). */
  balance: number;
  replayed: boolean;
}

type AnyTx = MySql2Database<Record<string, unknown>>;

/** Locks the account row for the rest of the transaction and reads its balance (NOT_FOUND when missing). */
export async function lockAccount(tx: object, spec: Pick<LedgerSpec<unknown>, 'name' | 'account'>, account: number): Promise<number> {
  const [row] = await (tx as AnyTx)
    .select({ balance: spec.account.balance })
    .from(spec.account.table)
    .where(eq(spec.account.id, account))
    .for('update');
  if (!row) throw notFound(spec.name, account);
  return Number(row.balance);
}

/** The entry written under `key` among `kinds` of the account (a locking read: it sees the newest commit). */
export async function findEntry<TEntry>(tx: object, spec: LedgerSpec<TEntry>, account: number, key: string, kinds: string[]): Promise<TEntry[]> {
  return (await (tx as AnyTx)
    .select()
    .from(spec.entries.table)
    .where(and(eq(spec.entries.account, account), eq(spec.entries.key, key), ...(spec.entries.kind ? [inArray(spec.entries.kind, kinds)] : [])))
    .for('update')) as TEntry[];
}

/**
 * Posts one entry inside `tx`: locks the account, answers a replay for a key already used
 * (the first outcome; CONFLICT when the kind or amount differ), else changes the balance by
 * a conditional UPDATE (CONFLICT `refusal.reason` past the bounds) and appends the entry.
 * `sameKey` lists the kinds sharing the key space (default: the entry's kind).
 */
export async function postEntry<TEntry>(
  tx: object,
  spec: LedgerSpec<TEntry>,
  input: LedgerEntryInput,
  options: { sameKey?: string[] } = {},
): Promise<Posted<TEntry>> {
  const before = await lockAccount(tx, spec, input.account);
  const [previous] = await findEntry(tx, spec, input.account, input.key, options.sameKey ?? [input.kind]);
  if (previous) {
    const seen = spec.read(previous);
    if (seen.kind !== input.kind || seen.delta !== input.delta) throw conflict(`Idempotency key ${input.key} was already used for a different request.`);
    return { entry: previous, balance: seen.balanceAfter, replayed: true };
  }
  return { entry: await appendLocked(tx, spec, input, before), balance: before + input.delta, replayed: false };
}

/**
 * Appends an entry to an account whose row the caller has locked (its balance `before`),
 * with no replay check: for a second entry under one key (a recharge's bonus) or a ledger
 * step of the caller's own (points expiring before a spend).
 */
export async function appendLocked<TEntry>(tx: object, spec: LedgerSpec<TEntry>, input: LedgerEntryInput, before: number): Promise<TEntry> {
  const min = spec.min ?? 0;
  const bounds: SQL[] = [sql`${spec.account.balance} + ${input.delta} >= ${min}`];
  if (spec.max !== undefined) bounds.push(sql`${spec.account.balance} + ${input.delta} <= ${spec.max}`);
  const [result] = (await (tx as AnyTx).execute(
    sql`UPDATE ${spec.account.table} SET ${spec.account.balance} = ${spec.account.balance} + ${input.delta} WHERE ${spec.account.id} = ${input.account} AND ${sql.join(bounds, sql` AND `)}`,
  )) as unknown as [{ affectedRows: number }];
  if (result.affectedRows !== 1) {
    const refusal = spec.refusal(input.delta);
    throw new AppError(ErrorCode.CONFLICT, refusal.message, { reason: refusal.reason });
  }
  const balanceAfter = before + input.delta;
  const inserted = (await (tx as AnyTx).insert(spec.entries.table).values(spec.row({ ...input, balanceAfter })).$returningId()) as Array<{ id: number }>;
  const idColumn = (spec.entries.table as unknown as Record<string, MySqlColumn>)['id'];
  if (!idColumn || !inserted[0]) throw new Error(`${spec.name} entries need an auto-increment id`);
  const [entry] = (await (tx as AnyTx).select().from(spec.entries.table).where(eq(idColumn, inserted[0].id))) as TEntry[];
  return entry!;
}

/** `postEntry` in a transaction of its own. */
export async function post<TEntry>(
  db: { transaction: MySql2Database<Record<string, unknown>>['transaction'] } | object,
  spec: LedgerSpec<TEntry>,
  input: LedgerEntryInput,
  options: { sameKey?: string[] } = {},
): Promise<Posted<TEntry>> {
  return (db as AnyTx).transaction((tx) => postEntry(tx, spec, input, options));
}
