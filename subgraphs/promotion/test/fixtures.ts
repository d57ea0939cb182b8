import { randomInt } from 'node:crypto';
import { catalog, membership, order } from '@mall/contracts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { AppError, ErrorCode, command, notFound, type NatsConnection } from '@mall/kit';
import { answerCommands, as, graphql, startSubgraph, testNats, tokenFor, type GraphQLResponse, type TestSubgraph } from '@mall/test-kit';
import type { PromotionDeps } from '../src/context.ts';
import type { PromotionSchema } from '../src/db/schema.ts';
import { promotionSubgraph } from '../src/subgraph.ts';

/** The promotion subgraph alone, on a fresh database and NATS subjects of its own. */
export interface TestPromotion extends TestSubgraph<PromotionSchema, PromotionDeps> {
  /** A new member of this test (an id no other test of the file uses) and their token. */
  member(): Promise<{ id: string; token: string }>;
  /** Sends an operation to the promotion subgraph. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Creates a template as `token` (shop 1's merchant unless told) and returns its id. */
  template(input: Record<string, unknown>, token?: string): Promise<string>;
  tokens: { admin: string; merchant1: string; merchant2: string };
  /** Catalog as the test makes it: SKU id → what `catalog.skus.snapshot` answers (a SKU not here is unknown). */
  skus: Map<string, SkuSnapshot>;
  /** Membership's answer to `membership.level.get`: each member's discount per mille (1000 when not set). */
  levels: Map<string, number>;
  /** Membership's `membership.address.get`: each member's addresses by id, the first their default (none: NOT_FOUND). */
  addresses: Map<string, Array<{ addressId: string; provinceCode: string }>>;
  /** Catalog's `catalog.products.facts`: product id → its shop and category path (a product not here is unknown). */
  products: Map<string, { shopId: string; categoryIds: string[] }>;
  /** The product ids of every `catalog.products.facts` request catalog got, in order. */
  factsRequests: string[][];
  /** Catalog's stock commands as the test's catalog answered them (flash sales take, commit and return stock). */
  stockCalls: Array<{ subject: 'reserve' | 'commit' | 'return' | 'release'; key: string; skuId?: string; quantity?: number; sales?: number }>;
  /** Order's `orders.flash.place` as the test answers it: one order per hold (`failFlashOrders` next ones answer unavailable). */
  flashOrders: Map<string, { orderNo: string; memberId: string; quantity: number; flashPrice: number }>;
  faults: { failFlashOrders: number; refuseFlashOrders: number };
}

let nextSku = 7000;

/** A SKU as catalog snapshots it: on sale, ¥10.00 of shop 1 in category 11 (under 1), unless told otherwise. */
export function sku(overrides: Partial<SkuSnapshot> = {}): SkuSnapshot {
  const skuId = overrides.skuId ?? String(nextSku++);
  const base: SkuSnapshot = { skuId, productId: String(Number(skuId) + 10_000), shopId: '1', title: `商品 ${skuId}`, specText: '', image: null, price: 1000, stock: 100, weightGrams: 0, onSale: true, available: true, categoryIds: ['11', '1'] };
  return { ...base, ...overrides };
}

export const CREATE = 'mutation ($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }';
export const CLAIM = 'mutation ($id: ID!) { claimCoupon(templateId: $id) { id status validUntil template { id } } }';

/** A template input that is valid as it is: 满100减10, 100 of them, one per member, valid 7 days from claiming. */
export const amountOff = (changes: Record<string, unknown> = {}) => ({ name: '满100减10', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 1_000, validDays: 7, totalQuantity: 100, ...changes });

export async function startPromotion(env: Record<string, string> = {}): Promise<TestPromotion> {
  const promotion = await startSubgraph(promotionSubgraph, env);
  const skus = new Map<string, SkuSnapshot>();
  const levels = new Map<string, number>();
  const addresses = new Map<string, Array<{ addressId: string; provinceCode: string }>>();
  const products = new Map<string, { shopId: string; categoryIds: string[] }>();
  const factsRequests: string[][] = [];
  const stockCalls: TestPromotion['stockCalls'] = [];
  const flashOrders: TestPromotion['flashOrders'] = new Map();
  const faults = { failFlashOrders: 0, refuseFlashOrders: 0 };
  const nats: NatsConnection = await testNats();
  const stopNeighbours = answerCommands(nats, promotion.subgraph.deps.config.events.prefix, [
    command(catalog.skuSnapshots, async ({ skuIds }) => ({ skus: skuIds.flatMap((id) => skus.get(id) ?? []) })),
    command(catalog.productFacts, async ({ productIds }) => {
      factsRequests.push(productIds);
      return { products: productIds.flatMap((productId) => { const p = products.get(productId); return p ? [{ productId, ...p }] : []; }) };
    }),
    command(membership.memberLevel, async ({ memberId }) => ({ level: 'NORMAL', discountPermille: levels.get(memberId) ?? 1000 })),
    command(catalog.reserveStock, async ({ orderId, lines }) => {
      stockCalls.push({ subject: 'reserve', key: orderId, skuId: lines[0]!.skuId, quantity: lines[0]!.quantity });
      const snapshot = skus.get(lines[0]!.skuId);
      if (!snapshot || snapshot.stock < lines[0]!.quantity) throw new AppError(ErrorCode.CONFLICT, 'Out of stock.', { reason: 'OUT_OF_STOCK', skuId: lines[0]!.skuId });
      skus.set(snapshot.skuId, { ...snapshot, stock: snapshot.stock - lines[0]!.quantity });
      return { lines: lines.map((l) => ({ ...l, stockAfter: 0 })), replayed: false };
    }),
    command(catalog.releaseStock, async ({ orderId }) => {
      stockCalls.push({ subject: 'release', key: orderId });
      return { released: 0, replayed: false };
    }),
    command(catalog.commitStock, async ({ orderId }) => {
      stockCalls.push({ subject: 'commit', key: orderId });
      return { committed: 1, replayed: false };
    }),
    command(catalog.returnStock, async ({ key, skuId, quantity, sales }) => {
      const replayed = stockCalls.some((c) => c.subject === 'return' && c.key === key);
      stockCalls.push({ subject: 'return', key, skuId, quantity, sales: sales ?? quantity });
      const snapshot = skus.get(skuId);
      if (snapshot && !replayed) skus.set(skuId, { ...snapshot, stock: snapshot.stock + quantity });
      return { stockAfter: skus.get(skuId)?.stock ?? 0, replayed };
    }),
    command(order.placeFlashOrder, async (request) => {
      if (faults.failFlashOrders > 0) {
        faults.failFlashOrders--;
        throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'order is down');
      }
      if (faults.refuseFlashOrders > 0) {
        faults.refuseFlashOrders--;
        throw new AppError(ErrorCode.NOT_FOUND, 'Default address not found.');
      }
      const existing = flashOrders.get(request.holdId);
      const placed = existing ?? { orderNo: `FO${request.holdId.padStart(12, '0')}`, memberId: request.memberId, quantity: request.quantity, flashPrice: request.flashPrice };
      flashOrders.set(request.holdId, placed);
      return { orderId: request.holdId, orderNo: placed.orderNo, payable: placed.quantity * placed.flashPrice, expiresAt: new Date(Date.now() + 300_000).toISOString(), replayed: existing !== undefined };
    }),
    command(membership.getAddress, async ({ memberId, addressId }) => {
      const mine = addresses.get(memberId) ?? [];
      const found = addressId === undefined ? mine[0] : mine.find((a) => a.addressId === addressId);
      if (!found) throw notFound('Address', addressId);
      return { recipient: '买家', phone: '13800000000', provinceCode: found.provinceCode, cityCode: found.provinceCode, districtCode: found.provinceCode, region: '', detail: '' };
    }),
  ]);
  let memberId = randomInt(1_000, 1_000_000) * 1000;
  const tokens = { admin: await tokenFor(as.admin()), merchant1: await tokenFor(as.merchant(1)), merchant2: await tokenFor(as.merchant(2)) };
  const query = <T,>(q: string, variables: Record<string, unknown> = {}, token?: string) => graphql<T>(promotion.url, q, variables, token ? { token } : {});
  return {
    ...promotion,
    skus,
    levels,
    addresses,
    products,
    factsRequests,
    stockCalls,
    flashOrders,
    faults,
    async stop() {
      await stopNeighbours();
      await nats.drain();
      await promotion.stop();
    },
    tokens,
    async member() {
      const id = String(++memberId);
      return { id, token: await tokenFor(as.member(id)) };
    },
    query,
    async template(input, token = tokens.merchant1) {
      const created = await query<{ createCouponTemplate: { id: string } }>(CREATE, { input }, token);
      if (!created.data) throw new Error(JSON.stringify(created.errors));
      return created.data.createCouponTemplate.id;
    },
  };
}
