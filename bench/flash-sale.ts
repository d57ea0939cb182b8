/**
 * `pnpm bench:flash` — a flash sale hammered through the gateway.
 *
 * Starts the whole mall (`bench/mall.ts`), logs `--members` shoppers in (default 200, each
 * with an address), puts 100 units of one SKU in a running session, and in one run measures:
 *
 * (a) the ceiling: the gateway's throughput for a cheap authenticated mutation of the same
 *     subgraph (`remindFlashSession` on a session already reminded: one member check, one
 *     ignored insert);
 * (b) the Redis step alone: raw EVALSHA of the gate's Lua script against Redis, refusing
 *     (a sold-out gate), at the same concurrency;
 * the gate step as promotion runs it (`passGate`), the same way; then `flashBuy` by every
 * member, a new key per attempt, for `--duration` seconds (default 10): most are refused
 * by the gate. Prints attempts/s, p50/p99, winners, refusals by reason, and the ratios:
 * refused attempts against (a), and the gate step against (b). Checks that no unit was
 * sold twice. Bounded; nothing leaves localhost.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createRedis, loadSubgraphConfig, openDatabase } from '@mall/kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { products, skus } from '@mall/catalog/db';
import { promotionSubgraph } from '@mall/promotion';
import { flashEntries, flashHolds, flashSessions } from '@mall/promotion/db';
import { gateKeys, gateScript, passGate, resetGate } from '@mall/promotion/flash';
import { percentile, printTable } from './lib.ts';
import { asMembers, benchMall, loginMembers, mysqlUrl, post } from './mall.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, members: { type: 'string', default: '200' }, connections: { type: 'string', default: '50' } } });
const duration = Math.min(Math.max(Number(values.duration), 1), 60);
const members = Math.min(Math.max(Number(values.members), 1), 1000);
const connections = Math.min(Math.max(Number(values.connections), 1), 200);
const UNITS = 100;
const mall = benchMall();

/** Raw EVALSHA of the gate's script on a sold-out gate, `connections` at a time, for `duration` seconds. */
async function rawGate(redisUrl: string): Promise<{ rps: number; p50: number; p99: number }> {
  const redis = createRedis(redisUrl, 'bench');
  const tag = 'bench:{flash-raw}';
  const keys = [`${tag}:gate`, `${tag}:members`, `${tag}:keys`, `${tag}:attempts`, `${tag}:burst`, `${tag}:devices`];
  await redis.hset(keys[0]!, { start: 0, end: Date.now() + 3_600_000, remaining: 0, limit: 1 });
  const sha = (await redis.script('LOAD', gateScript)) as string;
  const latencies: number[] = [];
  let done = 0;
  const until = Date.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = 0; Date.now() < until; i++) {
        const started = performance.now();
        await redis.evalsha(sha, 6, ...keys, Date.now(), c, 1, `k${c}-${i}`, 1_000_000_000, '');
        latencies.push(performance.now() - started);
        done++;
      }
    }),
  );
  await redis.del(...keys);
  await redis.quit();
  return { rps: done / duration, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * The gate step as promotion runs it (`passGate`: its ioredis client, EVALSHA through
 * `defineCommand`, its keys), on a sold-out gate, at the same concurrency: what the Redis
 * step costs the purchase path, to hold against raw EVALSHA.
 */
async function promotionGate(redisUrl: string): Promise<{ rps: number; p50: number; p99: number }> {
  const deps = { redis: createRedis(redisUrl, 'bench-gate'), settings: { flashBurstPerSecond: 1_000_000_000 }, config: { database: 'bench_gate' } } as unknown as Parameters<typeof passGate>[0];
  const keys = gateKeys(deps, 1);
  await deps.redis.hset(keys.gate, { start: 0, end: Date.now() + 3_600_000, remaining: 0, limit: 1 });
  const latencies: number[] = [];
  let done = 0;
  const until = Date.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = 0; Date.now() < until; i++) {
        const started = performance.now();
        await passGate(deps, 1, c, 1, `k${c}-${i}`);
        latencies.push(performance.now() - started);
        done++;
      }
    }),
  );
  await deps.redis.del(keys.gate, keys.members, keys.keys, keys.attempts);
  await deps.redis.quit();
  return { rps: done / duration, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

try {
  await mall.reset();
  const catalogDb = await openDatabase({ url: mysqlUrl, database: 'bench_catalog', schema: catalogSubgraph.schema, migrationsFolder: catalogSubgraph.migrationsFolder });
  await seedDemoCatalog(catalogDb.db);
  const [sku] = await catalogDb.db.select({ id: skus.id, productId: skus.productId, shopId: products.shopId }).from(skus).innerJoin(products, eq(products.id, skus.productId)).limit(1);
  await catalogDb.db.update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, sku!.productId));
  await catalogDb.db.update(skus).set({ stock: 1_000, price: 9_900 }).where(eq(skus.id, sku!.id));
  await catalogDb.close();
  // A session running now, its entry approved (the bench writes what approval would: the
  // units' stock in catalog does not matter here), with 100 units of one per member.
  const promotionDb = await openDatabase({ url: mysqlUrl, database: 'bench_promotion', schema: promotionSubgraph.schema, migrationsFolder: promotionSubgraph.migrationsFolder });
  const [session] = await promotionDb.db.insert(flashSessions).values({ name: '压测场', startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 3_600_000), createdBy: 'bench' }).$returningId();
  const [entry] = await promotionDb.db
    .insert(flashEntries)
    .values({ sessionId: session!.id, shopId: sku!.shopId, skuId: sku!.id, productId: sku!.productId, flashPrice: 990, listPrice: 9_900, quantity: UNITS, perMemberLimit: 1, status: 'APPROVED', createdBy: 'bench' })
    .$returningId();

  // What an approval does to Redis: no gate of an earlier run's entry of this id stands.
  const gateRedis = createRedis(loadSubgraphConfig('promotion').redisUrl, 'promotion');
  await resetGate({ redis: gateRedis, config: { database: 'bench_promotion' } } as unknown as Parameters<typeof resetGate>[0], entry!.id);
  await gateRedis.quit();
  // Each member may try as often as the run lets them: the burst limit is not what is measured.
  await mall.start({ FLASH_BURST_PER_SECOND: '1000' });
  const tokens = await loginMembers(members, 'FLASH');
  const remind = { query: 'mutation ($id: ID!) { remindFlashSession(sessionId: $id) { reminders } }', variables: { id: String(session!.id) } };
  for (const token of tokens) await post(remind, token);

  console.log(`flash sale: ${members} members, ${connections} connections, ${UNITS} units, ${duration}s per run; node ${process.version}\n`);
  const ceiling = await asMembers(tokens, connections, duration, () => remind);
  const raw = await rawGate(loadSubgraphConfig('promotion').redisUrl);
  const step = await promotionGate(loadSubgraphConfig('promotion').redisUrl);
  const refusals = new Map<string, number>();
  let winners = 0;
  let attempt = 0;
  const buys = await asMembers(
    tokens,
    connections,
    duration,
    () => ({ query: 'mutation ($e: ID!, $k: String!) { flashBuy(entryId: $e, quantity: 1, idempotencyKey: $k) { id status } }', variables: { e: String(entry!.id), k: `bench-${++attempt}-${Date.now()}` } }),
    (answer) => {
      if (answer.includes('"flashBuy":{')) {
        winners++;
        return false;
      }
      const reason = /"reason":"([A-Z_]+)"/.exec(answer)?.[1] ?? 'OTHER';
      refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      return reason !== 'OTHER';
    },
  );
  const [row] = await promotionDb.db.select().from(flashEntries).where(eq(flashEntries.id, entry!.id));
  const holds = await promotionDb.db.select().from(flashHolds).where(eq(flashHolds.entryId, entry!.id));
  await promotionDb.close();

  printTable([
    ['(a) remindFlashSession', ceiling],
    ['(b) raw EVALSHA', { ...raw, errors: 0 }],
    ['gate step (passGate)', { ...step, errors: 0 }],
    ['flashBuy attempts', buys],
  ]);
  const held = holds.reduce((sum, h) => sum + h.quantity, 0);
  console.log(`\nwinners ${winners}; refused: ${[...refusals].map(([r, n]) => `${r} ${n}`).join(', ')}`);
  console.log(`units: ${UNITS}, held in the database ${row!.held + row!.sold}, in holds ${held}: oversold ${Math.max(0, held - UNITS)}`);
  console.log(`refused attempts/(a): throughput ${(buys.rps / ceiling.rps).toFixed(2)}x, p50 ${(buys.p50 / ceiling.p50).toFixed(2)}x`);
  console.log(`gate step/(b): ${(step.rps / raw.rps).toFixed(2)}x of raw EVALSHA; the attempts through the gateway use ${((buys.rps / raw.rps) * 100).toFixed(1)}% of what Redis could gate`);
  if (held > UNITS || row!.held + row!.sold > UNITS) process.exitCode = 1;
} finally {
  await mall.stop();
}
