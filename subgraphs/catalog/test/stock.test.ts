import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, isNull, sql } from 'drizzle-orm';
import { jetstreamManager } from '@nats-io/jetstream';
import { catalog as contracts } from '@mall/contracts';
import { waitFor } from '@mall/test-kit';
import { connectNats, loadSubgraphConfig, sendCommand, type NatsConnection } from '@mall/kit';
import { categories, outbox, products, reservationLines, skus } from '../src/db/schema.ts';
import { startCatalog } from './fixtures.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
let nats: NatsConnection;
const db = () => catalog.subgraph.deps.database.db;
const send: typeof sendCommand = (_nats, contract, request, options) =>
  sendCommand(nats, contract, request, { ...options, prefix: catalog.subgraph.deps.config.events.prefix });

beforeAll(async () => {
  catalog = await startCatalog(2);
  nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'test-stock');
});
afterAll(async () => {
  await nats?.drain();
  await catalog?.stop();
});

/** A sellable SKU set to `stock` units. */
async function skuWith(stock: number, productId: number): Promise<number> {
  const [row] = await db().select().from(skus).where(eq(skus.productId, productId)).limit(1);
  await db().update(skus).set({ stock }).where(eq(skus.id, row!.id));
  await db().update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, productId));
  return row!.id;
}

const stockOf = async (id: number) => (await db().select({ stock: skus.stock }).from(skus).where(eq(skus.id, id)))[0]!.stock;

describe('stock reservations', () => {
  it('lets exactly 50 of 200 concurrent buyers reserve a SKU with 50 in stock; a release puts exactly 1 back', async () => {
    const skuId = await skuWith(50, 1);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => send(nats, contracts.reserveStock, { orderId: `race-${i}`, lines: [{ skuId: String(skuId), quantity: 1 }] })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(50);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => r.reason.extensions.code === 'CONFLICT' && r.reason.extensions.reason === 'OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(skuId)).toBe(0);
    const [held] = await db().select({ n: count() }).from(reservationLines).where(eq(reservationLines.resource, String(skuId)));
    expect(held!.n).toBe(50);

    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect(await send(nats, contracts.releaseStock, { orderId: `race-${winner}` })).toEqual({ released: 1, replayed: false });
    expect(await stockOf(skuId)).toBe(1);
    expect(await send(nats, contracts.releaseStock, { orderId: `race-${winner}` })).toEqual({ released: 0, replayed: true });
    expect(await stockOf(skuId)).toBe(1);
  });

  it('reserves nothing when the second line is short', async () => {
    const plenty = await skuWith(10, 3);
    const short = await skuWith(1, 4);
    const attempt = send(nats, contracts.reserveStock, { orderId: 'two-lines', lines: [{ skuId: String(plenty), quantity: 2 }, { skuId: String(short), quantity: 2 }] });
    await expect(attempt).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'OUT_OF_STOCK', skuId: String(short), available: 1 } });
    expect(await stockOf(plenty)).toBe(10);
    expect(await stockOf(short)).toBe(1);
    const [rows] = await db().select({ n: count() }).from(reservationLines).where(eq(reservationLines.owner, 'two-lines'));
    expect(rows!.n).toBe(0);
  });

  it('reserves once for an order sent 10 times at once', async () => {
    const skuId = await skuWith(20, 5);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => send(nats, contracts.reserveStock, { orderId: 'same-order', lines: [{ skuId: String(skuId), quantity: 3 }] })),
    );
    expect(replies.filter((r) => !r.replayed)).toHaveLength(1);
    expect(replies.every((r) => r.lines[0]!.quantity === 3)).toBe(true);
    expect(await stockOf(skuId)).toBe(17);
    await expect(send(nats, contracts.reserveStock, { orderId: 'same-order', lines: [{ skuId: String(skuId), quantity: 4 }] })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('commits a paid order into sales, after which it cannot be released', async () => {
    const skuId = await skuWith(8, 6);
    const [before] = await db().select().from(skus).where(eq(skus.id, skuId));
    const [productBefore] = await db().select().from(products).where(eq(products.id, 6));
    await send(nats, contracts.reserveStock, { orderId: 'paid-order', lines: [{ skuId: String(skuId), quantity: 2 }] });
    expect(await send(nats, contracts.commitStock, { orderId: 'paid-order' })).toEqual({ committed: 1, replayed: false });
    expect(await send(nats, contracts.commitStock, { orderId: 'paid-order' })).toEqual({ committed: 0, replayed: true });
    const [after] = await db().select().from(skus).where(eq(skus.id, skuId));
    const [productAfter] = await db().select().from(products).where(eq(products.id, 6));
    expect(after!.sales).toBe(before!.sales + 2);
    expect(productAfter!.sales).toBe(productBefore!.sales + 2);
    expect(after!.stock).toBe(6);
    await expect(send(nats, contracts.releaseStock, { orderId: 'paid-order' })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await expect(send(nats, contracts.commitStock, { orderId: 'never-placed' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('refuses a reservation that arrives after its order was released (a late, timed-out command)', async () => {
    const skuId = await skuWith(4, 9);
    expect(await send(nats, contracts.releaseStock, { orderId: 'late-order' })).toEqual({ released: 0, replayed: false });
    await expect(send(nats, contracts.reserveStock, { orderId: 'late-order', lines: [{ skuId: String(skuId), quantity: 1 }] })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await stockOf(skuId)).toBe(4);
  });

  it('refuses SKUs that are off the shelf or unknown', async () => {
    const skuId = await skuWith(5, 7);
    await db().update(products).set({ status: 'OFF_SHELF' }).where(eq(products.id, 7));
    await expect(send(nats, contracts.reserveStock, { orderId: 'off-shelf', lines: [{ skuId: String(skuId), quantity: 1 }] })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'UNAVAILABLE' } });
    await expect(send(nats, contracts.reserveStock, { orderId: 'unknown', lines: [{ skuId: '987654', quantity: 1 }] })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await stockOf(skuId)).toBe(5);
  });

  it('snapshots SKUs for order lines', async () => {
    const skuId = await skuWith(3, 8);
    const { skus: snapshots } = await send(nats, contracts.skuSnapshots, { skuIds: [String(skuId), '987654'] });
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ skuId: String(skuId), productId: '8', stock: 3, available: true });
    expect(snapshots[0]!.title.length).toBeGreaterThan(2);
    // The product's category, then each ancestor up to the top of the tree.
    const [product] = await db().select().from(products).where(eq(products.id, 8));
    const path: string[] = [];
    for (let at: number | null = product!.categoryId; at !== null; ) {
      path.push(String(at));
      at = (await db().select().from(categories).where(eq(categories.id, at)))[0]!.parentId;
    }
    expect(path.length).toBeGreaterThan(1);
    expect(snapshots[0]!.categoryIds).toEqual(path);
    // The same facts of the product, for promotion.
    const { products: facts } = await send(nats, contracts.productFacts, { productIds: ['8', '987654'] });
    expect(facts).toEqual([{ productId: '8', shopId: String(product!.shopId), categoryIds: path }]);
  });
});

describe('stock.changed events', () => {
  it('are written with every change and all reach the stream', async () => {
    const [written] = await db().select({ n: count() }).from(outbox).where(eq(outbox.subject, 'stock.changed'));
    // 50 reservations and 1 release in the race, 1 reservation each for the same-order and paid-order tests.
    expect(written!.n).toBe(53);
    await waitFor('the outbox to be drained', async () => (await db().select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt)))[0]!.n === 0);
    const jsm = await jetstreamManager(nats);
    const info = await jsm.streams.info(catalog.subgraph.deps.config.events.stream);
    expect(info.state.messages).toBe(written!.n);
    const [sums] = await db().select({ total: sql<string>`SUM(JSON_EXTRACT(${outbox.payload}, '$.data.change'))` }).from(outbox).where(eq(outbox.subject, 'stock.changed'));
    expect(Number(sums!.total)).toBeLessThan(0);
  });
});

describe('stock returned by key (flash sales)', () => {
  it('puts units back on the shelf and off the sales once per key, sales only when asked', async () => {
    const skuId = await skuWith(10, 5);
    await send(nats, contracts.reserveStock, { orderId: 'flash-entry-test', lines: [{ skuId: String(skuId), quantity: 6 }] });
    await send(nats, contracts.commitStock, { orderId: 'flash-entry-test' });
    const salesOf = async () => (await db().select({ sales: skus.sales }).from(skus).where(eq(skus.id, skuId)))[0]!.sales;
    const salesBefore = await salesOf();
    expect(await stockOf(skuId)).toBe(4);
    expect(await send(nats, contracts.returnStock, { key: 'flash-entry-test-end', skuId: String(skuId), quantity: 2, sales: 3 })).toEqual({ stockAfter: 6, replayed: false });
    expect(await send(nats, contracts.returnStock, { key: 'flash-entry-test-end', skuId: String(skuId), quantity: 2, sales: 3 })).toEqual({ stockAfter: 6, replayed: true });
    expect(await salesOf()).toBe(salesBefore - 3);
    // Units never counted sold come back to the shelf only.
    await send(nats, contracts.returnStock, { key: 'flash-closed-test', skuId: String(skuId), quantity: 1, sales: 0 });
    expect(await stockOf(skuId)).toBe(7);
    expect(await salesOf()).toBe(salesBefore - 3);
    await expect(send(nats, contracts.returnStock, { key: 'flash-entry-test-end', skuId: String(skuId), quantity: 5 })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await expect(send(nats, contracts.returnStock, { key: 'flash-nothing', skuId: String(skuId), quantity: 0, sales: 0 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
