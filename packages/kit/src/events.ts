import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { char, index, int, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { createdAtColumn, idColumn, timeColumn } from './columns.ts';
import { jsonColumn, isDuplicateKey, type TransactionOf } from './db.ts';
import type { Logger } from './logger.ts';

/**
 * Events through a transactional outbox. A service writes the event row in the same
 * transaction as the state change (`writeEvent`); the relay publishes committed rows to
 * JetStream with the event id as `Nats-Msg-Id` (so a republish after a crash is dropped as
 * a duplicate) and marks them; consumers record each event id they have applied in the
 * same transaction as its effect (`consumeEvents`), so a redelivery changes nothing.
 * Every subgraph that publishes or consumes includes these two tables in its schema.
 */

/** Events waiting to be (or already) published. */
export const outbox = mysqlTable('outbox', {
  id: idColumn(),
  eventId: char('event_id', { length: 36 }).notNull(),
  subject: varchar('subject', { length: 100 }).notNull(),
  payload: jsonColumn<EventEnvelope>('payload').notNull(),
  attempts: int('attempts').notNull().default(0),
  createdAt: createdAtColumn(),
  publishedAt: timeColumn('published_at'),
}, (t) => [index('outbox_unpublished_idx').on(t.publishedAt, t.id), index('outbox_event_idx').on(t.eventId)]);

/** Event ids each consumer has applied. */
export const processedEvents = mysqlTable('processed_events', {
  consumer: varchar('consumer', { length: 64 }).notNull(),
  eventId: char('event_id', { length: 36 }).notNull(),
  processedAt: createdAtColumn(),
}, (t) => [primaryKey({ name: 'processed_events_pk', columns: [t.consumer, t.eventId] })]);

/** What travels on the wire for every event. */
export interface EventEnvelope<TData = unknown> {
  id: string;
  /** The subject without the deployment prefix, e.g. `order.paid`. */
  type: string;
  occurredAt: string;
  source: string;
  data: TData;
}

/** Where events go: the JetStream stream and the subject prefix (empty in production; tests isolate with it). */
export interface EventsConfig {
  stream: string;
  prefix: string;
}

/** The event domains the stream captures (commands such as `membership.wallet.debit` stay out). */
export const EVENT_DOMAINS = ['order', 'stock', 'payment', 'member', 'promotion', 'distribution'] as const;

type AnyDb = MySql2Database<Record<string, unknown>>;
type Tx = Parameters<Parameters<AnyDb['transaction']>[0]>[0];

/** Anything that can run Drizzle statements: a database or an open transaction. */
type Executor = Pick<AnyDb, 'insert'> | Pick<Tx, 'insert'>;

/** Writes an event in the caller's transaction; it is published only if that transaction commits. */
export async function writeEvent<TData>(tx: Executor, source: string, type: string, data: TData): Promise<EventEnvelope<TData>> {
  const envelope: EventEnvelope<TData> = { id: randomUUID(), type, occurredAt: new Date().toISOString(), source, data };
  await (tx as AnyDb).insert(outbox).values({ eventId: envelope.id, subject: type, payload: envelope as EventEnvelope });
  return envelope;
}

/** Creates the stream when missing (file storage, 2-minute duplicate window). */
export async function ensureEventStream(nats: NatsConnection, config: EventsConfig): Promise<void> {
  const jsm = await jetstreamManager(nats);
  const subjects = EVENT_DOMAINS.map((domain) => `${config.prefix}${domain}.>`);
  let info;
  try {
    info = await jsm.streams.info(config.stream);
  } catch {
    try {
      await jsm.streams.add({ name: config.stream, subjects, duplicate_window: nanos(120_000) });
      return;
    } catch (error) {
      // Another process created it in between.
      info = await jsm.streams.info(config.stream).catch(() => {
        throw error;
      });
    }
  }
  // A stream made before a new event domain existed learns its subjects.
  const missing = subjects.filter((subject) => !info.config.subjects?.includes(subject));
  if (missing.length > 0) {
    await jsm.streams.update(config.stream, { subjects: [...(info.config.subjects ?? []), ...missing] });
  }
}

/** What the outbox relay and event consumers run on. */
export interface EventWiring<TSchema extends Record<string, unknown>> {
  db: MySql2Database<TSchema>;
  nats: NatsConnection;
  events: EventsConfig;
  log: Logger;
}

/** A subgraph's database, NATS connection, stream settings and logger, as the relay and consumers take them. */
export function eventWiring<TSchema extends Record<string, unknown>>(deps: {
  database: { db: MySql2Database<TSchema> };
  nats: NatsConnection;
  config: { events: EventsConfig };
  log: Logger;
}): EventWiring<TSchema> {
  return { db: deps.database.db, nats: deps.nats, events: deps.config.events, log: deps.log };
}

export interface OutboxRelay {
  /** Publishes what is pending now; resolves to how many events went out. */
  drainOnce(): Promise<number>;
  /** Asks for a drain soon (after a commit that wrote events). */
  nudge(): void;
  stop(): Promise<void>;
}

/**
 * Publishes committed outbox rows, a batch per transaction in id order (across replicas,
 * or when commits finish out of id order, events of different rows may overtake each
 * other; consumers must not rely on a global order), rows locked with
 * SKIP LOCKED so several replicas share the work. A row is marked only after JetStream
 * acknowledged it; a crash in between republishes it, and JetStream drops the duplicate.
 */
export function startOutboxRelay<TSchema extends Record<string, unknown>>(options: EventWiring<TSchema> & {
  batchSize?: number;
  intervalMs?: number;
  /** Called after each publish (tests slow the relay down with it, to stop it mid-batch). */
  afterPublish?: (eventId: string) => Promise<void>;
}): OutboxRelay {
  const db = options.db as unknown as AnyDb;
  const js = jetstream(options.nats);
  const batchSize = options.batchSize ?? 100;
  let running: Promise<number> | null = null;
  let stopped = false;
  let streamReady: Promise<void> | null = null;

  async function drain(): Promise<number> {
    streamReady ??= ensureEventStream(options.nats, options.events).catch((error: unknown) => {
      streamReady = null;
      throw error;
    });
    await streamReady;
    // READ COMMITTED: the locked batch takes no gap locks, so services keep writing new
    // events while this batch waits for JetStream's acknowledgements.
    return db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(isNull(outbox.publishedAt))
        .orderBy(asc(outbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        await js.publish(`${options.events.prefix}${row.subject}`, JSON.stringify(row.payload), { msgID: row.eventId });
        await options.afterPublish?.(row.eventId);
      }
      if (rows.length > 0) {
        await tx
          .update(outbox)
          .set({ publishedAt: new Date(), attempts: sql`${outbox.attempts} + 1` })
          .where(sql`${outbox.id} IN (${sql.join(rows.map((r) => sql`${r.id}`), sql`, `)})`);
      }
      return rows.length;
    }, { isolationLevel: 'read committed' });
  }

  function drainOnce(): Promise<number> {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        const sent = await drainOnce();
        if (sent === batchSize) continue;
      } catch (error) {
        options.log.warn({ err: error }, 'outbox relay failed; retrying');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.intervalMs ?? 250).unref();
      });
    }
  }
  let wake: () => void = () => {};
  const looping = loop();
  return {
    drainOnce,
    nudge: () => wake(),
    async stop() {
      stopped = true;
      wake();
      await looping;
    },
  };
}

export interface EventConsumer {
  stop(): Promise<void>;
}

/**
 * A durable JetStream consumer named `name` on `subject` (a wildcard is allowed). Each
 * event is applied in one transaction together with the record that `name` processed
 * it; an event already recorded is acknowledged without running `handle` again. A failing
 * `handle` rolls back and the event comes again a second later. `handle` may return a
 * follow-up to run after the commit (a nudge, a call that need not hold the transaction);
 * a failing follow-up is logged, not retried, so it must be work something else will redo.
 */
export async function consumeEvents<TSchema extends Record<string, unknown>>(options: EventWiring<TSchema> & {
  name: string;
  subject: string;
  /** Runs in the consumer's transaction, typed for the subgraph's own schema. */
  handle: (tx: TransactionOf<TSchema>, event: EventEnvelope) => Promise<void | (() => Promise<void>)>;
}): Promise<EventConsumer> {
  const db = options.db as unknown as AnyDb;
  await ensureEventStream(options.nats, options.events);
  const jsm = await jetstreamManager(options.nats);
  const durable = `${options.events.prefix}${options.name}`.replace(/[^\w-]/g, '_');
  try {
    await jsm.consumers.info(options.events.stream, durable);
  } catch {
    await jsm.consumers.add(options.events.stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${options.events.prefix}${options.subject}`,
      ack_wait: nanos(30_000),
    });
  }
  const consumer = await jetstream(options.nats).consumers.get(options.events.stream, durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 50 });
  const done = (async () => {
    for await (const msg of messages) {
      try {
        const event = msg.json<EventEnvelope>();
        const followUp = await db.transaction(async (tx) => {
          try {
            await tx.insert(processedEvents).values({ consumer: options.name, eventId: event.id });
          } catch (error) {
            if (isDuplicateKey(error)) return undefined;
            throw error;
          }
          return options.handle(tx as unknown as TransactionOf<TSchema>, event);
        });
        msg.ack();
        if (followUp) {
          await followUp().catch((error: unknown) => options.log.warn({ err: error, consumer: options.name, eventId: event.id }, 'follow-up after an event failed'));
        }
      } catch (error) {
        options.log.error({ err: error, consumer: options.name, subject: msg.subject }, 'event handler failed; will retry');
        msg.nak(1000);
      }
    }
  })();
  return {
    async stop() {
      await messages.close();
      await done;
    },
  };
}

/** True when `consumer` has applied event `eventId` (for tests and diagnostics). */
export async function hasProcessed<TSchema extends Record<string, unknown>>(db: MySql2Database<TSchema>, consumer: string, eventId: string): Promise<boolean> {
  const rows = await (db as unknown as AnyDb)
    .select()
    .from(processedEvents)
    .where(and(eq(processedEvents.consumer, consumer), eq(processedEvents.eventId, eventId)));
  return rows.length > 0;
}
