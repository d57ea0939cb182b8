import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DEV_WECHAT_APP, jobs, loadSubgraphConfig, openDatabase, type Database } from '@mall/kit';
import { deleteEventStream, graphql, isolatedMessaging, startSubgraph, subgraphProcess, waitFor, type SubgraphProcess, type TestSubgraph } from '@mall/test-kit';
import { startFakeWechat, type FakeWechat } from '@mall/wechat-fake';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { products, skus } from '@mall/catalog/db';
import { membershipSubgraph } from '@mall/membership';
import { addresses } from '@mall/membership/db';
import { orderSubgraph } from '@mall/order';
import { promotionSubgraph } from '@mall/promotion';
import { orders, orderStatusChanges } from '@mall/order/db';

/**
 * The order subgraph runs as a real process here, so it can be killed (SIGKILL, no
 * shutdown) while an order waits for payment, and started again after the window closed.
 */
const messaging = isolatedMessaging();
let wechat: FakeWechat;
let catalog: TestSubgraph<typeof catalogSubgraph.schema>;
let membership: TestSubgraph<typeof membershipSubgraph.schema>;
let promotion: TestSubgraph<typeof promotionSubgraph.schema>;
let orderProcess: SubgraphProcess;
let orderDb: Database<typeof orderSubgraph.schema>;

beforeAll(async () => {
  wechat = await startFakeWechat(DEV_WECHAT_APP);
  [catalog, membership, promotion] = await Promise.all([
    startSubgraph(catalogSubgraph, messaging),
    startSubgraph(membershipSubgraph, { ...messaging, WECHAT_API_BASE: wechat.url }),
    startSubgraph(promotionSubgraph, messaging),
  ]);
  await seedDemoCatalog(catalog.subgraph.deps.database.db, 1);
  orderProcess = await subgraphProcess('order', { ...messaging, ORDER_PAYMENT_SECONDS: '2', ORDER_SWEEP_INTERVAL_MS: '200', LOG_LEVEL: 'warn' });
  orderDb = await openDatabase({ url: loadSubgraphConfig('order').mysql.url, database: orderProcess.database, schema: orderSubgraph.schema, migrationsFolder: orderSubgraph.migrationsFolder });
});
afterAll(async () => {
  await orderDb?.close();
  await orderProcess?.stop();
  await Promise.all([catalog?.stop(), membership?.stop(), promotion?.stop()]);
  await deleteEventStream(messaging.EVENTS_STREAM);
  await wechat?.close();
});

describe('auto-cancel across a crash', () => {
  it('cancels an order whose window closed while the order process was dead, once', async () => {
    const login = await graphql<{ loginWithWechat: { accessToken: string; member: { id: string } } }>(
      membership.url, 'mutation ($code: String!) { loginWithWechat(code: $code) { accessToken member { id } } }', { code: wechat.loginCode({ openid: 'oKILL_restart_000000000000001' }) },
    );
    const { accessToken, member } = login.data!.loginWithWechat;
    await membership.subgraph.deps.database.db.insert(addresses).values({ memberId: Number(member.id), recipient: '重启', phone: '13900000001', provinceCode: '110000', cityCode: '110100', districtCode: '110105', regionText: '北京市 北京市 朝阳区', detail: '朝阳路 2 号', isDefault: true });
    const cdb = catalog.subgraph.deps.database.db;
    await cdb.update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, 1));
    const [sku] = await cdb.select().from(skus).where(eq(skus.productId, 1)).limit(1);
    await cdb.update(skus).set({ stock: 10 }).where(eq(skus.id, sku!.id));
    const stock = async () => (await cdb.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku!.id)))[0]!.stock;

    await orderProcess.start();
    const placed = await graphql<{ placeOrder: { orders: Array<{ id: string }> } }>(orderProcess.url, 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id } } }', {
      input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku!.id), quantity: 3 }] },
    }, { token: accessToken });
    expect(placed.errors).toBeUndefined();
    const id = Number(placed.data!.placeOrder.orders[0]!.id);
    expect(await stock()).toBe(7);

    // Kill it outright, and let the payment window close while it is dead.
    await orderProcess.kill();
    const [placedRow] = await orderDb.db.select().from(orders).where(eq(orders.id, id));
    await waitFor('the payment window to close', () => Date.now() > placedRow!.expiresAt.getTime() + 200);
    expect((await orderDb.db.select().from(orders).where(eq(orders.id, id)))[0]!.status).toBe('PENDING_PAYMENT');
    expect(await stock()).toBe(7);

    // Restarted, it finds the expired order from the database alone and cancels it.
    await orderProcess.start();
    await expect.poll(async () => (await orderDb.db.select().from(orders).where(eq(orders.id, id)))[0]!.status, { timeout: 10_000 }).toBe('CANCELLED');
    await expect.poll(stock, { timeout: 10_000 }).toBe(10);
    // Nothing is left to run for it: its deadline job is gone, and it changed once.
    expect(await orderDb.db.select().from(jobs).where(and(eq(jobs.name, 'order.expire'), eq(jobs.key, String(id))))).toEqual([]);
    const changes = await orderDb.db.select().from(orderStatusChanges).where(eq(orderStatusChanges.orderId, id));
    expect(changes.map((c) => c.toStatus)).toEqual(['PENDING_PAYMENT', 'CANCELLED']);
    expect(await stock()).toBe(10);
  });
});
