import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { order as orderContracts } from '@mall/contracts';
import { AppError, ErrorCode, command, connectNats, loadSubgraphConfig, type NatsConnection } from '@mall/kit';
import { answerCommands, as, entitiesQuery, graphql, startSubgraph, tokenFor, type TestSubgraph } from '@mall/test-kit';
import type { PaymentDeps } from '../src/context.ts';
import { payments, type PaymentSchema } from '../src/db/schema.ts';
import { paymentSubgraph } from '../src/subgraph.ts';

/**
 * Issue 10, defect 8: whatever a caller sends reaches the database only once checked. Every
 * argument of payment's schema is sent malformed, out of range or too long: each must be
 * refused with a stable code (and the field at fault), never INTERNAL_SERVER_ERROR, and must
 * change nothing in the database. Order is played by a stand-in answering
 * `orders.paymentInfo` over the real NATS; nothing here reaches WeChat Pay or membership.
 */

let payment: TestSubgraph<PaymentSchema, PaymentDeps>;
let nats: NatsConnection;
let stopOrder: () => Promise<void>;
const tokens = { member: '', merchant: '', otherMerchant: '', admin: '' };
let paymentId = '';

const MEMBER = '1001';
/** Order 8 is member 1001's, pending, and costs more than one payment may take (50 lines of 999 units at ¥1,000,000 would). */
const HUGE_ORDER = '8';

beforeAll(async () => {
  payment = await startSubgraph(paymentSubgraph);
  nats = await connectNats(loadSubgraphConfig('payment').natsUrl, 'test-input');
  stopOrder = answerCommands(nats, payment.subgraph.deps.config.events.prefix, [
    command(orderContracts.paymentInfo, async ({ orderId }) => {
      if (orderId !== HUGE_ORDER) throw new AppError(ErrorCode.NOT_FOUND, `Order ${orderId} not found.`);
      return {
        orderId,
        orderNo: '2026120100000000801',
        memberId: MEMBER,
        shopId: '1',
        status: 'PENDING_PAYMENT' as const,
        payable: 50 * 999 * 100_000_000,
        expiresAt: new Date(Date.now() + 900_000).toISOString(),
        description: '测试商品 等49950件',
      };
    }),
  ]);
  [tokens.member, tokens.merchant, tokens.otherMerchant, tokens.admin] = await Promise.all([
    tokenFor(as.member(MEMBER)),
    tokenFor(as.merchant(1)),
    tokenFor(as.merchant(2)),
    tokenFor(as.admin()),
  ]);
  // A wallet payment of shop 1's order 7 that succeeded: what refunds are asked of.
  const [created] = await payment.subgraph.deps.db.insert(payments).values({
    paymentNo: 'P2026120100000000000001',
    purpose: 'ORDER',
    orderId: 7,
    orderNo: '2026120100000000701',
    memberId: Number(MEMBER),
    shopId: 1,
    method: 'BALANCE',
    amount: 10_000,
    status: 'SUCCEEDED',
    description: '测试商品',
    providerTransactionId: 'wallet:1',
    expiresAt: new Date(Date.now() + 900_000),
    paidAt: new Date(),
  }).$returningId();
  paymentId = String(created!.id);
});
afterAll(async () => {
  await stopOrder?.();
  await nats?.drain();
  await payment?.stop();
});

interface ApiCase {
  name: string;
  as: keyof typeof tokens;
  query: string;
  variables: () => Record<string, unknown>;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';
  /** `extensions.field`; absent where GraphQL itself refuses the value (an Int past 32 bits, an unknown enum). */
  field?: string;
  reason?: string;
}

const PAY = 'mutation ($o: ID!, $m: PaymentMethod!) { payOrder(orderId: $o, method: $m) { payment { id } } }';
const RECHARGE = 'mutation ($a: Int!, $m: PaymentMethod) { rechargeWallet(amount: $a, method: $m) { payment { id } } }';
const REFUND = 'mutation ($p: ID!, $a: Int!, $r: String!, $k: String!) { refundPayment(paymentId: $p, amount: $a, reason: $r, idempotencyKey: $k) { id } }';
const PAYMENT = 'query ($id: ID!) { payment(id: $id) { id } }';
const MEMBER_PAYMENTS = entitiesQuery('Member', 'payments(first: $first, after: $after) { totalCount }').replace('($representations: [_Any!]!)', '($representations: [_Any!]!, $first: Int, $after: String)');

const refund = (overrides: Record<string, unknown> = {}) => () => ({ p: paymentId, a: 100, r: '商品破损', k: `refund-${Math.random().toString(36).slice(2, 12)}`, ...overrides });
const ownPayments = (page: Record<string, unknown>) => () => ({ representations: [{ __typename: 'Member', id: MEMBER }], ...page });

const apiCases: ApiCase[] = [
  { name: 'payOrder: an order id that is not a number', as: 'member', query: PAY, variables: () => ({ o: 'x', m: 'BALANCE' }), code: 'NOT_FOUND' },
  { name: 'payOrder: order id 0', as: 'member', query: PAY, variables: () => ({ o: '0', m: 'BALANCE' }), code: 'NOT_FOUND' },
  { name: 'payOrder: an unknown order', as: 'member', query: PAY, variables: () => ({ o: '987654', m: 'BALANCE' }), code: 'NOT_FOUND' },
  { name: 'payOrder: an unknown method', as: 'member', query: PAY, variables: () => ({ o: HUGE_ORDER, m: 'CASH' }), code: 'BAD_USER_INPUT' },
  { name: 'payOrder: DEV where it is off', as: 'member', query: PAY, variables: () => ({ o: HUGE_ORDER, m: 'DEV' }), code: 'BAD_USER_INPUT', field: 'method' },
  { name: 'payOrder: an order over what one payment takes, from the wallet', as: 'member', query: PAY, variables: () => ({ o: HUGE_ORDER, m: 'BALANCE' }), code: 'CONFLICT', reason: 'ORDER_NOT_PAYABLE' },
  { name: 'payOrder: an order over what one payment takes, by WeChat Pay', as: 'member', query: PAY, variables: () => ({ o: HUGE_ORDER, m: 'WECHAT' }), code: 'CONFLICT', reason: 'ORDER_NOT_PAYABLE' },
  { name: 'rechargeWallet: amount 0', as: 'member', query: RECHARGE, variables: () => ({ a: 0 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'rechargeWallet: over ¥10,000', as: 'member', query: RECHARGE, variables: () => ({ a: 1_000_001 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'rechargeWallet: an amount past 32 bits', as: 'member', query: RECHARGE, variables: () => ({ a: 2 ** 31 }), code: 'BAD_USER_INPUT' },
  { name: 'rechargeWallet: from the wallet itself', as: 'member', query: RECHARGE, variables: () => ({ a: 10_000, m: 'BALANCE' }), code: 'BAD_USER_INPUT', field: 'method' },
  { name: 'rechargeWallet: DEV where it is off', as: 'member', query: RECHARGE, variables: () => ({ a: 10_000, m: 'DEV' }), code: 'BAD_USER_INPUT', field: 'method' },
  { name: 'refundPayment: a payment id that is not a number', as: 'merchant', query: REFUND, variables: refund({ p: 'x' }), code: 'NOT_FOUND' },
  { name: 'refundPayment: an unknown payment', as: 'merchant', query: REFUND, variables: refund({ p: '987654' }), code: 'NOT_FOUND' },
  { name: 'refundPayment: another shop’s payment', as: 'otherMerchant', query: REFUND, variables: refund(), code: 'NOT_FOUND' },
  { name: 'refundPayment: amount 0', as: 'merchant', query: REFUND, variables: refund({ a: 0 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'refundPayment: more than was paid', as: 'merchant', query: REFUND, variables: refund({ a: 10_001 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'refundPayment: an amount past 32 bits', as: 'admin', query: REFUND, variables: refund({ a: 2 ** 31 }), code: 'BAD_USER_INPUT' },
  { name: 'refundPayment: a reason of 1 character', as: 'merchant', query: REFUND, variables: refund({ r: '坏' }), code: 'BAD_USER_INPUT', field: 'reason' },
  { name: 'refundPayment: a reason over 200 characters', as: 'merchant', query: REFUND, variables: refund({ r: '坏'.repeat(201) }), code: 'BAD_USER_INPUT', field: 'reason' },
  { name: 'refundPayment: a key under 8 characters', as: 'merchant', query: REFUND, variables: refund({ k: 'short' }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'refundPayment: a key over 64 characters', as: 'admin', query: REFUND, variables: refund({ k: '键'.repeat(65) }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'payment: an id that is not a number', as: 'member', query: PAYMENT, variables: () => ({ id: 'x' }), code: 'NOT_FOUND' },
  { name: 'Member.payments: first 101', as: 'member', query: MEMBER_PAYMENTS, variables: ownPayments({ first: 101 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'Member.payments: a made-up cursor', as: 'member', query: MEMBER_PAYMENTS, variables: ownPayments({ after: 'not-a-cursor' }), code: 'BAD_USER_INPUT', field: 'after' },
];

describe('GraphQL arguments', () => {
  for (const c of apiCases) it(`${c.name} → ${c.code}`, async () => {
    const before = await payment.tableChecksums();
    const response = await graphql(payment.url, c.query, c.variables(), { token: tokens[c.as] });
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({
      code: c.code,
      ...(c.field ? { field: c.field } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
    });
    expect(await payment.tableChecksums()).toEqual(before);
  });

  it('answers no payments for member and order references that cannot exist', async () => {
    const bad = ['abc', '0', '1e3', '99999999999999999999'];
    const members = await graphql<{ _entities: Array<{ payments: { totalCount: number } }> }>(
      payment.url, entitiesQuery('Member', 'payments { totalCount }'), { representations: bad.map((id) => ({ __typename: 'Member', id })) }, { token: tokens.admin },
    );
    expect(members.errors).toBeUndefined();
    expect(members.data!._entities).toEqual(bad.map(() => ({ payments: { totalCount: 0 } })));
    const orders = await graphql<{ _entities: Array<{ payments: unknown[]; refunds: unknown[] }> }>(
      payment.url, entitiesQuery('Order', 'payments { id } refunds { id }'), { representations: bad.map((id) => ({ __typename: 'Order', id })) }, { token: tokens.admin },
    );
    expect(orders.errors).toBeUndefined();
    expect(orders.data!._entities).toEqual(bad.map(() => ({ payments: [], refunds: [] })));
  });
});
