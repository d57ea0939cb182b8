import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { reservationHolds, type Database } from '@mall/kit';
import { graphql, waitFor, type SubgraphProcess } from '@mall/test-kit';
import { checkouts, orderLines, orders, type OrderSchema } from '../src/db/schema.ts';
import { orderProcessBeside, PLACE, startNeighbours, type Neighbours, type PlaceOrderData } from './fixtures.ts';

/**
 * The order subgraph as a real process, killed (SIGKILL: no shutdown, no cleanup) while
 * dozens of checkouts are in flight, then started again. Every buyer retries with their own
 * idempotency key until they get an answer: each must end in their order (nobody's key is
 * burnt), stock must add up exactly, and nothing may stay reserved for an order that does
 * not exist. Each buyer uses a coupon of theirs: it ends held by their order, and no
 * coupon stays held by a checkout that never finished.
 */
let t: Neighbours;
let beside: Awaited<ReturnType<typeof orderProcessBeside>>;
let orderProcess: SubgraphProcess;
let db: Database<OrderSchema>;

beforeAll(async () => {
  t = await startNeighbours();
  beside = await orderProcessBeside(t, { ORDER_CHECKOUT_LEASE_MS: '2000', ORDER_CHECKOUT_WAIT_MS: '1000' });
  ({ process: orderProcess, db } = beside);
});
afterAll(async () => {
  await beside?.stop();
  await t?.stop();
});

describe('a crash of the order process mid-checkout', () => {
  it('burns no checkout: every retry ends in its order, and the stock adds up', async () => {
    const sku = await t.skuWith(1, 10_000);
    const buyers = await Promise.all(Array.from({ length: 60 }, async (_, i) => ({ ...(await t.member()), key: randomUUID(), quantity: 1 + (i % 3) })));
    const coupons = await Promise.all(buyers.map((b) => t.coupon(b, { name: '立减1', kind: 'AMOUNT_OFF', threshold: 0, amountOff: 100 })));
    const input = (b: (typeof buyers)[number]) => ({ idempotencyKey: b.key, lines: [{ skuId: String(sku.id), quantity: b.quantity }], couponIds: [coupons[buyers.indexOf(b)]!.couponId] });
    const url = orderProcess.url;
    await orderProcess.start();

    // Catalog answers slowly, so many checkouts are in flight at once; kill the process when enough are.
    let letGo: () => void = () => {};
    t.faults.holdReserves = new Promise<void>((resolve) => (letGo = resolve));
    const firstTries = buyers.map((b) => graphql<PlaceOrderData>(url, PLACE, { input: input(b) }, { token: b.token }).catch(() => null));
    await waitFor('checkouts in flight', async () => (await db.db.select().from(checkouts).where(eq(checkouts.status, 'PROCESSING'))).length >= 40, 20_000);
    await orderProcess.kill();
    // Catalog carries out what it was asked, after the process is gone: those reservations are orphans now.
    t.faults.holdReserves = null;
    letGo();
    await Promise.all(firstTries);

    await orderProcess.start();
    const outcomes = await Promise.all(
      buyers.map(async (b) => {
        // A buyer retries with the same key until the mall answers for good.
        let retries = 0;
        return waitFor<{ placed: string[]; retries: number } | { failed: unknown }>(
          'an answer for good',
          async () => {
            const reply = await graphql<PlaceOrderData>(url, PLACE, { input: input(b) }, { token: b.token }).catch(() => null);
            if (reply?.data) return { placed: reply.data.placeOrder.orders.map((o) => o.id), retries };
            const code = reply?.errors?.[0]?.extensions?.['reason'] ?? reply?.errors?.[0]?.extensions?.code;
            if (code !== 'CHECKOUT_IN_PROGRESS' && code !== 'SERVICE_UNAVAILABLE' && code !== 'CHECKOUT_RECOVERING' && reply !== null) return { failed: reply.errors };
            retries++;
            return undefined;
          },
          30_000,
        );
      }),
    );
    expect(outcomes.filter((o) => 'failed' in o)).toEqual([]);
    // One order per buyer, whatever happened to their first try.
    const placed = await db.db.select().from(orders).where(inArray(orders.memberId, buyers.map((b) => b.memberId)));
    expect(placed).toHaveLength(60);
    expect(new Set(placed.map((o) => o.memberId)).size).toBe(60);
    // Stock: exactly what the orders hold is taken, once every interrupted checkout is recovered.
    const lines = await db.db.select().from(orderLines).where(inArray(orderLines.orderId, placed.map((o) => o.id)));
    const sold = lines.reduce((sum, l) => sum + l.quantity, 0);
    expect(sold).toBe(buyers.reduce((sum, b) => sum + b.quantity, 0));
    await waitFor('every interrupted checkout to give its stock back', async () => (await t.stockOf(sku.id)) === 10_000 - sold, 20_000);
    const held = await t.catalog.subgraph.deps.db.select().from(reservationHolds).where(eq(reservationHolds.status, 'RESERVED'));
    expect(held.map((h) => h.owner).sort()).toEqual(placed.map((o) => o.orderNo).sort());
    expect(await db.db.select().from(checkouts).where(eq(checkouts.status, 'PROCESSING'))).toEqual([]);
    // Each coupon is held by its buyer's order, and by nothing else.
    for (const [i, b] of buyers.entries()) {
      const order = placed.find((o) => o.memberId === b.memberId)!;
      expect(order.couponHolds).toEqual([{ owner: order.orderNo, orders: 1 }]);
      expect(await t.couponRow(coupons[i]!.couponId)).toMatchObject({ status: 'LOCKED', orderNo: order.orderNo });
    }
    const couponHolds = await t.promotion.subgraph.deps.db.select().from(reservationHolds).where(eq(reservationHolds.status, 'RESERVED'));
    expect(couponHolds.map((h) => h.owner).sort()).toEqual(placed.map((o) => o.orderNo).sort());
  });
});
