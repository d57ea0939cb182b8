import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { entitiesQuery, errorCode, graphql } from '@mall/test-kit';
import { products, skus } from '@mall/catalog/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper } from './shopping.ts';

let supergraph: TestSupergraph;
let url: string;
const catalogDb = () => supergraph.catalog.subgraph.deps.database.db;

beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
});
afterAll(() => supergraph?.stop());

/** A new member with a default address, logged in through the gateway. */
const shopper = () => newShopper(supergraph);

async function sku(productId: number, stock: number): Promise<{ id: string; price: number }> {
  await catalogDb().update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, productId));
  const [row] = await catalogDb().select().from(skus).where(eq(skus.productId, productId)).limit(1);
  await catalogDb().update(skus).set({ stock }).where(eq(skus.id, row!.id));
  return { id: String(row!.id), price: row!.price };
}

const CART = `{ myCart { selectedQuantity selectedTotal { amount } lines { quantity selected problem unitPrice { amount } sku { id stock available product { title } } } } }`;
type Cart = { myCart: { selectedQuantity: number; selectedTotal: { amount: number }; lines: Array<{ quantity: number; selected: boolean; problem: string | null; unitPrice: { amount: number }; sku: { id: string; stock: number; available: boolean; product: { title: string } } }> } };

describe('the cart through the gateway', () => {
  it('keeps lines with today’s price and stock, flags problems, and loses ordered lines', async () => {
    const buyer = await shopper();
    const a = await sku(1, 10);
    const b = await sku(14, 10);
    const add = 'mutation ($id: ID!, $q: Int) { addToCart(skuId: $id, quantity: $q) { lines { quantity } } }';
    await graphql(url, add, { id: a.id, q: 2 }, { token: buyer.token });
    await graphql(url, add, { id: a.id, q: 1 }, { token: buyer.token });
    await graphql(url, add, { id: b.id }, { token: buyer.token });

    const cart = (await graphql<Cart>(url, CART, {}, { token: buyer.token })).data!.myCart;
    expect(cart.lines.map((l) => [l.sku.id, l.quantity])).toEqual([[b.id, 1], [a.id, 3]]);
    expect(cart.lines.every((l) => l.sku.product.title.length > 2 && l.problem === null)).toBe(true);
    expect(cart).toMatchObject({ selectedQuantity: 4, selectedTotal: { amount: a.price * 3 + b.price } });

    // Today's state: the price changes, a line goes off the shelf.
    await catalogDb().update(skus).set({ price: a.price + 100 }).where(eq(skus.id, Number(a.id)));
    await catalogDb().update(products).set({ status: 'OFF_SHELF' }).where(eq(products.id, 14));
    const later = (await graphql<Cart>(url, CART, {}, { token: buyer.token })).data!.myCart;
    expect(later.lines.find((l) => l.sku.id === a.id)!.unitPrice.amount).toBe(a.price + 100);
    expect(later.lines.find((l) => l.sku.id === b.id)).toMatchObject({ problem: 'OFF_SHELF', sku: { available: false } });
    expect(later.selectedTotal.amount).toBe((a.price + 100) * 3);

    // Check out the line that can be bought, from the cart: it leaves the cart.
    const placed = await graphql(url, `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id } } }`, {
      input: { idempotencyKey: randomUUID(), fromCart: true, lines: [{ skuId: a.id, quantity: 3 }] },
    }, { token: buyer.token });
    expect(placed.errors).toBeUndefined();
    await expect.poll(async () => (await graphql<Cart>(url, CART, {}, { token: buyer.token })).data!.myCart.lines.map((l) => l.sku.id), { timeout: 10_000 }).toEqual([b.id]);
  });

  it('refuses unknown and off-shelf SKUs and bad quantities', async () => {
    const buyer = await shopper();
    const off = await sku(3, 5);
    await catalogDb().update(products).set({ status: 'OFF_SHELF' }).where(eq(products.id, 3));
    const add = 'mutation ($id: ID!, $q: Int) { addToCart(skuId: $id, quantity: $q) { lines { quantity } } }';
    expect(errorCode(await graphql(url, add, { id: '987654', q: 1 }, { token: buyer.token }))).toBe('NOT_FOUND');
    expect(errorCode(await graphql(url, add, { id: off.id, q: 1 }, { token: buyer.token }))).toBe('CONFLICT');
    const ok = await sku(4, 5);
    expect(errorCode(await graphql(url, add, { id: ok.id, q: 0 }, { token: buyer.token }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(url, add, { id: ok.id, q: 1000 }, { token: buyer.token }))).toBe('BAD_USER_INPUT');
    expect((await graphql<Cart>(url, CART, {}, { token: buyer.token })).data!.myCart.lines).toEqual([]);
  });

  it('shows a member’s cart to nobody else', async () => {
    const [alice, bob] = await Promise.all([shopper(), shopper()]);
    const item = await sku(5, 5);
    await graphql(url, 'mutation ($id: ID!) { addToCart(skuId: $id) { lines { quantity } } }', { id: item.id }, { token: alice.token });
    const peek = await graphql(supergraph.cart.url, entitiesQuery('Member', 'cart { lines { quantity } }'), { representations: [{ __typename: 'Member', id: alice.memberId }] }, { token: bob.token });
    expect(errorCode(peek)).toBe('FORBIDDEN');
    const own = await graphql<{ _entities: Array<{ cart: { lines: unknown[] } }> }>(supergraph.cart.url, entitiesQuery('Member', 'cart { lines { quantity } }'), { representations: [{ __typename: 'Member', id: alice.memberId }] }, { token: alice.token });
    expect(own.data!._entities[0]!.cart.lines).toHaveLength(1);
  });
});
