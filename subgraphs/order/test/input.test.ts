import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { order as orderContracts } from '@mall/contracts';
import { sendCommand, type NatsConnection } from '@mall/kit';
import { as, graphql, testNats, tokenFor } from '@mall/test-kit';
import { paidOrder, startOrderAlone, type OrderAlone } from './fixtures.ts';

/**
 * Every argument and input field of order's API and NATS command refused with a stable code
 * (and, where the service checks it, the field), and nothing written: its tables' checksums
 * are the same before and after.
 */
let t: OrderAlone;
let nats: NatsConnection;
type Caller = 'buyer' | 'shippedBuyer' | 'otherMember' | 'merchant' | 'otherMerchant' | 'admin' | 'anonymous';
const tokens: Partial<Record<Caller, string>> = {};
const ids = { pending: '', paid: '', shipped: '', afterSale: '', sku: '', payable: 0 };

const PLACE = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id } } }';
const CANCEL = 'mutation ($id: ID!, $reason: String) { cancelOrder(id: $id, reason: $reason) { id } }';
const SHIP = 'mutation ($id: ID!, $carrier: String!, $no: String!) { shipOrder(id: $id, carrier: $carrier, trackingNumber: $no) { id } }';
const CONFIRM = 'mutation ($id: ID!) { confirmReceipt(id: $id) { id } }';
const REQUEST = 'mutation ($id: ID!, $type: AfterSaleType!, $amount: Int, $reason: String!) { requestAfterSale(orderId: $id, type: $type, amount: $amount, reason: $reason) { id } }';
const DECIDE = 'mutation ($id: ID!, $approve: Boolean!, $note: String) { decideAfterSale(id: $id, approve: $approve, note: $note) { id } }';
const MY_ORDERS = 'query ($first: Int, $after: String) { myOrders(first: $first, after: $after) { totalCount } }';
const SHOP_ORDERS = 'query ($first: Int, $after: String) { shopOrders(first: $first, after: $after) { totalCount } }';

const chars = (n: number) => '单'.repeat(n);
const line = (changes: Record<string, unknown> = {}) => ({ skuId: ids.sku, quantity: 1, ...changes });
/** Changes are read when the case runs (the ids exist only once beforeAll has run). */
type Changes = Record<string, unknown> | (() => Record<string, unknown>);
const read = (changes: Changes) => (typeof changes === 'function' ? changes() : changes);
const place = (changes: Changes) => () => ({ input: { idempotencyKey: randomUUID(), lines: [line()], ...read(changes) } });
const ship = (changes: Changes = {}) => () => ({ id: ids.paid, carrier: '顺丰速运', no: 'SF1234567890', ...read(changes) });
const request = (changes: Changes = {}) => () => ({ id: ids.paid, type: 'REFUND_ONLY', reason: '不想要了', ...read(changes) });
/** The shipped order, by its buyer: it has no after-sale waiting, so the amount itself is checked. */
const requestAmount = (amount: number) => () => ({ id: ids.shipped, type: 'REFUND_ONLY', reason: '不想要了', amount });

beforeAll(async () => {
  t = await startOrderAlone();
  nats = await testNats();
  const sku = await t.skuWith(1, 100, 1000);
  ids.sku = String(sku.id);
  const paid = await paidOrder(t, 2, 1);
  const shipped = await paidOrder(t, 3, 1);
  tokens.buyer = paid.buyer.token;
  tokens.merchant = paid.merchant;
  tokens.otherMerchant = await tokenFor(as.merchant(paid.shopId + 100));
  tokens.admin = await tokenFor(as.admin());
  tokens.otherMember = (await t.member()).token;
  const pending = await t.placeOrder(paid.buyer.token, { idempotencyKey: randomUUID(), lines: [line()] });
  ids.pending = pending.data!.placeOrder.orders[0]!.id;
  ids.paid = paid.id;
  ids.payable = paid.payable;
  // The shipped order is the same buyer's, so `buyer` may confirm it.
  const shippedOfBuyer = await graphql(t.order.url, SHIP, { id: shipped.id, carrier: '顺丰速运', no: 'SF0000000001' }, { token: shipped.merchant });
  expect(shippedOfBuyer.errors).toBeUndefined();
  ids.shipped = shipped.id;
  tokens.shippedBuyer = shipped.buyer.token;
  const asked = await graphql<{ requestAfterSale: { id: string } }>(t.order.url, REQUEST, request({ amount: 100 })(), { token: tokens.buyer });
  expect(asked.errors).toBeUndefined();
  ids.afterSale = asked.data!.requestAfterSale.id;
});
afterAll(async () => {
  await nats?.drain();
  await t?.stop();
});

type Code = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

interface ApiCase {
  name: string;
  /** Who sends it: the buyer by default. */
  as?: Caller;
  query: string;
  variables: () => Record<string, unknown>;
  code: Code;
  /** `extensions.field`; absent where GraphQL itself refuses the value (an Int past 32 bits, an unknown enum). */
  field?: string;
  reason?: string;
  /**
   * A checkout refused after its key was claimed (unknown SKU, out of stock) keeps the
   * refusal as the key's answer: `checkouts` holds it, FAILED, and a retry with the key
   * answers the same. Nothing else may change.
   */
  keyAnswered?: true;
}

const apiCases: ApiCase[] = [
  { name: 'placeOrder: anonymous', as: 'anonymous', query: PLACE, variables: place({}), code: 'UNAUTHENTICATED' },
  { name: 'placeOrder: by a merchant', as: 'merchant', query: PLACE, variables: place({}), code: 'FORBIDDEN' },
  { name: 'placeOrder: an idempotency key of 7 characters', query: PLACE, variables: place({ idempotencyKey: 'k'.repeat(7) }), code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' },
  { name: 'placeOrder: an idempotency key of 101 characters', query: PLACE, variables: place({ idempotencyKey: 'k'.repeat(101) }), code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' },
  { name: 'placeOrder: no lines', query: PLACE, variables: place(() => ({ lines: [] })), code: 'BAD_USER_INPUT', field: 'input.lines' },
  { name: 'placeOrder: 51 lines', query: PLACE, variables: place({ lines: Array.from({ length: 51 }, () => line()) }), code: 'BAD_USER_INPUT', field: 'input.lines' },
  { name: 'placeOrder: a SKU id that is not a number', query: PLACE, variables: place(() => ({ lines: [line({ skuId: 'abc' })] })), code: 'BAD_USER_INPUT', field: 'input.lines[0].skuId' },
  { name: 'placeOrder: SKU id 0', query: PLACE, variables: place(() => ({ lines: [line({ skuId: '0' })] })), code: 'BAD_USER_INPUT', field: 'input.lines[0].skuId' },
  { name: 'placeOrder: a SKU id past 2^53', query: PLACE, variables: place(() => ({ lines: [line({ skuId: '99999999999999999999' })] })), code: 'BAD_USER_INPUT', field: 'input.lines[0].skuId' },
  { name: 'placeOrder: an unknown SKU', query: PLACE, variables: place(() => ({ lines: [line({ skuId: '987654' })] })), code: 'NOT_FOUND', keyAnswered: true },
  { name: 'placeOrder: quantity 0', query: PLACE, variables: place(() => ({ lines: [line({ quantity: 0 })] })), code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' },
  { name: 'placeOrder: a negative quantity', query: PLACE, variables: place(() => ({ lines: [line({ quantity: -3 })] })), code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' },
  { name: 'placeOrder: quantity 1000', query: PLACE, variables: place(() => ({ lines: [line({ quantity: 1000 })] })), code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' },
  { name: 'placeOrder: a quantity past 32 bits', query: PLACE, variables: place(() => ({ lines: [line({ quantity: 2 ** 31 })] })), code: 'BAD_USER_INPUT' },
  { name: 'placeOrder: one SKU twice, 999 + 1 units', query: PLACE, variables: place(() => ({ lines: [line({ quantity: 999 }), line({ quantity: 1 })] })), code: 'BAD_USER_INPUT', field: 'input.lines[1].quantity' },
  { name: 'placeOrder: more units than in stock', query: PLACE, variables: place(() => ({ lines: [line({ quantity: 999 })] })), code: 'CONFLICT', keyAnswered: true },
  { name: 'placeOrder: an address id that is not a number', query: PLACE, variables: place({ addressId: 'home' }), code: 'BAD_USER_INPUT', field: 'input.addressId' },
  { name: 'placeOrder: a remark of 201 characters', query: PLACE, variables: place({ remark: chars(201) }), code: 'BAD_USER_INPUT', field: 'input.remark' },
  { name: 'cancelOrder: an id that is not a number', query: CANCEL, variables: () => ({ id: 'abc' }), code: 'NOT_FOUND' },
  { name: 'cancelOrder: an unknown order', query: CANCEL, variables: () => ({ id: '987654' }), code: 'NOT_FOUND' },
  { name: 'cancelOrder: another member’s order', as: 'otherMember', query: CANCEL, variables: () => ({ id: ids.pending }), code: 'NOT_FOUND' },
  { name: 'cancelOrder: a reason of 201 characters', query: CANCEL, variables: () => ({ id: ids.pending, reason: chars(201) }), code: 'BAD_USER_INPUT', field: 'reason' },
  { name: 'cancelOrder: a paid order', query: CANCEL, variables: () => ({ id: ids.paid }), code: 'CONFLICT' },
  { name: 'shipOrder: by the buyer', query: SHIP, variables: ship(), code: 'FORBIDDEN' },
  { name: 'shipOrder: another shop’s merchant', as: 'otherMerchant', query: SHIP, variables: ship(), code: 'NOT_FOUND' },
  { name: 'shipOrder: an order not paid yet', as: 'merchant', query: SHIP, variables: ship(() => ({ id: ids.pending })), code: 'CONFLICT' },
  { name: 'shipOrder: a carrier of 1 character', as: 'merchant', query: SHIP, variables: ship({ carrier: '顺' }), code: 'BAD_USER_INPUT', field: 'carrier' },
  { name: 'shipOrder: a carrier of 41 characters', as: 'merchant', query: SHIP, variables: ship({ carrier: chars(41) }), code: 'BAD_USER_INPUT', field: 'carrier' },
  { name: 'shipOrder: a tracking number of 65 characters', as: 'merchant', query: SHIP, variables: ship({ no: 'S'.repeat(65) }), code: 'BAD_USER_INPUT', field: 'trackingNumber' },
  { name: 'shipOrder: a tracking number with spaces', as: 'merchant', query: SHIP, variables: ship({ no: 'SF 1234 5678' }), code: 'BAD_USER_INPUT', field: 'trackingNumber' },
  { name: 'confirmReceipt: an order not shipped', query: CONFIRM, variables: () => ({ id: ids.paid }), code: 'CONFLICT' },
  { name: 'confirmReceipt: another member’s order', as: 'otherMember', query: CONFIRM, variables: () => ({ id: ids.shipped }), code: 'NOT_FOUND' },
  { name: 'requestAfterSale: an order not paid', query: REQUEST, variables: request(() => ({ id: ids.pending })), code: 'CONFLICT' },
  { name: 'requestAfterSale: amount 0', as: 'shippedBuyer', query: REQUEST, variables: requestAmount(0), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'requestAfterSale: a negative amount', as: 'shippedBuyer', query: REQUEST, variables: requestAmount(-100), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'requestAfterSale: more than was paid', as: 'shippedBuyer', query: REQUEST, variables: requestAmount(10_000_000), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'requestAfterSale: an amount past 32 bits', as: 'shippedBuyer', query: REQUEST, variables: requestAmount(2 ** 31), code: 'BAD_USER_INPUT' },
  { name: 'requestAfterSale: an unknown type', query: REQUEST, variables: request({ type: 'EXCHANGE' }), code: 'BAD_USER_INPUT' },
  { name: 'requestAfterSale: a reason of 1 character', query: REQUEST, variables: request({ reason: '不' }), code: 'BAD_USER_INPUT', field: 'reason' },
  { name: 'requestAfterSale: a reason of 201 characters', query: REQUEST, variables: request({ reason: chars(201) }), code: 'BAD_USER_INPUT', field: 'reason' },
  { name: 'requestAfterSale: another member’s order', as: 'otherMember', query: REQUEST, variables: request(), code: 'NOT_FOUND' },
  { name: 'decideAfterSale: an id that is not a number', as: 'merchant', query: DECIDE, variables: () => ({ id: 'x', approve: true }), code: 'NOT_FOUND' },
  { name: 'decideAfterSale: rejected without a note', as: 'merchant', query: DECIDE, variables: () => ({ id: ids.afterSale, approve: false }), code: 'BAD_USER_INPUT', field: 'note' },
  { name: 'decideAfterSale: a note of 201 characters', as: 'merchant', query: DECIDE, variables: () => ({ id: ids.afterSale, approve: false, note: chars(201) }), code: 'BAD_USER_INPUT', field: 'note' },
  { name: 'decideAfterSale: by the buyer', query: DECIDE, variables: () => ({ id: ids.afterSale, approve: true }), code: 'FORBIDDEN' },
  { name: 'decideAfterSale: another shop’s merchant', as: 'otherMerchant', query: DECIDE, variables: () => ({ id: ids.afterSale, approve: true }), code: 'NOT_FOUND' },
  { name: 'myOrders: first 0', query: MY_ORDERS, variables: () => ({ first: 0 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'myOrders: first 51', query: MY_ORDERS, variables: () => ({ first: 51 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'myOrders: a made-up cursor', query: MY_ORDERS, variables: () => ({ after: 'not-a-cursor' }), code: 'BAD_USER_INPUT', field: 'after' },
  { name: 'myOrders: anonymous', as: 'anonymous', query: MY_ORDERS, variables: () => ({}), code: 'UNAUTHENTICATED' },
  { name: 'shopOrders: by a member', query: SHOP_ORDERS, variables: () => ({}), code: 'FORBIDDEN' },
  { name: 'shopOrders: a made-up cursor', as: 'merchant', query: SHOP_ORDERS, variables: () => ({ after: 'bm90LWEtY3Vyc29y' }), code: 'BAD_USER_INPUT', field: 'after' },
];

describe('GraphQL arguments and input fields', () => {
  for (const c of apiCases) it(`${c.name} → ${c.code}`, async () => {
    const state = async () => {
      const { checkouts, ...rest } = await t.order.tableChecksums();
      return c.keyAnswered ? rest : { checkouts, ...rest };
    };
    const before = await state();
    const stock = await t.stockOf(Number(ids.sku));
    const token = c.as === 'anonymous' ? undefined : tokens[c.as ?? 'buyer'];
    const variables = c.variables();
    const response = await graphql(t.order.url, c.query, variables, token ? { token } : {});
    const expected = { code: c.code, ...(c.field ? { field: c.field } : {}), ...(c.reason ? { reason: c.reason } : {}) };
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject(expected);
    expect(await state()).toEqual(before);
    expect(await t.stockOf(Number(ids.sku))).toBe(stock);
    if (c.keyAnswered) {
      const again = await graphql(t.order.url, c.query, variables, token ? { token } : {});
      expect(again.errors?.[0]?.extensions).toMatchObject(expected);
    }
  });

  it('accepts every string at its limit, counted in characters as the columns count them', async () => {
    const placed = await graphql(t.order.url, PLACE, place({ idempotencyKey: 'k'.repeat(100), remark: chars(200) })(), { token: tokens.buyer });
    expect(placed.errors).toBeUndefined();
    const shipped = await graphql(t.order.url, SHIP, ship({ carrier: chars(40), no: 'S'.repeat(64) })(), { token: tokens.merchant });
    expect(shipped.errors).toBeUndefined();
  });
});

describe('NATS command fields', () => {
  // Sent as raw JSON, past the contract's own check of the sender's side.
  const ask = async (payload: unknown) => {
    const reply = await nats.request(`${t.prefix}${orderContracts.paymentInfo.subject}`, JSON.stringify(payload), { timeout: 5000 });
    return reply.json<{ ok: boolean; code?: string }>();
  };
  for (const orderId of ['abc', '0', '-1', '1e3', '99999999999999999999', 12, null]) {
    it(`order.paymentInfo for order id ${JSON.stringify(orderId)} → BAD_USER_INPUT`, async () => {
      const before = await t.order.tableChecksums();
      expect(await ask({ orderId })).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
      expect(await t.order.tableChecksums()).toEqual(before);
    });
  }
  it('order.paymentInfo for an order that does not exist → NOT_FOUND', async () => {
    await expect(sendCommand(nats, orderContracts.paymentInfo, { orderId: '987654' }, { prefix: t.prefix })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
