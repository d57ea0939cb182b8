import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { catalog as catalogContracts } from '@mall/contracts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { command, type NatsConnection } from '@mall/kit';
import { answerCommands, as, graphql, testNats, tokenFor, startSubgraph, type GraphQLResponse, type TestSubgraph } from '@mall/test-kit';
import type { CartDeps } from '../src/context.ts';
import { cartLines, type CartSchema } from '../src/db/schema.ts';
import { cartSubgraph } from '../src/subgraph.ts';

/**
 * The cart subgraph alone, on a fresh database and NATS subjects of its own, with its
 * neighbour catalog played by the test: `catalog.skus.snapshot` is answered on the real NATS,
 * through the same contract, from a table the test changes at will (a SKU goes off the
 * shelf, sells out, vanishes, changes price).
 */
export interface TestCart extends TestSubgraph<CartSchema, CartDeps> {
  /** Catalog as the test makes it: SKU id → what catalog would answer; a SKU not here is gone. */
  skus: Map<string, SkuSnapshot>;
  /** The SKU ids of every `catalog.skus.snapshot` request catalog got, in order. */
  snapshotRequests: string[][];
  /** This cart's NATS subject prefix (events and commands). */
  prefix: string;
  /** A NATS connection of the test's own (catalog's side, and for publishing events). */
  nats: NatsConnection;
  /** A new member of this test (an id no other test uses) and their token. */
  member(): Promise<{ id: string; token: string }>;
  /** Sends an operation to the cart subgraph. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** The member's lines as stored: [skuId, quantity, selected], by SKU id. */
  rows(memberId: string): Promise<Array<[number, number, boolean]>>;
  close(): Promise<void>;
}

let nextSkuId = 1000;

/** A SKU as catalog would snapshot it: on sale, 100 in stock, ¥10.00 unless told otherwise. A title that no answer of the cart may repeat. */
export function snapshot(overrides: Partial<SkuSnapshot> = {}): SkuSnapshot {
  const skuId = overrides.skuId ?? String(nextSkuId++);
  const base = { skuId, productId: String(Number(skuId) + 50_000), shopId: '1', title: `机密新品 ${skuId} 号`, specText: '颜色: 黑', image: null, price: 1000, stock: 100, weightGrams: 0, onSale: true, categoryIds: ['11', '1'] };
  const merged = { ...base, ...overrides };
  return { ...merged, available: merged.onSale && merged.stock > 0 };
}

export async function startCart(): Promise<TestCart> {
  const cart = await startSubgraph(cartSubgraph);
  const prefix = cart.subgraph.deps.config.events.prefix;
  const nats = await testNats();
  const skus = new Map<string, SkuSnapshot>();
  const snapshotRequests: string[][] = [];
  // Catalog's contract: unknown ids are left out of the answer.
  const stopAnswering = answerCommands(nats, prefix, [
    command(catalogContracts.skuSnapshots, async ({ skuIds }) => {
      snapshotRequests.push(skuIds);
      return { skus: skuIds.flatMap((id) => skus.get(id) ?? []) };
    }),
  ]);
  // Member ids of this run: the database is the file's own, but tests in it share it.
  let memberId = randomInt(1_000, 1_000_000) * 1000;
  return {
    ...cart,
    skus,
    snapshotRequests,
    prefix,
    nats,
    async member() {
      const id = String(++memberId);
      return { id, token: await tokenFor(as.member(id)) };
    },
    query: (query, variables = {}, token) => graphql(cart.url, query, variables, token === undefined ? {} : { token }),
    async rows(memberId) {
      const rows = await cart.subgraph.deps.db.select().from(cartLines).where(eq(cartLines.memberId, Number(memberId))).orderBy(cartLines.skuId);
      return rows.map((r) => [r.skuId, r.quantity, r.selected]);
    },
    async close() {
      await stopAnswering();
      await nats.drain();
      await cart.stop();
    },
  };
}

/** Puts SKUs in catalog's table and returns them. */
export function stock(cart: TestCart, ...snapshots: SkuSnapshot[]): SkuSnapshot[] {
  for (const s of snapshots) cart.skus.set(s.skuId, s);
  return snapshots;
}

export const CART_FIELDS = `selectedQuantity selectedTotal { amount currency }
  lines { id quantity selected problem unitPrice { amount } subtotal { amount } sku { id } addedAt }`;

export interface CartData {
  selectedQuantity: number;
  selectedTotal: { amount: number; currency: string };
  lines: Array<{ id: string; quantity: number; selected: boolean; problem: string | null; unitPrice: { amount: number } | null; subtotal: { amount: number } | null; sku: { id: string }; addedAt: string }>;
}
