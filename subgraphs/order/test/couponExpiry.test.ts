import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@mall/kit';
import { eventsWritten, graphql, waitFor, type SubgraphProcess } from '@mall/test-kit';
import { orders, type OrderSchema } from '../src/db/schema.ts';
import { orderProcessBeside, PLACE, startNeighbours, type Neighbours, type PlaceOrderData } from './fixtures.ts';

/**
 * An unpaid order's coupon comes back when its payment window closes, also when the order
 * process was killed (SIGKILL) while the order waited and the window closed while it was
 * down: once it runs again, the expiry is carried out, and the coupon is given back once.
 */
let t: Neighbours;
let beside: Awaited<ReturnType<typeof orderProcessBeside>>;
let orderProcess: SubgraphProcess;
let db: Database<OrderSchema>;

beforeAll(async () => {
  t = await startNeighbours();
  beside = await orderProcessBeside(t, { ORDER_PAYMENT_SECONDS: '2' });
  ({ process: orderProcess, db } = beside);
});
afterAll(async () => {
  await beside?.stop();
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
    const released = (await eventsWritten<{ couponId: string }>(t.promotion.subgraph.deps.db, 'coupon.released')).filter((e) => e.couponId === couponId);
    expect(released).toHaveLength(1);
  });
});
