import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { jetstream } from '@nats-io/jetstream';
import { catalog as catalogContracts, membership, type EventData, type EventType } from '@mall/contracts';
import { catalogSubgraph } from '@mall/catalog';
import { products, skus } from '@mall/catalog/db';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { command, loadSubgraphConfig, openDatabase, sendCommand, type Database, type NatsConnection } from '@mall/kit';
import { answerCommands, as, deleteEventStream, graphql, isolatedMessaging, startSubgraph, subgraphProcess, testNats, tokenFor, waitFor, type SubgraphProcess, type TestSubgraph } from '@mall/test-kit';
import type { OrderDeps } from '../src/context.ts';
import { orders, type OrderSchema } from '../src/db/schema.ts';
import { orderSubgraph } from '../src/subgraph.ts';
import { promotionSubgraph, type PromotionDeps } from '@mall/promotion';
import { coupons, type CouponRow, type PromotionSchema } from '@mall/promotion/db';

/**
 * The order subgraph alone, as a test drives it: its GraphQL directly, its neighbours on
 * NATS. Catalog is the real subgraph on subjects of its own, reached through a relay of the
 * test's that forwards each command and can lose an answer, hold it, or refuse, so a test
 * sees what order does when catalog fails it. Membership is answered by the test (an address
 * and the ordinary level). Promotion is the real subgraph on order's own subjects and
 * stream (it prices every checkout and follows order's events). Payment's events are
 * published onto order's stream by the test, as payment's outbox relay would.
 */
export interface Faults {
  /** The next reservations: the command is carried out but its answer never comes. */
  loseReserveAnswers: number;
  /** The next releases: refused as if catalog were down (not carried out). */
  failReleases: number;
  /** Reservations wait for this before they are forwarded (a slow catalog). */
  holdReserves: Promise<void> | null;
  /** SKU snapshots wait for this before they are forwarded (a slow catalog for every checkout and flash order). */
  holdSnapshots: Promise<void> | null;
  /** Commits are carried out at once, but their answers wait for this. */
  holdCommitAnswers: Promise<void> | null;
  /** The next restocks: refused as if catalog were down. */
  failRestocks: number;
  /** The next reservations: carried out, then answered with an internal error (a bug of catalog's, say). */
  breakReserves: number;
}

export interface Neighbours {
  catalog: TestSubgraph<typeof catalogSubgraph.schema>;
  promotion: TestSubgraph<PromotionSchema, PromotionDeps>;
  faults: Faults;
  /** Every catalog command order sent, by subject, in order (the test reads what reached catalog). */
  sent: Array<{ subject: string; orderId?: string }>;
  prefix: string;
  /** A member's token (member ids are the test's own; membership is answered by the test). */
  member(id?: number): Promise<{ token: string; memberId: number }>;
  /** A SKU on the shelf with `stock` units at `price` cents (product `productId`'s first SKU). */
  skuWith(productId: number, stock: number, price?: number): Promise<{ id: number; price: number }>;
  stockOf(skuId: number): Promise<number>;
  /** Reserves stock in catalog under `orderNo` directly (what an attempt did before it died). */
  reserveInCatalog(orderNo: string, skuId: number, quantity: number): Promise<unknown>;
  /**
   * A coupon for `member`: a template made by an admin (a platform coupon) or by `shopId`'s
   * merchant (valid 7 days, 100 of them unless told), claimed by the member.
   */
  coupon(member: { token: string }, input: Record<string, unknown>, shopId?: number | null): Promise<{ couponId: string; templateId: string }>;
  couponRow(id: string): Promise<CouponRow>;
  /** Publishes an event of payment's onto order's stream, as payment's relay would. */
  publish<T extends EventType>(type: T, data: EventData<T>): Promise<string>;
  /** The NATS subjects and stream order runs on (for an order started elsewhere, e.g. as a process of its own). */
  messaging: { SUBJECT_PREFIX: string; EVENTS_STREAM: string };
  stop(): Promise<void>;
}

export interface OrderAlone extends Neighbours {
  order: TestSubgraph<OrderSchema, OrderDeps>;
  placeOrder(token: string, input: Record<string, unknown>): ReturnType<typeof graphql<PlaceOrderData>>;
  orderRow(id: number | string): Promise<typeof orders.$inferSelect>;
}

export interface PlaceOrderData {
  placeOrder: { orders: Array<{ id: string; orderNo: string; status: string; amounts: { goods: { amount: number }; discount: { amount: number }; payable: { amount: number } }; lines: Array<{ quantity: number; discount: { amount: number }; payable: { amount: number } }> }> };
}

export const PLACE = `mutation ($input: PlaceOrderInput!) {
  placeOrder(input: $input) { orders { id orderNo status amounts { goods { amount } discount { amount } payable { amount } } lines { quantity discount { amount } payable { amount } } } }
}`;

/** Order started with the production factory, beside its neighbours. */
export async function startOrderAlone(env: Record<string, string> = {}): Promise<OrderAlone> {
  // Promotion prices the checkouts: it reads the flat freight as order once did.
  const neighbours = await startNeighbours(env['ORDER_FREIGHT_CENTS'] === undefined ? {} : { ORDER_FREIGHT_CENTS: env['ORDER_FREIGHT_CENTS'] });
  const order = await startSubgraph(orderSubgraph, { ...neighbours.messaging, ORDER_SWEEP_INTERVAL_MS: '200', ...env });
  return {
    ...neighbours,
    order,
    placeOrder: (token, input) => graphql<PlaceOrderData>(order.url, PLACE, { input }, { token }),
    async orderRow(id) {
      return (await order.subgraph.deps.db.select().from(orders).where(eq(orders.id, Number(id))))[0]!;
    },
    async stop() {
      await order.stop();
      await neighbours.stop();
    },
  };
}

/** Order's neighbours for a test: the real catalog behind a faulty relay, membership answered by the test. */
export async function startNeighbours(promotionEnv: Record<string, string> = {}): Promise<Neighbours> {
  const orderMessaging = isolatedMessaging();
  const catalogMessaging = isolatedMessaging();
  const catalog = await startSubgraph(catalogSubgraph, catalogMessaging);
  await seedDemoCatalog(catalog.subgraph.deps.database.db, 1);
  const nats: NatsConnection = await testNats();
  const faults: Faults = { loseReserveAnswers: 0, failReleases: 0, holdReserves: null, holdSnapshots: null, holdCommitAnswers: null, failRestocks: 0, breakReserves: 0 };
  const sent: OrderAlone['sent'] = [];
  const to = { prefix: catalogMessaging.SUBJECT_PREFIX };
  const never = new Promise<never>(() => {});
  const stopRelay = answerCommands(nats, orderMessaging.SUBJECT_PREFIX, [
    command(catalogContracts.skuSnapshots, async (request) => {
      if (faults.holdSnapshots) await faults.holdSnapshots;
      return sendCommand(nats, catalogContracts.skuSnapshots, request, to);
    }),
    command(catalogContracts.reserveStock, async (request) => {
      sent.push({ subject: 'reserve', orderId: request.orderId });
      if (faults.holdReserves) await faults.holdReserves;
      const answer = await sendCommand(nats, catalogContracts.reserveStock, request, to);
      if (faults.loseReserveAnswers > 0) {
        faults.loseReserveAnswers--;
        return never; // done in catalog, but order never hears it
      }
      if (faults.breakReserves > 0) {
        faults.breakReserves--;
        throw new Error('catalog broke after reserving'); // answered INTERNAL_SERVER_ERROR
      }
      return answer;
    }),
    command(catalogContracts.releaseStock, async (request) => {
      sent.push({ subject: 'release', orderId: request.orderId });
      if (faults.failReleases > 0) {
        faults.failReleases--;
        throw new Error('catalog is down');
      }
      return sendCommand(nats, catalogContracts.releaseStock, request, to);
    }),
    command(catalogContracts.commitStock, async (request) => {
      sent.push({ subject: 'commit', orderId: request.orderId });
      const answer = await sendCommand(nats, catalogContracts.commitStock, request, to);
      if (faults.holdCommitAnswers) await faults.holdCommitAnswers;
      return answer;
    }),
    command(catalogContracts.returnStock, (request) => sendCommand(nats, catalogContracts.returnStock, request, to)),
    command(catalogContracts.restock, async (request) => {
      sent.push({ subject: 'restock', orderId: request.orderId });
      if (faults.failRestocks > 0) {
        faults.failRestocks--;
        throw new Error('catalog is down');
      }
      return sendCommand(nats, catalogContracts.restock, request, to);
    }),
    command(membership.getAddress, async () => ({
      recipient: '测试买家', phone: '13800000000', provinceCode: '440000', cityCode: '440300', districtCode: '440305', region: '广东省 深圳市 南山区', detail: '科技园 1 号',
    })),
    command(membership.memberLevel, async () => ({ level: 'NORMAL', discountPermille: 950 })),
  ]);
  const promotion = await startSubgraph(promotionSubgraph, { ...orderMessaging, ...promotionEnv });
  const cdb = catalog.subgraph.deps.database.db;
  let nextMember = 5000;
  return {
    catalog,
    promotion,
    faults,
    sent,
    prefix: orderMessaging.SUBJECT_PREFIX,
    async member(id = nextMember++) {
      return { token: await tokenFor(as.member(String(id))), memberId: id };
    },
    async skuWith(productId, stock, price) {
      await cdb.update(products).set({ status: 'ON_SHELF', listedAt: new Date() }).where(eq(products.id, productId));
      const [sku] = await cdb.select().from(skus).where(eq(skus.productId, productId)).limit(1);
      await cdb.update(skus).set({ stock, ...(price === undefined ? {} : { price, originalPrice: null }) }).where(eq(skus.id, sku!.id));
      return { id: sku!.id, price: price ?? sku!.price };
    },
    async stockOf(skuId) {
      return (await cdb.select({ stock: skus.stock }).from(skus).where(eq(skus.id, skuId)))[0]!.stock;
    },
    messaging: orderMessaging,
    async coupon(member, input, shopId = null) {
      const token = await tokenFor(shopId === null ? as.admin() : as.merchant(shopId));
      const created = await graphql<{ createCouponTemplate: { id: string } }>(
        promotion.url,
        'mutation ($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }',
        { input: { validDays: 7, totalQuantity: 100, ...input, ...(shopId === null ? {} : { shopId: String(shopId) }) } },
        { token },
      );
      if (!created.data) throw new Error(JSON.stringify(created.errors));
      const templateId = created.data.createCouponTemplate.id;
      const claimed = await graphql<{ claimCoupon: { id: string } }>(promotion.url, 'mutation ($id: ID!) { claimCoupon(templateId: $id) { id } }', { id: templateId }, { token: member.token });
      if (!claimed.data) throw new Error(JSON.stringify(claimed.errors));
      return { couponId: claimed.data.claimCoupon.id, templateId };
    },
    async couponRow(id) {
      return (await promotion.subgraph.deps.db.select().from(coupons).where(eq(coupons.id, Number(id))))[0]!;
    },
    reserveInCatalog: (orderNo, skuId, quantity) => sendCommand(nats, catalogContracts.reserveStock, { orderId: orderNo, lines: [{ skuId: String(skuId), quantity }] }, to),
    async publish(type, data) {
      const id = randomUUID();
      await jetstream(nats).publish(`${orderMessaging.SUBJECT_PREFIX}${type}`, JSON.stringify({ id, type, occurredAt: new Date().toISOString(), source: 'payment', data }), { msgID: id });
      return id;
    },
    async stop() {
      await promotion.stop();
      await stopRelay();
      await nats.drain();
      await catalog.stop();
      await deleteEventStream(orderMessaging.EVENTS_STREAM);
      await deleteEventStream(catalogMessaging.EVENTS_STREAM);
    },
  };
}

/** The order subgraph as a real process of its own beside `t` (so a test can kill it), and its database. */
export async function orderProcessBeside(t: Neighbours, env: Record<string, string>): Promise<{ process: SubgraphProcess; db: Database<OrderSchema>; stop(): Promise<void> }> {
  const process = await subgraphProcess('order', { ...t.messaging, ORDER_SWEEP_INTERVAL_MS: '200', ...env });
  const db = await openDatabase({ url: loadSubgraphConfig('order').mysql.url, database: process.database, schema: orderSubgraph.schema, migrationsFolder: orderSubgraph.migrationsFolder });
  return {
    process,
    db,
    async stop() {
      await db.close();
      await process.stop();
    },
  };
}

/** A paid order of `quantity` units at ¥10 of product `productId`'s first SKU: placed, then paid by payment.succeeded. */
export async function paidOrder(t: OrderAlone, productId: number, quantity: number) {
  const buyer = await t.member();
  const sku = await t.skuWith(productId, 100, 1000);
  const placed = await t.placeOrder(buyer.token, { idempotencyKey: randomUUID(), lines: [{ skuId: String(sku.id), quantity }] });
  const order = placed.data!.placeOrder.orders[0]!;
  const payable = order.amounts.payable.amount;
  const paymentNo = `P${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await t.publish('payment.succeeded', { paymentId: '1', paymentNo, purpose: 'ORDER', orderId: order.id, memberId: String(buyer.memberId), method: 'WECHAT', amount: payable });
  await waitFor('the order to be paid', async () => (await t.orderRow(order.id)).status === 'PAID');
  await waitFor('its stock to be sold', async () => (await t.orderRow(order.id)).stockSettled);
  const shopId = (await t.orderRow(order.id)).shopId;
  return { buyer, sku, id: order.id, payable, paymentNo, shopId, merchant: await tokenFor(as.merchant(shopId)) };
}
