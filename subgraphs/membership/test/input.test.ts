import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { membership as contracts } from '@mall/contracts';
import { INT_MAX, connectNats, loadSubgraphConfig, type CommandContract, type NatsConnection, type z } from '@mall/kit';
import { graphql } from '@mall/test-kit';
import { growthEntries, members, pointsEntries } from '../src/db/schema.ts';
import { startMembership, type TestMembership } from './fixtures.ts';

/**
 * Issue 10, defect 8: whatever a caller sends reaches the database only once checked. Every
 * argument and input field of the schema, and every field of membership's commands, is sent
 * over-long, out of range or malformed: each must be refused with a stable code (and the
 * field at fault), never INTERNAL_SERVER_ERROR, and must change nothing in the database.
 */

let membership: TestMembership;
let nats: NatsConnection;
const tokens: Record<'member' | 'admin', string> = { member: '', admin: '' };
const ids = { member: '', ownAddress: '', othersAddress: '', rich: '' };

/** `n` characters; 中 by default, one character (and three bytes) each, as MariaDB counts them. */
const chars = (n: number, c = '中') => c.repeat(n);
const key = () => `key-${Math.random().toString(36).slice(2, 12)}`;
const url = (length: number) => `https://img.example.com/${'a'.repeat(length - 'https://img.example.com/'.length)}`;

const home = {
  recipient: '张三',
  phone: '13800138000',
  provinceCode: '440000',
  cityCode: '440300',
  districtCode: '440305',
  region: '广东省 深圳市 南山区',
  detail: '科技园南区 1 栋 101',
};

beforeAll(async () => {
  membership = await startMembership();
  nats = await connectNats(loadSubgraphConfig('membership').natsUrl, 'test-input');
  const [alice, bob, rich] = await Promise.all([membership.loginMember(), membership.loginMember(), membership.loginMember()]);
  tokens.member = alice.accessToken;
  tokens.admin = await membership.loginStaff('admin');
  ids.member = alice.memberId;
  ids.rich = rich.memberId;
  const ADD = 'mutation ($input: AddressInput!) { addAddress(input: $input) { id } }';
  ids.ownAddress = (await graphql<{ addAddress: { id: string } }>(membership.url, ADD, { input: home }, { token: alice.accessToken })).data!.addAddress.id;
  ids.othersAddress = (await graphql<{ addAddress: { id: string } }>(membership.url, ADD, { input: home }, { token: bob.accessToken })).data!.addAddress.id;
  // A member a few points and growth below what `Int` shows. Written straight to the ledgers
  // (one entry each, so balances and entries agree): 215 real grants would say nothing more.
  const db = membership.subgraph.deps.database.db;
  const near = INT_MAX - 5;
  const memberId = Number(rich.memberId);
  await db.insert(pointsEntries).values({ memberId, kind: 'ADJUST', delta: near, balanceAfter: near, remaining: near, expiresAt: null, idempotencyKey: 'fixture-points' });
  await db.insert(growthEntries).values({ memberId, delta: near, balanceAfter: near, idempotencyKey: 'fixture-growth' });
  await db.update(members).set({ points: near, growth: near }).where(eq(members.id, memberId));
});
afterAll(async () => {
  await nats?.drain();
  await membership?.close();
});

type Code = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

interface ApiCase {
  name: string;
  /** Who sends it: the member by default. */
  as?: 'member' | 'admin' | 'anonymous';
  query: string;
  variables: () => Record<string, unknown>;
  code: Code;
  /** `extensions.field`; absent where GraphQL itself refuses the value (an Int past 32 bits, an unknown enum). */
  field?: string;
  reason?: string;
}

const LOGIN = 'mutation ($code: String!) { loginWithWechat(code: $code) { accessToken } }';
const REFRESH = 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }';
const LOGOUT = 'mutation ($t: String!) { logout(refreshToken: $t) }';
const PROFILE = 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }';
const BIND_PHONE = 'mutation ($code: String!) { bindPhone(code: $code) { id } }';
const ADD = 'mutation ($input: AddressInput!) { addAddress(input: $input) { id } }';
const UPDATE = 'mutation ($id: ID!, $input: AddressInput!) { updateAddress(id: $id, input: $input) { id } }';
const SET_DEFAULT = 'mutation ($id: ID!) { setDefaultAddress(id: $id) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteAddress(id: $id) }';
const ADDRESS = 'query ($id: ID!) { address(id: $id) { id } }';
const GROWTH = 'mutation ($m: ID!, $d: Int!, $n: String, $k: String!) { adjustGrowth(memberId: $m, delta: $d, note: $n, idempotencyKey: $k) { id } }';
const POINTS = 'mutation ($m: ID!, $d: Int!, $n: String, $k: String!) { adjustPoints(memberId: $m, delta: $d, note: $n, idempotencyKey: $k) { id } }';
const RULES = 'mutation ($rules: [RechargeRuleInput!]!) { setRechargeRules(rules: $rules) { threshold { amount } } }';
const STAFF = 'mutation ($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }';
const POINTS_HISTORY = 'query ($f: Int, $a: String) { me { points { history(first: $f, after: $a) { totalCount } } } }';
const WALLET_HISTORY = 'query ($f: Int, $a: String) { me { wallet { history(first: $f, after: $a) { totalCount } } } }';

const adjust = (memberId: () => string, delta: number, extra: { note?: string; idempotencyKey?: string } = {}) => () => ({ m: memberId(), d: delta, n: extra.note ?? null, k: extra.idempotencyKey ?? key() });
const member = () => ids.member;
const staff = (input: Record<string, unknown>) => () => ({ input: { account: `staff${Math.random().toString(36).slice(2, 8)}`, password: 'a-long-password', role: 'ADMIN', ...input } });

const apiCases: ApiCase[] = [
  { name: 'loginWithWechat: a code over 128 characters', as: 'anonymous', query: LOGIN, variables: () => ({ code: chars(129, 'a') }), code: 'BAD_USER_INPUT', field: 'code' },
  { name: 'loginWithWechat: a blank code', as: 'anonymous', query: LOGIN, variables: () => ({ code: '   ' }), code: 'BAD_USER_INPUT', field: 'code' },
  { name: 'refreshSession: a token over 200 characters', as: 'anonymous', query: REFRESH, variables: () => ({ t: chars(201, 'a') }), code: 'BAD_USER_INPUT', field: 'refreshToken' },
  { name: 'logout: a token over 200 characters', as: 'anonymous', query: LOGOUT, variables: () => ({ t: chars(201, 'a') }), code: 'BAD_USER_INPUT', field: 'refreshToken' },

  { name: 'updateProfile: a nickname over 32 characters', query: PROFILE, variables: () => ({ input: { nickname: chars(33) } }), code: 'BAD_USER_INPUT', field: 'input.nickname' },
  { name: 'updateProfile: a blank nickname', query: PROFILE, variables: () => ({ input: { nickname: '  ' } }), code: 'BAD_USER_INPUT', field: 'input.nickname' },
  { name: 'updateProfile: an avatar that is not http(s)', query: PROFILE, variables: () => ({ input: { avatar: 'ftp://img.example.com/a.png' } }), code: 'BAD_USER_INPUT', field: 'input.avatar' },
  { name: 'updateProfile: an avatar that is no URL', query: PROFILE, variables: () => ({ input: { avatar: 'my face' } }), code: 'BAD_USER_INPUT', field: 'input.avatar' },
  { name: 'updateProfile: an avatar over 500 characters', query: PROFILE, variables: () => ({ input: { avatar: url(501) } }), code: 'BAD_USER_INPUT', field: 'input.avatar' },
  { name: 'bindPhone: a code over 128 characters', query: BIND_PHONE, variables: () => ({ code: chars(129, 'a') }), code: 'BAD_USER_INPUT', field: 'code' },

  { name: 'addAddress: a recipient over 32 characters', query: ADD, variables: () => ({ input: { ...home, recipient: chars(33) } }), code: 'BAD_USER_INPUT', field: 'input.recipient' },
  { name: 'addAddress: an empty recipient', query: ADD, variables: () => ({ input: { ...home, recipient: '' } }), code: 'BAD_USER_INPUT', field: 'input.recipient' },
  { name: 'addAddress: a phone of 10 digits', query: ADD, variables: () => ({ input: { ...home, phone: '1380013800' } }), code: 'BAD_USER_INPUT', field: 'input.phone' },
  { name: 'addAddress: a phone of 1000 characters', query: ADD, variables: () => ({ input: { ...home, phone: chars(1000, '1') } }), code: 'BAD_USER_INPUT', field: 'input.phone' },
  { name: 'addAddress: a province code of 7 digits', query: ADD, variables: () => ({ input: { ...home, provinceCode: '4400000' } }), code: 'BAD_USER_INPUT', field: 'input.provinceCode' },
  { name: 'addAddress: a city of another province', query: ADD, variables: () => ({ input: { ...home, cityCode: '110100' } }), code: 'BAD_USER_INPUT', field: 'input.cityCode' },
  { name: 'addAddress: a district of another city', query: ADD, variables: () => ({ input: { ...home, districtCode: '440405' } }), code: 'BAD_USER_INPUT', field: 'input.districtCode' },
  { name: 'addAddress: a region over 100 characters', query: ADD, variables: () => ({ input: { ...home, region: chars(101) } }), code: 'BAD_USER_INPUT', field: 'input.region' },
  { name: 'addAddress: a region of 1 character', query: ADD, variables: () => ({ input: { ...home, region: '中' } }), code: 'BAD_USER_INPUT', field: 'input.region' },
  { name: 'addAddress: a detail over 200 characters', query: ADD, variables: () => ({ input: { ...home, detail: chars(201) } }), code: 'BAD_USER_INPUT', field: 'input.detail' },
  { name: 'addAddress: no detail', query: ADD, variables: () => ({ input: { ...home, detail: null } }), code: 'BAD_USER_INPUT', field: 'input.detail' },
  { name: 'updateAddress: an id that is not a number', query: UPDATE, variables: () => ({ id: 'abc', input: { detail: '新地址 1 号' } }), code: 'NOT_FOUND' },
  { name: 'updateAddress: an id past BIGINT', query: UPDATE, variables: () => ({ id: '99999999999999999999', input: { detail: '新地址 1 号' } }), code: 'NOT_FOUND' },
  { name: 'updateAddress: id 0', query: UPDATE, variables: () => ({ id: '0', input: { detail: '新地址 1 号' } }), code: 'NOT_FOUND' },
  { name: 'updateAddress: another member’s address', query: UPDATE, variables: () => ({ id: ids.othersAddress, input: { detail: '新地址 1 号' } }), code: 'NOT_FOUND' },
  { name: 'updateAddress: a detail over 200 characters', query: UPDATE, variables: () => ({ id: ids.ownAddress, input: { detail: chars(201) } }), code: 'BAD_USER_INPUT', field: 'input.detail' },
  { name: 'updateAddress: a recipient over 32 characters', query: UPDATE, variables: () => ({ id: ids.ownAddress, input: { recipient: chars(33) } }), code: 'BAD_USER_INPUT', field: 'input.recipient' },
  { name: 'updateAddress: the only default made not default', query: UPDATE, variables: () => ({ id: ids.ownAddress, input: { isDefault: false } }), code: 'BAD_USER_INPUT', field: 'input.isDefault' },
  { name: 'setDefaultAddress: an id in exponent form', query: SET_DEFAULT, variables: () => ({ id: '1e3' }), code: 'NOT_FOUND' },
  { name: 'deleteAddress: a negative id', query: DELETE, variables: () => ({ id: '-5' }), code: 'NOT_FOUND' },
  { name: 'deleteAddress: another member’s address', query: DELETE, variables: () => ({ id: ids.othersAddress }), code: 'NOT_FOUND' },
  { name: 'address: an id that is not a number', query: ADDRESS, variables: () => ({ id: 'x' }), code: 'NOT_FOUND' },

  { name: 'adjustGrowth: a member id that is not a number', as: 'admin', query: GROWTH, variables: adjust(() => 'abc', 10), code: 'NOT_FOUND' },
  { name: 'adjustGrowth: an unknown member', as: 'admin', query: GROWTH, variables: adjust(() => '999999999', 10), code: 'NOT_FOUND' },
  { name: 'adjustGrowth: delta 0', as: 'admin', query: GROWTH, variables: adjust(member, 0), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustGrowth: delta over 10,000,000', as: 'admin', query: GROWTH, variables: adjust(member, 10_000_001), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustGrowth: delta under -10,000,000', as: 'admin', query: GROWTH, variables: adjust(member, -10_000_001), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustGrowth: delta past 32 bits', as: 'admin', query: GROWTH, variables: adjust(member, 2 ** 31), code: 'BAD_USER_INPUT' },
  { name: 'adjustGrowth: a note over 200 characters', as: 'admin', query: GROWTH, variables: adjust(member, 10, { note: chars(201) }), code: 'BAD_USER_INPUT', field: 'note' },
  { name: 'adjustGrowth: a blank note', as: 'admin', query: GROWTH, variables: adjust(member, 10, { note: ' ' }), code: 'BAD_USER_INPUT', field: 'note' },
  { name: 'adjustGrowth: a key under 8 characters', as: 'admin', query: GROWTH, variables: adjust(member, 10, { idempotencyKey: 'short' }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'adjustGrowth: a key over 100 characters', as: 'admin', query: GROWTH, variables: adjust(member, 10, { idempotencyKey: chars(101) }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'adjustGrowth: growth past what Int shows', as: 'admin', query: GROWTH, variables: adjust(() => ids.rich, 10), code: 'CONFLICT', reason: 'GROWTH_LIMIT' },
  { name: 'adjustPoints: a member id that is not a number', as: 'admin', query: POINTS, variables: adjust(() => 'abc', 10), code: 'NOT_FOUND' },
  { name: 'adjustPoints: an unknown member', as: 'admin', query: POINTS, variables: adjust(() => '999999999', 10), code: 'NOT_FOUND' },
  { name: 'adjustPoints: delta 0', as: 'admin', query: POINTS, variables: adjust(member, 0), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustPoints: delta over 10,000,000', as: 'admin', query: POINTS, variables: adjust(member, 10_000_001), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustPoints: delta under -10,000,000', as: 'admin', query: POINTS, variables: adjust(member, -10_000_001), code: 'BAD_USER_INPUT', field: 'delta' },
  { name: 'adjustPoints: delta past 32 bits', as: 'admin', query: POINTS, variables: adjust(member, -(2 ** 31) - 1), code: 'BAD_USER_INPUT' },
  { name: 'adjustPoints: a note over 200 characters', as: 'admin', query: POINTS, variables: adjust(member, 10, { note: chars(201) }), code: 'BAD_USER_INPUT', field: 'note' },
  { name: 'adjustPoints: a key under 8 characters', as: 'admin', query: POINTS, variables: adjust(member, 10, { idempotencyKey: 'short' }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'adjustPoints: a key over 100 characters', as: 'admin', query: POINTS, variables: adjust(member, 10, { idempotencyKey: chars(101) }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'adjustPoints: more points taken than held', as: 'admin', query: POINTS, variables: adjust(member, -5), code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' },
  { name: 'adjustPoints: points past what Int shows', as: 'admin', query: POINTS, variables: adjust(() => ids.rich, 10), code: 'CONFLICT', reason: 'POINTS_LIMIT' },

  { name: 'setRechargeRules: 21 rules', as: 'admin', query: RULES, variables: () => ({ rules: Array.from({ length: 21 }, (_, i) => ({ threshold: 1000 * (i + 1), bonus: 1 })) }), code: 'BAD_USER_INPUT', field: 'rules' },
  { name: 'setRechargeRules: threshold 0', as: 'admin', query: RULES, variables: () => ({ rules: [{ threshold: 0, bonus: 0 }] }), code: 'BAD_USER_INPUT', field: 'rules[0].threshold' },
  { name: 'setRechargeRules: a threshold over one payment', as: 'admin', query: RULES, variables: () => ({ rules: [{ threshold: 100_000_001, bonus: 1 }] }), code: 'BAD_USER_INPUT', field: 'rules[0].threshold' },
  { name: 'setRechargeRules: a threshold past 32 bits', as: 'admin', query: RULES, variables: () => ({ rules: [{ threshold: 2 ** 31, bonus: 1 }] }), code: 'BAD_USER_INPUT' },
  { name: 'setRechargeRules: bonus 0', as: 'admin', query: RULES, variables: () => ({ rules: [{ threshold: 10_000, bonus: 0 }] }), code: 'BAD_USER_INPUT', field: 'rules[0].bonus' },
  { name: 'setRechargeRules: a bonus over the threshold', as: 'admin', query: RULES, variables: () => ({ rules: [{ threshold: 10_000, bonus: 10_001 }] }), code: 'BAD_USER_INPUT', field: 'rules[0].bonus' },
  { name: 'setRechargeRules: one threshold twice', as: 'admin', query: RULES, variables: () => ({ rules: [{ threshold: 10_000, bonus: 1 }, { threshold: 10_000, bonus: 2 }] }), code: 'BAD_USER_INPUT', field: 'rules' },

  { name: 'createStaffAccount: an account of 2 characters', as: 'admin', query: STAFF, variables: staff({ account: 'ab' }), code: 'BAD_USER_INPUT', field: 'input.account' },
  { name: 'createStaffAccount: an account over 32 characters', as: 'admin', query: STAFF, variables: staff({ account: chars(33, 'a') }), code: 'BAD_USER_INPUT', field: 'input.account' },
  { name: 'createStaffAccount: an account with a space', as: 'admin', query: STAFF, variables: staff({ account: 'shop admin' }), code: 'BAD_USER_INPUT', field: 'input.account' },
  { name: 'createStaffAccount: an account in Chinese', as: 'admin', query: STAFF, variables: staff({ account: '店铺管理员' }), code: 'BAD_USER_INPUT', field: 'input.account' },
  { name: 'createStaffAccount: a password of 9 characters', as: 'admin', query: STAFF, variables: staff({ password: 'a'.repeat(9) }), code: 'BAD_USER_INPUT', field: 'input.password' },
  { name: 'createStaffAccount: a password over 128 characters', as: 'admin', query: STAFF, variables: staff({ password: 'a'.repeat(129) }), code: 'BAD_USER_INPUT', field: 'input.password' },
  { name: 'createStaffAccount: a merchant without a shop', as: 'admin', query: STAFF, variables: staff({ role: 'MERCHANT' }), code: 'BAD_USER_INPUT', field: 'input.shopId' },
  { name: 'createStaffAccount: a merchant of shop "abc"', as: 'admin', query: STAFF, variables: staff({ role: 'MERCHANT', shopId: 'abc' }), code: 'BAD_USER_INPUT', field: 'input.shopId' },
  { name: 'createStaffAccount: an unknown role', as: 'admin', query: STAFF, variables: staff({ role: 'OWNER' }), code: 'BAD_USER_INPUT' },

  { name: 'points history: first 101', query: POINTS_HISTORY, variables: () => ({ f: 101 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'points history: first 0', query: POINTS_HISTORY, variables: () => ({ f: 0 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'points history: a made-up cursor', query: POINTS_HISTORY, variables: () => ({ a: 'not-a-cursor' }), code: 'BAD_USER_INPUT', field: 'after' },
  { name: 'wallet history: first 101', query: WALLET_HISTORY, variables: () => ({ f: 101 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'wallet history: a cursor of another list', query: WALLET_HISTORY, variables: () => ({ a: Buffer.from(JSON.stringify(['points', 5])).toString('base64url') }), code: 'BAD_USER_INPUT', field: 'after' },
];

describe('GraphQL arguments and input fields', () => {
  for (const c of apiCases) it(`${c.name} → ${c.code}`, async () => {
    const before = await membership.tableChecksums();
    const token = c.as === 'anonymous' ? undefined : tokens[c.as ?? 'member'];
    const response = await graphql(membership.url, c.query, c.variables(), token ? { token } : {});
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({
      code: c.code,
      ...(c.field ? { field: c.field } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
    });
    expect(await membership.tableChecksums()).toEqual(before);
  });

  it('accepts every string at its limit, counted in characters as the columns count them', async () => {
    const profile = await graphql(membership.url, PROFILE, { input: { nickname: chars(32), avatar: url(500) } }, { token: tokens.member });
    expect(profile.errors).toBeUndefined();
    const added = await graphql(membership.url, ADD, { input: { ...home, recipient: chars(32), region: chars(100), detail: chars(200) } }, { token: tokens.member });
    expect(added.errors).toBeUndefined();
    const points = await graphql(membership.url, POINTS, adjust(member, 10, { note: chars(200), idempotencyKey: chars(100) })(), { token: tokens.admin });
    expect(points.errors).toBeUndefined();
    const growth = await graphql(membership.url, GROWTH, adjust(member, 10, { note: chars(200), idempotencyKey: chars(100) })(), { token: tokens.admin });
    expect(growth.errors).toBeUndefined();
  });

  it('still shows the balances of the member refused past the limit', async () => {
    const me = await graphql<{ member: { growth: number; points: { balance: number } } }>(
      membership.url, 'query ($id: ID!) { member(id: $id) { growth points { balance } } }', { id: ids.rich }, { token: tokens.admin },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.member).toEqual({ growth: INT_MAX - 5, points: { balance: INT_MAX - 5 } });
  });
});

interface CommandCase {
  name: string;
  contract: CommandContract<z.ZodType, z.ZodType>;
  /** Sent as is, past the sender's own check of the contract, as a misbehaving caller would. */
  request: () => Record<string, unknown>;
  code: Code;
  field?: string;
  reason?: string;
}

// Requests of the member (or `memberId()`), with the fields given.
const money = (request: Record<string, unknown>, memberId = member) => () => ({ memberId: memberId(), amount: 100, idempotencyKey: key(), ...request });
const points = (request: Record<string, unknown>, memberId = member) => () => ({ memberId: memberId(), points: 10, idempotencyKey: key(), ...request });
const growth = (request: Record<string, unknown>, memberId = member) => () => ({ memberId: memberId(), growth: 10, idempotencyKey: key(), ...request });
const rich = () => ids.rich;

const commandCases: CommandCase[] = [
  { name: 'wallet.debit: member id "abc"', contract: contracts.walletDebit, request: money({ memberId: 'abc' }), code: 'BAD_USER_INPUT', field: 'memberId' },
  { name: 'wallet.debit: member id 0', contract: contracts.walletDebit, request: money({ memberId: '0' }), code: 'BAD_USER_INPUT', field: 'memberId' },
  { name: 'wallet.debit: member id of 16 digits', contract: contracts.walletDebit, request: money({ memberId: '1'.repeat(16) }), code: 'BAD_USER_INPUT', field: 'memberId' },
  { name: 'wallet.debit: an unknown member', contract: contracts.walletDebit, request: money({ memberId: '999999999' }), code: 'NOT_FOUND' },
  { name: 'wallet.debit: amount 0', contract: contracts.walletDebit, request: money({ amount: 0 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'wallet.debit: an amount over one payment', contract: contracts.walletDebit, request: money({ amount: 100_000_001 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'wallet.debit: a fraction of a cent', contract: contracts.walletDebit, request: money({ amount: 1.5 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'wallet.debit: an amount as text', contract: contracts.walletDebit, request: money({ amount: '100' }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'wallet.debit: a key under 8 characters', contract: contracts.walletDebit, request: money({ idempotencyKey: 'short' }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'wallet.debit: a key over 100 characters', contract: contracts.walletDebit, request: money({ idempotencyKey: chars(101) }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'wallet.debit: no key', contract: contracts.walletDebit, request: money({ idempotencyKey: undefined }), code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
  { name: 'wallet.debit: a reference over 100 characters', contract: contracts.walletDebit, request: money({ reference: chars(101) }), code: 'BAD_USER_INPUT', field: 'reference' },
  { name: 'wallet.debit: more than the balance', contract: contracts.walletDebit, request: money({}), code: 'CONFLICT', reason: 'INSUFFICIENT_BALANCE' },
  { name: 'wallet.credit: kind BONUS', contract: contracts.walletCredit, request: money({ kind: 'BONUS' }), code: 'BAD_USER_INPUT', field: 'kind' },
  { name: 'wallet.credit: an amount over one payment', contract: contracts.walletCredit, request: money({ kind: 'REFUND', amount: 100_000_001 }), code: 'BAD_USER_INPUT', field: 'amount' },
  { name: 'wallet.credit: a reference over 100 characters', contract: contracts.walletCredit, request: money({ kind: 'REFUND', reference: chars(101) }), code: 'BAD_USER_INPUT', field: 'reference' },
  { name: 'points.earn: 0 points', contract: contracts.pointsEarn, request: points({ points: 0 }), code: 'BAD_USER_INPUT', field: 'points' },
  { name: 'points.earn: over 10,000,000 points', contract: contracts.pointsEarn, request: points({ points: 10_000_001 }), code: 'BAD_USER_INPUT', field: 'points' },
  { name: 'points.earn: an expiry that is no time', contract: contracts.pointsEarn, request: points({ expiresAt: 'next year' }), code: 'BAD_USER_INPUT', field: 'expiresAt' },
  { name: 'points.earn: an expiry in the past', contract: contracts.pointsEarn, request: points({ expiresAt: '2020-01-01T00:00:00Z' }), code: 'BAD_USER_INPUT', field: 'expiresAt' },
  { name: 'points.earn: an expiry in year 1', contract: contracts.pointsEarn, request: points({ expiresAt: '0001-01-01T00:00:00Z' }), code: 'BAD_USER_INPUT', field: 'expiresAt' },
  { name: 'points.earn: a reference over 100 characters', contract: contracts.pointsEarn, request: points({ reference: chars(101) }), code: 'BAD_USER_INPUT', field: 'reference' },
  { name: 'points.earn: points past what Int shows', contract: contracts.pointsEarn, request: points({}, rich), code: 'CONFLICT', reason: 'POINTS_LIMIT' },
  { name: 'points.spend: 0 points', contract: contracts.pointsSpend, request: points({ points: 0 }), code: 'BAD_USER_INPUT', field: 'points' },
  { name: 'points.spend: more than held', contract: contracts.pointsSpend, request: points({ points: 10_000_000 }), code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' },
  { name: 'growth.add: 0 growth', contract: contracts.growthAdd, request: growth({ growth: 0 }), code: 'BAD_USER_INPUT', field: 'growth' },
  { name: 'growth.add: over 10,000,000 growth', contract: contracts.growthAdd, request: growth({ growth: 10_000_001 }), code: 'BAD_USER_INPUT', field: 'growth' },
  { name: 'growth.add: a reference over 100 characters', contract: contracts.growthAdd, request: growth({ reference: chars(101) }), code: 'BAD_USER_INPUT', field: 'reference' },
  { name: 'growth.add: growth past what Int shows', contract: contracts.growthAdd, request: growth({}, rich), code: 'CONFLICT', reason: 'GROWTH_LIMIT' },
  { name: 'address.get: address id "abc"', contract: contracts.getAddress, request: () => ({ memberId: ids.member, addressId: 'abc' }), code: 'BAD_USER_INPUT', field: 'addressId' },
  { name: 'address.get: another member’s address', contract: contracts.getAddress, request: () => ({ memberId: ids.member, addressId: ids.othersAddress }), code: 'NOT_FOUND' },
  { name: 'level.get: an empty member id', contract: contracts.memberLevel, request: () => ({ memberId: '' }), code: 'BAD_USER_INPUT', field: 'memberId' },
  { name: 'level.get: an unknown member', contract: contracts.memberLevel, request: () => ({ memberId: '999999999' }), code: 'NOT_FOUND' },
  { name: 'member.payer: a member id as a number', contract: contracts.payer, request: () => ({ memberId: 7 }), code: 'BAD_USER_INPUT', field: 'memberId' },
];

/** Sends `request` on the command's subject as raw JSON and answers the reply. */
async function rawCommand(contract: CommandContract<z.ZodType, z.ZodType>, request: unknown): Promise<{ ok: boolean; code?: string; extensions?: Record<string, unknown> }> {
  const reply = await nats.request(`${membership.subgraph.deps.config.events.prefix}${contract.subject}`, new TextEncoder().encode(JSON.stringify(request)), { timeout: 5000 });
  return JSON.parse(reply.string()) as { ok: boolean; code?: string; extensions?: Record<string, unknown> };
}

describe('NATS command fields', () => {
  for (const c of commandCases) it(`${c.name} → ${c.code}`, async () => {
    const before = await membership.tableChecksums();
    const reply = await rawCommand(c.contract, c.request());
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: false, code: c.code });
    if (c.field) expect(reply.extensions).toMatchObject({ field: c.field });
    if (c.reason) expect(reply.extensions).toMatchObject({ reason: c.reason });
    expect(await membership.tableChecksums()).toEqual(before);
  });
});
