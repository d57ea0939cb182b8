import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import {
  AppError,
  allocate,
  createLogger,
  dropDatabase,
  holdOf,
  loadSubgraphConfig,
  openDatabase,
  post,
  release,
  reserve,
  scheduleJob,
  startJobRunner,
  commit,
  type Database,
  type LedgerSpec,
  type ReservationPool,
} from '../src/index.ts';
import * as schema from './fixtures/events/schema.ts';

// A database of this file's own, with the kit's tables and a few of the test's.
const config = loadSubgraphConfig('catalog', { ...process.env, CATALOG_DATABASE: `test_kitprims_${process.pid}_${randomUUID().slice(0, 8)}` });
const log = createLogger('test', 'silent');
let database: Database<typeof schema>;

beforeAll(async () => {
  database = await openDatabase({
    url: config.mysql.url,
    database: config.database,
    schema,
    migrationsFolder: new URL('./fixtures/events/migrations', import.meta.url).pathname,
  });
});
afterAll(async () => {
  await database?.close();
  await dropDatabase(config.mysql.url, config.database);
});

describe('allocate', () => {
  it('splits in whole cents that always add up, the largest remainders first, ties to the earlier line', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1000, [3000, 2000, 5000])).toEqual([300, 200, 500]);
    expect(allocate(10, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(allocate(7, [2, 2, 3])).toEqual([2, 2, 3]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(5, [0, 10, 0])).toEqual([0, 5, 0]);
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
  });

  it('is exact where amount × weight passes 2^53, and on a thousand random splits', () => {
    const huge = allocate(9_990_000_000_000, [99_900_000_000, 1, 3]);
    expect(huge.reduce((a, b) => a + b, 0)).toBe(9_990_000_000_000);
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 1000; i++) {
      const weights = Array.from({ length: 1 + (next() % 8) }, () => next() % 100_000);
      const amount = next() % 10_000_000;
      const shares = allocate(amount, weights);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
      const total = weights.reduce((a, b) => a + b, 0);
      shares.forEach((share, j) => {
        if (total > 0) expect(Math.abs(share - (amount * weights[j]!) / total)).toBeLessThan(1);
        expect(share).toBeGreaterThanOrEqual(0);
      });
    }
  });

  it('refuses what is not whole cents', () => {
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
    expect(() => allocate(1, [-1, 2])).toThrow(RangeError);
    expect(() => allocate(3, [])).toThrow(RangeError);
  });
});

const seatPool: ReservationPool<typeof schema> = {
  name: 'seats',
  async take(tx, resource, quantity) {
    const [result] = await tx.update(schema.seats).set({ left: sql`${schema.seats.left} - ${quantity}` }).where(and(eq(schema.seats.id, resource), sql`${schema.seats.left} >= ${quantity}`));
    if (result.affectedRows === 0) throw new AppError('CONFLICT', `No ${quantity} seats left in ${resource}.`, { reason: 'SOLD_OUT' });
  },
  async give(tx, resource, quantity) {
    await tx.update(schema.seats).set({ left: sql`${schema.seats.left} + ${quantity}` }).where(eq(schema.seats.id, resource));
  },
  async commit(tx, resource, quantity) {
    await tx.update(schema.seats).set({ used: sql`${schema.seats.used} + ${quantity}` }).where(eq(schema.seats.id, resource));
  },
};

const seatsOf = async (id: string) => (await database.db.select().from(schema.seats).where(eq(schema.seats.id, id)))[0]!;

describe('reservations', () => {
  it('takes every line or none, answers a replay with the first reservation, and is refused after a release', async () => {
    await database.db.insert(schema.seats).values([{ id: 'a', left: 3 }, { id: 'b', left: 1 }]);
    await expect(reserve(database.db, seatPool, 'o1', [{ resource: 'a', quantity: 2 }, { resource: 'b', quantity: 2 }])).rejects.toMatchObject({ extensions: { reason: 'SOLD_OUT' } });
    expect((await seatsOf('a')).left).toBe(3);
    expect(await holdOf(database.db, 'seats', 'o1')).toBeNull();

    const first = await reserve(database.db, seatPool, 'o2', [{ resource: 'b', quantity: 1 }, { resource: 'a', quantity: 1 }, { resource: 'a', quantity: 1 }]);
    expect(first).toEqual({ lines: [{ resource: 'a', quantity: 2 }, { resource: 'b', quantity: 1 }], replayed: false });
    expect(await reserve(database.db, seatPool, 'o2', [{ resource: 'a', quantity: 2 }, { resource: 'b', quantity: 1 }])).toMatchObject({ replayed: true });
    await expect(reserve(database.db, seatPool, 'o2', [{ resource: 'a', quantity: 1 }])).rejects.toMatchObject({ extensions: { reason: 'RESERVED_OTHERWISE' } });
    expect((await seatsOf('a')).left).toBe(1);

    expect(await release(database.db, seatPool, 'o2')).toMatchObject({ replayed: false });
    expect(await release(database.db, seatPool, 'o2')).toMatchObject({ replayed: true });
    expect((await seatsOf('a')).left).toBe(3);
    await expect(commit(database.db, seatPool, 'o2')).rejects.toMatchObject({ extensions: { reason: 'RELEASED' } });
    await expect(reserve(database.db, seatPool, 'o2', [{ resource: 'a', quantity: 2 }, { resource: 'b', quantity: 1 }])).rejects.toMatchObject({ extensions: { reason: 'RELEASED' } });

    // A release that comes before its reservation (a lost reply's undo) leaves a marker: the late reservation is refused.
    expect(await release(database.db, seatPool, 'o3')).toEqual({ released: [], replayed: false });
    await expect(reserve(database.db, seatPool, 'o3', [{ resource: 'a', quantity: 1 }])).rejects.toMatchObject({ extensions: { reason: 'RELEASED' } });
    expect((await seatsOf('a')).left).toBe(3);

    await reserve(database.db, seatPool, 'o4', [{ resource: 'a', quantity: 1 }]);
    expect(await commit(database.db, seatPool, 'o4')).toMatchObject({ replayed: false });
    expect(await commit(database.db, seatPool, 'o4')).toMatchObject({ replayed: true });
    await expect(release(database.db, seatPool, 'o4')).rejects.toMatchObject({ extensions: { reason: 'COMMITTED' } });
    expect(await seatsOf('a')).toMatchObject({ left: 2, used: 1 });
  });

  it('never lets a reservation outlive its release, when the two race for the same owner', async () => {
    await database.db.insert(schema.seats).values({ id: 'race', left: 1000 });
    const owners = Array.from({ length: 60 }, (_, i) => `race-${i}`);
    const outcomes = await Promise.all(
      owners.map(async (owner, i) => {
        // Reservation and undo sent at the same moment, in either order.
        const reserving = reserve(database.db, seatPool, owner, [{ resource: 'race', quantity: 5 }]).then(() => 'reserved' as const, (error: AppError) => error.extensions['reason']);
        const releasing = release(database.db, seatPool, owner);
        const [reserved] = i % 2 === 0 ? await Promise.all([reserving, releasing]) : (await Promise.all([releasing, reserving])).reverse();
        return reserved;
      }),
    );
    // Whatever the order, every owner ends released and no seat is held: exactly 1000 left.
    expect(outcomes.every((o) => o === 'reserved' || o === 'RELEASED')).toBe(true);
    for (const owner of owners) expect((await holdOf(database.db, 'seats', owner))!.status).toBe('RELEASED');
    expect((await seatsOf('race')).left).toBe(1000);
  });

  it('gives exactly what there is to 200 concurrent owners', async () => {
    await database.db.insert(schema.seats).values({ id: 'few', left: 37 });
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => reserve(database.db, seatPool, `few-${i}`, [{ resource: 'few', quantity: 1 }])));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(37);
    expect((await seatsOf('few')).left).toBe(0);
  });
});

const ledger: LedgerSpec<typeof schema.accountEntries.$inferSelect> = {
  name: 'Account',
  account: { table: schema.accounts, id: schema.accounts.id, balance: schema.accounts.balance },
  entries: { table: schema.accountEntries, account: schema.accountEntries.accountId, key: schema.accountEntries.key, kind: schema.accountEntries.kind },
  row: (e) => ({ accountId: e.account, kind: e.kind, delta: e.delta, balanceAfter: e.balanceAfter, key: e.key }),
  read: (e) => ({ kind: e.kind, delta: e.delta, balanceAfter: e.balanceAfter }),
  max: 1000,
  refusal: (delta) => ({ reason: delta < 0 ? 'INSUFFICIENT' : 'FULL', message: 'out of bounds' }),
};

describe('ledgers', () => {
  it('posts within the bounds, once per key and kind, a replay answering the first outcome', async () => {
    const [{ id }] = (await database.db.insert(schema.accounts).values({ balance: 0 }).$returningId()) as [{ id: number }];
    expect(await post(database.db, ledger, { account: id, kind: 'IN', delta: 600, key: 'k1' })).toMatchObject({ balance: 600, replayed: false });
    expect(await post(database.db, ledger, { account: id, kind: 'OUT', delta: -100, key: 'k2' })).toMatchObject({ balance: 500, replayed: false });
    // The replay answers the balance as it was then.
    expect(await post(database.db, ledger, { account: id, kind: 'IN', delta: 600, key: 'k1' })).toMatchObject({ balance: 600, replayed: true });
    await expect(post(database.db, ledger, { account: id, kind: 'IN', delta: 601, key: 'k1' })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    // The same key under another kind is another entry.
    expect(await post(database.db, ledger, { account: id, kind: 'OUT', delta: -100, key: 'k1' })).toMatchObject({ balance: 400 });
    await expect(post(database.db, ledger, { account: id, kind: 'OUT', delta: -401, key: 'k3' })).rejects.toMatchObject({ extensions: { reason: 'INSUFFICIENT' } });
    await expect(post(database.db, ledger, { account: id, kind: 'IN', delta: 601, key: 'k4' })).rejects.toMatchObject({ extensions: { reason: 'FULL' } });
    await expect(post(database.db, ledger, { account: 999_999, kind: 'IN', delta: 1, key: 'k5' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const entries = await database.db.select().from(schema.accountEntries).where(eq(schema.accountEntries.accountId, id));
    expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(400);
    expect(entries.at(-1)!.balanceAfter).toBe(400);
  });

  it('lets exactly what the balance covers through 50 concurrent debits, and a key sent 10 times at once posts once', async () => {
    const [{ id }] = (await database.db.insert(schema.accounts).values({ balance: 0 }).$returningId()) as [{ id: number }];
    await post(database.db, ledger, { account: id, kind: 'IN', delta: 100, key: 'fund' });
    const debits = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => post(database.db, ledger, { account: id, kind: 'OUT', delta: -10, key: `d${i}` })));
    expect(debits.filter((d) => d.status === 'fulfilled')).toHaveLength(10);
    const same = await Promise.all(Array.from({ length: 10 }, () => post(database.db, ledger, { account: id, kind: 'IN', delta: 50, key: 'again' })));
    expect(same.filter((s) => !s.replayed)).toHaveLength(1);
    expect(new Set(same.map((s) => s.entry.id)).size).toBe(1);
    const [account] = await database.db.select().from(schema.accounts).where(eq(schema.accounts.id, id));
    expect(account!.balance).toBe(50);
  });
});

describe('jobs', () => {
  it('runs a due job once across competing runners, retries a failure with back-off, and leaves a rescheduled job alone', async () => {
    const runs: string[] = [];
    let failures = 0;
    const attention: string[] = [];
    const spec = (who: string) => ({
      name: 'test.deadline',
      run: async ({ key }: { key: string }) => {
        if (key === 'flaky' && failures < 1) {
          failures++;
          throw new Error('not yet');
        }
        runs.push(`${who}:${key}`);
      },
    });
    for (let i = 0; i < 30; i++) await scheduleJob(database.db, { name: 'test.deadline', key: `k${i}`, dueAt: new Date(Date.now() - 1000) });
    await scheduleJob(database.db, { name: 'test.deadline', key: 'flaky', dueAt: new Date(Date.now() - 1000) });
    await scheduleJob(database.db, { name: 'test.deadline', key: 'later', dueAt: new Date(Date.now() + 3_600_000) });
    // Three replicas, each polling: every due job runs on exactly one of them.
    const runners = await Promise.all(['a', 'b', 'c'].map((who) => startJobRunner({ db: database.db, log, attention: (reason) => void attention.push(reason), jobs: [spec(who)], pollMs: 20 })));
    const keysRun = () => runs.map((r) => r.split(':')[1]!);
    await expect.poll(() => keysRun().filter((k) => k.startsWith('k')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(30);
    expect(keysRun().filter((k) => k.startsWith('k')).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`).sort());
    // The flaky one failed once and waits out its back-off (a second) before it runs again.
    await expect.poll(() => keysRun().includes('flaky'), { timeout: 15_000 }).toBe(true);
    await Promise.all(runners.map((r) => r.stop()));
    const keys = keysRun();
    expect(keys.filter((k) => k === 'flaky')).toHaveLength(1);
    expect(keys).not.toContain('later');
    expect(new Set(keys).size).toBe(keys.length);
    const left = await database.db.select().from(schema.jobs);
    expect(left.map((j) => j.key)).toEqual(['later']);
    expect(attention).toEqual([]);
  });

  it('runs a recurring job once per period across replicas', async () => {
    let ran = 0;
    const recurring = { name: 'test.every', everyMs: 60_000, run: async () => void ran++ };
    const runners = await Promise.all([1, 2, 3].map(() => startJobRunner({ db: database.db, log, attention: () => undefined, jobs: [recurring], pollMs: 20 })));
    await Promise.all(runners.map((r) => r.runDue()));
    await Promise.all(runners.map((r) => r.runDue()));
    await Promise.all(runners.map((r) => r.stop()));
    expect(ran).toBe(1);
    const [job] = await database.db.select().from(schema.jobs).where(eq(schema.jobs.name, 'test.every'));
    expect(job!.dueAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('runs a job that outlasts its lease once (the lease is renewed), and leaves one rescheduled while it ran', async () => {
    let runs = 0;
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    const slow = { name: 'test.slow', leaseMs: 200, run: async () => { runs++; await done; } };
    await scheduleJob(database.db, { name: 'test.slow', key: 'k', dueAt: new Date(Date.now() - 1000) });
    const runners = await Promise.all([1, 2].map(() => startJobRunner({ db: database.db, log, attention: () => undefined, jobs: [slow], pollMs: 20 })));
    await waitForValue(() => runs === 1);
    // Several leases pass while it runs, the other runner polling all along: the lease is
    // renewed (it moves on past where it was), so the job is never claimed again.
    const leaseNow = async () => (await database.db.select().from(schema.jobs).where(eq(schema.jobs.name, 'test.slow')))[0]!.lockedUntil?.getTime() ?? 0;
    const first = await leaseNow();
    await waitForValue(async () => (await leaseNow()) > first + 400);
    // Rescheduled while it still runs (a deadline moved): its end must leave the new schedule.
    const later = new Date(Date.now() + 3_600_000);
    await scheduleJob(database.db, { name: 'test.slow', key: 'k', dueAt: later });
    finish();
    await Promise.all(runners.map((r) => r.stop()));
    expect(runs).toBe(1);
    // The run's end left the new schedule as it was.
    const [row] = await database.db.select().from(schema.jobs).where(eq(schema.jobs.name, 'test.slow'));
    expect(row!.dueAt.getTime()).toBe(later.getTime());
  });
});

/** Waits until `check` holds (vitest's poll, 10 s). */
async function waitForValue(check: () => boolean | Promise<boolean>): Promise<void> {
  await expect.poll(check, { timeout: 10_000 }).toBe(true);
}
