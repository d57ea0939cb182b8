/**
 * `pnpm bench:checkout` — orders per second through the gateway.
 *
 * Starts the whole mall (`bench/mall.ts`: every subgraph and a gateway as child processes on
 * 127.0.0.1) against fresh `bench_*` databases, logs `--members`
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
import { and, eq, inArray } from 'drizzle-orm';
import { openDatabase } from '@mall/kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { products, skus } from '@mall/catalog/db';
import { promotionSubgraph } from '@mall/promotion';
import { couponTemplates, coupons } from '@mall/promotion/db';
import { printTable, type Figures } from './lib.ts';
import { asMembers as asMembersOf, benchMall, gateway, loginMembers, measure as measureFor, mysqlUrl, post } from './mall.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '15' }, members: { type: 'string', default: '20' } } });
const duration = Math.min(Math.max(Number(values.duration), 1), 120);
const members = Math.min(Math.max(Number(values.members), 1), 200);
const mall = benchMall();
let tokens: string[] = [];
const measure = (options: Parameters<typeof measureFor>[0]) => measureFor(options, duration);
const asMembers = (body: (i: number) => unknown) => asMembersOf(tokens, members, duration, body);

try {
  await mall.reset();
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

  await mall.start();
  tokens = await loginMembers(members);
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
  await mall.stop();
}
