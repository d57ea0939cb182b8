import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, entitiesQuery, errorCode, tokenFor } from '@mall/test-kit';
import { snapshot, startCart, stock, type TestCart } from './fixtures.ts';

let cart: TestCart;
let admin: string;
let merchant: string;

beforeAll(async () => {
  cart = await startCart();
  [admin, merchant] = await Promise.all([tokenFor(as.admin()), tokenFor(as.merchant(1))]);
});
afterAll(() => cart?.close());

const MEMBER_CART = entitiesQuery('Member', 'id cart { selectedQuantity selectedTotal { amount } lines { quantity problem sku { id } } }');
type MemberCarts = { _entities: Array<{ id: string; cart: { selectedQuantity: number; selectedTotal: { amount: number }; lines: Array<{ quantity: number; problem: string | null; sku: { id: string } }> } } | null> };
const representations = (...ids: string[]) => ({ representations: ids.map((id) => ({ __typename: 'Member', id })) });

/** A member with `quantity` units of a new SKU in their cart. */
async function memberWithLine(quantity: number) {
  const member = await cart.member();
  const [sku] = stock(cart, snapshot({ price: 2000 }));
  const added = await cart.query(`mutation ($id: ID!, $q: Int) { addToCart(skuId: $id, quantity: $q) { selectedQuantity } }`, { id: sku!.skuId, q: quantity }, member.token);
  expect(added.errors).toBeUndefined();
  return { ...member, sku: sku! };
}

describe('Member.cart through _entities', () => {
  it('answers the member themself and admins', async () => {
    const alice = await memberWithLine(2);
    const own = await cart.query<MemberCarts>(MEMBER_CART, representations(alice.id), alice.token);
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities).toEqual([
      { id: alice.id, cart: { selectedQuantity: 2, selectedTotal: { amount: 4000 }, lines: [{ quantity: 2, problem: null, sku: { id: alice.sku.skuId } }] } },
    ]);
    const byAdmin = await cart.query<MemberCarts>(MEMBER_CART, representations(alice.id), admin);
    expect(byAdmin.data!._entities).toEqual(own.data!._entities);
  });

  it('refuses other members and merchants (FORBIDDEN) and anonymous callers (UNAUTHENTICATED), showing nothing', async () => {
    const [alice, bob] = await Promise.all([memberWithLine(1), cart.member()]);
    for (const token of [bob.token, merchant]) {
      const peek = await cart.query<MemberCarts>(MEMBER_CART, representations(alice.id), token);
      expect(errorCode(peek)).toBe('FORBIDDEN');
      expect(peek.data?._entities ?? [null]).toEqual([null]);
      expect(JSON.stringify(peek)).not.toContain(alice.sku.skuId);
    }
    expect(errorCode(await cart.query(MEMBER_CART, representations(alice.id)))).toBe('UNAUTHENTICATED');
  });

  it('answers an admin several members’ carts with one query and one catalog request', async () => {
    const members = await Promise.all([memberWithLine(1), memberWithLine(2), memberWithLine(3)]);
    cart.snapshotRequests.length = 0;
    const { result: carts, queries } = await cart.recordQueries(() => cart.query<MemberCarts>(MEMBER_CART, representations(...members.map((m) => m.id)), admin));
    expect(carts.data!._entities.map((e) => e!.cart.selectedQuantity)).toEqual([1, 2, 3]);
    expect(queries).toHaveLength(1);
    expect(cart.snapshotRequests).toHaveLength(1);
    expect(new Set(cart.snapshotRequests[0])).toEqual(new Set(members.map((m) => m.sku.skuId)));
  });

  it('answers an id that can be no member with an empty cart', async () => {
    const carts = await cart.query<MemberCarts>(MEMBER_CART, representations('not-a-member'), admin);
    expect(carts.data!._entities).toEqual([{ id: 'not-a-member', cart: { selectedQuantity: 0, selectedTotal: { amount: 0 }, lines: [] } }]);
  });
});

describe('myCart and the changes', () => {
  it('are for members: staff are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    const [sku] = stock(cart, snapshot());
    const operations: Array<[string, Record<string, unknown>]> = [
      ['{ myCart { selectedQuantity } }', {}],
      ['mutation ($id: ID!) { addToCart(skuId: $id) { selectedQuantity } }', { id: sku!.skuId }],
      ['mutation ($id: ID!) { setCartQuantity(skuId: $id, quantity: 2) { selectedQuantity } }', { id: sku!.skuId }],
      ['mutation ($id: ID!) { removeFromCart(skuIds: [$id]) { selectedQuantity } }', { id: sku!.skuId }],
      ['mutation ($id: ID!) { selectCartLines(skuIds: [$id], selected: false) { selectedQuantity } }', { id: sku!.skuId }],
      ['mutation { clearCart { selectedQuantity } }', {}],
    ];
    for (const [operation, variables] of operations) {
      expect(errorCode(await cart.query(operation, variables, admin))).toBe('FORBIDDEN');
      expect(errorCode(await cart.query(operation, variables, merchant))).toBe('FORBIDDEN');
      expect(errorCode(await cart.query(operation, variables))).toBe('UNAUTHENTICATED');
    }
  });
});
