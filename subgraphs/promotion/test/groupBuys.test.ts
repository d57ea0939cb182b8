import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { AppError, holdOf } from '@mall/kit';
import { eventsWritten } from '@mall/test-kit';
import { groupBuyActivities, groupBuySeats, groupBuyTeams } from '../src/db/schema.ts';
import { groupOrderCancelled, groupOrderClosed, groupOrderPaid, releaseSeat, takeSeat, teamDeadline } from '../src/services/groupTeams.ts';
import { priceCheckout } from '../src/services/quote.ts';
import { sku, startPromotion, type TestPromotion } from './fixtures.ts';

/**
 * Group buys against promotion with real MariaDB and NATS: seats taken as order's checkout
 * takes them (the command's service), orders' payments and ends as order's events deliver
 * them (the consumers' services), deadlines as the job runs them.
 */
let t: TestPromotion;
beforeAll(async () => {
  t = await startPromotion({ MYSQL_POOL_SIZE: '30' });
});
afterAll(async () => {
  await t?.stop();
});

const db = () => t.subgraph.deps.db;
const deps = () => t.subgraph.deps;
let owners = 0;
const newOwner = () => `GB${Date.now()}${String(++owners).padStart(5, '0')}`;

const CREATE = 'mutation ($input: GroupBuyInput!) { createGroupBuy(input: $input) { id status remaining } }';

/** A running group buy of a new SKU of shop 1 (and a second SKU of the same product). */
async function groupBuy(terms: Partial<{ teamSize: number; perMemberLimit: number; quantity: number; virtualPercent: number; allowCoupons: boolean }> = {}) {
  const productId = String(900_000 + Math.floor(Math.random() * 90_000));
  const [a, b] = [sku({ price: 10_000, productId }), sku({ price: 12_000, productId })];
  t.skus.set(a.skuId, a);
  t.skus.set(b.skuId, b);
  const created = await t.query<{ createGroupBuy: { id: string } }>(CREATE, {
    input: { name: '3人团', skus: [{ skuId: a.skuId, price: 6_000, leaderPrice: 5_500 }, { skuId: b.skuId, price: 8_000 }], teamSize: 3, hours: 24, perMemberLimit: 1, quantity: 100, endsAt: new Date(Date.now() + 86_400_000).toISOString(), ...terms },
  }, t.tokens.merchant1);
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  return { id: created.data.createGroupBuy.id, a, b };
}

const member = async () => (await t.member()).id;
const take = (memberId: string, skuId: string, teamId: string | null, quantity = 1, owner = newOwner()) => takeSeat(deps(), { owner, memberId, skuId, quantity, teamId }).then((seat) => ({ ...seat, owner }));
const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'taken';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.code} ${String(error.extensions['reason'] ?? '')}`.trim();
  }
};
const teamRow = async (id: string) => (await db().select().from(groupBuyTeams).where(eq(groupBuyTeams.id, Number(id))))[0]!;
const usedOf = async (id: string) => (await db().select({ used: groupBuyActivities.used }).from(groupBuyActivities).where(eq(groupBuyActivities.id, Number(id))))[0]!.used;
/** The outcomes promotion wrote for a team (in its outbox, for order). */
const outcomes = async (teamId: string) => {
  const of = async (type: 'groupbuy.team.succeeded' | 'groupbuy.team.failed') =>
    (await eventsWritten<{ teamId: string; kept: string[] }>(db(), type)).filter((e) => e.teamId === teamId).map((e) => ({ type, kept: e.kept }));
  return [...(await of('groupbuy.team.succeeded')), ...(await of('groupbuy.team.failed'))];
};

/** A team opened by a member who paid, with `paidJoiners` more seats paid. */
async function formingTeam(g: Awaited<ReturnType<typeof groupBuy>>, paidJoiners = 0) {
  const leader = await take(await member(), g.a.skuId, null);
  await groupOrderPaid(deps(), leader.owner, 5_500);
  const joiners = [];
  for (let i = 0; i < paidJoiners; i++) {
    const seat = await take(await member(), g.a.skuId, leader.teamId);
    await groupOrderPaid(deps(), seat.owner, 6_000);
    joiners.push(seat);
  }
  return { teamId: leader.teamId, leader, joiners };
}

describe('group-buy seats', () => {
  it('gives the one seat left of a team to exactly one of 20 members joining at once', async () => {
    const g = await groupBuy();
    const { teamId } = await formingTeam(g, 1);
    const members = await Promise.all(Array.from({ length: 20 }, member));
    const results = await Promise.all(members.map((m) => reasonOf(take(m, g.a.skuId, teamId))));
    expect(results.filter((r) => r === 'taken')).toHaveLength(1);
    expect(new Set(results.filter((r) => r !== 'taken'))).toEqual(new Set(['CONFLICT TEAM_FULL']));
    expect(await teamRow(teamId)).toMatchObject({ seatsTaken: 3, seatsPaid: 2, status: 'FORMING' });
    expect(await usedOf(g.id)).toBe(3);
  });

  it('opens a team only once its opener pays, and succeeds when the last seat is paid', async () => {
    const g = await groupBuy();
    const leader = await take(await member(), g.a.skuId, null);
    expect(await teamRow(leader.teamId)).toMatchObject({ status: 'OPENING', seatsTaken: 1, expiresAt: null });
    expect(await reasonOf(take(await member(), g.a.skuId, leader.teamId))).toBe('CONFLICT TEAM_NOT_OPEN');
    await groupOrderPaid(deps(), leader.owner, 5_500);
    await groupOrderPaid(deps(), leader.owner, 5_500); // delivered twice: counted once
    const opened = await teamRow(leader.teamId);
    expect(opened).toMatchObject({ status: 'FORMING', seatsPaid: 1 });
    expect(opened.expiresAt!.getTime() - opened.openedAt!.getTime()).toBe(24 * 3_600_000);
    // A joiner of the other SKU, then a third: the team succeeds with all three kept.
    const second = await take(await member(), g.b.skuId, leader.teamId);
    const third = await take(await member(), g.a.skuId, leader.teamId);
    await groupOrderPaid(deps(), second.owner, 8_000);
    expect((await teamRow(leader.teamId)).status).toBe('FORMING');
    await groupOrderPaid(deps(), third.owner, 6_000);
    expect(await teamRow(leader.teamId)).toMatchObject({ status: 'SUCCEEDED', seatsPaid: 3, virtual: false });
    expect(await outcomes(leader.teamId)).toEqual([{ type: 'groupbuy.team.succeeded', kept: [leader.owner, second.owner, third.owner] }]);
    // The deadline after a success changes nothing.
    await teamDeadline(deps(), Number(leader.teamId), new Date(Date.now() + 25 * 3_600_000));
    expect((await teamRow(leader.teamId)).status).toBe('SUCCEEDED');
    expect(await outcomes(leader.teamId)).toHaveLength(1);
  });

  it('frees an unpaid seat when its order ends, for someone else to take; a checkout that failed gives its seat back once', async () => {
    const g = await groupBuy();
    const { teamId } = await formingTeam(g, 1);
    const unpaid = await take(await member(), g.a.skuId, teamId);
    expect(await reasonOf(take(await member(), g.a.skuId, teamId))).toBe('CONFLICT TEAM_FULL');
    await groupOrderCancelled(deps(), unpaid.owner);
    await groupOrderCancelled(deps(), unpaid.owner);
    expect(await teamRow(teamId)).toMatchObject({ seatsTaken: 2, seatsPaid: 2 });
    expect(await usedOf(g.id)).toBe(2);
    const next = await take(await member(), g.a.skuId, teamId);
    expect(await releaseSeat(deps(), next.owner)).toEqual({ released: 1, replayed: false });
    expect(await releaseSeat(deps(), next.owner)).toEqual({ released: 0, replayed: true });
    // A take arriving after its own release (a reply lost, delivered late) is refused.
    expect(await reasonOf(take(await member(), g.a.skuId, teamId, 1, next.owner))).toBe('CONFLICT RELEASED');
    expect(await teamRow(teamId)).toMatchObject({ seatsTaken: 2 });
    expect(await usedOf(g.id)).toBe(2);
    // The same owner again answers its seat; under another member it is refused.
    const buyer = await member();
    const again = await take(buyer, g.a.skuId, teamId);
    expect(await takeSeat(deps(), { owner: again.owner, memberId: buyer, skuId: g.a.skuId, quantity: 1, teamId })).toEqual({ teamId, seatId: again.seatId, replayed: true });
    expect(await reasonOf(takeSeat(deps(), { owner: again.owner, memberId: await member(), skuId: g.a.skuId, quantity: 1, teamId }))).toBe('CONFLICT RESERVED_OTHERWISE');
    expect(await teamRow(teamId)).toMatchObject({ seatsTaken: 3 });
  });

  it('never opens nor fills a team with a seat refunded before its payment’s event came', async () => {
    const g = await groupBuy();
    // The opener's order closed (refunded in full) before promotion saw it paid: the team never opens.
    const opener = await take(await member(), g.a.skuId, null);
    await groupOrderClosed(deps(), opener.owner, 5_500);
    await groupOrderPaid(deps(), opener.owner, 5_500);
    expect(await teamRow(opener.teamId)).toMatchObject({ status: 'CANCELLED', seatsTaken: 0, seatsPaid: 0, expiresAt: null });
    // The last seat of a team, refunded before its payment came: the team keeps forming with that seat free.
    const { teamId } = await formingTeam(g, 1);
    const last = await take(await member(), g.a.skuId, teamId);
    await groupOrderClosed(deps(), last.owner, 6_000);
    await groupOrderPaid(deps(), last.owner, 6_000);
    expect(await teamRow(teamId)).toMatchObject({ status: 'FORMING', seatsTaken: 2, seatsPaid: 2 });
    expect(await outcomes(teamId)).toEqual([]);
    expect(await usedOf(g.id)).toBe(2);
  });

  it('cancels a team whose opener never paid', async () => {
    const g = await groupBuy();
    const leader = await take(await member(), g.a.skuId, null);
    await groupOrderCancelled(deps(), leader.owner);
    expect(await teamRow(leader.teamId)).toMatchObject({ status: 'CANCELLED', seatsTaken: 0 });
    expect(await usedOf(g.id)).toBe(0);
  });

  it('fails a team whose time runs out with 2 of 3 paid: the unpaid seat dropped, both paid refunded once, the units back', async () => {
    const g = await groupBuy();
    const { teamId, leader, joiners } = await formingTeam(g, 1);
    const unpaid = await take(await member(), g.a.skuId, teamId);
    await expect(teamDeadline(deps(), Number(teamId))).rejects.toThrow(/time left/);
    const ended = new Date((await teamRow(teamId)).expiresAt!.getTime() + 1);
    await teamDeadline(deps(), Number(teamId), ended);
    await teamDeadline(deps(), Number(teamId), ended); // run again: nothing more
    expect(await teamRow(teamId)).toMatchObject({ status: 'FAILED' });
    expect(await outcomes(teamId)).toEqual([{ type: 'groupbuy.team.failed', kept: [] }]);
    expect((await db().select().from(groupBuySeats).where(eq(groupBuySeats.owner, unpaid.owner)))[0]!.status).toBe('RELEASED');
    expect(await usedOf(g.id)).toBe(2);
    // Order refunds both paid orders in full; each refund closes its order once.
    for (const seat of [leader, joiners[0]!]) {
      await groupOrderClosed(deps(), seat.owner, 6_000);
      await groupOrderClosed(deps(), seat.owner, 6_000);
      expect((await holdOf(db(), 'groupbuy', seat.owner))!.status).toBe('RELEASED');
    }
    expect(await usedOf(g.id)).toBe(0);
    expect((await db().select().from(groupBuySeats).where(eq(groupBuySeats.teamId, Number(teamId)))).map((s) => s.status).sort()).toEqual(['REFUNDED', 'REFUNDED', 'RELEASED']);
    expect(await reasonOf(take(await member(), g.a.skuId, teamId))).toBe('CONFLICT TEAM_ENDED');
  });

  it('succeeds virtually at the threshold and fails below it, when the group buy allows it', async () => {
    const g = await groupBuy({ teamSize: 4, virtualPercent: 50 });
    const at = await formingTeam(g, 1); // 2 of 4 paid: 50%
    const below = await formingTeam(g, 0); // 1 of 4: 25%
    for (const team of [at, below]) await teamDeadline(deps(), Number(team.teamId), new Date(Date.now() + 25 * 3_600_000));
    expect(await teamRow(at.teamId)).toMatchObject({ status: 'SUCCEEDED', virtual: true, seatsPaid: 2 });
    expect(await outcomes(at.teamId)).toEqual([{ type: 'groupbuy.team.succeeded', kept: [at.leader.owner, at.joiners[0]!.owner] }]);
    expect(await teamRow(below.teamId)).toMatchObject({ status: 'FAILED', virtual: false });
    const figures = await t.query<{ groupBuy: { figures: { teamsSucceeded: number; teamsSucceededVirtually: number; teamsFailed: number; seatsPaid: number; gmv: { amount: number } } } }>(
      'query ($id: ID!) { groupBuy(id: $id) { figures { teamsSucceeded teamsSucceededVirtually teamsFailed seatsPaid gmv { amount } } } }', { id: g.id }, t.tokens.merchant1,
    );
    expect(figures.data?.groupBuy.figures).toEqual({ teamsSucceeded: 1, teamsSucceededVirtually: 1, teamsFailed: 1, seatsPaid: 3, gmv: { amount: 5_500 + 6_000 + 5_500 } });
    // Without virtual completion the same 2 of 4 fails.
    const off = await groupBuy({ teamSize: 4 });
    const plain = await formingTeam(off, 1);
    await teamDeadline(deps(), Number(plain.teamId), new Date(Date.now() + 25 * 3_600_000));
    expect((await teamRow(plain.teamId)).status).toBe('FAILED');
  });

  it('refuses a member’s second seat beyond the limit and joining a team twice, changing nothing', async () => {
    const g = await groupBuy({ perMemberLimit: 2 });
    const { teamId } = await formingTeam(g, 0);
    const m = await member();
    expect(await reasonOf(take(m, g.a.skuId, teamId, 3))).toBe('CONFLICT LIMIT_REACHED');
    await take(m, g.a.skuId, teamId);
    expect(await reasonOf(take(m, g.b.skuId, teamId))).toBe('CONFLICT ALREADY_IN_TEAM');
    // Opening a team of their own: one more unit is within the limit of 2, two more are not.
    expect(await reasonOf(take(m, g.a.skuId, null, 2))).toBe('CONFLICT LIMIT_REACHED');
    await take(m, g.a.skuId, null, 1);
    expect(await reasonOf(take(m, g.a.skuId, null, 1))).toBe('CONFLICT LIMIT_REACHED');
    expect(await usedOf(g.id)).toBe(3);
  });

  it('refuses an unknown team, a SKU of another group buy, a paused or sold-out group buy, with a clear error and nothing taken', async () => {
    const g = await groupBuy({ quantity: 2 });
    const other = await groupBuy();
    const { teamId } = await formingTeam(g, 0);
    expect(await reasonOf(take(await member(), g.a.skuId, '999999999'))).toBe('NOT_FOUND');
    expect(await reasonOf(take(await member(), other.a.skuId, teamId))).toBe('BAD_USER_INPUT NOT_IN_ACTIVITY');
    expect(await reasonOf(take(await member(), sku().skuId, null))).toBe('CONFLICT ACTIVITY_CLOSED');
    await take(await member(), g.a.skuId, teamId);
    expect(await reasonOf(take(await member(), g.a.skuId, teamId))).toBe('CONFLICT SOLD_OUT');
    // Paused: no new team, but a team that formed still takes joins.
    const forming = await formingTeam(other, 0);
    const paused = await t.query<{ setGroupBuyStatus: { status: string } }>('mutation ($id: ID!) { setGroupBuyStatus(id: $id, status: PAUSED) { status } }', { id: other.id }, t.tokens.merchant1);
    expect(paused.data?.setGroupBuyStatus.status).toBe('PAUSED');
    expect(await reasonOf(take(await member(), other.a.skuId, null))).toBe('CONFLICT ACTIVITY_CLOSED');
    expect(await reasonOf(take(await member(), other.a.skuId, forming.teamId))).toBe('taken');
    expect(await usedOf(g.id)).toBe(2);
    expect(await usedOf(other.id)).toBe(2);
    // Another shop's merchant cannot pause it.
    const foreign = await t.query('mutation ($id: ID!) { setGroupBuyStatus(id: $id, status: ENDED) { status } }', { id: g.id }, t.tokens.merchant2);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});

describe('group-buy input', () => {
  it('refuses bad group buys with a clear error, writing nothing', async () => {
    const s = sku({ price: 10_000 });
    const theirs = sku({ price: 10_000, shopId: '2' });
    for (const x of [s, theirs]) t.skus.set(x.skuId, x);
    const base = { name: '3人团', skus: [{ skuId: s.skuId, price: 6_000 }], teamSize: 3, hours: 24, quantity: 100, endsAt: new Date(Date.now() + 86_400_000).toISOString() };
    const before = (await db().select().from(groupBuyActivities)).length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ teamSize: 1 }, 'BAD_USER_INPUT'],
      [{ teamSize: 51 }, 'BAD_USER_INPUT'],
      [{ hours: 0 }, 'BAD_USER_INPUT'],
      [{ quantity: 0 }, 'BAD_USER_INPUT'],
      [{ virtualPercent: 100 }, 'BAD_USER_INPUT'],
      [{ endsAt: new Date(Date.now() - 1000).toISOString() }, 'BAD_USER_INPUT'],
      [{ skus: [{ skuId: s.skuId, price: 10_000 }] }, 'BAD_USER_INPUT'],
      [{ skus: [{ skuId: s.skuId, price: 6_000, leaderPrice: 7_000 }] }, 'BAD_USER_INPUT'],
      [{ skus: [{ skuId: theirs.skuId, price: 6_000 }] }, 'NOT_FOUND'],
      [{ skus: [] }, 'BAD_USER_INPUT'],
    ];
    for (const [change, code] of cases) {
      const answer = await t.query(CREATE, { input: { ...base, ...change } }, t.tokens.merchant1);
      expect(answer.errors?.[0]?.extensions?.['code'], JSON.stringify(change)).toBe(code);
    }
    expect(await t.query(CREATE, { input: base }, (await t.member()).token)).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect((await db().select().from(groupBuyActivities)).length).toBe(before);
    // The same SKU in two group buys at the same time.
    expect((await t.query(CREATE, { input: base }, t.tokens.merchant1)).data).toBeTruthy();
    const twice = await t.query(CREATE, { input: base }, t.tokens.merchant1);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OVERLAPPING_GROUP_BUY' });
  });

  it('prices a group-buy line at the group price (the opener’s when opening), with no shop activity and no coupon unless allowed', async () => {
    const g = await groupBuy();
    const line = { skuId: g.a.skuId, productId: g.a.productId, shopId: '1', categoryIds: g.a.categoryIds, unitPrice: 10_000, quantity: 1 };
    const opening = await priceCheckout(deps(), { memberId: await member(), levelPermille: 1000, lines: [line], couponIds: null, quoteId: null, groupBuy: { teamId: null } });
    expect(opening.shops[0]!.lines[0]!.discounts).toEqual([{ source: 'GROUP_BUY', couponId: null, activityId: null, label: '拼团·团长价', amount: 4_500 }]);
    const { teamId } = await formingTeam(g, 0);
    const joining = await priceCheckout(deps(), { memberId: await member(), levelPermille: 1000, lines: [line], couponIds: null, quoteId: null, groupBuy: { teamId } });
    expect(joining.shops[0]!.lines[0]!.discounts).toEqual([{ source: 'GROUP_BUY', couponId: null, activityId: null, label: '拼团价', amount: 4_000 }]);
    await expect(priceCheckout(deps(), { memberId: await member(), levelPermille: 1000, lines: [line, { ...line, skuId: g.b.skuId }], couponIds: null, quoteId: null, groupBuy: { teamId } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // The checkout page's quote says the same before the order is placed.
    const QUOTE = 'query ($input: QuoteInput!) { quoteCheckout(input: $input) { shops { lines { discounts { source amount { amount } } } } } }';
    const buyer = await t.member();
    type Quoted = { quoteCheckout: { shops: Array<{ lines: Array<{ discounts: Array<{ source: string; amount: { amount: number } }> }> }> } };
    for (const [groupBuy, off] of [[{}, 4_500], [{ teamId }, 4_000]] as const) {
      const quoted = await t.query<Quoted>(QUOTE, { input: { lines: [{ skuId: g.a.skuId, quantity: 1 }], groupBuy } }, buyer.token);
      expect(quoted.data?.quoteCheckout.shops[0]!.lines[0]!.discounts, JSON.stringify(quoted.errors)).toEqual([{ source: 'GROUP_BUY', amount: { amount: off } }]);
    }
    const unknown = await t.query<Quoted>(QUOTE, { input: { lines: [{ skuId: g.a.skuId, quantity: 1 }], groupBuy: { teamId: '999999999' } } }, buyer.token);
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});
