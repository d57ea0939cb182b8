import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { order as orderContracts } from '@mall/contracts';
import { sendCommand } from '@mall/kit';
import { graphql, testNats } from '@mall/test-kit';
import { products } from '@mall/catalog/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper, orderOne, skuAt } from './shopping.ts';

/** Journeys of someone trying what nobody may: learn an unlisted product's title, mark an order paid without money. */

let supergraph: TestSupergraph;
let url: string;
const catalogDb = () => supergraph.catalog.subgraph.deps.database.db;

beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
});
afterAll(() => supergraph?.stop());

const PLACE = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id } } }';
const ADD = 'mutation ($id: ID!) { addToCart(skuId: $id) { selectedQuantity } }';

describe('an off-shelf product (defect 10)', () => {
  it('is refused by placeOrder and addToCart as CONFLICT naming the SKU, never the product’s title', async () => {
    const buyer = await newShopper(supergraph);
    const sku = await skuAt(supergraph, 6, 4900);
    // A product being prepared: its title must reach nobody but its shop and admins.
    const title = `未公开新品 ${randomUUID().slice(0, 8)}`;
    await catalogDb().update(products).set({ title, status: 'OFF_SHELF' }).where(eq(products.id, 6));

    const placed = await graphql(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }] } }, { token: buyer.token });
    expect(placed.errors).toHaveLength(1);
    expect(placed.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNAVAILABLE', skuId: String(sku.id) });
    expect(JSON.stringify(placed)).not.toContain(title);
    expect(JSON.stringify(placed)).not.toContain('未公开新品');

    const added = await graphql(url, ADD, { id: String(sku.id) }, { token: buyer.token });
    expect(added.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(JSON.stringify(added)).not.toContain('未公开新品');

    // Nothing was ordered or put in the cart.
    const mine = await graphql<{ myOrders: { totalCount: number }; myCart: { lines: unknown[] } }>(url, '{ myOrders { totalCount } myCart { lines { quantity } } }', {}, { token: buyer.token });
    expect(mine.data).toEqual({ myOrders: { totalCount: 0 }, myCart: { lines: [] } });
  });
});

describe('orders.markPaid (defect 11)', () => {
  it('has no responder on NATS: a forged request marks nothing paid', async () => {
    const buyer = await newShopper(supergraph);
    const sku = await skuAt(supergraph, 7, 2500);
    const order = await orderOne(supergraph, buyer, sku.id);
    const nats = await testNats();
    try {
      // Order is on this run's subjects and answers what it should answer…
      const info = await sendCommand(nats, orderContracts.paymentInfo, { orderId: order.id }, { prefix: supergraph.prefix });
      expect(info).toMatchObject({ orderId: order.id, status: 'PENDING_PAYMENT', payable: order.payable });
      // …but nothing answers the old command, however right its body looks.
      const body = JSON.stringify({ orderId: order.id, paymentRef: 'FORGED-0001', amount: order.payable });
      const refusal = await nats.request(`${supergraph.prefix}orders.markPaid`, body, { timeout: 5000 }).then(
        (reply) => {
          throw new Error(`orders.markPaid was answered: ${reply.string()}`);
        },
        // NATS's RequestError (the gateway's tests do not depend on the NATS client itself).
        (error: unknown) => error as Error & { isNoResponders(): boolean },
      );
      expect(refusal.isNoResponders()).toBe(true);
      expect(String(refusal.cause)).toContain('no responders');
    } finally {
      await nats.close();
    }

    // Whatever was set off has run its course, and the order still waits for money.
    await supergraph.eventsSettled();
    const now = await graphql<{ order: { status: string; payments: unknown[] } }>(url, 'query ($id: ID!) { order(id: $id) { status payments { status } } }', { id: order.id }, { token: buyer.token });
    expect(now.data!.order).toEqual({ status: 'PENDING_PAYMENT', payments: [] });
  });
});
