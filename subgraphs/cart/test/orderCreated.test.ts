import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { hasProcessed, type EventEnvelope } from '@mall/kit';
import { eventEnvelope, publishEvent, waitFor } from '@mall/test-kit';
import { parkedEvents, processedEvents } from '../src/db/schema.ts';
import { snapshot, startCart, stock, type TestCart } from './fixtures.ts';

/**
 * Cart's durable consumer of `order.created`, fed real events on this cart's own stream,
 * published as order's outbox relay publishes them (no order subgraph runs).
 */

let cart: TestCart;

beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart?.close());

const CONSUMER = 'cart-order-created';
const db = () => cart.subgraph.deps.db;

/** An order.created event as order writes one: its data checked by the same contract `events.write` checks. */
function orderCreated(memberId: string, skuIds: string[], fromCart = true): EventEnvelope {
  const orderId = String(randomInt(1, 1_000_000_000));
  const data = events.schemas['order.created'].parse({
    orderId,
    orderNo: `T${orderId}`,
    memberId,
    shopId: '1',
    status: 'PENDING_PAYMENT',
    payable: 1000 * skuIds.length,
    lines: skuIds.map((skuId) => ({ skuId, quantity: 1 })),
    reason: null,
    fromCart,
  });
  return eventEnvelope('order.created', data, 'order');
}

const publish = (body: EventEnvelope | string, options: { msgId?: string } = {}) => publishEvent(cart.nats, cart.prefix, 'order.created', body, options);
const applied = (event: EventEnvelope) => waitFor(`cart to apply ${event.id}`, () => hasProcessed(db(), CONSUMER, event.id));
const skuIds = (rows: Array<[number, number, boolean]>) => rows.map(([skuId]) => String(skuId));

/** A member whose cart holds one unit of each of `n` new SKUs. */
async function memberWith(n: number) {
  const member = await cart.member();
  const skus = stock(cart, ...Array.from({ length: n }, () => snapshot()));
  for (const sku of skus) {
    const added = await cart.query('mutation ($id: ID!) { addToCart(skuId: $id) { selectedQuantity } }', { id: sku.skuId }, member.token);
    expect(added.errors).toBeUndefined();
  }
  return { ...member, skus: skus.map((s) => s.skuId) };
}

describe('order.created', () => {
  it('takes the ordered lines out of the buyer’s cart, and nothing else', async () => {
    const [buyer, neighbour] = await Promise.all([memberWith(3), cart.member()]);
    const [a, b, c] = buyer.skus;
    await cart.query('mutation ($id: ID!) { addToCart(skuId: $id) { selectedQuantity } }', { id: a }, neighbour.token);

    await publish(orderCreated(buyer.id, [a!, b!]));
    await waitFor('the ordered lines to leave the cart', async () => (await cart.rows(buyer.id)).length === 1);
    expect(skuIds(await cart.rows(buyer.id))).toEqual([c]);
    expect(skuIds(await cart.rows(neighbour.id))).toEqual([a]);
  });

  it('leaves the cart alone when the order did not come from it (buy now)', async () => {
    const buyer = await memberWith(1);
    const event = orderCreated(buyer.id, buyer.skus, false);
    await publish(event);
    await applied(event);
    expect(skuIds(await cart.rows(buyer.id))).toEqual(buyer.skus);
  });

  it('applies an event once: a duplicate changes nothing', async () => {
    const buyer = await memberWith(2);
    const [a, b] = buyer.skus;
    const first = orderCreated(buyer.id, [a!]);
    await publish(first);
    await waitFor('the ordered line to leave the cart', async () => !skuIds(await cart.rows(buyer.id)).includes(a!));
    // The buyer puts the SKU in the cart again after ordering it: a replay must not take it.
    await cart.query('mutation ($id: ID!) { addToCart(skuId: $id) { selectedQuantity } }', { id: a }, buyer.token);

    // Within the stream's window JetStream itself drops the copy (the relay's Nats-Msg-Id)…
    expect((await publish(first)).duplicate).toBe(true);
    // …past it, the copy reaches the consumer, like a redelivery: processed_events stops it.
    expect((await publish(first, { msgId: `${first.id}-again` })).duplicate).toBe(false);
    // The consumer takes events one at a time in stream order: once the next one is applied, the copy was handled.
    const next = orderCreated(buyer.id, [b!]);
    await publish(next);
    await applied(next);
    expect(skuIds(await cart.rows(buyer.id))).toEqual([a]);
    const [processed] = await db().select({ n: count() }).from(processedEvents).where(and(eq(processedEvents.consumer, CONSUMER), eq(processedEvents.eventId, first.id)));
    expect(processed!.n).toBe(1);
  });

  it('parks a payload that breaks its contract (or is no JSON), and still applies the next valid event', async () => {
    const buyer = await memberWith(2);
    const [a, b] = buyer.skus;
    const broken = { ...orderCreated(buyer.id, [a!]) };
    broken.data = { ...(broken.data as object), lines: [{ skuId: a, quantity: 'one' }] };
    await publish(broken);
    const notJson = '{"id": "half an envelope'; // cut short in transit
    const notJsonAck = await publish(notJson);
    const valid = orderCreated(buyer.id, [b!]);
    await publish(valid);

    await applied(valid);
    expect(skuIds(await cart.rows(buyer.id))).toEqual([a]);
    const parked = await waitFor('both to be parked', async () => {
      const rows = await db().select().from(parkedEvents).where(eq(parkedEvents.consumer, CONSUMER)).orderBy(parkedEvents.id);
      return rows.length >= 2 && rows;
    });
    expect(parked.map((p) => ({ eventId: p.eventId, subject: p.subject, payload: p.payload }))).toEqual([
      { eventId: broken.id, subject: 'order.created', payload: JSON.stringify(broken) },
      { eventId: `seq:${notJsonAck.seq}`, subject: 'order.created', payload: notJson },
    ]);
    expect(parked[0]!.error).toContain('lines.0.quantity');
    expect(parked[1]!.error).toBe('not JSON');
    expect(await hasProcessed(db(), CONSUMER, broken.id)).toBe(false);
  });
});
