import { and, asc, eq } from 'drizzle-orm';
import { index, int, mysqlEnum, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';
import { isDeadlock, isDuplicateKey, type TransactionOf } from './db.ts';
import { AppError, ErrorCode } from './errors.ts';

/**
 * Reservations: an owner (an order, a checkout) holds quantities of resources (stock of
 * SKUs, a coupon, a seat) between "reserve" and "commit" (sold, used) or "release" (given
 * back). Each owner has one hold per pool, and every step is idempotent per owner:
 * reserving again answers the first reservation, releasing or committing twice changes
 * nothing more. A release that finds no hold leaves one in RELEASED, so a reservation that
 * arrives after its own undo (a request whose reply was lost, delivered late) is refused
 * instead of holding what nobody will free; the hold row is the first thing either
 * transaction writes, so this holds exactly even when the two run at the same moment.
 * What a resource is, and how it is taken and given back, is the pool's business (a
 * conditional UPDATE that never goes below zero). Transactions run under READ COMMITTED:
 * no gap locks, so owners never deadlock on each other's absent rows.
 */
export const reservationHolds = mysqlTable('reservation_holds', {
  pool: varchar('pool', { length: 40 }).notNull(),
  owner: varchar('owner', { length: 100 }).notNull(),
  status: mysqlEnum('status', ['RESERVED', 'COMMITTED', 'RELEASED']).notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [primaryKey({ name: 'reservation_holds_pk', columns: [t.pool, t.owner] })]);

/** What a hold holds: a quantity of one resource per line. */
export const reservationLines = mysqlTable('reservation_lines', {
  id: idColumn(),
  pool: varchar('pool', { length: 40 }).notNull(),
  owner: varchar('owner', { length: 100 }).notNull(),
  resource: varchar('resource', { length: 64 }).notNull(),
  quantity: int('quantity').notNull(),
}, (t) => [index('reservation_lines_owner_idx').on(t.pool, t.owner)]);

/** The tables a subgraph includes in its schema to use reservations. */
export const reservationTables = { reservationHolds, reservationLines };
type ReservationSchema = typeof reservationTables;
type Tx = TransactionOf<ReservationSchema>;

export type HoldStatus = (typeof reservationHolds.$inferSelect)['status'];

/** One kind of resource and how it is taken, given back and made final, inside the reservation's transaction. */
export interface ReservationPool<TSchema extends Record<string, unknown>> {
  /** The pool's name (`stock`); owners are unique within it. */
  name: string;
  /** Takes `quantity` of `resource`, or throws (CONFLICT with a reason) to refuse the whole reservation. */
  take(tx: TransactionOf<TSchema>, resource: string, quantity: number, owner: string): Promise<void>;
  /** Gives `quantity` of `resource` back. */
  give(tx: TransactionOf<TSchema>, resource: string, quantity: number, owner: string): Promise<void>;
  /** Makes a reserved quantity final (counts a sale); nothing by default. */
  commit?(tx: TransactionOf<TSchema>, resource: string, quantity: number, owner: string): Promise<void>;
  /** Undoes `commit` for a quantity that comes back after all (a sale refunded); nothing by default. */
  uncommit?(tx: TransactionOf<TSchema>, resource: string, quantity: number, owner: string): Promise<void>;
}

export interface ReservedLine {
  resource: string;
  quantity: number;
}

type AnyDb = MySql2Database<Record<string, unknown>>;

/**
 * Runs `work` in a READ COMMITTED transaction, again when it lost a race for a hold row
 * (duplicate key, deadlock): everything it did was rolled back, so running it again is safe.
 */
async function holdTransaction<T>(db: AnyDb, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Tx), { isolationLevel: 'read committed' });
    } catch (error) {
      if (attempt >= 5 || !(isDuplicateKey(error) || isDeadlock(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 10 * attempt));
    }
  }
}

async function lockHold(tx: Tx, pool: string, owner: string) {
  const [hold] = await tx
    .select()
    .from(reservationHolds)
    .where(and(eq(reservationHolds.pool, pool), eq(reservationHolds.owner, owner)))
    .for('update');
  return hold ?? null;
}

async function linesOf(tx: Tx, pool: string, owner: string): Promise<ReservedLine[]> {
  return tx
    .select({ resource: reservationLines.resource, quantity: reservationLines.quantity })
    .from(reservationLines)
    .where(and(eq(reservationLines.pool, pool), eq(reservationLines.owner, owner)))
    .orderBy(asc(reservationLines.resource));
}

/** Lines with the same resource merged, in one stable order (so concurrent owners lock rows alike and never deadlock). */
function normalized(lines: ReservedLine[]): ReservedLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.resource, (merged.get(line.resource) ?? 0) + line.quantity);
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([resource, quantity]) => ({ resource, quantity }));
}

/**
 * Reserves every line for `owner`, or none (the pool's refusal rolls everything back).
 * Reserving again with the same lines answers the first reservation (`replayed`); with
 * other lines it is CONFLICT; after the owner was released it is CONFLICT `RELEASED`.
 * `within` runs in the same transaction after the lines are taken (an event, a record).
 */
export async function reserve<TSchema extends Record<string, unknown>>(
  db: MySql2Database<TSchema>,
  pool: ReservationPool<TSchema>,
  owner: string,
  lines: ReservedLine[],
  within?: (tx: TransactionOf<TSchema>, lines: ReservedLine[]) => Promise<void>,
): Promise<{ lines: ReservedLine[]; replayed: boolean }> {
  const wanted = normalized(lines);
  return holdTransaction(db as unknown as AnyDb, async (tx) => {
    try {
      // The hold row first: a concurrent reserve or release of the same owner waits on it.
      await tx.insert(reservationHolds).values({ pool: pool.name, owner, status: 'RESERVED' });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const hold = await lockHold(tx, pool.name, owner);
      if (!hold) throw error; // gone again in between: run the whole step again
      if (hold.status === 'RELEASED') {
        throw new AppError(ErrorCode.CONFLICT, `${owner} was released before it was reserved.`, { reason: 'RELEASED' });
      }
      const held = await linesOf(tx, pool.name, owner);
      const same = held.length === wanted.length && held.every((line, i) => line.resource === wanted[i]!.resource && line.quantity === wanted[i]!.quantity);
      if (!same) throw new AppError(ErrorCode.CONFLICT, `${owner} already reserved different lines.`, { reason: 'RESERVED_OTHERWISE' });
      return { lines: held, replayed: true };
    }
    const own = tx as unknown as TransactionOf<TSchema>;
    for (const line of wanted) await pool.take(own, line.resource, line.quantity, owner);
    await tx.insert(reservationLines).values(wanted.map((line) => ({ pool: pool.name, owner, ...line })));
    await within?.(own, wanted);
    return { lines: wanted, replayed: false };
  });
}

/**
 * Gives back what `owner` holds. Idempotent (`replayed` when it was released before);
 * CONFLICT `COMMITTED` once committed. With no hold yet, leaves a RELEASED one, so a
 * reservation for the owner arriving later is refused. `within` runs in the same
 * transaction with the lines given back (empty when there were none).
 */
export async function release<TSchema extends Record<string, unknown>>(
  db: MySql2Database<TSchema>,
  pool: ReservationPool<TSchema>,
  owner: string,
  within?: (tx: TransactionOf<TSchema>, lines: ReservedLine[]) => Promise<void>,
): Promise<{ released: ReservedLine[]; replayed: boolean }> {
  return holdTransaction(db as unknown as AnyDb, async (tx) => {
    const hold = await lockHold(tx, pool.name, owner);
    if (!hold) {
      // A duplicate here means a reservation committed in between: the retry releases it.
      await tx.insert(reservationHolds).values({ pool: pool.name, owner, status: 'RELEASED' });
      return { released: [], replayed: false };
    }
    if (hold.status === 'RELEASED') return { released: [], replayed: true };
    if (hold.status === 'COMMITTED') throw new AppError(ErrorCode.CONFLICT, `${owner} is committed: what it holds is used, not reserved.`, { reason: 'COMMITTED' });
    const held = await linesOf(tx, pool.name, owner);
    const own = tx as unknown as TransactionOf<TSchema>;
    for (const line of held) await pool.give(own, line.resource, line.quantity, owner);
    await tx.update(reservationHolds).set({ status: 'RELEASED' }).where(and(eq(reservationHolds.pool, pool.name), eq(reservationHolds.owner, owner)));
    await within?.(own, held);
    return { released: held, replayed: false };
  });
}

/**
 * Makes what `owner` holds final (a paid order's stock becomes sold). Idempotent;
 * NOT_FOUND when nothing was reserved, CONFLICT `RELEASED` once released. `within` runs in
 * the same transaction with the lines committed (counting them somewhere, in an order of
 * its own choosing, so commits of different owners lock what they share in one order).
 */
export async function commit<TSchema extends Record<string, unknown>>(
  db: MySql2Database<TSchema>,
  pool: ReservationPool<TSchema>,
  owner: string,
  within?: (tx: TransactionOf<TSchema>, lines: ReservedLine[]) => Promise<void>,
): Promise<{ committed: ReservedLine[]; replayed: boolean }> {
  return holdTransaction(db as unknown as AnyDb, async (tx) => {
    const hold = await lockHold(tx, pool.name, owner);
    if (!hold) throw new AppError(ErrorCode.NOT_FOUND, `${owner} holds nothing.`);
    if (hold.status === 'RELEASED') throw new AppError(ErrorCode.CONFLICT, `${owner} was released: it cannot be committed.`, { reason: 'RELEASED' });
    if (hold.status === 'COMMITTED') return { committed: [], replayed: true };
    const held = await linesOf(tx, pool.name, owner);
    const own = tx as unknown as TransactionOf<TSchema>;
    for (const line of held) await pool.commit?.(own, line.resource, line.quantity, owner);
    await tx.update(reservationHolds).set({ status: 'COMMITTED' }).where(and(eq(reservationHolds.pool, pool.name), eq(reservationHolds.owner, owner)));
    await within?.(own, held);
    return { committed: held, replayed: false };
  });
}

/**
 * Gives back everything `owner` took, reserved or committed (goods that never left: a paid
 * order refunded in full before it shipped): a committed line is uncommitted, then every
 * line given back, and the hold ends RELEASED. Idempotent (`replayed` once released); with
 * no hold yet it leaves a RELEASED one, as `release` does.
 */
export async function restore<TSchema extends Record<string, unknown>>(
  db: MySql2Database<TSchema>,
  pool: ReservationPool<TSchema>,
  owner: string,
  within?: (tx: TransactionOf<TSchema>, lines: ReservedLine[]) => Promise<void>,
): Promise<{ restored: ReservedLine[]; replayed: boolean }> {
  return holdTransaction(db as unknown as AnyDb, async (tx) => {
    const hold = await lockHold(tx, pool.name, owner);
    if (!hold) {
      await tx.insert(reservationHolds).values({ pool: pool.name, owner, status: 'RELEASED' });
      return { restored: [], replayed: false };
    }
    if (hold.status === 'RELEASED') return { restored: [], replayed: true };
    const held = await linesOf(tx, pool.name, owner);
    const own = tx as unknown as TransactionOf<TSchema>;
    for (const line of held) {
      if (hold.status === 'COMMITTED') await pool.uncommit?.(own, line.resource, line.quantity, owner);
      await pool.give(own, line.resource, line.quantity, owner);
    }
    await tx.update(reservationHolds).set({ status: 'RELEASED' }).where(and(eq(reservationHolds.pool, pool.name), eq(reservationHolds.owner, owner)));
    await within?.(own, held);
    return { restored: held, replayed: false };
  });
}

/** What `owner` holds now, and in what state (null when it never reserved nor was released). */
export async function holdOf<TSchema extends Record<string, unknown>>(
  db: MySql2Database<TSchema>,
  pool: string,
  owner: string,
): Promise<{ status: HoldStatus; lines: ReservedLine[] } | null> {
  const any = db as unknown as AnyDb;
  const [hold] = await any.select().from(reservationHolds).where(and(eq(reservationHolds.pool, pool), eq(reservationHolds.owner, owner)));
  if (!hold) return null;
  return { status: hold.status, lines: await linesOf(any as unknown as Tx, pool, owner) };
}
