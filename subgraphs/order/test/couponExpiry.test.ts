import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { loadSubgraphConfig, openDatabase, type Database } from '@mall/kit';
import { outbox } from '@mall/promotion/db';
import { graphql, subgraphProcess, waitFor, type SubgraphProcess } from '@mall/test-kit';
import { orders } from '../src/db/schema.ts';
import { orderSubgraph } from '../src/subgraph.ts';
import { PLACE, startNeighbours, type Neighbours, type PlaceOrderData } from './fixtures.ts';

/**
 * An unpaid order's coupon comes back when its payment window closes, also when the order
 * process was killed (SIGKILL) while the order waited and the window closed while it was
 * down: once it runs again, the expiry is carried out, and the coupon is given back once.
 */
let t: Neighbours;
let orderProcess: SubgraphProcess;
let db: Database<typeof orderSubgraph.schema>;

beforeAll(async () => {
  t = await startNeighbours();
  orderProcess = await subgraphProcess('order', { ...t.messaging, ORDER_SWEEP_INTERVAL_MS: '200', ORDER_PAYMENT_SECONDS: '2' });
  db = await openDatabase({ url: loadSubgraphConfig('order').mysql.url, database: orderProcess.database, schema: orderSubgraph.schema, migrationsFolder: orderSubgraph.migrationsFolder });
});
afterAll(async () => {
  await db?.close();
  await orderProcess?.stop();
  await t?.stop();
});

describe('a coupon of an order that expires while the order process is down', () => {
  it('comes back once the process runs again, once', async () => {
    const buyer = await t.member();
    const sku = await t.skuWith(3, 20, 4_000);
    const { couponId } = await t.coupon(buyer, { name: '立减4', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 400 });
    await orderProcess.start();
    const placed = await graphql<PlaceOrderData>(orderProcess.url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }], couponIds: [couponId] } }, { token: buyer.token });
    const order = placed.data!.placeOrder.orders[0]!;
    expect(order.amounts.discount.amount).toBe(400 + 180);
    await orderProcess.kill();

    const [row] = await db.db.select().from(orders).where(eq(orders.id, Number(order.id)));
    await waitFor('the payment window to close while the process is down', async () => Date.now() > row!.expiresAt.getTime() + 200, 10_000);
    // Nobody ended the order: its coupon is still held.
    expect((await db.db.select().from(orders).where(eq(orders.id, Number(order.id))))[0]!.status).toBe('PENDING_PAYMENT');
    expect(await t.couponRow(couponId)).toMatchObject({ status: 'LOCKED', orderNo: row!.orderNo });

    await orderProcess.start();
    await waitFor('the order to expire', async () => (await db.db.select().from(orders).where(eq(orders.id, Number(order.id))))[0]!.status === 'CANCELLED', 15_000);
    await waitFor('the coupon to come back', async () => (await t.couponRow(couponId)).status === 'UNUSED', 15_000);
    await waitFor('its stock to come back', async () => (await t.stockOf(sku.id)) === 20, 15_000);
    const released = (await t.promotion.subgraph.deps.db.select().from(outbox)).filter((e) => {
      const envelope = e.payload as { type: string; data: { couponId: string } };
      return envelope.type === 'coupon.released' && envelope.data.couponId === couponId;
    });
    expect(released).toHaveLength(1);
  });
});
