import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { scheduleJob } from '@mall/kit';
import { errorCode, graphql } from '@mall/test-kit';
import { products, skus } from '@mall/catalog/db';
import { orders, orderStatusChanges, outbox } from '@mall/order/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper, payAndSettle, payOrder, type Shopper } from './shopping.ts';

let supergraph: TestSupergraph;
let url: string;
const catalogDb = () => supergraph.catalog.subgraph.deps.database.db;
const orderDb = () => supergraph.order.subgraph.deps.database.db;

beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
});
afterAll(async () => {
  await supergraph?.stop();
});

/** A new member with a default address, logged in through the gateway. */
const shopper = () => newShopper(supergraph);

/** A SKU of `productId`, on the shelf with `stock` units. */
async function skuWith(productId: number, stock: number): Promise<{ id: number; price: number; shopId: number }> {
  await catalogDb().update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, productId));
  const [sku] = await catalogDb().select().from(skus).where(eq(skus.productId, productId)).limit(1);
  await catalogDb().update(skus).set({ stock }).where(eq(skus.id, sku!.id));
  const [product] = await catalogDb().select().from(products).where(eq(products.id, productId));
  return { id: sku!.id, price: sku!.price, shopId: product!.shopId };
}
const stockOf = async (id: number) => (await catalogDb().select({ stock: skus.stock }).from(skus).where(eq(skus.id, id)))[0]!.stock;

const PLACE = `mutation ($input: PlaceOrderInput!) {
  placeOrder(input: $input) { orders { id orderNo status shop { id } amounts { goods { amount } payable { amount } } lines { quantity title sku { id stock } } } }
}`;
type Placed = { placeOrder: { orders: Array<{ id: string; orderNo: string; status: string; shop: { id: string }; amounts: { goods: { amount: number }; payable: { amount: number } }; lines: Array<{ quantity: number; sku: { id: string; stock: number } }> }> } };

/** Pays the order for real (DEV payment through the fake WeChat Pay) and waits until it is PAID. */
const pay = (buyer: Shopper, orderId: string) => payAndSettle(supergraph, buyer, orderId);

describe('checkout through the gateway', () => {
  it('places one order per shop, then cancels, pays, ships and completes them', async () => {
    const buyer = await shopper();
    const clothes = await skuWith(1, 10); // shop 1
    const earphones = await skuWith(13, 10); // shop 2
    expect(clothes.shopId).not.toBe(earphones.shopId);
    // Into the cart, then check out the cart's lines: two shops, two orders.
    const ADD = 'mutation ($id: ID!, $q: Int) { addToCart(skuId: $id, quantity: $q) { selectedQuantity } }';
    await graphql(url, ADD, { id: String(clothes.id), q: 2 }, { token: buyer.token });
    const added = await graphql<{ addToCart: { selectedQuantity: number } }>(url, ADD, { id: String(earphones.id), q: 1 }, { token: buyer.token });
    expect(added.data!.addToCart.selectedQuantity).toBe(3);
    const placed = await graphql<Placed>(url, PLACE, {
      input: { idempotencyKey: randomUUID(), remark: '请尽快发货', fromCart: true, lines: [{ skuId: String(clothes.id), quantity: 2 }, { skuId: String(earphones.id), quantity: 1 }] },
    }, { token: buyer.token });
    expect(placed.errors).toBeUndefined();
    const [first, second] = placed.data!.placeOrder.orders;
    expect(placed.data!.placeOrder.orders.map((o) => [o.shop.id, o.status])).toEqual([
      [String(clothes.shopId), 'PENDING_PAYMENT'],
      [String(earphones.shopId), 'PENDING_PAYMENT'],
    ]);
    expect(first!.amounts.goods.amount).toBe(clothes.price * 2);
    // The lines' SKUs resolve through catalog, showing today's stock.
    expect(first!.lines[0]!.sku).toEqual({ id: String(clothes.id), stock: 8 });
    expect(await stockOf(earphones.id)).toBe(9);

    const mine = await graphql<{ myOrders: { nodes: Array<{ id: string; status: string }>; totalCount: number } }>(url, '{ myOrders { nodes { id status } totalCount } }', {}, { token: buyer.token });
    expect(mine.data!.myOrders.totalCount).toBe(2);
    expect(mine.data!.myOrders.nodes.map((o) => o.status)).toEqual(['PENDING_PAYMENT', 'PENDING_PAYMENT']);
    await expect.poll(async () => (await graphql<{ myCart: { lines: unknown[] } }>(url, '{ myCart { lines { quantity } } }', {}, { token: buyer.token })).data!.myCart.lines, { timeout: 10_000 }).toEqual([]);

    // Cancel the first: its stock comes back.
    const cancelled = await graphql<{ cancelOrder: { status: string } }>(url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: first!.id }, { token: buyer.token });
    expect(cancelled.data!.cancelOrder.status).toBe('CANCELLED');
    await expect.poll(() => stockOf(clothes.id)).toBe(10);
    expect(errorCode(await graphql(url, 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: first!.id }, { token: buyer.token }))).toBe('CONFLICT');
    expect(await stockOf(clothes.id)).toBe(10);
    const salesBefore = (await catalogDb().select({ sales: skus.sales }).from(skus).where(eq(skus.id, earphones.id)))[0]!.sales;

    // Pay the second, ship it, confirm it. Paying it again is refused.
    expect(await pay(buyer, second!.id)).toMatchObject({ status: 'SUCCEEDED', amount: { amount: second!.amounts.payable.amount } });
    expect((await orderDb().select().from(orders).where(eq(orders.id, Number(second!.id))))[0]!.status).toBe('PAID');
    const again = await payOrder(supergraph, buyer, second!.id, 'DEV');
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PAID' });
    const SHIP = 'mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰速运", trackingNumber: "SF1234567890") { status shipment { carrier trackingNumber } } }';
    const otherMerchant = (await graphql<{ loginStaff: { accessToken: string } }>(url, `mutation { loginStaff(account: "merchant${clothes.shopId}", password: "mall-dev-pass") { accessToken } }`)).data!.loginStaff.accessToken;
    expect(errorCode(await graphql(url, SHIP, { id: second!.id }, { token: otherMerchant }))).toBe('NOT_FOUND');
    const merchant = (await graphql<{ loginStaff: { accessToken: string } }>(url, `mutation { loginStaff(account: "merchant${earphones.shopId}", password: "mall-dev-pass") { accessToken } }`)).data!.loginStaff.accessToken;
    const shipped = await graphql<{ shipOrder: { status: string; shipment: { carrier: string } } }>(url, SHIP, { id: second!.id }, { token: merchant });
    expect(shipped.data!.shipOrder).toEqual({ status: 'SHIPPED', shipment: { carrier: '顺丰速运', trackingNumber: 'SF1234567890' } });
    const done = await graphql<{ confirmReceipt: { status: string } }>(url, 'mutation ($id: ID!) { confirmReceipt(id: $id) { status } }', { id: second!.id }, { token: buyer.token });
    expect(done.data!.confirmReceipt.status).toBe('COMPLETED');

    const timeline = await graphql<{ order: { timeline: Array<{ from: string | null; to: string; actor: string }> } }>(
      url, 'query ($id: ID!) { order(id: $id) { timeline { from to actor } } }', { id: second!.id }, { token: buyer.token },
    );
    expect(timeline.data!.order.timeline).toEqual([
      { from: null, to: 'PENDING_PAYMENT', actor: 'member' },
      { from: 'PENDING_PAYMENT', to: 'PAID', actor: 'payment' },
      { from: 'PAID', to: 'SHIPPED', actor: 'merchant' },
      { from: 'SHIPPED', to: 'COMPLETED', actor: 'member' },
    ]);
    // Paid stock became a sale: sales grew and the stock stays taken.
    expect(await stockOf(earphones.id)).toBe(9);
    expect((await catalogDb().select({ sales: skus.sales }).from(skus).where(eq(skus.id, earphones.id)))[0]!.sales).toBe(salesBefore + 1);
    expect((await orderDb().select().from(orders).where(eq(orders.id, Number(second!.id))))[0]!.stockSettled).toBe(true);

    // Bad input to the order lists and checkout is refused cleanly.
    expect(errorCode(await graphql(url, '{ myOrders(after: "WyJvcmRlcnMiLCJ4Il0") { totalCount } }', {}, { token: buyer.token }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(url, PLACE, { input: { idempotencyKey: randomUUID(), addressId: 'abc', lines: [{ skuId: String(clothes.id), quantity: 1 }] } }, { token: buyer.token }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(clothes.id), quantity: 600 }, { skuId: String(clothes.id), quantity: 600 }] } }, { token: buyer.token }))).toBe('BAD_USER_INPUT');
  });

  it('takes after-sale requests on paid orders, decided by the shop’s merchant', async () => {
    const [buyer, stranger] = await Promise.all([shopper(), shopper()]);
    const item = await skuWith(7, 10);
    const placed = await graphql<Placed>(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(item.id), quantity: 2 }] } }, { token: buyer.token });
    const order = placed.data!.placeOrder.orders[0]!;
    const REQUEST = 'mutation ($id: ID!, $amount: Int) { requestAfterSale(orderId: $id, type: REFUND_ONLY, amount: $amount, reason: "不想要了") { id status amount { amount } } }';
    // Not before payment.
    expect(errorCode(await graphql(url, REQUEST, { id: order.id }, { token: buyer.token }))).toBe('CONFLICT');
    await pay(buyer, order.id);

    const payable = order.amounts.payable.amount;
    expect(errorCode(await graphql(url, REQUEST, { id: order.id, amount: payable + 1 }, { token: buyer.token }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(url, REQUEST, { id: order.id }, { token: stranger.token }))).toBe('NOT_FOUND');
    const asked = await graphql<{ requestAfterSale: { id: string; status: string; amount: { amount: number } } }>(url, REQUEST, { id: order.id, amount: 100 }, { token: buyer.token });
    expect(asked.data!.requestAfterSale).toMatchObject({ status: 'REQUESTED', amount: { amount: 100 } });
    expect(errorCode(await graphql(url, REQUEST, { id: order.id, amount: 100 }, { token: buyer.token }))).toBe('CONFLICT');

    const DECIDE = 'mutation ($id: ID!, $ok: Boolean!, $note: String) { decideAfterSale(id: $id, approve: $ok, note: $note) { status merchantNote } }';
    const merchantOf = async (shopId: number) =>
      (await graphql<{ loginStaff: { accessToken: string } }>(url, `mutation { loginStaff(account: "merchant${shopId}", password: "mall-dev-pass") { accessToken } }`)).data!.loginStaff.accessToken;
    const other = await merchantOf(item.shopId === 1 ? 2 : 1);
    const own = await merchantOf(item.shopId);
    const id = asked.data!.requestAfterSale.id;
    expect(errorCode(await graphql(url, DECIDE, { id, ok: true }, { token: other }))).toBe('NOT_FOUND');
    expect(errorCode(await graphql(url, DECIDE, { id, ok: false }, { token: own }))).toBe('BAD_USER_INPUT');
    const approved = await graphql<{ decideAfterSale: { status: string } }>(url, DECIDE, { id, ok: true }, { token: own });
    expect(approved.data!.decideAfterSale.status).toBe('REFUNDING');
    const [event] = await orderDb().select().from(outbox).where(eq(outbox.subject, 'order.after_sale_approved'));
    expect(event!.payload.data).toMatchObject({ afterSaleId: id, orderId: order.id, amount: 100, type: 'REFUND_ONLY' });
    expect(errorCode(await graphql(url, DECIDE, { id, ok: false, note: '晚了' }, { token: own }))).toBe('CONFLICT');

    // The rest can still be asked for, never more than was paid.
    const rest = await graphql<{ requestAfterSale: { amount: { amount: number } } }>(url, REQUEST, { id: order.id }, { token: buyer.token });
    expect(rest.data!.requestAfterSale.amount.amount).toBe(payable - 100);
    const seen = await graphql<{ order: { afterSales: Array<{ status: string }> } }>(url, 'query ($id: ID!) { order(id: $id) { afterSales { status } } }', { id: order.id }, { token: buyer.token });
    expect(seen.data!.order.afterSales.map((a) => a.status)).toEqual(['REFUNDING', 'REQUESTED']);
  });

  it('lets no other member read or cancel an order', async () => {
    const [alice, bob] = await Promise.all([shopper(), shopper()]);
    const sku = await skuWith(2, 5);
    const placed = await graphql<Placed>(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }] } }, { token: alice.token });
    const id = placed.data!.placeOrder.orders[0]!.id;
    expect((await graphql<{ order: null }>(url, 'query ($id: ID!) { order(id: $id) { id } }', { id }, { token: bob.token })).data!.order).toBeNull();
    expect(errorCode(await graphql(url, 'mutation ($id: ID!) { cancelOrder(id: $id) { id } }', { id }, { token: bob.token }))).toBe('NOT_FOUND');
    const [row] = await orderDb().select().from(orders).where(eq(orders.id, Number(id)));
    expect(row!.status).toBe('PENDING_PAYMENT');
  });

  it('makes one order of the same idempotency key sent 10 times at once', async () => {
    const buyer = await shopper();
    const sku = await skuWith(3, 20);
    const input = { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 2 }] };
    const replies = await Promise.all(Array.from({ length: 10 }, () => graphql<Placed>(url, PLACE, { input }, { token: buyer.token })));
    expect(replies.map((r) => r.errors)).toEqual(replies.map(() => undefined));
    expect(new Set(replies.map((r) => r.data!.placeOrder.orders[0]!.id)).size).toBe(1);
    expect(await stockOf(sku.id)).toBe(18);
    const other = await graphql(url, PLACE, { input: { ...input, lines: [{ skuId: String(sku.id), quantity: 3 }] } }, { token: buyer.token });
    expect(errorCode(other)).toBe('CONFLICT');
  });

  it('reserves nothing and creates no order when the second line is out of stock', async () => {
    const buyer = await shopper();
    const plenty = await skuWith(4, 10);
    const none = await skuWith(5, 0);
    const before = (await orderDb().select({ n: count() }).from(orders))[0]!.n;
    const response = await graphql(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(plenty.id), quantity: 1 }, { skuId: String(none.id), quantity: 1 }] } }, { token: buyer.token });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors![0]!.extensions!['reason']).toBe('OUT_OF_STOCK');
    expect(await stockOf(plenty.id)).toBe(10);
    expect((await orderDb().select({ n: count() }).from(orders))[0]!.n).toBe(before);
  });

  it('sells exactly 50 to 200 concurrent buyers of a SKU with 50 in stock; a cancel puts exactly 1 back', async () => {
    const sku = await skuWith(6, 50);
    const buyers = await Promise.all(Array.from({ length: 200 }, () => shopper()));
    const replies = await Promise.all(
      buyers.map((b) => graphql<Placed>(url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity: 1 }] } }, { token: b.token })),
    );
    const won = replies.filter((r) => !r.errors);
    expect(won).toHaveLength(50);
    const losers = replies.filter((r) => r.errors);
    expect(losers.filter((r) => errorCode(r) !== 'CONFLICT').map((r) => r.errors)).toEqual([]);
    expect(losers).toHaveLength(150);
    expect(await stockOf(sku.id)).toBe(0);
    const winner = buyers[replies.findIndex((r) => !r.errors)]!;
    await graphql(url, 'mutation ($id: ID!) { cancelOrder(id: $id) { id } }', { id: won[0]!.data!.placeOrder.orders[0]!.id }, { token: winner.token });
    await expect.poll(() => stockOf(sku.id)).toBe(1);
  });
});

describe('auto-cancel', () => {
  it('cancels an unpaid order when its payment window closes, releasing its stock once, and takes no payment for it after', async () => {
    // A supergraph whose orders wait 1 second for payment.
    const quick = await startSupergraph({ seed: { size: 1 }, env: { ORDER_PAYMENT_SECONDS: '1' } });
    try {
      const quickBuyer = await newShopper(quick);
      const accessToken = quickBuyer.token;
      const db = quick.catalog.subgraph.deps.database.db;
      await db.update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, 1));
      const [sku] = await db.select().from(skus).where(eq(skus.productId, 1)).limit(1);
      await db.update(skus).set({ stock: 5 }).where(eq(skus.id, sku!.id));
      const placed = await graphql<Placed>(quick.gateway.url, PLACE, { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku!.id), quantity: 2 }] } }, { token: accessToken });
      const id = Number(placed.data!.placeOrder.orders[0]!.id);
      const stock = async () => (await db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku!.id)))[0]!.stock;
      expect(await stock()).toBe(3);
      const odb = quick.order.subgraph.deps.database.db;
      await expect.poll(async () => (await odb.select().from(orders).where(eq(orders.id, id)))[0]!.status, { timeout: 10_000 }).toBe('CANCELLED');
      await expect.poll(stock, { timeout: 10_000 }).toBe(5);
      // Running its deadline again changes nothing more: one cancellation, stock released once.
      await scheduleJob(odb, { name: 'order.expire', key: String(id), dueAt: new Date(Date.now() - 1000) });
      await quick.order.subgraph.jobs!.runDue();
      await quick.eventsSettled();
      const cancellations = await odb.select().from(orderStatusChanges).where(eq(orderStatusChanges.orderId, id));
      expect(cancellations.filter((c) => c.toStatus === 'CANCELLED')).toHaveLength(1);
      expect(await stock()).toBe(5);
      // Paying it now is refused before any money moves.
      const late = await payOrder(quick, quickBuyer, String(id), 'DEV');
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ORDER_NOT_PAYABLE' });
    } finally {
      await quick.stop();
    }
  });
});
