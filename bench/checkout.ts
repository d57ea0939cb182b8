/**
 * `pnpm bench:checkout` — orders per second through the gateway.
 *
 * Starts the fake WeChat, every subgraph and a gateway as child processes on 127.0.0.1
 * (ports 4110–4111, 4101–4105, 4100) against fresh `bench_*` databases, logs `--members`
 * shoppers in through WeChat (default 20), gives each an address, and then has them place
 * orders as fast as they can for `--duration` seconds (default 15): one `placeOrder` per
 * request, a new idempotency key each, one of 40 well-stocked SKUs of several shops.
 * Prints orders/s and p50/p99, and the catalog's product list through the same gateway,
 * measured right before, as the baseline. Bounded; nothing leaves localhost.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { inArray } from 'drizzle-orm';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats, dropDatabase, loadSubgraphConfig, openDatabase } from '@mall/kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { products, skus } from '@mall/catalog/db';
import { processes, printTable, waitHealthy, type Figures } from './lib.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '15' }, members: { type: 'string', default: '20' } } });
const duration = Math.min(Math.max(Number(values.duration), 1), 120);
const members = Math.min(Math.max(Number(values.members), 1), 200);

const ports = { gateway: 4100, catalog: 4101, membership: 4102, cart: 4103, order: 4104, payment: 4105, wechat: 4110, wechatPay: 4111 };
const env: Record<string, string> = {
  LOG_LEVEL: 'warn',
  SUBJECT_PREFIX: 'bench.',
  EVENTS_STREAM: 'BENCH_EVENTS',
  WECHAT_API_BASE: `http://127.0.0.1:${ports.wechat}`,
  WECHAT_FAKE_PORT: String(ports.wechat),
  WECHAT_PAY_FAKE_PORT: String(ports.wechatPay),
  // The bench's fake must not share (and overwrite) the state file of a `./mall start` running beside it.
  WECHAT_PAY_FAKE_STATE: 'off',
  WECHAT_PAY_API_BASE: `http://127.0.0.1:${ports.wechatPay}`,
  GATEWAY_PORT: String(ports.gateway),
  // Nothing here scrapes metrics, and their default ports may be taken by a running `./mall start`.
  GATEWAY_METRICS_PORT: 'off',
};
for (const name of ['catalog', 'membership', 'cart', 'order', 'payment'] as const) {
  env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
  env[`${name.toUpperCase()}_METRICS_PORT`] = 'off';
  env[`${name.toUpperCase()}_DATABASE`] = `bench_${name}`;
  env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
}
const mysqlUrl = loadSubgraphConfig('catalog').mysql.url;
const gateway = `http://127.0.0.1:${ports.gateway}/graphql`;
const running = processes({ ...process.env, ...env });

async function post<T>(body: unknown, token?: string): Promise<T> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: T; errors?: unknown };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data as T;
}

async function measure(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ ...options, duration });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

try {
  for (const name of ['catalog', 'membership', 'cart', 'order', 'payment']) await dropDatabase(mysqlUrl, `bench_${name}`);
  const catalogDb = await openDatabase({ url: mysqlUrl, database: 'bench_catalog', schema: catalogSubgraph.schema, migrationsFolder: catalogSubgraph.migrationsFolder });
  await seedDemoCatalog(catalogDb.db);
  // 40 SKUs of on-shelf products across shops, with stock for the whole run.
  const picked = (await catalogDb.db.select({ id: skus.id, productId: skus.productId }).from(skus).limit(400)).filter((_, i) => i % 10 === 0);
  const stocked = picked.map((s) => s.id);
  await catalogDb.db.update(skus).set({ stock: 1_000_000 }).where(inArray(skus.id, stocked));
  await catalogDb.db.update(products).set({ status: 'ON_SHELF' }).where(inArray(products.id, picked.map((s) => s.productId)));
  await catalogDb.close();

  running.start('packages/wechat-fake/src/index.ts', {});
  await waitHealthy(ports.wechat, true);
  for (const name of ['catalog', 'membership', 'cart', 'order', 'payment'] as const) running.start(`subgraphs/${name}/src/index.ts`, {});
  for (const name of ['catalog', 'membership', 'cart', 'order', 'payment'] as const) await waitHealthy(ports[name]);
  running.start('gateway/src/index.ts', {});
  await waitHealthy(ports.gateway);

  const tokens: string[] = [];
  for (let i = 0; i < members; i++) {
    const { code } = (await (await fetch(`http://127.0.0.1:${ports.wechat}/__fake/login-code`, { method: 'POST', body: JSON.stringify({ openid: `oBENCH${String(i).padStart(22, '0')}` }) })).json()) as { code: string };
    const { loginWithWechat } = await post<{ loginWithWechat: { accessToken: string } }>({ query: 'mutation ($c: String!) { loginWithWechat(code: $c) { accessToken } }', variables: { c: code } });
    tokens.push(loginWithWechat.accessToken);
    await post({ query: 'mutation { addAddress(input: { recipient: "压测", phone: "13800000000", provinceCode: "440000", cityCode: "440300", districtCode: "440305", region: "广东省 深圳市 南山区", detail: "科技园 1 号" }) { id } }' }, loginWithWechat.accessToken);
  }
  const place = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id status amounts { payable { amount } } } } }';
  const check = await post<{ placeOrder: { orders: unknown[] } }>({ query: place, variables: { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(stocked[0]), quantity: 1 }] } } }, tokens[0]);
  if (check.placeOrder.orders.length !== 1) throw new Error('placeOrder did not answer one order');

  console.log(`checkout: ${members} members, ${stocked.length} SKUs, ${duration}s per run; node ${process.version}\n`);
  const list = await measure({ url: gateway, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ products(first: 20) { nodes { id title skus { id price { amount } } } } }' }), connections: members });
  let n = 0;
  let failed = 0;
  const orders = await measure({
    url: gateway,
    connections: members,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = n++;
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
            body: JSON.stringify({ query: place, variables: { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(stocked[i % stocked.length]), quantity: 1 }] } } }),
          };
        },
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) failed++;
        },
      },
    ],
  });
  printTable([['product list (baseline)', list], ['placeOrder', { ...orders, errors: orders.errors + failed }]]);
  console.log(`\nplaceOrder/product list: throughput ${(orders.rps / list.rps).toFixed(2)}x, p50 ${(orders.p50 / list.p50).toFixed(2)}x`);
} finally {
  await running.stop();
  for (const name of ['catalog', 'membership', 'cart', 'order', 'payment']) await dropDatabase(mysqlUrl, `bench_${name}`);
  const nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'bench-cleanup');
  await (await jetstreamManager(nats)).streams.delete('BENCH_EVENTS').catch(() => undefined);
  await nats.close();
}
