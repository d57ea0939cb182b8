import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { char, index, int, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import { createdAtColumn, idColumn, timeColumn } from './columns.ts';
import { afterCommit, isDuplicateKey, jsonColumn, rootDatabaseOf, type TransactionOf } from './db.ts';
import type { Logger } from './logger.ts';
import { EVENT_DOMAINS } from './registry.ts';

/**
 * Events through a transactional outbox. A service writes the event row in the same
 * transaction as the state change (`writeEvent`, or a typed catalog's `write`); the relay
 * publishes committed rows to JetStream with the event id as `Nats-Msg-Id` (so a republish
 * after a crash is dropped as a duplicate) and marks them; it is nudged as soon as a
 * transaction that wrote an event commits. Consumers validate every payload with its
 * contract, then record each event id they have applied in the same transaction as its
 * effect (`consumeEvents`), so a redelivery changes nothing; a payload that fails its
 * contract is parked for a person, never retried. Every subgraph that publishes includes
 * `outbox`, every one that consumes `processedEvents` and `parkedEvents`, in its schema.
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

/**
 * Events a consumer could not take: a payload that is not JSON or breaks its contract.
 * They are acknowledged (never redelivered) and wait here, with the reason, for a person.
 */
export const parkedEvents = mysqlTable('parked_events', {
  id: idColumn(),
  consumer: varchar('consumer', { length: 64 }).notNull(),
  /** The envelope's id, or `seq:<stream sequence>` when there was no readable envelope. */
  eventId: varchar('event_id', { length: 64 }).notNull(),
  subject: varchar('subject', { length: 200 }).notNull(),
  /** The message exactly as it arrived. */
  payload: text('payload').notNull(),
  error: varchar('error', { length: 1000 }).notNull(),
  parkedAt: createdAtColumn(),
}, (t) => [uniqueIndex('parked_events_consumer_event_uq').on(t.consumer, t.eventId)]);

/** What travels on the wire for every event. */
export interface EventEnvelope<TData = unknown> {
  id: string;
  /** The subject without the deployment prefix, e.g. `order.paid`. */
  type: string;
  occurredAt: string;
  /** The subgraph that wrote it. */
  source: string;
  data: TData;
}

/** Where events go: the JetStream stream and the subject prefix (empty in production; tests isolate with it). */
export interface EventsConfig {
  stream: string;
  prefix: string;
}

export { EVENT_DOMAINS };

type AnyDb = MySql2Database<Record<string, unknown>>;
type Tx = Parameters<Parameters<AnyDb['transaction']>[0]>[0];

/** Anything that can run Drizzle statements: a database or an open transaction. */
export type Executor = Pick<AnyDb, 'insert'> | Pick<Tx, 'insert'>;

/** Who publishes a database's outbox: its subgraph's name, and how to wake its relay. */
const publishers = new WeakMap<object, { source: string; nudge: () => void }>();

/**
 * Writes an event in the caller's transaction; it is published only if that transaction
 * commits, and the subgraph's relay is nudged right after the commit. Untyped: services use
 * their contracts' typed catalog (`defineEvents`), which validates the payload first.
 */
export async function writeEvent<TData>(tx: Executor, type: string, data: TData): Promise<EventEnvelope<TData>> {
  const publisher = publishers.get(rootDatabaseOf(tx));
  const envelope: EventEnvelope<TData> = { id: randomUUID(), type, occurredAt: new Date().toISOString(), source: publisher?.source ?? 'unknown', data };
  await (tx as AnyDb).insert(outbox).values({ eventId: envelope.id, subject: type, payload: envelope as EventEnvelope });
  if (publisher) afterCommit(tx, publisher.nudge);
  return envelope;
}

/** A map of event type (`order.paid`) to the zod schema of its payload. */
export type EventSchemas = Record<string, z.ZodType>;

/** A consumer's handler: runs in the consumer's transaction; may return a follow-up for after the commit. */
export type EventHandler<TSchema extends Record<string, unknown>, TData> = (
  tx: TransactionOf<TSchema>,
  data: TData,
  event: EventEnvelope<TData>,
) => Promise<void | (() => Promise<void>)>;

/** A durable consumer as a subgraph declares it; the kit starts it (`consumeEvents`). */
export interface ConsumerSpec<TSchema extends Record<string, unknown>> {
  /** The durable consumer's name, unique in the mall (`cart-order-created`). */
  name: string;
  /** The event type it takes (NATS 2.9 gives a consumer one filter subject). */
  type: string;
  /** Checks a payload against its contract: the typed data, or why not. */
  validate(type: string, data: unknown): { ok: true; data: unknown } | { ok: false; error: string };
  handle: EventHandler<TSchema, unknown>;
}

/** Typed events: one writer and one consumer factory over the mall's event contracts. */
export interface EventCatalog<M extends EventSchemas> {
  schemas: M;
  /** `writeEvent` with the payload checked against its contract first (a bad payload throws, rolling the change back). */
  write<T extends keyof M & string>(tx: Executor, type: T, data: z.input<M[T]>): Promise<EventEnvelope<z.output<M[T]>>>;
  /** A durable consumer of `type` events, its handler given validated, typed data. */
  consumer<T extends keyof M & string, TSchema extends Record<string, unknown>>(
    type: T,
    spec: { name: string; handle: EventHandler<TSchema, z.output<M[T]>> },
  ): ConsumerSpec<TSchema>;
}

export function defineEvents<M extends EventSchemas>(schemas: M): EventCatalog<M> {
  const schemaOf = (type: string): z.ZodType => {
    const schema = schemas[type];
    if (!schema) throw new Error(`no contract for event ${type}`);
    return schema;
  };
  return {
    schemas,
    async write(tx, type, data) {
      const parsed = schemaOf(type).parse(data) as z.output<M[typeof type]>;
      return writeEvent(tx, type, parsed);
    },
    consumer(type, spec) {
      const schema = schemaOf(type);
      return {
        name: spec.name,
        type,
        validate(arrived, data) {
          if (arrived !== type) return { ok: false, error: `${spec.name} takes ${type} events, not ${arrived}` };
          const result = schema.safeParse(data);
          if (result.success) return { ok: true, data: result.data };
          return { ok: false, error: result.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ').slice(0, 900) };
        },
        // Sound: `validate` hands `handle` only data its schema produced.
        handle: spec.handle as unknown as EventHandler<Parameters<typeof spec.handle>[0] extends TransactionOf<infer S> ? S : never, unknown>,
      };
    },
  };
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
  /** Counts and logs a case for a person (a parked event); the kit's metrics supply it. */
  attention?: (reason: string, details: Record<string, unknown>, message: string) => void;
}

export interface OutboxRelay {
  /** Publishes what is pending now; resolves to how many events went out. */
  drainOnce(): Promise<number>;
  /** Asks for a drain soon (the kit does it after every commit that wrote an event). */
  nudge(): void;
  stop(): Promise<void>;
}

/**
 * Publishes committed outbox rows, a batch per transaction in id order (across replicas,
 * or when commits finish out of id order, events of different rows may overtake each
 * other; consumers must not rely on a global order), rows locked with
 * SKIP LOCKED so several replicas share the work. A row is marked only after JetStream
 * acknowledged it; a crash in between republishes it, and JetStream drops the duplicate.
 * `source` names the subgraph in every envelope its services write from now on.
 */
export function startOutboxRelay<TSchema extends Record<string, unknown>>(options: EventWiring<TSchema> & {
  source?: string;
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
  let wanted = false;

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
      wanted = false;
      try {
        const sent = await drainOnce();
        // A full batch, or a nudge that came while draining: there may be more right away.
        if (sent === batchSize || wanted) continue;
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
  const nudge = () => {
    wanted = true;
    wake();
  };
  publishers.set(db, { source: options.source ?? 'unknown', nudge });
  const looping = loop();
  return {
    drainOnce,
    nudge,
    async stop() {
      stopped = true;
      if (publishers.get(db)?.nudge === nudge) publishers.delete(db);
      wake();
      await looping;
    },
  };
}

export interface EventConsumer {
  /** The JetStream durable name (with the deployment prefix). */
  durable: string;
  /** True while no event is being applied (its transaction and follow-up included). */
  idle(): boolean;
  stop(): Promise<void>;
}

/** The JetStream durable name of consumer `name` under a deployment prefix. */
export function durableName(prefix: string, name: string): string {
  return `${prefix}${name}`.replace(/[^\w-]/g, '_');
}

/** Follow-ups of one consumer that run at once (after their events' commits). */
const FOLLOW_UPS_AT_ONCE = 8;

/** After this many failed deliveries of one event a consumer raises attention (and keeps retrying). */
const FAILURES_BEFORE_ATTENTION = 10;

/**
 * Runs a durable JetStream consumer for `spec`. Each event's payload is first checked
 * against its contract: one that is not JSON or breaks it is parked (`parked_events`) and
 * counted as `event_parked`, then acknowledged, so it is never retried and never stops the
 * consumer. A valid event is applied in one transaction together with the record that this
 * consumer processed it; an event already recorded is acknowledged without running
 * `handle` again. A failing `handle` rolls back and the event comes again after a back-off
 * (1 s doubling to a minute; attention after 10 failures). `handle` may return a follow-up
 * to run after the commit, beside the next events (up to 8 at once); a failing follow-up is
 * logged, not retried, so it must be work something else will redo.
 */
export async function consumeEvents<TSchema extends Record<string, unknown>>(
  wiring: EventWiring<TSchema>,
  spec: ConsumerSpec<TSchema>,
): Promise<EventConsumer> {
  const db = wiring.db as unknown as AnyDb;
  await ensureEventStream(wiring.nats, wiring.events);
  const jsm = await jetstreamManager(wiring.nats);
  const durable = durableName(wiring.events.prefix, spec.name);
  try {
    await jsm.consumers.info(wiring.events.stream, durable);
  } catch {
    await jsm.consumers.add(wiring.events.stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${wiring.events.prefix}${spec.type}`,
      ack_wait: nanos(30_000),
    });
  }
  const consumer = await jetstream(wiring.nats).consumers.get(wiring.events.stream, durable);
  // Few buffered: a message's ack wait runs from its delivery, also while it waits in the buffer.
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 20 });
  const log = wiring.log.child({ consumer: spec.name });

  async function park(msg: JsMsg, eventId: string, error: string): Promise<void> {
    const subject = msg.subject.slice(wiring.events.prefix.length);
    try {
      await db.insert(parkedEvents).values({ consumer: spec.name, eventId: eventId.slice(0, 64), subject: subject.slice(0, 200), payload: msg.string(), error: error.slice(0, 1000) });
    } catch (caught) {
      if (!isDuplicateKey(caught)) throw caught;
    }
    const details = { consumer: spec.name, eventId, subject, error };
    if (wiring.attention) wiring.attention('event_parked', details, 'an event broke its contract and was parked');
    else log.error(details, 'an event broke its contract and was parked');
    // Parked is done with: it must never come again.
    msg.ack();
  }

  /** Parks, skips or applies one message, and acknowledges it; throws when it should come again. */
  async function take(msg: JsMsg): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = msg.json<EventEnvelope>();
    } catch {
      await park(msg, `seq:${msg.seq}`, 'not JSON');
      return;
    }
    if (typeof envelope !== 'object' || envelope === null || typeof envelope.id !== 'string' || !/^[\w-]{1,64}$/.test(envelope.id) || typeof envelope.type !== 'string') {
      await park(msg, `seq:${msg.seq}`, 'not an event envelope (id, type, data)');
      return;
    }
    const checked = spec.validate(envelope.type, envelope.data);
    if (!checked.ok) {
      await park(msg, envelope.id, checked.error);
      return;
    }
    const event: EventEnvelope = { ...envelope, data: checked.data };
    const followUp = await db.transaction(async (tx) => {
      try {
        await tx.insert(processedEvents).values({ consumer: spec.name, eventId: event.id });
      } catch (error) {
        if (isDuplicateKey(error)) return undefined;
        throw error;
      }
      return spec.handle(tx as unknown as TransactionOf<TSchema>, event.data, event);
    });
    msg.ack();
    if (followUp) {
      // Off the loop: a slow follow-up (a provider's API) must not hold the events behind it
      // past their ack wait; a few run at once, and the loop waits when that many are out.
      const running: Promise<void> = Promise.resolve()
        .then(followUp)
        .catch((error: unknown) => log.warn({ err: error, eventId: event.id }, 'follow-up after an event failed'))
        .finally(() => followUps.delete(running));
      followUps.add(running);
    }
  }

  const followUps = new Set<Promise<void>>();
  let busy = false;
  const done = (async () => {
    for await (const msg of messages) {
      busy = true;
      try {
        while (followUps.size >= FOLLOW_UPS_AT_ONCE) {
          // The message waits for a free slot: its ack wait starts again while it does.
          msg.working();
          await Promise.race([...followUps, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
        }
        await take(msg);
      } catch (error) {
        const deliveries = msg.info.deliveryCount;
        const details = { err: error, consumer: spec.name, subject: msg.subject, deliveries };
        if (deliveries === FAILURES_BEFORE_ATTENTION && wiring.attention) wiring.attention('event_handler_failing', details, 'an event handler keeps failing; retrying');
        else log.error(details, 'event handler failed; will retry');
        msg.nak(Math.min(60_000, 1000 * 2 ** Math.min(6, deliveries - 1)));
      } finally {
        busy = false;
      }
    }
  })();
  return {
    durable,
    idle: () => !busy && followUps.size === 0,
    async stop() {
      await messages.close();
      await done;
      await Promise.all(followUps);
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
