import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { holdOf, jobs, MONEY_LIMITS } from '@mall/kit';
import { errorCode, graphql, waitFor } from '@mall/test-kit';
import { checkouts, orderLines, orders } from '../src/db/schema.ts';
import { sweepCheckouts } from '../src/services/checkout.ts';
import { startOrderAlone, type OrderAlone } from './fixtures.ts';

let t: OrderAlone;
beforeAll(async () => {
  t = await startOrderAlone({ ORDER_CHECKOUT_LEASE_MS: '1500', ORDER_CHECKOUT_WAIT_MS: '1000' });
});
afterAll(() => t?.stop());

const odb = () => t.order.subgraph.deps.db;
const checkoutOf = async (memberId: number, key: string) =>
  (await odb().select().from(checkouts).where(and(eq(checkouts.memberId, memberId), eq(checkouts.idempotencyKey, key))))[0];

describe('placeOrder, against order alone', () => {
  it('places an order with its level discount allocated to the lines, and answers a retry with the same order', async () => {
    const { token } = await t.member();
    const a = await t.skuWith(1, 10, 1999);
    const b = await t.skuWith(2, 10, 3333);
    const input = { idempotencyKey: randomUUID(), lines: [{ skuId: String(a.id), quantity: 3 }, { skuId: String(b.id), quantity: 1 }] };
    const placed = await t.placeOrder(token, input);
    expect(placed.errors).toBeUndefined();
    const [order] = placed.data!.placeOrder.orders;
    // 95% of 3 × 19.99 + 33.33 = 93.30 goods: 4.67 off, split over the lines in whole cents.
    expect(order!.amounts).toEqual({ goods: { amount: 9330 }, discount: { amount: 467 }, payable: { amount: 8863 } });
    expect(order!.lines.reduce((sum, l) => sum + l.discount.amount, 0)).toBe(467);
    expect(order!.lines.reduce((sum, l) => sum + l.payable.amount, 0)).toBe(8863);
    const again = await t.placeOrder(token, input);
    expect(again.data!.placeOrder.orders.map((o) => o.id)).toEqual([order!.id]);
    expect(errorCode(await t.placeOrder(token, { ...input, remark: 'other' }))).toBe('CONFLICT');
    expect(await t.stockOf(a.id)).toBe(7);
  });

  it('refuses an order larger than one payment takes before any stock is reserved', async () => {
    const { token } = await t.member();
    const dear = await t.skuWith(3, 1000, MONEY_LIMITS.unitPrice);
    const before = t.sent.length;
    const refused = await t.placeOrder(token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(dear.id), quantity: 2 }] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORDER_TOO_LARGE' });
    expect(t.sent.slice(before)).toEqual([]);
    expect(await t.stockOf(dear.id)).toBe(1000);
  });

  it('gives the stock back when a reservation answer was lost, retrying the release until catalog confirms it', async () => {
    const { token, memberId } = await t.member();
    const sku = await t.skuWith(4, 10);
    const key = randomUUID();
    // Catalog reserves, but its answer is lost; then catalog is down for the first two releases.
    t.faults.loseReserveAnswers = 1;
    t.faults.failReleases = 2;
    const first = await t.placeOrder(token, { idempotencyKey: key, lines: [{ skuId: String(sku.id), quantity: 4 }] });
    expect(errorCode(first)).toBe('SERVICE_UNAVAILABLE');
    // The units are held in catalog for an order that does not exist, until a release gets through.
    const orderNo = t.sent.filter((s) => s.subject === 'reserve').at(-1)!.orderId!;
    await waitFor('the stock to come back', async () => (await t.stockOf(sku.id)) === 10);
    expect((await holdOf(t.catalog.subgraph.deps.db, 'stock', orderNo))!.status).toBe('RELEASED');
    expect(t.sent.filter((s) => s.subject === 'release' && s.orderId === orderNo).length).toBeGreaterThanOrEqual(3);
    // And the key is free again: the same request now places the order.
    await waitFor('the key to be freed', async () => (await checkoutOf(memberId, key)) === undefined);
    const retried = await t.placeOrder(token, { idempotencyKey: key, lines: [{ skuId: String(sku.id), quantity: 4 }] });
    expect(retried.errors).toBeUndefined();
    expect(await t.stockOf(sku.id)).toBe(6);
  });

  it('answers a neighbour’s internal error as an interruption to retry, with the stock back and the key free', async () => {
    const { token, memberId } = await t.member();
    const sku = await t.skuWith(4, 10);
    const key = randomUUID();
    t.faults.breakReserves = 1;
    const first = await t.placeOrder(token, { idempotencyKey: key, lines: [{ skuId: String(sku.id), quantity: 2 }] });
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'CHECKOUT_INTERRUPTED' });
    expect(await t.stockOf(sku.id)).toBe(10);
    expect(await checkoutOf(memberId, key)).toBeUndefined();
    const retried = await t.placeOrder(token, { idempotencyKey: key, lines: [{ skuId: String(sku.id), quantity: 2 }] });
    expect(retried.errors).toBeUndefined();
    expect(await t.stockOf(sku.id)).toBe(8);
  });

  it('answers a retry of a checkout still in progress within its wait, then the order once it is placed', async () => {
    const { token } = await t.member();
    const sku = await t.skuWith(5, 10);
    const input = { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }] };
    let letGo: () => void = () => {};
    t.faults.holdReserves = new Promise<void>((resolve) => (letGo = resolve));
    const reservesBefore = t.sent.filter((s) => s.subject === 'reserve').length;
    const first = t.placeOrder(token, input);
    try {
      // This checkout's own reservation, held in the relay: the first attempt owns the key.
      await waitFor('the first attempt to reach catalog', () => t.sent.filter((s) => s.subject === 'reserve').length > reservesBefore);
      const meanwhile = await t.placeOrder(token, input);
      expect(meanwhile.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHECKOUT_IN_PROGRESS' });
    } finally {
      t.faults.holdReserves = null;
      letGo();
    }
    const placed = await first;
    expect(placed.errors).toBeUndefined();
    const later = await t.placeOrder(token, input);
    expect(later.data!.placeOrder.orders.map((o) => o.id)).toEqual(placed.data!.placeOrder.orders.map((o) => o.id));
  });

  it('takes over a checkout whose owner died: its stock back at once, and the retry places the order', async () => {
    const { token, memberId } = await t.member();
    const sku = await t.skuWith(6, 10);
    const key = randomUUID();
    // What a killed process leaves: a checkout in progress, stock held under its planned
    // number, then its lease run out (only then may the sweep take it over).
    const [created] = await odb()
      .insert(checkouts)
      .values({ memberId, idempotencyKey: key, requestHash: 'x'.repeat(64), plannedOrderNos: ['DEAD0000000000000000000001'], ownerToken: randomUUID(), leaseUntil: new Date(Date.now() + 60_000) })
      .$returningId();
    expect(created).toBeDefined();
    await t.reserveInCatalog('DEAD0000000000000000000001', sku.id, 3);
    expect(await t.stockOf(sku.id)).toBe(7);
    await odb().update(checkouts).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(checkouts.id, created!.id));
    // The sweep finds it (the recovery gives the stock back and frees the key)...
    await waitFor('the dead checkout to be recovered', async () => (await checkoutOf(memberId, key)) === undefined);
    expect(await t.stockOf(sku.id)).toBe(10);
    // ...and a late reservation under the dead number is refused.
    await expect(t.reserveInCatalog('DEAD0000000000000000000001', sku.id, 3)).rejects.toMatchObject({ extensions: { reason: 'RELEASED' } });
    const placed = await t.placeOrder(token, { idempotencyKey: key, lines: [{ skuId: String(sku.id), quantity: 3 }] });
    expect(placed.errors).toBeUndefined();
    expect((await odb().select().from(orders).where(eq(orders.memberId, memberId))).length).toBe(1);
  });

  it('leaves a checkout of a replica from before leases alone for five minutes, then recovers it', async () => {
    const { memberId } = await t.member();
    // As such a replica inserts them: no owner token, the lease column at its default (now).
    const row = (key: string, createdAt: Date) => ({ memberId, idempotencyKey: key, requestHash: 'x'.repeat(64), plannedOrderNos: [], ownerToken: null, leaseUntil: new Date(Date.now() - 1000), createdAt });
    const young = randomUUID();
    const old = randomUUID();
    await odb().insert(checkouts).values([row(young, new Date()), row(old, new Date(Date.now() - 6 * 60_000))]);
    await sweepCheckouts(t.order.subgraph.deps);
    expect(await checkoutOf(memberId, old)).toBeUndefined();
    expect(await checkoutOf(memberId, young)).toMatchObject({ status: 'PROCESSING', ownerToken: null });
  });

  it('expires an order whose deadline job was lost, from the sweep', async () => {
    const { token } = await t.member();
    const sku = await t.skuWith(7, 10);
    const placed = await t.placeOrder(token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 2 }] });
    const id = Number(placed.data!.placeOrder.orders[0]!.id);
    // As a replica from before the jobs left it: no job, and its window long closed.
    await odb().delete(jobs).where(and(eq(jobs.name, 'order.expire'), eq(jobs.key, String(id))));
    await odb().update(orders).set({ expiresAt: new Date(Date.now() - 120_000) }).where(eq(orders.id, id));
    await waitFor('the sweep to cancel it', async () => (await odb().select().from(orders).where(eq(orders.id, id)))[0]!.status === 'CANCELLED');
    await waitFor('its stock back', async () => (await t.stockOf(sku.id)) === 10);
  });

  it('shows the lines of an order placed before shares were stored their shares of its discount, as checkout would allocate them', async () => {
    const { token } = await t.member();
    // Products 1 and 2: one shop's (one order, as the first test shows).
    const a = await t.skuWith(1, 10, 1999);
    const b = await t.skuWith(2, 10, 3333);
    const placed = await t.placeOrder(token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(a.id), quantity: 3 }, { skuId: String(b.id), quantity: 1 }] });
    // One order whose two lines share its discount: what the read-time allocation must restore.
    expect(placed.data!.placeOrder.orders).toHaveLength(1);
    const order = placed.data!.placeOrder.orders[0]!;
    expect(order.lines.map((l) => l.discount.amount > 0)).toEqual([true, true]);
    await odb().update(orderLines).set({ discountAmount: 0 }).where(eq(orderLines.orderId, Number(order.id)));
    const seen = await graphql<{ order: { lines: Array<{ discount: { amount: number } }> } }>(t.order.url, 'query ($id: ID!) { order(id: $id) { lines { discount { amount } } } }', { id: order.id }, { token });
    expect(seen.data!.order.lines.map((l) => l.discount.amount)).toEqual(order.lines.map((l) => l.discount.amount));
  });
});
