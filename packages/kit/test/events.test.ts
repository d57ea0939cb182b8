import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { count, isNull, sql } from 'drizzle-orm';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connectNats,
  consumeEvents,
  createLogger,
  defineEvents,
  dropDatabase,
  loadSubgraphConfig,
  openDatabase,
  startOutboxRelay,
  writeEvent,
  z,
  type Database,
  type NatsConnection,
} from '../src/index.ts';
import * as schema from './fixtures/events/schema.ts';

/** A contract of this test's own, as packages/contracts defines the mall's. */
const testEvents = defineEvents({
  'stock.changed': z.object({ skuId: z.number().int(), stock: z.number().int() }),
});

// A stream, subject prefix and database of this file's own: parallel runs never meet.
const run = randomUUID().slice(0, 8);
const env = {
  ...process.env,
  CATALOG_DATABASE: `test_kitevents_${process.pid}_${run}`,
  EVENTS_STREAM: `TEST_${run}`,
  SUBJECT_PREFIX: `t${run}.`,
};
const config = loadSubgraphConfig('catalog', env);
const log = createLogger('test', 'silent');
let database: Database<typeof schema>;
let nats: NatsConnection;

beforeAll(async () => {
  database = await openDatabase({
    url: config.mysql.url,
    database: config.database,
    schema,
    migrationsFolder: new URL('./fixtures/events/migrations', import.meta.url).pathname,
  });
  nats = await connectNats(config.natsUrl, 'test-events');
});
afterAll(async () => {
  const jsm = await jetstreamManager(nats);
  await jsm.streams.delete(config.events.stream).catch(() => undefined);
  await nats?.drain();
  await database?.close();
  await dropDatabase(config.mysql.url, config.database);
});

async function streamCount(): Promise<number> {
  const jsm = await jetstreamManager(nats);
  return (await jsm.streams.info(config.events.stream)).state.messages;
}

describe('transactional outbox', () => {
  it('publishes nothing of a transaction that rolls back', async () => {
    await database.db
      .transaction(async (tx) => {
        await writeEvent(tx, 'stock.changed', { skuId: 1 });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const [pending] = await database.db.select({ n: count() }).from(schema.outbox);
    expect(pending!.n).toBe(0);
  });

  it('loses no event and doubles none when the relay is killed between publish and mark', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      await database.db.transaction(async (tx) => {
        ids.push((await writeEvent(tx, 'stock.changed', { skuId: i, stock: 100 - i })).id);
      });
    }
    // The relay publishes one by one and marks the batch of 10 at its end: kill it mid-batch.
    const child = spawn(process.execPath, [new URL('./fixtures/events/relayProcess.ts', import.meta.url).pathname], {
      env: { ...env, RELAY_DELAY_MS: '40' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let published = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        published += chunk.toString().split('\n').filter((l) => l.startsWith('published')).length;
        if (published >= 15 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const [unmarked] = await database.db.select({ n: count() }).from(schema.outbox).where(isNull(schema.outbox.publishedAt));
    expect(unmarked!.n).toBeGreaterThan(0);
    expect(await streamCount()).toBeGreaterThanOrEqual(15);

    // A new relay (as after a restart) publishes the rest; the republished ones are dropped.
    const relay = startOutboxRelay({ db: database.db, nats, events: config.events, log });
    while ((await relay.drainOnce()) > 0);
    await relay.stop();
    expect(await streamCount()).toBe(30);
    const [stillPending] = await database.db.select({ n: count() }).from(schema.outbox).where(isNull(schema.outbox.publishedAt));
    expect(stillPending!.n).toBe(0);

    // Every event is on the stream exactly once, in order.
    const jsm = await jetstreamManager(nats);
    const seen: string[] = [];
    const reader = await jetstream(nats).consumers.get(config.events.stream);
    for (let i = 0; i < 30; i++) {
      const msg = await reader.next({ expires: 2000 });
      if (!msg) break;
      seen.push(msg.json<{ id: string }>().id);
    }
    expect(seen).toEqual(ids);
    expect((await jsm.streams.info(config.events.stream)).state.messages).toBe(30);
  });

  it('applies each event once, across redeliveries and duplicates beyond the stream’s window', async () => {
    let failOnce = true;
    let handled = 0;
    const consumer = await consumeEvents(
      { db: database.db, nats, events: config.events, log },
      testEvents.consumer('stock.changed', {
        name: 'test-effects',
        handle: async (tx, data, event) => {
          handled++;
          await tx.insert(schema.effects).values({ eventId: event.id, amount: data.stock });
          // The first attempt fails after writing: the effect must roll back with it.
          if (failOnce) {
            failOnce = false;
            throw new Error('transient failure');
          }
        },
      }),
    );
    // The 30 events of the previous test, plus one event published twice with different
    // message ids (as a relay would after the dedupe window): it must apply once.
    const envelope = { id: randomUUID(), type: 'stock.changed', occurredAt: new Date().toISOString(), source: 'test', data: { skuId: 99, stock: 7 } };
    const js = jetstream(nats);
    await js.publish(`${config.events.prefix}stock.changed`, JSON.stringify(envelope), { msgID: `${envelope.id}-a` });
    await js.publish(`${config.events.prefix}stock.changed`, JSON.stringify(envelope), { msgID: `${envelope.id}-b` });

    const applied = async () => (await database.db.select({ n: count() }).from(schema.effects))[0]!.n;
    await expect.poll(applied, { timeout: 15_000 }).toBe(31);
    await consumer.stop();
    expect(await applied()).toBe(31);
    const [sum] = await database.db.select({ total: sql<string>`SUM(${schema.effects.amount})` }).from(schema.effects);
    expect(Number(sum!.total)).toBe(Array.from({ length: 30 }, (_, i) => 100 - i).reduce((a, b) => a + b, 0) + 7);
    // 32 messages, one failed attempt retried, one duplicate skipped before the handler.
    expect(handled).toBe(32);
  });

  it('parks a payload that breaks its contract, and one that is not JSON, and goes on with the next event', async () => {
    const attention: Array<{ reason: string; details: Record<string, unknown> }> = [];
    const applied: number[] = [];
    const consumer = await consumeEvents(
      { db: database.db, nats, events: config.events, log, attention: (reason, details) => void attention.push({ reason, details }) },
      testEvents.consumer('stock.changed', {
        name: 'test-parking',
        handle: async (_tx, data) => void applied.push(data.stock),
      }),
    );
    const js = jetstream(nats);
    const subject = `${config.events.prefix}stock.changed`;
    const broken = { id: randomUUID(), type: 'stock.changed', occurredAt: new Date().toISOString(), source: 'test', data: { skuId: 'not a number', stock: 1 } };
    await js.publish(subject, JSON.stringify(broken));
    await js.publish(subject, '{ this is not JSON');
    const good = { id: randomUUID(), type: 'stock.changed', occurredAt: new Date().toISOString(), source: 'test', data: { skuId: 1, stock: 4242 } };
    await js.publish(subject, JSON.stringify(good));
    await expect.poll(() => applied.includes(4242), { timeout: 15_000 }).toBe(true);
    await consumer.stop();
    expect(applied).toContain(4242);
    expect(applied).not.toContain(1);
    const parked = await database.db.select().from(schema.parkedEvents).where(sql`${schema.parkedEvents.consumer} = 'test-parking'`);
    expect(parked).toHaveLength(2);
    expect(parked.map((p) => p.eventId)).toEqual(expect.arrayContaining([broken.id, expect.stringMatching(/^seq:\d+$/)]));
    expect(parked.find((p) => p.eventId === broken.id)!.error).toMatch(/skuId/);
    expect(parked.find((p) => p.eventId !== broken.id)!.payload).toBe('{ this is not JSON');
    expect(attention.filter((a) => a.reason === 'event_parked')).toHaveLength(2);
    // Parked means acknowledged: a consumer started again under the same name gets nothing back.
    const again: number[] = [];
    const restarted = await consumeEvents(
      { db: database.db, nats, events: config.events, log },
      testEvents.consumer('stock.changed', { name: 'test-parking', handle: async (_tx, data) => void again.push(data.stock) }),
    );
    const jsm = await jetstreamManager(nats);
    const info = await jsm.consumers.info(config.events.stream, restarted.durable);
    await restarted.stop();
    expect(info.num_pending + info.num_ack_pending).toBe(0);
    expect(again).toEqual([]);
  });

  it('applies the next events while a slow follow-up is out, and is idle only once it ends', async () => {
    const handled: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let followedUp = false;
    const consumer = await consumeEvents(
      { db: database.db, nats, events: config.events, log },
      testEvents.consumer('stock.changed', {
        name: 'test-follow-ups',
        handle: async (_tx, data) => {
          handled.push(data.skuId);
          if (data.skuId !== 777) return undefined;
          return async () => {
            await gate;
            followedUp = true;
          };
        },
      }),
    );
    const js = jetstream(nats);
    for (const skuId of [777, 778, 779]) {
      const envelope = { id: randomUUID(), type: 'stock.changed', occurredAt: new Date().toISOString(), source: 'test', data: { skuId, stock: 1 } };
      await js.publish(`${config.events.prefix}stock.changed`, JSON.stringify(envelope));
    }
    try {
      try {
        await expect.poll(() => handled.includes(779), { timeout: 15_000 }).toBe(true);
        // The events after the slow one were applied while its follow-up still waits.
        expect(handled).toEqual(expect.arrayContaining([777, 778, 779]));
        expect(followedUp).toBe(false);
        expect(consumer.idle()).toBe(false);
      } finally {
        release();
      }
      await expect.poll(() => consumer.idle(), { timeout: 15_000 }).toBe(true);
      expect(followedUp).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it('refuses to write a payload that breaks its contract, rolling the change back', async () => {
    const before = (await database.db.select({ n: count() }).from(schema.outbox))[0]!.n;
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(schema.effects).values({ eventId: randomUUID(), amount: 1 });
        // @ts-expect-error: the contract says skuId is a number
        await testEvents.write(tx, 'stock.changed', { skuId: 'x', stock: 1 });
      }),
    ).rejects.toThrow();
    expect((await database.db.select({ n: count() }).from(schema.outbox))[0]!.n).toBe(before);
  });

  it('publishes an event as soon as its transaction commits, without waiting for the next poll', async () => {
    // A relay that would not poll again for a minute: only the commit's nudge can wake it.
    const relay = startOutboxRelay({ db: database.db, nats, events: config.events, log, intervalMs: 60_000, source: 'test' });
    while ((await relay.drainOnce()) > 0);
    const before = await streamCount();
    const written = await database.db.transaction((tx) => testEvents.write(tx, 'stock.changed', { skuId: 5, stock: 55 }));
    await expect.poll(streamCount, { timeout: 10_000 }).toBe(before + 1);
    await relay.stop();
    expect(await streamCount()).toBe(before + 1);
    expect(written.source).toBe('test');
  });
});
