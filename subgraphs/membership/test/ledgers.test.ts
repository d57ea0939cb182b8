import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { membership as contracts } from '@mall/contracts';
import { connectNats, loadSubgraphConfig, sendCommand, type NatsConnection } from '@mall/kit';
import { errorCode, eventEnvelope, graphql, publishEvent, waitFor } from '@mall/test-kit';
import { members, pointsEntries, walletEntries } from '../src/db/schema.ts';
import { expirePoints } from '../src/services/points.ts';
import { startMembership, type TestMembership } from './fixtures.ts';

let membership: TestMembership;
let nats: NatsConnection;
let admin: string;
const db = () => membership.subgraph.deps.database.db;
const key = (label: string) => `${label}-${Math.random().toString(36).slice(2, 12)}`;
/** Sends a command on this test's own subjects (see isolatedMessaging). */
const send: typeof sendCommand = (_nats, contract, request, options) =>
  sendCommand(nats, contract, request, { ...options, prefix: membership.subgraph.deps.config.events.prefix });

beforeAll(async () => {
  membership = await startMembership();
  nats = await connectNats(loadSubgraphConfig('membership').natsUrl, 'test-ledgers');
  admin = await membership.loginStaff('admin');
});
afterAll(async () => {
  await nats?.drain();
  await membership?.close();
});

/** A member with `cents` in the wallet, topped up through the refund command (no bonus). */
async function memberWith(cents: number): Promise<Awaited<ReturnType<TestMembership['loginMember']>>> {
  const member = await membership.loginMember();
  if (cents > 0) await send(nats, contracts.walletCredit, { memberId: member.memberId, amount: cents, kind: 'REFUND', idempotencyKey: key('fund') });
  return member;
}

describe('wallet', () => {
  it('lets exactly 10 of 50 concurrent ¥10 debits through on ¥100, never below zero', async () => {
    const { memberId } = await memberWith(10_000);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => send(nats, contracts.walletDebit, { memberId, amount: 1000, idempotencyKey: `order-pay-${memberId}-${i}` })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused.map((r) => (r as PromiseRejectedResult).reason.extensions.code)).toEqual(Array(40).fill('CONFLICT'));
    const [member] = await db().select().from(members).where(eq(members.id, Number(memberId)));
    expect(member!.walletBalance).toBe(0);
    const entries = await db().select().from(walletEntries).where(eq(walletEntries.memberId, Number(memberId)));
    expect(entries.every((e) => e.balanceAfter >= 0)).toBe(true);
    expect(entries.filter((e) => e.kind === 'PAY')).toHaveLength(10);
  });

  it('debits once for a replayed key, also when the replays race', async () => {
    const { memberId } = await memberWith(5000);
    const idempotencyKey = key('pay-once');
    const results = await Promise.all(Array.from({ length: 10 }, () => send(nats, contracts.walletDebit, { memberId, amount: 1200, idempotencyKey })));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.every((r) => r.balance === 3800)).toBe(true);
    await expect(send(nats, contracts.walletDebit, { memberId, amount: 999, idempotencyKey })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    const [member] = await db().select().from(members).where(eq(members.id, Number(memberId)));
    expect(member!.walletBalance).toBe(3800);

    // After another change, a replay still answers the first outcome, not today's balance.
    await send(nats, contracts.walletDebit, { memberId, amount: 800, idempotencyKey: key('later') });
    const replay = await send(nats, contracts.walletDebit, { memberId, amount: 1200, idempotencyKey });
    expect(replay).toMatchObject({ replayed: true, balance: 3800, entryId: results[0]!.entryId });
  });

  it('scopes a key to the kind of entry: a refund may reuse its payment’s key', async () => {
    const { memberId } = await memberWith(5000);
    const orderKey = key('order-42');
    await send(nats, contracts.walletDebit, { memberId, amount: 3000, idempotencyKey: orderKey });
    const refund = await send(nats, contracts.walletCredit, { memberId, amount: 3000, kind: 'REFUND', idempotencyKey: orderKey });
    expect(refund).toMatchObject({ replayed: false, balance: 5000 });
  });

  it('credits a recharge with the bonus rule it reaches (充100送10, 充500送80)', async () => {
    const { memberId, accessToken } = await memberWith(0);
    const small = await send(nats, contracts.walletCredit, { memberId, amount: 9999, kind: 'RECHARGE', idempotencyKey: key('r1') });
    expect(small).toMatchObject({ bonus: 0, balance: 9999 });
    const hundred = await send(nats, contracts.walletCredit, { memberId, amount: 10000, kind: 'RECHARGE', idempotencyKey: key('r2') });
    expect(hundred).toMatchObject({ bonus: 1000, balance: 20999 });
    const five = await send(nats, contracts.walletCredit, { memberId, amount: 60000, kind: 'RECHARGE', idempotencyKey: key('r3') });
    expect(five).toMatchObject({ bonus: 8000, balance: 88999 });

    const history = await graphql<{ me: { wallet: { balance: { amount: number }; history: { nodes: Array<{ kind: string; amount: { amount: number } }>; totalCount: number } } } }>(
      membership.url, '{ me { wallet { balance { amount } history(first: 3) { nodes { kind amount { amount } } totalCount } } } }', {}, { token: accessToken },
    );
    expect(history.data!.me.wallet.balance.amount).toBe(88999);
    expect(history.data!.me.wallet.history.nodes).toEqual([
      { kind: 'BONUS', amount: { amount: 8000 } },
      { kind: 'RECHARGE', amount: { amount: 60000 } },
      { kind: 'BONUS', amount: { amount: 1000 } },
    ]);
    expect(history.data!.me.wallet.history.totalCount).toBe(5);
  });

  it('credits a distributor’s commission withdrawn, with no recharge bonus, once per key', async () => {
    const { memberId, accessToken } = await memberWith(0);
    const withdrawal = { memberId, amount: 60000, kind: 'COMMISSION' as const, idempotencyKey: key('withdrawal:1') };
    expect(await send(nats, contracts.walletCredit, withdrawal)).toMatchObject({ bonus: 0, balance: 60000, replayed: false });
    expect(await send(nats, contracts.walletCredit, withdrawal)).toMatchObject({ bonus: 0, balance: 60000, replayed: true });
    const history = await graphql<{ me: { wallet: { history: { nodes: Array<{ kind: string; amount: { amount: number } }> } } } }>(membership.url, '{ me { wallet { history { nodes { kind amount { amount } } } } } }', {}, { token: accessToken });
    expect(history.data!.me.wallet.history.nodes).toEqual([{ kind: 'COMMISSION', amount: { amount: 60000 } }]);
  });

  it('lets only an admin change the bonus rules, with checked input', async () => {
    const SET = 'mutation ($rules: [RechargeRuleInput!]!) { setRechargeRules(rules: $rules) { threshold { amount } bonus { amount } } }';
    const { accessToken } = await memberWith(0);
    expect(errorCode(await graphql(membership.url, SET, { rules: [] }, { token: accessToken }))).toBe('FORBIDDEN');
    expect(errorCode(await graphql(membership.url, SET, { rules: [{ threshold: 100, bonus: 200 }] }, { token: admin }))).toBe('BAD_USER_INPUT');
    const rules = await graphql<{ setRechargeRules: unknown[] }>(membership.url, SET, { rules: [{ threshold: 20000, bonus: 3000 }, { threshold: 10000, bonus: 1000 }, { threshold: 50000, bonus: 8000 }] }, { token: admin });
    expect(rules.data!.setRechargeRules).toEqual([
      { threshold: { amount: 10000 }, bonus: { amount: 1000 } },
      { threshold: { amount: 20000 }, bonus: { amount: 3000 } },
      { threshold: { amount: 50000 }, bonus: { amount: 8000 } },
    ]);
  });

  it('refuses bad commands without touching any balance', async () => {
    const { memberId } = await memberWith(1000);
    await expect(send(nats, contracts.walletDebit, { memberId: '999999', amount: 100, idempotencyKey: key('x') })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(send(nats, contracts.walletDebit, { memberId, amount: -100, idempotencyKey: key('x') })).rejects.toThrow();
    // The same bad amount sent raw, past the sender's own check, is refused by membership.
    const negative = await nats.request(`${membership.subgraph.deps.config.events.prefix}${contracts.walletDebit.subject}`, new TextEncoder().encode(JSON.stringify({ memberId, amount: -100, idempotencyKey: key('raw') })), { timeout: 3000 });
    expect(JSON.parse(negative.string())).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    const raw = await nats.request(`${membership.subgraph.deps.config.events.prefix}${contracts.walletDebit.subject}`, new TextEncoder().encode(JSON.stringify({ memberId, amount: 0, idempotencyKey: 'short' })), { timeout: 3000 });
    expect(JSON.parse(raw.string())).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    const [member] = await db().select().from(members).where(eq(members.id, Number(memberId)));
    expect(member!.walletBalance).toBe(1000);
  });
});

describe('points', () => {
  it('earns, spends oldest-expiring first, and expires what is left', async () => {
    const { memberId, accessToken } = await memberWith(0);
    // The later grant expires first: spending must follow expiry, not age.
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    await send(nats, contracts.pointsEarn, { memberId, points: 500, idempotencyKey: key('e2') });
    await send(nats, contracts.pointsEarn, { memberId, points: 300, idempotencyKey: key('e1'), expiresAt: soon });
    const spent = await send(nats, contracts.pointsSpend, { memberId, points: 200, idempotencyKey: key('s1') });
    expect(spent.balance).toBe(600);
    await expect(send(nats, contracts.pointsSpend, { memberId, points: 601, idempotencyKey: key('s2') })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });

    const account = async () =>
      (await graphql<{ me: { points: { balance: number; expiringSoon: number } } }>(membership.url, '{ me { points { balance expiringSoon } } }', {}, { token: accessToken })).data!.me.points;
    // The 200 spent came out of the grant that expires tomorrow: 100 of it is left to expire.
    expect(await account()).toEqual({ balance: 600, expiringSoon: 100 });
    // Once past its expiry, the grant no longer counts, even before the expiry job ran.
    await db().update(pointsEntries).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(pointsEntries.expiresAt, new Date(soon)));
    expect(await account()).toEqual({ balance: 500, expiringSoon: 0 });
    expect(await expirePoints({ db: db() })).toBeGreaterThanOrEqual(1);
    expect(await account()).toEqual({ balance: 500, expiringSoon: 0 });
    const history = await graphql<{ me: { points: { history: { nodes: Array<{ kind: string; delta: number; balanceAfter: number }> } } } }>(
      membership.url, '{ me { points { history { nodes { kind delta balanceAfter } } } } }', {}, { token: accessToken },
    );
    expect(history.data!.me.points.history.nodes).toEqual([
      { kind: 'EXPIRE', delta: -100, balanceAfter: 500 },
      { kind: 'SPEND', delta: -200, balanceAfter: 600 },
      { kind: 'EARN', delta: 300, balanceAfter: 800 },
      { kind: 'EARN', delta: 500, balanceAfter: 500 },
    ]);
  });

  it('never spends the same points twice when spends race', async () => {
    const { memberId } = await memberWith(0);
    await send(nats, contracts.pointsEarn, { memberId, points: 1000, idempotencyKey: key('e') });
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => send(nats, contracts.pointsSpend, { memberId, points: 100, idempotencyKey: `spend-${memberId}-${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const reasons = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason.extensions);
    expect(reasons).toEqual(Array(20).fill({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' }));
    const [member] = await db().select().from(members).where(eq(members.id, Number(memberId)));
    expect(member!.points).toBe(0);
    // A key used for one kind of entry cannot be replayed as another.
    const adjustKey = key('adjust');
    await send(nats, contracts.pointsEarn, { memberId, points: 5, idempotencyKey: adjustKey });
    await expect(send(nats, contracts.pointsSpend, { memberId, points: 5, idempotencyKey: adjustKey })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('pages through history with cursors', async () => {
    const { memberId, accessToken } = await memberWith(0);
    for (let i = 0; i < 7; i++) await send(nats, contracts.pointsEarn, { memberId, points: i + 1, idempotencyKey: `page-${memberId}-${i}` });
    const seen: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: { me: { points: { history: { nodes: Array<{ delta: number }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } } } = (await graphql<{ me: { points: { history: { nodes: Array<{ delta: number }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } } }>(
        membership.url, 'query ($after: String) { me { points { history(first: 3, after: $after) { nodes { delta } pageInfo { hasNextPage endCursor } } } } }', { after }, { token: accessToken },
      )).data!;
      seen.push(...page.me.points.history.nodes.map((n) => n.delta));
      if (!page.me.points.history.pageInfo.hasNextPage) break;
      after = page.me.points.history.pageInfo.endCursor;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });
});

describe('every ledger adds up', () => {
  it('sums each member’s wallet and points entries to the stored balance', async () => {
    const walletSums = await db()
      .select({ memberId: walletEntries.memberId, sum: sql<string>`SUM(${walletEntries.delta})`, last: sql<string>`MAX(${walletEntries.id})` })
      .from(walletEntries)
      .groupBy(walletEntries.memberId);
    const pointsSums = await db()
      .select({ memberId: pointsEntries.memberId, sum: sql<string>`SUM(${pointsEntries.delta})` })
      .from(pointsEntries)
      .groupBy(pointsEntries.memberId);
    const all = await db().select().from(members);
    expect(walletSums.length).toBeGreaterThanOrEqual(4);
    for (const member of all) {
      expect(Number(walletSums.find((s) => s.memberId === member.id)?.sum ?? 0), `wallet of ${member.id}`).toBe(member.walletBalance);
      expect(Number(pointsSums.find((s) => s.memberId === member.id)?.sum ?? 0), `points of ${member.id}`).toBe(member.points);
      const [remaining] = await db()
        .select({ sum: sql<string>`COALESCE(SUM(${pointsEntries.remaining}), 0)` })
        .from(pointsEntries)
        .where(eq(pointsEntries.memberId, member.id));
      expect(Number(remaining!.sum), `unspent grants of ${member.id}`).toBe(member.points);
    }
  });
});

describe('points held for orders', () => {
  const balance = async (memberId: string) => (await db().select().from(members).where(eq(members.id, Number(memberId))))[0]!.points;
  async function withPoints(points: number) {
    const member = await membership.loginMember();
    await send(nats, contracts.pointsEarn, { memberId: member.memberId, points, idempotencyKey: key('earn') });
    return member;
  }

  it('holds once per order, gives back once, and refuses a hold after its release', async () => {
    const { memberId } = await withPoints(1_000);
    const owner = key('O-held');
    expect(await send(nats, contracts.holdPoints, { owner, memberId, points: 300 })).toEqual({ points: 300, replayed: false });
    expect(await send(nats, contracts.holdPoints, { owner, memberId, points: 300 })).toEqual({ points: 300, replayed: true });
    expect(await balance(memberId)).toBe(700);
    expect(await send(nats, contracts.releasePoints, { owner })).toEqual({ points: 300, replayed: false });
    expect(await send(nats, contracts.releasePoints, { owner })).toEqual({ points: 0, replayed: true });
    expect(await balance(memberId)).toBe(1_000);
    await expect(send(nats, contracts.holdPoints, { owner, memberId, points: 300 })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'RELEASED' } });
    // A release that comes before its hold (an undo whose request was lost): the late hold takes nothing.
    const early = key('O-early');
    await send(nats, contracts.releasePoints, { owner: early });
    await expect(send(nats, contracts.holdPoints, { owner: early, memberId, points: 100 })).rejects.toMatchObject({ extensions: { reason: 'RELEASED' } });
    expect(await balance(memberId)).toBe(1_000);
  });

  it('keeps committed points, and never lets 20 holds at once take more than the member has', async () => {
    const { memberId } = await withPoints(1_000);
    const paid = key('O-paid');
    await send(nats, contracts.holdPoints, { owner: paid, memberId, points: 400 });
    expect(await send(nats, contracts.commitPoints, { owner: paid })).toEqual({ points: 400, replayed: false });
    await expect(send(nats, contracts.releasePoints, { owner: paid })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'COMMITTED' } });
    expect(await balance(memberId)).toBe(600);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => send(nats, contracts.holdPoints, { owner: `${paid}-${i}`, memberId, points: 100 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' } });
    expect(await balance(memberId)).toBe(0);
  });
});

describe('points from orders', () => {
  const balance = async (memberId: string) => (await db().select().from(members).where(eq(members.id, Number(memberId))))[0]!.points;
  const order = (memberId: string, orderNo: string) => ({ orderId: '1', orderNo, memberId, shopId: '1', status: 'COMPLETED' as const, payable: 12_345, lines: [], reason: null });

  it('rewards a settled order with one point per whole yuan finally paid, once however often the event comes', async () => {
    const { memberId } = await membership.loginMember();
    const prefix = membership.subgraph.deps.config.events.prefix;
    const envelope = eventEnvelope('order.settled', { ...order(memberId, key('S')), paid: 12_345 - 500 }, 'order');
    await publishEvent(nats, prefix, 'order.settled', envelope);
    await publishEvent(nats, prefix, 'order.settled', envelope, { msgId: `${envelope.id}-again` });
    await waitFor('the points to be earned', async () => (await balance(memberId)) === 118);
    // Points order gives back after a refund: once per key.
    const returned = eventEnvelope('order.points_returned', { orderId: '1', orderNo: 'S1', memberId, points: 40, key: key('after-sale') }, 'order');
    await publishEvent(nats, prefix, 'order.points_returned', returned);
    await publishEvent(nats, prefix, 'order.points_returned', returned, { msgId: `${returned.id}-again` });
    await waitFor('the points to come back', async () => (await balance(memberId)) === 158);
    const entries = await db().select().from(pointsEntries).where(eq(pointsEntries.memberId, Number(memberId)));
    expect(entries.map((e) => e.delta).sort((a, b) => a - b)).toEqual([40, 118]);
  });
});
