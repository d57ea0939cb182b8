import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONEY_LIMITS } from '@mall/kit';
import { errorCode } from '@mall/test-kit';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { cartLines } from '../src/db/schema.ts';
import { CART_FIELDS, snapshot, startCart, stock, type CartData, type TestCart } from './fixtures.ts';

let cart: TestCart;

beforeAll(async () => {
  cart = await startCart();
});
afterAll(() => cart?.close());

const ADD = `mutation ($skuId: ID!, $quantity: Int) { addToCart(skuId: $skuId, quantity: $quantity) { ${CART_FIELDS} } }`;
const SET = `mutation ($skuId: ID!, $quantity: Int!) { setCartQuantity(skuId: $skuId, quantity: $quantity) { ${CART_FIELDS} } }`;
const REMOVE = `mutation ($skuIds: [ID!]!) { removeFromCart(skuIds: $skuIds) { ${CART_FIELDS} } }`;
const SELECT = `mutation ($skuIds: [ID!]!, $selected: Boolean!) { selectCartLines(skuIds: $skuIds, selected: $selected) { ${CART_FIELDS} } }`;
const CLEAR = `mutation { clearCart { ${CART_FIELDS} } }`;
const MY_CART = `{ myCart { ${CART_FIELDS} } }`;

type Member = Awaited<ReturnType<TestCart['member']>>;

async function add(member: Member, sku: SkuSnapshot, quantity?: number): Promise<CartData> {
  const response = await cart.query<{ addToCart: CartData }>(ADD, { skuId: sku.skuId, quantity }, member.token);
  if (!response.data) throw new Error(`addToCart failed: ${JSON.stringify(response.errors)}`);
  return response.data.addToCart;
}

async function myCart(member: Member): Promise<CartData> {
  const response = await cart.query<{ myCart: CartData }>(MY_CART, {}, member.token);
  if (!response.data) throw new Error(`myCart failed: ${JSON.stringify(response.errors)}`);
  return response.data.myCart;
}

/** Lines written straight into cart's table, for carts whose size is the point (not how they were filled). */
async function fill(member: Member, skus: SkuSnapshot[], quantity = 1): Promise<void> {
  await cart.subgraph.deps.db.insert(cartLines).values(skus.map((s) => ({ memberId: Number(member.id), skuId: Number(s.skuId), quantity })));
}

const many = (n: number, overrides: Partial<SkuSnapshot> = {}) => stock(cart, ...Array.from({ length: n }, () => snapshot(overrides)));

describe('cart lines', () => {
  it('adds, merges, sets, selects, removes and clears lines, newest first, touching no other cart', async () => {
    const [buyer, neighbour] = await Promise.all([cart.member(), cart.member()]);
    const [a, b, c] = stock(cart, snapshot({ price: 1250 }), snapshot({ price: 399 }), snapshot({ price: 10_000 }));
    await add(neighbour, a!, 4);

    expect(await add(buyer, a!, 2)).toMatchObject({
      selectedQuantity: 2,
      selectedTotal: { amount: 2500, currency: 'CNY' },
      lines: [{ quantity: 2, selected: true, problem: null, unitPrice: { amount: 1250 }, subtotal: { amount: 2500 }, sku: { id: a!.skuId } }],
    });
    // The same SKU again goes into its line (one unit when no quantity is given).
    await add(buyer, a!);
    await add(buyer, b!, 3);
    const added = await add(buyer, c!, 1);
    expect(added.lines.map((l) => [l.sku.id, l.quantity])).toEqual([[c!.skuId, 1], [b!.skuId, 3], [a!.skuId, 3]]);
    expect(added).toMatchObject({ selectedQuantity: 7, selectedTotal: { amount: 3 * 1250 + 3 * 399 + 10_000 } });

    const set = await cart.query<{ setCartQuantity: CartData }>(SET, { skuId: b!.skuId, quantity: 5 }, buyer.token);
    expect(set.data!.setCartQuantity.lines.find((l) => l.sku.id === b!.skuId)).toMatchObject({ quantity: 5, subtotal: { amount: 5 * 399 } });
    // Setting the quantity a line already has is no error.
    expect((await cart.query(SET, { skuId: b!.skuId, quantity: 5 }, buyer.token)).errors).toBeUndefined();
    // A SKU the cart does not hold has no line to set.
    expect(errorCode(await cart.query(SET, { skuId: '987654321', quantity: 1 }, buyer.token))).toBe('NOT_FOUND');

    const unticked = await cart.query<{ selectCartLines: CartData }>(SELECT, { skuIds: [c!.skuId, b!.skuId], selected: false }, buyer.token);
    const view = unticked.data!.selectCartLines;
    expect(view.lines.map((l) => [l.sku.id, l.selected])).toEqual([[c!.skuId, false], [b!.skuId, false], [a!.skuId, true]]);
    // Unticked lines keep their prices but leave the selected totals.
    expect(view).toMatchObject({ selectedQuantity: 3, selectedTotal: { amount: 3 * 1250 } });
    expect(view.lines[0]!.subtotal).toEqual({ amount: 10_000 });
    // Adding to an unticked line ticks it again.
    expect((await add(buyer, c!)).lines.find((l) => l.sku.id === c!.skuId)).toMatchObject({ quantity: 2, selected: true });

    // Removing ignores SKUs the cart does not hold.
    const removed = await cart.query<{ removeFromCart: CartData }>(REMOVE, { skuIds: [c!.skuId, '987654321'] }, buyer.token);
    expect(removed.data!.removeFromCart.lines.map((l) => l.sku.id)).toEqual([b!.skuId, a!.skuId]);
    expect(await cart.rows(buyer.id)).toEqual([[Number(a!.skuId), 3, true], [Number(b!.skuId), 5, false]]);

    const cleared = await cart.query<{ clearCart: CartData }>(CLEAR, {}, buyer.token);
    expect(cleared.data!.clearCart).toMatchObject({ lines: [], selectedQuantity: 0, selectedTotal: { amount: 0 } });
    expect(await cart.rows(buyer.id)).toEqual([]);
    expect(await cart.rows(neighbour.id)).toEqual([[Number(a!.skuId), 4, true]]);
  });

  it('refuses a SKU catalog does not know (NOT_FOUND) and writes nothing', async () => {
    const buyer = await cart.member();
    expect(errorCode(await cart.query(ADD, { skuId: '987654321', quantity: 1 }, buyer.token))).toBe('NOT_FOUND');
    expect(errorCode(await cart.query(ADD, { skuId: 'not-an-id', quantity: 1 }, buyer.token))).toBe('NOT_FOUND');
    expect(await cart.rows(buyer.id)).toEqual([]);
  });

  it('refuses an off-shelf SKU as CONFLICT naming the SKU, never its product’s title (defect 10)', async () => {
    const buyer = await cart.member();
    const [hidden] = stock(cart, snapshot({ onSale: false, title: '未发布的秘密新品 X1 限量版' }));
    const refused = await cart.query(ADD, { skuId: hidden!.skuId, quantity: 1 }, buyer.token);
    expect(refused.errors).toHaveLength(1);
    const [error] = refused.errors!;
    expect(error!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNAVAILABLE' });
    // Nowhere in the answer: not in the message, not in the extensions, not in part.
    const answer = JSON.stringify(refused);
    expect(answer).not.toContain(hidden!.title);
    expect(answer).not.toContain('秘密新品');
    expect(error!.message).toContain(hidden!.skuId);
    expect(await cart.rows(buyer.id)).toEqual([]);
  });
});

describe('bounds', () => {
  it('holds a line to 1–999 units: anything else is BAD_USER_INPUT naming quantity, and writes nothing', async () => {
    const buyer = await cart.member();
    const [a] = stock(cart, snapshot({ stock: 5000 }));
    for (const quantity of [0, -1, 1000]) {
      const refused = await cart.query(ADD, { skuId: a!.skuId, quantity }, buyer.token);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    }
    expect(await cart.rows(buyer.id)).toEqual([]);

    await add(buyer, a!, 998);
    // Merging past 999 is refused as a whole, not capped.
    expect(errorCode(await cart.query(ADD, { skuId: a!.skuId, quantity: 2 }, buyer.token))).toBe('BAD_USER_INPUT');
    expect(await cart.rows(buyer.id)).toEqual([[Number(a!.skuId), 998, true]]);
    await add(buyer, a!, 1);
    for (const quantity of [0, 1000]) {
      expect(errorCode(await cart.query(SET, { skuId: a!.skuId, quantity }, buyer.token))).toBe('BAD_USER_INPUT');
    }
    expect(await cart.rows(buyer.id)).toEqual([[Number(a!.skuId), 999, true]]);
  });

  it('holds a cart to 100 lines: a 101st is CONFLICT and writes nothing; more units of a line it holds still fit', async () => {
    const buyer = await cart.member();
    const hundred = many(100);
    await fill(buyer, hundred);
    const [extra] = stock(cart, snapshot());
    expect(errorCode(await cart.query(ADD, { skuId: extra!.skuId, quantity: 1 }, buyer.token))).toBe('CONFLICT');
    const rows = await cart.rows(buyer.id);
    expect(rows).toHaveLength(100);
    expect(rows.some(([skuId]) => skuId === Number(extra!.skuId))).toBe(false);

    const merged = await add(buyer, hundred[0]!, 2);
    expect(merged.lines).toHaveLength(100);
    expect(merged.lines.find((l) => l.sku.id === hundred[0]!.skuId)!.quantity).toBe(3);
  });

  it('lets exactly as many concurrent new lines in as there is room for', async () => {
    const buyer = await cart.member();
    await fill(buyer, many(95));
    const newcomers = many(10);
    const results = await Promise.all(newcomers.map((sku) => cart.query(ADD, { skuId: sku.skuId, quantity: 1 }, buyer.token)));
    expect(results.map(errorCode).sort()).toEqual([...Array(5).fill(undefined), ...Array(5).fill('CONFLICT')].sort());
    expect(await cart.rows(buyer.id)).toHaveLength(100);
  });

  it('adds up concurrent additions of one SKU by one member exactly, in one line', async () => {
    const buyer = await cart.member();
    const [a] = stock(cart, snapshot());
    const results = await Promise.all(Array.from({ length: 10 }, () => cart.query(ADD, { skuId: a!.skuId, quantity: 3 }, buyer.token)));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(await cart.rows(buyer.id)).toEqual([[Number(a!.skuId), 30, true]]);
  });

  it('adds up a cart past 2^31 cents exactly: 100 lines × 999 units × ¥1,000,000 (defect 6)', async () => {
    const buyer = await cart.member();
    await fill(buyer, many(100, { price: MONEY_LIMITS.unitPrice, stock: 1000 }), MONEY_LIMITS.quantity);
    const view = await myCart(buyer);
    expect(view.selectedQuantity).toBe(99_900);
    expect(view.lines[0]!.subtotal!.amount).toBe(99_900_000_000);
    // 9 990 000 000 000 cents: far past GraphQL's Int (2^31 − 1), exact as Cents.
    expect(view.selectedTotal.amount).toBe(100 * 999 * 100_000_000);
    expect(view.selectedTotal.amount).toBeGreaterThan(2 ** 31);
  });
});

describe('today’s catalog', () => {
  it('prices every line at today’s price and flags what stands in its way', async () => {
    const buyer = await cart.member();
    const [fine, soldOut, short, offShelf, gone] = stock(
      cart,
      snapshot({ price: 500, stock: 10 }),
      snapshot({ stock: 5 }),
      snapshot({ stock: 5 }),
      snapshot(),
      snapshot({ price: 777 }),
    );
    await add(buyer, fine!, 2);
    await add(buyer, soldOut!, 1);
    await add(buyer, short!, 3);
    await add(buyer, offShelf!, 1);
    await add(buyer, gone!, 1);
    expect(await myCart(buyer)).toMatchObject({ selectedQuantity: 8, selectedTotal: { amount: 2 * 500 + 1000 + 3000 + 1000 + 777 } });

    // Catalog changes: a price, one sells out, one has fewer left than asked, one leaves the shelf, one no longer exists.
    stock(
      cart,
      snapshot({ ...fine!, price: 650 }),
      snapshot({ ...soldOut!, stock: 0 }),
      snapshot({ ...short!, stock: 2 }),
      snapshot({ ...offShelf!, onSale: false }),
    );
    cart.skus.delete(gone!.skuId);
    const view = await myCart(buyer);
    expect(view.lines.map((l) => [l.sku.id, l.problem, l.unitPrice?.amount ?? null, l.subtotal?.amount ?? null])).toEqual([
      [gone!.skuId, 'GONE', null, null],
      [offShelf!.skuId, 'OFF_SHELF', 1000, 1000],
      [short!.skuId, 'NOT_ENOUGH_STOCK', 1000, 3000],
      [soldOut!.skuId, 'SOLD_OUT', 1000, 1000],
      [fine!.skuId, null, 650, 1300],
    ]);
    // Only what can be bought now counts, at today's price.
    expect(view).toMatchObject({ selectedQuantity: 2, selectedTotal: { amount: 1300 } });
    // The lines stay: when catalog has them again, they count again.
    stock(cart, soldOut!, short!, offShelf!, gone!);
    expect(await myCart(buyer)).toMatchObject({ selectedQuantity: 8, selectedTotal: { amount: 1300 + 1000 + 3000 + 1000 + 777 } });
  });

  it('asks catalog once per request however many lines (the DataLoader batches)', async () => {
    const [buyer, other] = await Promise.all([cart.member(), cart.member()]);
    const lines = many(40);
    await fill(buyer, lines);
    await fill(other, many(3));

    cart.snapshotRequests.length = 0;
    const view = await myCart(buyer);
    expect(view.lines).toHaveLength(40);
    expect(view.lines.every((l) => l.problem === null && l.unitPrice !== null)).toBe(true);
    expect(cart.snapshotRequests).toHaveLength(1);
    expect(new Set(cart.snapshotRequests[0])).toEqual(new Set(lines.map((s) => s.skuId)));

    // A change's answer too.
    cart.snapshotRequests.length = 0;
    await cart.query(SELECT, { skuIds: lines.slice(0, 20).map((s) => s.skuId), selected: false }, buyer.token);
    expect(cart.snapshotRequests).toHaveLength(1);

    // addToCart checks the SKU it adds first; the answer's lines then come in one batch, no SKU asked twice.
    cart.snapshotRequests.length = 0;
    const [more] = stock(cart, snapshot());
    expect((await add(buyer, more!)).lines).toHaveLength(41);
    expect(cart.snapshotRequests.length).toBeLessThanOrEqual(2);
    expect(cart.snapshotRequests.flat().sort()).toEqual([...lines.map((s) => s.skuId), more!.skuId].sort());
  });
});
