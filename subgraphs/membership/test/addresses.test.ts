import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { membership as contracts } from '@mall/contracts';
import { connectNats, loadSubgraphConfig, sendCommand, type NatsConnection } from '@mall/kit';
import { graphql, type GraphQLResponse } from '@mall/test-kit';
import { addresses } from '../src/db/schema.ts';
import { startMembership, type TestMembership } from './fixtures.ts';

/**
 * Issue 10, defect 1: concurrent address changes. Every change of one member's addresses
 * must succeed (or answer a clean error) and leave exactly one default, which is what
 * checkout's `membership.address.get` ships to.
 */

let membership: TestMembership;
let nats: NatsConnection;

beforeAll(async () => {
  membership = await startMembership();
  nats = await connectNats(loadSubgraphConfig('membership').natsUrl, 'test-addresses');
});
afterAll(async () => {
  await nats?.drain();
  await membership?.close();
});

const ADD = 'mutation ($input: AddressInput!) { addAddress(input: $input) { id isDefault } }';
const SET_DEFAULT = 'mutation ($id: ID!) { setDefaultAddress(id: $id) { id isDefault } }';
const DELETE = 'mutation ($id: ID!) { deleteAddress(id: $id) }';

const address = (recipient: string) => ({
  recipient,
  phone: '13800138000',
  provinceCode: '440000',
  cityCode: '440300',
  districtCode: '440305',
  region: '广东省 深圳市 南山区',
  detail: `科技园南区 ${recipient}`,
});

/**
 * A member's addresses as stored. Only these columns are read, so the test runs the same
 * against a schema without the `default_of` column (the code before the fix).
 */
async function stored(memberId: string) {
  return membership.subgraph.deps.database.db
    .select({ id: addresses.id, isDefault: addresses.isDefault })
    .from(addresses)
    .where(eq(addresses.memberId, Number(memberId)));
}

/** The codes of a response's errors (empty when it succeeded). */
const codes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((e) => e.extensions?.code);

/** The address checkout ships to when the order names none. */
function shippingAddress(memberId: string) {
  return sendCommand(nats, contracts.getAddress, { memberId }, { prefix: membership.subgraph.deps.config.events.prefix });
}

describe('concurrent address changes', () => {
  it('lets 50 new members add their first address at the same moment, each getting exactly one default', async () => {
    const members = await Promise.all(Array.from({ length: 50 }, () => membership.loginMember()));
    const results = await Promise.all(
      members.map((m, i) => graphql<{ addAddress: { id: string; isDefault: boolean } }>(membership.url, ADD, { input: address(`收件人${i}`) }, { token: m.accessToken })),
    );
    // Before the fix, about half of these were ER_LOCK_DEADLOCK (INTERNAL_SERVER_ERROR).
    expect(results.flatMap((r, i) => codes(r).map((code) => `member ${i}: ${code}`))).toEqual([]);
    expect(results.every((r) => r.data?.addAddress.isDefault === true)).toBe(true);
    for (const [i, m] of members.entries()) {
      const rows = await stored(m.memberId);
      expect(rows).toEqual([{ id: Number(results[i]!.data!.addAddress.id), isDefault: true }]);
    }
  });

  it('keeps exactly one default when 20 default changes, new defaults and deletions of the default race', async () => {
    const member = await membership.loginMember();
    const token = member.accessToken;
    const initial: string[] = [];
    for (let i = 0; i < 5; i++) {
      const added = await graphql<{ addAddress: { id: string } }>(membership.url, ADD, { input: address(`初始${i}`) }, { token });
      expect(added.errors).toBeUndefined();
      initial.push(added.data!.addAddress.id);
    }
    // The first address is the default; these calls fight over it.
    const [first, ...others] = initial;
    const calls: Array<{ what: string; run: () => Promise<GraphQLResponse<unknown>> }> = [];
    for (let i = 0; i < 20; i++) {
      const target = i % 2 === 0 ? first! : others[i % others.length]!;
      if (i % 5 === 0) calls.push({ what: `delete ${target}`, run: () => graphql(membership.url, DELETE, { id: target }, { token }) });
      else if (i % 5 === 1) calls.push({ what: 'add a new default', run: () => graphql(membership.url, ADD, { input: { ...address(`新默认${i}`), isDefault: true } }, { token }) });
      else calls.push({ what: `make ${target} the default`, run: () => graphql(membership.url, SET_DEFAULT, { id: target }, { token }) });
    }
    const results = await Promise.all(calls.map((call) => call.run()));

    // Each call succeeds, or finds its address already deleted by another: never an internal error.
    const outcomes = results.map((r, i) => ({ what: calls[i]!.what, codes: codes(r) }));
    expect(outcomes.filter((o) => o.codes.some((code) => code !== 'NOT_FOUND'))).toEqual([]);
    expect(outcomes.filter((o) => o.codes.length > 0).every((o) => !o.what.startsWith('add'))).toBe(true);

    const rows = await stored(member.memberId);
    expect(rows.length).toBeGreaterThan(0);
    const defaults = rows.filter((r) => r.isDefault);
    expect(defaults).toHaveLength(1);
    const me = await graphql<{ me: { defaultAddress: { id: string; detail: string } | null } }>(membership.url, '{ me { defaultAddress { id detail } } }', {}, { token });
    expect(me.data?.me.defaultAddress?.id).toBe(String(defaults[0]!.id));
    // What checkout ships to when the order names no address.
    expect((await shippingAddress(member.memberId)).detail).toBe(me.data!.me.defaultAddress!.detail);
  });

  it('leaves no default to ship to only when every address is gone', async () => {
    const member = await membership.loginMember();
    const token = member.accessToken;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const added = await graphql<{ addAddress: { id: string } }>(membership.url, ADD, { input: address(`全删${i}`) }, { token });
      ids.push(added.data!.addAddress.id);
    }
    // Every address deleted at once, while two of them are being made the default.
    const results = await Promise.all([
      ...ids.map((id) => graphql(membership.url, DELETE, { id }, { token })),
      graphql(membership.url, SET_DEFAULT, { id: ids[2] }, { token }),
      graphql(membership.url, SET_DEFAULT, { id: ids[3] }, { token }),
    ]);
    expect(results.slice(0, 4).map(codes)).toEqual(Array(4).fill([]));
    expect(results.slice(4).flatMap(codes).every((code) => code === 'NOT_FOUND')).toBe(true);
    expect(await stored(member.memberId)).toEqual([]);
    await expect(shippingAddress(member.memberId)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
