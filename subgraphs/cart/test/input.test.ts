import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog as catalogContracts } from '@mall/contracts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { command, connectNats, loadSubgraphConfig, type NatsConnection } from '@mall/kit';
import { answerCommands, as, entitiesQuery, graphql, startSubgraph, tokenFor, type TestSubgraph } from '@mall/test-kit';
import type { CartSchema } from '../src/db/schema.ts';
import { cartSubgraph } from '../src/subgraph.ts';

/**
 * Issue 10, defect 8: whatever a caller sends reaches the database only once checked. Every
 * argument of cart's schema is sent malformed, out of range or too long a list: each must be
 * refused with a stable code (and the field at fault), never INTERNAL_SERVER_ERROR, and must
 * change nothing in the database. Catalog is played by a stand-in answering its snapshot
 * command over the real NATS.
 */

let cart: TestSubgraph<CartSchema>;
let nats: NatsConnection;
let stopCatalog: () => Promise<void>;
const tokens = { member: '', admin: '' };

/** SKUs 1–5 on sale with plenty of stock; SKU 6 off the shelf; nothing else exists. */
function snapshot(skuId: string): SkuSnapshot | null {
  const n = Number(skuId);
  if (!Number.isInteger(n) || n < 1 || n > 6) return null;
  const onSale = n !== 6;
  return { skuId, productId: '1', shopId: '1', title: '测试商品', specText: '颜色:黑色', image: null, price: 1000 * n, stock: 10_000, weightGrams: 0, onSale, available: onSale, categoryIds: ['11', '1'] };
}

beforeAll(async () => {
  cart = await startSubgraph(cartSubgraph);
  nats = await connectNats(loadSubgraphConfig('cart').natsUrl, 'test-input');
  stopCatalog = answerCommands(nats, cart.subgraph.deps.config.events.prefix, [
    command(catalogContracts.skuSnapshots, async ({ skuIds }) => ({ skus: skuIds.map(snapshot).filter((s): s is SkuSnapshot => s !== null) })),
  ]);
  [tokens.member, tokens.admin] = await Promise.all([tokenFor(as.member('1001')), tokenFor(as.admin())]);
  // A line one unit short of the most a line holds, and one more line.
  for (const [skuId, quantity] of [['1', 998], ['2', 1]] as const) {
    const added = await graphql(cart.url, 'mutation ($s: ID!, $q: Int) { addToCart(skuId: $s, quantity: $q) { selectedQuantity } }', { s: skuId, q: quantity }, { token: tokens.member });
    expect(added.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await stopCatalog?.();
  await nats?.drain();
  await cart?.stop();
});

interface ApiCase {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';
  /** `extensions.field`; absent where GraphQL itself refuses the value (an Int past 32 bits). */
  field?: string;
}

const ADD = 'mutation ($s: ID!, $q: Int) { addToCart(skuId: $s, quantity: $q) { selectedQuantity } }';
const SET = 'mutation ($s: ID!, $q: Int!) { setCartQuantity(skuId: $s, quantity: $q) { selectedQuantity } }';
const REMOVE = 'mutation ($s: [ID!]!) { removeFromCart(skuIds: $s) { selectedQuantity } }';
const SELECT = 'mutation ($s: [ID!]!, $on: Boolean!) { selectCartLines(skuIds: $s, selected: $on) { selectedQuantity } }';
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

const apiCases: ApiCase[] = [
  { name: 'addToCart: a SKU id that is not a number', query: ADD, variables: { s: 'x', q: 1 }, code: 'NOT_FOUND' },
  { name: 'addToCart: SKU id 0', query: ADD, variables: { s: '0', q: 1 }, code: 'NOT_FOUND' },
  { name: 'addToCart: a SKU id of 16 digits', query: ADD, variables: { s: '1'.repeat(16), q: 1 }, code: 'NOT_FOUND' },
  { name: 'addToCart: an unknown SKU', query: ADD, variables: { s: '987654', q: 1 }, code: 'NOT_FOUND' },
  { name: 'addToCart: a SKU off the shelf', query: ADD, variables: { s: '6', q: 1 }, code: 'CONFLICT' },
  { name: 'addToCart: quantity 0', query: ADD, variables: { s: '3', q: 0 }, code: 'BAD_USER_INPUT', field: 'quantity' },
  { name: 'addToCart: quantity -1', query: ADD, variables: { s: '3', q: -1 }, code: 'BAD_USER_INPUT', field: 'quantity' },
  { name: 'addToCart: quantity 1000', query: ADD, variables: { s: '3', q: 1000 }, code: 'BAD_USER_INPUT', field: 'quantity' },
  { name: 'addToCart: quantity past 32 bits', query: ADD, variables: { s: '3', q: 2 ** 31 }, code: 'BAD_USER_INPUT' },
  { name: 'addToCart: a line past 999 units', query: ADD, variables: { s: '1', q: 2 }, code: 'BAD_USER_INPUT', field: 'quantity' },
  { name: 'setCartQuantity: a SKU id that is not a number', query: SET, variables: { s: 'x', q: 1 }, code: 'NOT_FOUND' },
  { name: 'setCartQuantity: quantity 0', query: SET, variables: { s: '1', q: 0 }, code: 'BAD_USER_INPUT', field: 'quantity' },
  { name: 'setCartQuantity: quantity 1000', query: SET, variables: { s: '1', q: 1000 }, code: 'BAD_USER_INPUT', field: 'quantity' },
  { name: 'setCartQuantity: quantity past 32 bits', query: SET, variables: { s: '1', q: -(2 ** 31) - 1 }, code: 'BAD_USER_INPUT' },
  { name: 'setCartQuantity: a SKU not in the cart', query: SET, variables: { s: '3', q: 1 }, code: 'NOT_FOUND' },
  { name: 'removeFromCart: a SKU id that is not a number', query: REMOVE, variables: { s: ['1', 'x'] }, code: 'NOT_FOUND' },
  { name: 'removeFromCart: 101 SKUs', query: REMOVE, variables: { s: ids(101) }, code: 'BAD_USER_INPUT', field: 'skuIds' },
  { name: 'removeFromCart: 50,000 SKUs', query: REMOVE, variables: { s: ids(50_000) }, code: 'BAD_USER_INPUT', field: 'skuIds' },
  { name: 'selectCartLines: a SKU id that is not a number', query: SELECT, variables: { s: ['2', '-2'], on: false }, code: 'NOT_FOUND' },
  { name: 'selectCartLines: 101 SKUs', query: SELECT, variables: { s: ids(101), on: false }, code: 'BAD_USER_INPUT', field: 'skuIds' },
];

describe('GraphQL arguments', () => {
  for (const c of apiCases) it(`${c.name} → ${c.code}`, async () => {
    const before = await cart.tableChecksums();
    const response = await graphql(cart.url, c.query, c.variables, { token: tokens.member });
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: c.code, ...(c.field ? { field: c.field } : {}) });
    expect(await cart.tableChecksums()).toEqual(before);
  });

  it('still takes a list as long as a cart can be', async () => {
    const response = await graphql<{ selectCartLines: { selectedQuantity: number } }>(cart.url, SELECT, { s: ids(100), on: true }, { token: tokens.member });
    expect(response.errors).toBeUndefined();
    expect(response.data!.selectCartLines.selectedQuantity).toBe(999);
  });

  it('answers an empty cart for a member reference that cannot exist', async () => {
    const response = await graphql<{ _entities: Array<{ cart: { lines: unknown[] } }> }>(
      cart.url, entitiesQuery('Member', 'cart { lines { id } }'), { representations: [{ __typename: 'Member', id: 'abc' }, { __typename: 'Member', id: '99999999999999999999' }] }, { token: tokens.admin },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([{ cart: { lines: [] } }, { cart: { lines: [] } }]);
  });
});
