import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { count, isNull, sql } from 'drizzle-orm';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connectNats,
  consumeEvents,
  createLogger,
  dropDatabase,
  loadSubgraphConfig,
  openDatabase,
  startOutboxRelay,
  writeEvent,
  type Database,
  type NatsConnection,
} from '../src/index.ts';
import * as schema from './fixtures/events/schema.ts';

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
        await writeEvent(tx, 'test', 'stock.changed', { skuId: 1 });
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
        ids.push((await writeEvent(tx, 'test', 'stock.changed', { skuId: i, stock: 100 - i })).id);
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
    const consumer = await consumeEvents({
      db: database.db,
      nats,
      events: config.events,
      log,
      name: 'test-effects',
      subject: 'stock.>',
      handle: async (tx, event) => {
        handled++;
        const data = event.data as { stock: number };
        await tx.insert(schema.effects).values({ eventId: event.id, amount: data.stock });
        // The first attempt fails after writing: the effect must roll back with it.
        if (failOnce) {
          failOnce = false;
          throw new Error('transient failure');
        }
      },
    });
    // The 30 events of the previous test, plus one event published twice with different
    // message ids (as a relay would after the dedupe window): it must apply once.
    const envelope = { id: randomUUID(), type: 'stock.changed', occurredAt: new Date().toISOString(), source: 'test', data: { stock: 7 } };
    const js = jetstream(nats);
    await js.publish(`${config.events.prefix}stock.changed`, JSON.stringify(envelope), { msgID: `${envelope.id}-a` });
    await js.publish(`${config.events.prefix}stock.changed`, JSON.stringify(envelope), { msgID: `${envelope.id}-b` });

    const deadline = Date.now() + 15_000;
    let applied = 0;
    while (Date.now() < deadline) {
      applied = (await database.db.select({ n: count() }).from(schema.effects))[0]!.n;
      if (applied === 31) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await consumer.stop();
    expect(applied).toBe(31);
    const [sum] = await database.db.select({ total: sql<string>`SUM(${schema.effects.amount})` }).from(schema.effects);
    expect(Number(sum!.total)).toBe(Array.from({ length: 30 }, (_, i) => 100 - i).reduce((a, b) => a + b, 0) + 7);
    // 32 messages, one failed attempt retried, one duplicate skipped before the handler.
    expect(handled).toBe(32);
  });
});
