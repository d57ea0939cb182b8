/**
 * `pnpm bench:checkout` — orders per second through the gateway.
 *
 * Starts the fake WeChat, every subgraph and a gateway as child processes on 127.0.0.1
 * (ports 4110–4111, 4101–4106, 4100) against fresh `bench_*` databases, logs `--members`
 * shoppers in through WeChat (default 20), gives each an address, and then has them place
 * orders as fast as they can for `--duration` seconds (default 15): one `placeOrder` per
 * request, a new idempotency key each, one of 40 well-stocked SKUs of several shops.
 * Prints orders/s and p50/p99, and the catalog's product list through the same gateway,
 * measured right before, as the baseline; then `placeOrder` with one coupon (each member
 * holds a stack of them, one spent per order) against `placeOrder` with none, in
 * alternating rounds; then `quoteCheckout` of a 5-line cart of 2 shops with 3 coupons that
 * apply (each member holds them). Bounded; nothing leaves localhost.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { and, eq, inArray } from 'drizzle-orm';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats, dropDatabase, loadSubgraphConfig, openDatabase, registry, type ServiceName } from '@mall/kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { products, skus } from '@mall/catalog/db';
import { promotionSubgraph } from '@mall/promotion';
import { couponTemplates, coupons } from '@mall/promotion/db';
import { processes, printTable, waitHealthy, type Figures } from './lib.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '15' }, members: { type: 'string', default: '20' } } });
const duration = Math.min(Math.max(Number(values.duration), 1), 120);
const members = Math.min(Math.max(Number(values.members), 1), 200);

// Every subgraph of the registry, each on its default port + 100 (catalog 4101 … promotion 4106).
const names = registry.map((entry) => entry.name);
const ports = { gateway: 4100, wechat: 4110, wechatPay: 4111, ...Object.fromEntries(registry.map((entry) => [entry.name, entry.port + 100])) } as Record<ServiceName | 'gateway' | 'wechat' | 'wechatPay', number>;
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
for (const name of names) {
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

/**
 * The `i`-th request as member `i mod members` (their token), its body from `body(i)`; an
 * answer with errors counts as an error.
 */
async function asMembers(body: (i: number) => unknown): Promise<Figures> {
  let n = 0;
  let failed = 0;
  const figures = await measure({
    url: gateway,
    connections: members,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = n++;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` }, body: JSON.stringify(body(i)) };
        },
        onResponse: (status, answer) => {
          if (status !== 200 || answer.includes('"errors"')) failed++;
        },
      },
    ],
  });
  return { ...figures, errors: figures.errors + failed };
}

const tokens: string[] = [];

try {
  for (const name of names) await dropDatabase(mysqlUrl, `bench_${name}`);
  const catalogDb = await openDatabase({ url: mysqlUrl, database: 'bench_catalog', schema: catalogSubgraph.schema, migrationsFolder: catalogSubgraph.migrationsFolder });
  await seedDemoCatalog(catalogDb.db);
  // 40 SKUs of on-shelf products across shops, with stock for the whole run.
  const picked = (await catalogDb.db.select({ id: skus.id, productId: skus.productId, shopId: products.shopId }).from(skus).innerJoin(products, eq(products.id, skus.productId)).limit(400)).filter((_, i) => i % 10 === 0);
  const stocked = picked.map((s) => s.id);
  await catalogDb.db.update(skus).set({ stock: 1_000_000 }).where(inArray(skus.id, stocked));
  await catalogDb.db.update(products).set({ status: 'ON_SHELF' }).where(inArray(products.id, picked.map((s) => s.productId)));
  await catalogDb.close();
  // A cart of 5 lines from 2 shops, and 3 coupons that apply to it: one per shop and a platform one.
  const [shopA, shopB] = [...new Set(picked.map((s) => s.shopId))];
  const cart = [...picked.filter((s) => s.shopId === shopA).slice(0, 3), ...picked.filter((s) => s.shopId === shopB).slice(0, 2)].map((s) => ({ skuId: String(s.id), quantity: 2 }));
  const promotionDb = await openDatabase({ url: mysqlUrl, database: 'bench_promotion', schema: promotionSubgraph.schema, migrationsFolder: promotionSubgraph.migrationsFolder });
  const window = { claimStartsAt: new Date(), claimEndsAt: new Date(Date.now() + 86_400_000), scopeIds: [], excludedProductIds: [], validDays: 7, totalQuantity: 100_000, perMemberLimit: 1, createdBy: 'bench' };
  await promotionDb.db.insert(couponTemplates).values([
    { ...window, shopId: shopA!, name: '满100减10', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 1_000 },
    { ...window, shopId: shopB!, name: '9折券', kind: 'PERCENT_OFF', threshold: 0, percentOff: 10 },
    { ...window, shopId: null, name: '满200减20', kind: 'AMOUNT_OFF', threshold: 20_000, amountOff: 2_000 },
  ]);
  const templateIds = (await promotionDb.db.select({ id: couponTemplates.id }).from(couponTemplates)).map((t) => String(t.id));

  running.start('packages/wechat-fake/src/index.ts', {});
  await waitHealthy(ports.wechat, true);
  for (const name of names) running.start(`subgraphs/${name}/src/index.ts`, {});
  for (const name of names) await waitHealthy(ports[name]);
  running.start('gateway/src/index.ts', {});
  await waitHealthy(ports.gateway);

  for (let i = 0; i < members; i++) {
    const { code } = (await (await fetch(`http://127.0.0.1:${ports.wechat}/__fake/login-code`, { method: 'POST', body: JSON.stringify({ openid: `oBENCH${String(i).padStart(22, '0')}` }) })).json()) as { code: string };
    const { loginWithWechat } = await post<{ loginWithWechat: { accessToken: string } }>({ query: 'mutation ($c: String!) { loginWithWechat(code: $c) { accessToken } }', variables: { c: code } });
    tokens.push(loginWithWechat.accessToken);
    await post({ query: 'mutation { addAddress(input: { recipient: "压测", phone: "13800000000", provinceCode: "440000", cityCode: "440300", districtCode: "440305", region: "广东省 深圳市 南山区", detail: "科技园 1 号" }) { id } }' }, loginWithWechat.accessToken);
  }
  for (const token of tokens) for (const id of templateIds) await post({ query: 'mutation ($id: ID!) { claimCoupon(templateId: $id) { id } }', variables: { id } }, token);
  // A stack of ¥1 platform coupons per member (granted, as an admin's grant makes them), one spent per order.
  const STACK = 200;
  const [stacked] = await promotionDb.db
    .insert(couponTemplates)
    .values({ ...window, shopId: null, name: '立减1', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 100, claimable: false, issued: STACK * members, totalQuantity: STACK * members })
    .$returningId();
  const stackTemplate = stacked!.id;
  const stacks: string[][] = [];
  for (const token of tokens) {
    const { me } = await post<{ me: { id: string } }>({ query: '{ me { id } }' }, token);
    const validUntil = new Date(Date.now() + 86_400_000);
    const rows = Array.from({ length: STACK }, () => ({ templateId: stackTemplate, memberId: Number(me.id), source: 'GRANT' as const, validFrom: new Date(Date.now() - 60_000), validUntil }));
    await promotionDb.db.insert(coupons).values(rows);
    stacks.push((await promotionDb.db.select({ id: coupons.id }).from(coupons).where(and(eq(coupons.memberId, Number(me.id)), eq(coupons.templateId, stackTemplate)))).map((c) => String(c.id)));
  }
  await promotionDb.close();
  const quote = 'query ($input: QuoteInput!) { quoteCheckout(input: $input) { payable { amount } applied { amount { amount } } shops { lines { discounts { amount { amount } } } } } }';
  const quoted = await post<{ quoteCheckout: { applied: unknown[] } }>({ query: quote, variables: { input: { lines: cart } } }, tokens[0]);
  if (quoted.quoteCheckout.applied.length !== 3) throw new Error(`quoteCheckout applied ${quoted.quoteCheckout.applied.length} coupons, not 3`);
  const place = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id status amounts { payable { amount } } } } }';
  const check = await post<{ placeOrder: { orders: unknown[] } }>({ query: place, variables: { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(stocked[0]), quantity: 1 }] } } }, tokens[0]);
  if (check.placeOrder.orders.length !== 1) throw new Error('placeOrder did not answer one order');

  console.log(`checkout: ${members} members, ${stocked.length} SKUs, ${duration}s per run; node ${process.version}\n`);
  const list = await measure({ url: gateway, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ products(first: 20) { nodes { id title skus { id price { amount } } } } }' }), connections: members });
  const order = (i: number, couponIds: string[]) => ({ query: place, variables: { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(stocked[i % stocked.length]), quantity: 1 }], couponIds } } });
  // Alternating rounds, so a drift of the machine falls on both alike.
  const plain: Figures[] = [];
  const withCoupon: Figures[] = [];
  for (let round = 0; round < 2; round++) {
    plain.push(await asMembers((i) => order(i, [])));
    withCoupon.push(await asMembers((i) => order(i, [stacks[i % tokens.length]!.pop() ?? '0'])));
  }
  const mean = (runs: Figures[]): Figures => ({
    rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length,
    p50: runs.reduce((n, r) => n + r.p50, 0) / runs.length,
    p99: runs.reduce((n, r) => n + r.p99, 0) / runs.length,
    errors: runs.reduce((n, r) => n + r.errors, 0),
  });
  const orders = mean(plain);
  const couponed = mean(withCoupon);
  const quotes = await asMembers(() => ({ query: quote, variables: { input: { lines: cart } } }));
  printTable([['product list (baseline)', list], ['placeOrder, no coupon', orders], ['placeOrder, 1 coupon', couponed], ['quoteCheckout 5×2 3cp', quotes]]);
  console.log(`\nplaceOrder/product list: throughput ${(orders.rps / list.rps).toFixed(2)}x, p50 ${(orders.p50 / list.p50).toFixed(2)}x`);
  console.log(`placeOrder with a coupon/without: throughput ${(couponed.rps / orders.rps).toFixed(2)}x, p50 ${(couponed.p50 / orders.p50).toFixed(2)}x (rounds: ${plain.map((r, i) => `${r.rps.toFixed(0)}/${withCoupon[i]!.rps.toFixed(0)}`).join(', ')})`);
  console.log(`quoteCheckout/product list: throughput ${(quotes.rps / list.rps).toFixed(2)}x, p50 ${(quotes.p50 / list.p50).toFixed(2)}x`);
} finally {
  await running.stop();
  for (const name of names) await dropDatabase(mysqlUrl, `bench_${name}`);
  const nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'bench-cleanup');
  await (await jetstreamManager(nats)).streams.delete('BENCH_EVENTS').catch(() => undefined);
  await nats.close();
}
