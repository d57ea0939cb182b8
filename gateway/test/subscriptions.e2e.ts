import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { and, eq, isNull } from 'drizzle-orm';
import { outbox, startOutboxRelay } from '@mall/kit';
import { createMallSubscriptions, OrderUpdatedDocument, wxWebSocket, type OrderUpdatedSubscription } from '@mall/client';
import { graphql, tokenFor, as, waitFor } from '@mall/test-kit';
import { skus } from '@mall/catalog/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { connect, disposeClients, watch, wsUrl } from './live.ts';
import { newShopper, orderOne, payOrder, skuAt, type Shopper } from './shopping.ts';

let sg: TestSupergraph;
let sku: { id: number; shopId: number };

beforeAll(async () => {
  sg = await startSupergraph({ seed: { size: 2 } });
  sku = await skuAt(sg, 1, 1500);
});
afterAll(async () => {
  await disposeClients();
  await sg?.stop();
});


const ORDER_UPDATED = `subscription ($id: ID!) {
  orderUpdated(orderId: $id) { id status lines { title sku { product { title } } } payments { status method } }
}`;
type OrderEvent = { orderUpdated: { id: string; status: string; lines: Array<{ title: string; sku: { product: { title: string } } }>; payments: Array<{ status: string; method: string }> } };

const errorCodes = (errors: unknown[]) => errors.flatMap((e) => (Array.isArray(e) ? e : [e])).map((e) => (e as { extensions?: { code?: string } }).extensions?.code);

describe('subscriptions over graphql-ws on the gateway', () => {
  it('sends the order as it is, then PAID with product titles from catalog and payments from payment', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, sku.id);
    const client = connect(sg.gateway.url, buyer.token);
    const sub = watch<OrderEvent>(client, ORDER_UPDATED, { id: order.id });
    const [first] = await sub.next(1);
    expect(first!.orderUpdated).toMatchObject({ id: order.id, status: 'PENDING_PAYMENT', payments: [] });
    const productTitle = first!.orderUpdated.lines[0]!.sku.product.title;
    expect(productTitle.length).toBeGreaterThan(0);

    const paid = await payOrder(sg, buyer, order.id, 'DEV');
    expect(paid.errors).toBeUndefined();
    const delivered = await waitFor('the PAID order on the subscription', () => sub.events.find((e) => e.orderUpdated.status === 'PAID'));
    expect(delivered.orderUpdated.lines[0]!.sku.product.title).toBe(productTitle);
    expect(sub.errors).toEqual([]);
    // The payment shows too, once payment's own event has gone by.
    await expect.poll(() => sub.events.at(-1)!.orderUpdated.payments, { timeout: 5000 }).toEqual([{ status: 'SUCCEEDED', method: 'DEV' }]);
  });

  it("refuses another member's order (FORBIDDEN, no events), and an anonymous caller (UNAUTHENTICATED)", async () => {
    const owner = await newShopper(sg);
    const stranger = await newShopper(sg);
    const order = await orderOne(sg, owner, sku.id);
    const theirs = watch<OrderEvent>(connect(sg.gateway.url, stranger.token), ORDER_UPDATED, { id: order.id });
    const nobody = watch<OrderEvent>(connect(sg.gateway.url), ORDER_UPDATED, { id: order.id });
    await expect.poll(() => theirs.errors.length + nobody.errors.length, { timeout: 5000 }).toBe(2);
    expect(errorCodes(theirs.errors)).toEqual(['FORBIDDEN']);
    expect(errorCodes(nobody.errors)).toEqual(['UNAUTHENTICATED']);
    // The owner watches too: once the owner has the PAID order, every subscriber of this
    // order has been answered for that event (the gateway answers all of an event's subscribers at once).
    const own = watch<OrderEvent>(connect(sg.gateway.url, owner.token), ORDER_UPDATED, { id: order.id });
    await own.next(1);
    await payOrder(sg, owner, order.id, 'DEV');
    await waitFor('the owner to see the order PAID', () => own.events.some((e) => e.orderUpdated.status === 'PAID'));
    expect(theirs.events).toEqual([]);
    expect(nobody.events).toEqual([]);
  });

  it('closes a connection with a bad token (4403) and one that never says connection_init (4408)', async () => {
    const bad = connect(sg.gateway.url, 'not.a.token');
    const forged = watch(bad, '{ __typename }');
    await expect.poll(() => bad.closes.map((c) => c.code), { timeout: 5000 }).toEqual([4403]);
    expect(forged.events).toEqual([]);
    const silent = new WebSocket(wsUrl(sg.gateway.url), 'graphql-transport-ws');
    const code = await new Promise<number>((resolve) => silent.on('close', (c) => resolve(c)));
    expect(code).toBe(4408);
  });

  it('ends a connection when its token expires (4403)', async () => {
    const token = await tokenFor(as.member('424242'), 2);
    const client = connect(sg.gateway.url, token);
    watch(client, 'subscription { myOrdersUpdated { id } }');
    await expect.poll(() => client.closes.map((c) => c.code), { timeout: 8000 }).toEqual([4403]);
  });

  it('fires stockChanged when an order reserves stock and when its cancel releases it', async () => {
    const buyer = await newShopper(sg);
    const stock = async () => (await sg.catalog.subgraph.deps.database.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku.id)))[0]!.stock;
    const before = await stock();
    const sub = watch<{ stockChanged: { id: string; stock: number } }>(connect(sg.gateway.url), 'subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { id stock } }', { ids: [String(sku.id)] });
    expect((await sub.next(1))[0]!.stockChanged).toEqual({ id: String(sku.id), stock: before });
    const order = await orderOne(sg, buyer, sku.id);
    await expect.poll(() => sub.events.map((e) => e.stockChanged.stock), { timeout: 5000 }).toEqual([before, before - 1]);
    await graphql(sg.gateway.url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: order.id }, { token: buyer.token });
    await expect.poll(() => sub.events.map((e) => e.stockChanged.stock), { timeout: 5000 }).toEqual([before, before - 1, before]);
  });

  it('fetches once per event for subscribers of the same identity and selection', async () => {
    const second = await sg.startAnotherGateway(); // a gateway of its own, so its counters are this test's
    const fetches = async () => {
      const text = await (await fetch(second.gateway.metrics.url()!)).text();
      // Each fetch is the derived query `sku(id:)`, labelled by that root field.
      return Number(/graphql_operation_duration_seconds_count\{service="gateway",operation="sku",type="query",outcome="ok"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const watchers = Array.from({ length: 5 }, () => watch<{ stockChanged: { stock: number } }>(connect(second.url), 'subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { stock } }', { ids: [String(sku.id)] }));
    await Promise.all(watchers.map((w) => w.next(1)));
    expect(await fetches()).toBe(5); // each one's current state
    const admin = await tokenFor(as.admin());
    await graphql(sg.gateway.url, 'mutation ($id: ID!) { adjustSkuStock(id: $id, delta: 7) { stock } }', { id: String(sku.id) }, { token: admin });
    await Promise.all(watchers.map((w) => w.next(2)));
    expect(new Set(watchers.map((w) => w.events[1]!.stockChanged.stock)).size).toBe(1);
    expect(await fetches()).toBe(6); // one fetch served all five
  });

  it('closes a subscriber that stops reading (1013) and ends its subscriptions, while a reading one gets every event', async () => {
    const gateway = await sg.startAnotherGateway(); // its own, so its subscription count is this test's
    const big = await skuAt(sg, 2, 900);
    // A product with a long description makes each result ~60 KB, so the socket backs up in a few events.
    const merchant = await tokenFor(as.merchant(big.shopId));
    const described = await graphql(sg.gateway.url, 'mutation ($id: ID!, $d: String!) { updateProduct(id: $id, input: { description: $d }) { id } }', { id: '2', d: '茶'.repeat(20_000) }, { token: merchant });
    expect(described.errors).toBeUndefined();
    const query = 'subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { id stock product { description } } }';
    const variables = { ids: [String(big.id)] };

    // The slow client speaks graphql-transport-ws by hand, so it can stop reading its socket.
    const slow = new WebSocket(wsUrl(gateway.url), 'graphql-transport-ws');
    const frames: Array<{ type: string; id?: string }> = [];
    let closed: number | undefined;
    slow.on('message', (data) => void frames.push(JSON.parse(data.toString()) as { type: string }));
    slow.on('close', (code) => void (closed = code));
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await expect.poll(() => frames.some((f) => f.type === 'connection_ack'), { timeout: 5000 }).toBe(true);
    // It stops reading before anything large arrives (a socket that has been read from fast
    // gets a large receive window from the kernel, and then takes tens of MB to back up).
    slow.pause();
    for (let i = 0; i < 10; i++) slow.send(JSON.stringify({ id: `s${i}`, type: 'subscribe', payload: { query, variables } }));
    await expect.poll(() => gateway.gateway.subscriptions.stats().subscriptions, { timeout: 10_000 }).toBe(10);

    const reader = watch<{ stockChanged: { stock: number } }>(connect(gateway.url), query, variables);
    await reader.next(1);
    expect(gateway.gateway.subscriptions.stats().subscriptions).toBe(11);
    const admin = await tokenFor(as.admin());
    let changes = 0;
    while (gateway.gateway.subscriptions.stats().subscriptions > 1 && changes < 150) {
      const adjusted = await graphql(sg.gateway.url, 'mutation ($id: ID!) { adjustSkuStock(id: $id, delta: 1) { stock } }', { id: String(big.id) }, { token: admin });
      expect(adjusted.errors).toBeUndefined();
      changes += 1;
      await reader.next(1 + changes, 10_000);
    }
    // Its ten subscriptions ended after a few events of ~600 KB each (kernel buffers, then 1 MiB),
    // long before any of them could hold 1000 results: the byte bound closed it.
    expect(gateway.gateway.subscriptions.stats().subscriptions).toBe(1);
    expect(changes).toBeLessThan(150);
    const stocks = reader.events.map((e) => e.stockChanged.stock);
    expect(stocks.slice(1)).toEqual(stocks.slice(1).map((_, i) => stocks[0]! + i + 1));
    // Once it reads again it finds the close behind what was already sent, and less than it was owed.
    slow.resume();
    await expect.poll(() => closed, { timeout: 20_000 }).toBe(1013);
    expect(frames.filter((f) => f.type === 'next').length).toBeLessThan(10 * (1 + changes));
  });

  it('holds at most 50 subscriptions on one connection', async () => {
    const client = connect(sg.gateway.url);
    const stockQuery = 'subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { id } }';
    const fifty = Array.from({ length: 50 }, () => watch<{ stockChanged: { id: string } }>(client, stockQuery, { ids: [String(sku.id)] }));
    await Promise.all(fifty.map((w) => w.next(1)));
    const oneMore = watch(client, stockQuery, { ids: [String(sku.id)] });
    await expect.poll(() => errorCodes(oneMore.errors), { timeout: 5000 }).toEqual(['BAD_USER_INPUT']);
    fifty[0]!.stop();
    const again = watch<{ stockChanged: { id: string } }>(client, stockQuery, { ids: [String(sku.id)] });
    expect((await again.next(1))[0]).toEqual({ stockChanged: { id: String(sku.id) } });
  });

  it('delivers to subscribers of two gateway processes, and each closes with 1001 when its gateway stops', async () => {
    const buyer: Shopper = await newShopper(sg);
    const second = await sg.startAnotherGateway();
    const onFirst = watch<{ myOrdersUpdated: { orderNo: string; status: string } }>(connect(sg.gateway.url, buyer.token), 'subscription { myOrdersUpdated { orderNo status } }');
    const secondClient = connect(second.url, buyer.token);
    const onSecond = watch<{ myOrdersUpdated: { orderNo: string; status: string } }>(secondClient, 'subscription { myOrdersUpdated { orderNo status } }');
    // myOrdersUpdated sends nothing first: wait until both gateways hold the subscription.
    await waitFor('both subscriptions to be held', () => sg.gateway.gateway.subscriptions.stats().subscriptions >= 1 && second.gateway.subscriptions.stats().subscriptions >= 1);
    const order = await orderOne(sg, buyer, sku.id);
    await onFirst.next(1);
    await onSecond.next(1);
    expect(onFirst.events[0]).toEqual({ myOrdersUpdated: { orderNo: order.orderNo, status: 'PENDING_PAYMENT' } });
    expect(onSecond.events[0]).toEqual(onFirst.events[0]);
    await second.stop();
    await expect.poll(() => secondClient.closes.map((c) => c.code), { timeout: 5000 }).toEqual([1001]);
  });

  it('still delivers a change committed while the relay was down, once the relay is back', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, sku.id);
    // order.created is delivered before the subscription starts: only later changes reach it.
    await sg.eventsSettled();
    const sub = watch<OrderEvent>(connect(sg.gateway.url, buyer.token), ORDER_UPDATED, { id: order.id });
    await sub.next(1);
    const deps = sg.order.subgraph.deps;
    await deps.relay!.stop(); // killed: nothing the order commits from now on is published
    try {
      const cancelled = await graphql(sg.gateway.url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: order.id }, { token: buyer.token });
      expect(cancelled.errors).toBeUndefined();
      // The cancellation is committed and waits in the outbox, unpublished.
      const waiting = await deps.db.select().from(outbox).where(and(isNull(outbox.publishedAt), eq(outbox.subject, 'order.cancelled')));
      expect(waiting.map((row) => (row.payload.data as { orderId: string }).orderId)).toContain(order.id);
      expect(sub.events.map((e) => e.orderUpdated.status)).toEqual(['PENDING_PAYMENT']);
    } finally {
      deps.relay = startOutboxRelay({ db: deps.db, nats: deps.nats, events: deps.config.events, log: deps.log, source: 'order' });
    }
    await expect.poll(() => sub.events.map((e) => e.orderUpdated.status), { timeout: 5000 }).toEqual(['PENDING_PAYMENT', 'CANCELLED']);
  });
});

describe('the typed client SDK', () => {
  /** `wx.connectSocket` as a mini-program has it, played by the `ws` package. */
  const wx = {
    connectSocket({ url, protocols }: { url: string; protocols?: string[] }) {
      const socket = new WebSocket(url, protocols);
      return {
        onOpen: (cb: () => void) => void socket.on('open', cb),
        onClose: (cb: (r: { code: number; reason: string }) => void) => void socket.on('close', (code, reason) => cb({ code, reason: reason.toString() })),
        onError: (cb: (r: { errMsg: string }) => void) => void socket.on('error', (e) => cb({ errMsg: e.message })),
        onMessage: (cb: (r: { data: string }) => void) => void socket.on('message', (data) => cb({ data: data.toString() })),
        send: ({ data }: { data: string }) => socket.send(data),
        close: ({ code, reason }: { code?: number; reason?: string }) => socket.close(code, reason),
      };
    },
  };

  it('subscribes with a generated document over wx.connectSocket, token from the app', async () => {
    const buyer = await newShopper(sg);
    const order = await orderOne(sg, buyer, sku.id);
    const mall = createMallSubscriptions({ url: wsUrl(sg.gateway.url), token: () => buyer.token, webSocketImpl: wxWebSocket(wx), retryAttempts: 0 });
    const seen: Array<OrderUpdatedSubscription['orderUpdated']['status']> = [];
    const stop = mall.subscribe(OrderUpdatedDocument, { orderId: order.id }, { next: (result) => result.data && seen.push(result.data.orderUpdated.status) });
    await expect.poll(() => seen, { timeout: 5000 }).toEqual(['PENDING_PAYMENT']);
    await payOrder(sg, buyer, order.id, 'DEV');
    await expect.poll(() => seen.includes('PAID'), { timeout: 5000 }).toBe(true);
    stop();
    await mall.dispose();
  });
});
