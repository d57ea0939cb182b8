/**
 * `pnpm bench:fanout` — subscription fan-out through the gateway.
 *
 * Starts catalog and a gateway as child processes on 127.0.0.1 (ports 4201, 4200) against
 * a fresh `bench_fanout_catalog` database, opens K graphql-ws connections (default
 * `--subscribers 1000,5000`), each subscribing `stockChanged(skuIds: [one SKU]) { id stock
 * price { amount } product { title } }`, then has an admin set that SKU's stock `--events`
 * times (default 20, one every `--interval` ms, default 250). Each event travels MySQL →
 * outbox relay → NATS → gateway → one fetch through the supergraph shared by every
 * subscriber of the same identity and selection → K sockets. Prints, per K: delivery latency
 * p50/p99 from the stock mutation being sent (so commit included) to each client's receipt,
 * deliveries/s, and gateway resident memory per connection. A baseline row runs the same
 * with K subscribers of K different members (no sharing possible), at the smallest K.
 * Bounded in count and time; nothing leaves localhost.
 */
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats, dropDatabase, loadSubgraphConfig, loadTokenIssuerConfig, openDatabase, signAccessToken } from '@mall/kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { products, skus } from '@mall/catalog/db';
import { eq } from 'drizzle-orm';
import { percentile, processes, residentBytes, waitHealthy } from './lib.ts';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000,5000' },
    events: { type: 'string', default: '20' },
    interval: { type: 'string', default: '250' },
  },
});
const sizes = values.subscribers.split(',').map((n) => Math.min(Math.max(Number(n), 1), 20_000));
const events = Math.min(Math.max(Number(values.events), 1), 200);
const interval = Math.min(Math.max(Number(values.interval), 10), 5000);

const ports = { gateway: 4200, catalog: 4201 };
const env: Record<string, string> = {
  LOG_LEVEL: 'warn',
  SUBJECT_PREFIX: 'fanout.',
  EVENTS_STREAM: 'FANOUT_EVENTS',
  GATEWAY_PORT: String(ports.gateway),
  CATALOG_PORT: String(ports.catalog),
  // Nothing here scrapes metrics, and their default ports may be taken by a running `./mall start`.
  GATEWAY_METRICS_PORT: 'off',
  CATALOG_METRICS_PORT: 'off',
  CATALOG_DATABASE: 'bench_fanout_catalog',
  CATALOG_URL: `http://127.0.0.1:${ports.catalog}/graphql`,
};
const mysqlUrl = loadSubgraphConfig('catalog').mysql.url;
const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
const running = processes({ ...process.env, ...env });
const issuer = loadTokenIssuerConfig({ ...process.env, NODE_ENV: 'development' });

interface Row {
  label: string;
  subscribers: number;
  deliveries: number;
  missing: number;
  p50: number;
  p99: number;
  perSecond: number;
  bytesPerConnection: number;
}

async function run(label: string, k: number, skuId: number, gatewayPid: number, tokenOf: (i: number) => Promise<string | null>): Promise<Row> {
  const before = await residentBytes(gatewayPid);
  const received = new Map<number, number[]>(); // stock value -> receipt times
  const clients: Client[] = [];
  let ready = 0;
  for (let i = 0; i < k; i++) {
    const token = await tokenOf(i);
    const client = createClient({ url: gatewayUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, ...(token ? { connectionParams: { authorization: `Bearer ${token}` } } : {}) });
    clients.push(client);
    let first = true;
    client.subscribe<{ stockChanged: { stock: number } }>(
      { query: 'subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { id stock price { amount } product { title } } }', variables: { ids: [String(skuId)] } },
      {
        next: (result) => {
          const at = performance.now();
          if (first) {
            first = false;
            ready++;
            return;
          }
          const stock = result.data?.stockChanged.stock;
          if (stock !== undefined) received.get(stock)?.push(at);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // Open connections in small bursts, as clients arrive.
    if (i % 200 === 199) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const deadline = Date.now() + 120_000;
  while (ready < k && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (ready < k) throw new Error(`only ${ready} of ${k} subscribers got their first answer`);
  const after = await residentBytes(gatewayPid);

  const admin = await signAccessToken({ userId: 'bench-admin', role: 'ADMIN', shopId: null }, issuer);
  const sent = new Map<number, number>();
  const base = 1_000_000 + Math.floor(Math.random() * 1_000_000);
  for (let n = 0; n < events; n++) {
    const stock = base + n;
    received.set(stock, []);
    sent.set(stock, performance.now());
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: 'mutation ($id: ID!, $stock: Int!) { setSkuStock(id: $id, stock: $stock) { stock } }', variables: { id: String(skuId), stock } }),
    });
    const json = (await response.json()) as { errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  // Let the last deliveries land.
  const expected = k * events;
  const settle = Date.now() + 30_000;
  const count = () => [...received.values()].reduce((sum, list) => sum + list.length, 0);
  while (count() < expected && Date.now() < settle) await new Promise((resolve) => setTimeout(resolve, 100));

  const latencies: number[] = [];
  let firstSent = Infinity;
  let lastReceived = 0;
  for (const [stock, times] of received) {
    const t0 = sent.get(stock)!;
    firstSent = Math.min(firstSent, t0);
    for (const t of times) {
      latencies.push(t - t0);
      lastReceived = Math.max(lastReceived, t);
    }
  }
  await Promise.all(clients.map((c) => c.dispose()));
  return {
    label,
    subscribers: k,
    deliveries: latencies.length,
    missing: expected - latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: latencies.length / ((lastReceived - firstSent) / 1000),
    bytesPerConnection: (after - before) / k,
  };
}

try {
  await dropDatabase(mysqlUrl, 'bench_fanout_catalog');
  const db = await openDatabase({ url: mysqlUrl, database: 'bench_fanout_catalog', schema: catalogSubgraph.schema, migrationsFolder: catalogSubgraph.migrationsFolder });
  await seedDemoCatalog(db.db);
  const [sku] = await db.db.select().from(skus).limit(1);
  await db.db.update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, sku!.productId));
  await db.close();

  running.start(`subgraphs/catalog/src/index.ts`, {});
  await waitHealthy(ports.catalog);
  const gatewayPid = running.start('gateway/src/index.ts', {});
  await waitHealthy(ports.gateway);

  const rows: Row[] = [];
  for (const k of sizes) rows.push(await run('shared selection', k, sku!.id, gatewayPid, async () => null));
  const smallest = Math.min(...sizes);
  rows.push(await run('one member each', smallest, sku!.id, gatewayPid, (i) => signAccessToken({ userId: String(100_000 + i), role: 'MEMBER', shopId: null }, issuer)));

  console.log(`\n${events} stock changes of one SKU, one every ${interval} ms; latency from sending the mutation to each client's receipt\n`);
  console.log(`${'run'.padEnd(18)} ${'subs'.padStart(6)} ${'delivered'.padStart(10)} ${'missing'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'deliv/s'.padStart(9)} ${'KiB/conn'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.label.padEnd(18)} ${String(r.subscribers).padStart(6)} ${String(r.deliveries).padStart(10)} ${String(r.missing).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)} ${(r.bytesPerConnection / 1024).toFixed(1).padStart(9)}`);
  }
  const shared = rows.find((r) => r.label === 'shared selection' && r.subscribers === smallest)!;
  const distinct = rows.at(-1)!;
  console.log(`\nat ${smallest} subscribers: shared-selection p50 / one-member-each p50 = ${(shared.p50 / distinct.p50).toFixed(2)}x`);
} finally {
  await running.stop();
  await dropDatabase(mysqlUrl, 'bench_fanout_catalog');
  const nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'bench-fanout-cleanup');
  await (await jetstreamManager(nats)).streams.delete('FANOUT_EVENTS').catch(() => undefined);
  await nats.close();
}
