import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { datetime, index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { createdAtColumn, idColumn, timeColumn } from './columns.ts';
import { jsonColumn } from './db.ts';
import type { Executor } from './events.ts';
import type { Logger } from './logger.ts';

/**
 * Scheduled work that runs once across replicas: deadlines (an order's payment window, a
 * shipped order's auto-completion) and recurring passes (a sweeper). A job is a row, due at
 * a time; every replica polls, and a due job is claimed with `FOR UPDATE SKIP LOCKED` and a
 * lease, so one replica runs it. A job that fails comes back after a back-off (1 s doubling
 * to 10 minutes), and after 5 failures in a row it is counted as `job_failing` for a person,
 * still retried. A replica that dies mid-job leaves it to another once the lease runs out,
 * so a handler must be idempotent (check state under a row lock, as every deadline does).
 */
export const jobs = mysqlTable('jobs', {
  id: idColumn(),
  name: varchar('name', { length: 64 }).notNull(),
  key: varchar('job_key', { length: 120 }).notNull(),
  dueAt: datetime('due_at', { mode: 'date', fsp: 3 }).notNull(),
  payload: jsonColumn<unknown>('payload'),
  /** Raised by every (re)schedule: a run finishing for an older version leaves the new one alone. */
  version: int('version').notNull().default(1),
  /** Failed runs in a row. */
  attempts: int('attempts').notNull().default(0),
  lockedUntil: timeColumn('locked_until'),
  lastError: varchar('last_error', { length: 500 }),
  createdAt: createdAtColumn(),
}, (t) => [uniqueIndex('jobs_name_key_uq').on(t.name, t.key), index('jobs_due_idx').on(t.dueAt)]);

export interface JobSpec {
  /** Names the kind of work (`order.expire`); unique within the subgraph. */
  name: string;
  /** Runs one due job; throwing retries it later. */
  run(job: { key: string; payload: unknown; attempts: number }): Promise<void>;
  /** A recurring job: created at start when missing, and due again this long after each run. */
  everyMs?: number;
  /** How long a claim holds before another replica may take the job again (default 60 s). */
  leaseMs?: number;
}

/**
 * Schedules job `name`/`key` at `dueAt`, in the caller's transaction (so the deadline exists
 * exactly when the change that needs it commits). Scheduling it again moves it.
 */
export async function scheduleJob(tx: Executor, job: { name: string; key: string; dueAt: Date; payload?: unknown }): Promise<void> {
  await (tx as MySql2Database<Record<string, unknown>>)
    .insert(jobs)
    .values({ name: job.name, key: job.key, dueAt: job.dueAt, payload: job.payload ?? null })
    .onDuplicateKeyUpdate({
      set: {
        dueAt: job.dueAt,
        payload: job.payload ?? null,
        version: sql`${jobs.version} + 1`,
        attempts: 0,
        lockedUntil: null,
        lastError: null,
      },
    });
}

/** Removes job `name`/`key` (nothing left to do), in the caller's transaction. */
export async function cancelJob(tx: Pick<MySql2Database<Record<string, unknown>>, 'delete'>, name: string, key: string): Promise<void> {
  await tx.delete(jobs).where(and(eq(jobs.name, name), eq(jobs.key, key)));
}

export interface JobRunner {
  /** Claims and runs what is due now (at `now`); resolves to how many ran. Tests call it to skip the wait. */
  runDue(now?: Date): Promise<number>;
  stop(): Promise<void>;
}

const RECURRING_KEY = 'every';
const ATTENTION_AFTER = 5;

const backoffMs = (failures: number) => Math.min(600_000, 1000 * 2 ** Math.min(10, failures - 1));

/** Polls for due jobs every `pollMs` and runs them (at most 4 at once) until stopped. */
export async function startJobRunner(options: {
  db: MySql2Database<Record<string, unknown>> | MySql2Database<never>;
  log: Logger;
  attention: (reason: string, details: Record<string, unknown>, message: string) => void;
  jobs: JobSpec[];
  pollMs: number;
  batchSize?: number;
}): Promise<JobRunner> {
  const db = options.db as MySql2Database<Record<string, unknown>>;
  const specs = new Map(options.jobs.map((spec) => [spec.name, spec]));
  // No more claimed than are run at once: a claimed job waiting in a queue would use up its lease.
  const batchSize = options.batchSize ?? 4;
  const log = options.log.child({ component: 'jobs' });
  const recurring = options.jobs.filter((spec) => spec.everyMs !== undefined);
  if (recurring.length > 0) {
    await db
      .insert(jobs)
      .ignore()
      .values(recurring.map((spec) => ({ name: spec.name, key: RECURRING_KEY, dueAt: new Date() })));
  }

  const leaseOf = (job: { name: string }) => specs.get(job.name)?.leaseMs ?? 60_000;

  async function claim(now: Date) {
    return db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(jobs)
        .where(and(inArray(jobs.name, [...specs.keys()]), lte(jobs.dueAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
        .orderBy(asc(jobs.dueAt))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      // Each claim raises the version: a runner finishes, renews or fails only the claim it
      // holds, never one another replica made after its lease ran out.
      for (const job of due) {
        await tx.update(jobs).set({ lockedUntil: new Date(now.getTime() + leaseOf(job)), version: sql`${jobs.version} + 1` }).where(eq(jobs.id, job.id));
      }
      return due.map((job) => ({ ...job, version: job.version + 1 }));
    }, { isolationLevel: 'read committed' });
  }

  async function runOne(job: typeof jobs.$inferSelect): Promise<void> {
    const spec = specs.get(job.name)!;
    const mine = and(eq(jobs.id, job.id), eq(jobs.version, job.version));
    // The lease is renewed while the job runs, so a long run (a sweep through a slow
    // neighbour) is not taken over by another replica.
    const lease = leaseOf(job);
    const heartbeat = setInterval(() => {
      void db.update(jobs).set({ lockedUntil: new Date(Date.now() + lease) }).where(mine).catch((error: unknown) => log.warn({ err: error, job: job.name }, 'renewing a job lease failed'));
    }, Math.max(50, Math.floor(lease / 3)));
    heartbeat.unref();
    try {
      await spec.run({ key: job.key, payload: job.payload, attempts: job.attempts });
    } catch (error) {
      clearInterval(heartbeat);
      const attempts = job.attempts + 1;
      const details = { err: error, job: job.name, key: job.key, attempts };
      if (attempts === ATTENTION_AFTER) options.attention('job_failing', details, 'a job keeps failing; retrying');
      else log.warn(details, 'job failed; retrying later');
      const message = error instanceof Error ? error.message : String(error);
      await db
        .update(jobs)
        .set({ attempts, lastError: message.slice(0, 500), lockedUntil: null, dueAt: new Date(Date.now() + backoffMs(attempts)) })
        .where(mine);
      return;
    }
    clearInterval(heartbeat);
    if (spec.everyMs !== undefined) {
      await db.update(jobs).set({ attempts: 0, lastError: null, lockedUntil: null, dueAt: new Date(Date.now() + spec.everyMs) }).where(mine);
    } else {
      await db.delete(jobs).where(mine);
    }
  }

  // One pass at a time in this process: a test's pass waits for the poller's.
  let tail: Promise<unknown> = Promise.resolve();
  function runDue(now = new Date()): Promise<number> {
    const pass = tail.then(async () => {
      const claimed = await claim(now);
      const queue = [...claimed];
      await Promise.all(
        Array.from({ length: Math.min(4, queue.length) }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) await runOne(job);
        }),
      );
      return claimed.length;
    });
    tail = pass.catch(() => undefined);
    return pass;
  }

  let stopped = false;
  let wake: () => void = () => {};
  const loop = (async () => {
    while (!stopped) {
      try {
        const ran = await runDue();
        if (ran === batchSize) continue;
      } catch (error) {
        log.warn({ err: error }, 'claiming jobs failed; retrying');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.pollMs).unref();
      });
    }
  })();
  return {
    runDue,
    async stop() {
      stopped = true;
      wake();
      await loop;
      await tail;
    },
  };
}
