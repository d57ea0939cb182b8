import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { as, errorReason, graphql, tokenFor, waitFor, type GraphQLResponse } from '@mall/test-kit';
import { skus } from '@mall/catalog/db';
import { jobs } from '@mall/kit';
import { groupBuyTeams } from '@mall/promotion/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { connect, disposeClients, watch } from './live.ts';
import { completeWechatRefunds, newShopper, payAndSettle, skuAt, type Shopper } from './shopping.ts';

/**
 * A group buy (拼团) through the gateway: a member opens a team, two others join (one found
 * through the product's open teams), the team succeeds and the merchant ships all three
 * orders, the opener watching it live; another team with one seat left meets 20 members at
 * once, runs out of time, and every member is refunded in full.
 */
let supergraph: TestSupergraph;
let url: string;
beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
});
afterAll(async () => {
  await disposeClients();
  await supergraph?.stop();
});

const ask = async <T,>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const answer = await graphql<T>(url, query, variables, token ? { token } : {});
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!;
};
/** The answer's data, or a failure that shows its errors. */
const must = <T,>(r: GraphQLResponse<T>): T => {
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

const ORDER = 'id status amounts { goods { amount } discount { amount } payable { amount } } lines { discounts { source label amount { amount } } } groupBuy { team { id } state }';
type GroupOrder = { id: string; status: string; amounts: { goods: { amount: number }; discount: { amount: number }; payable: { amount: number } }; lines: Array<{ discounts: Array<{ source: string; label: string; amount: { amount: number } }> }>; groupBuy: { team: { id: string }; state: string } };
const OPEN = `mutation ($sku: ID!, $key: String!) { openGroupBuy(skuId: $sku, quantity: 1, idempotencyKey: $key, couponIds: []) { ${ORDER} } }`;
const JOIN = `mutation ($team: ID!, $sku: ID!, $key: String!) { joinGroupBuy(teamId: $team, skuId: $sku, quantity: 1, idempotencyKey: $key, couponIds: []) { ${ORDER} } }`;
const open = (s: Shopper, skuId: number) => graphql<{ openGroupBuy: GroupOrder }>(url, OPEN, { sku: String(skuId), key: randomUUID() }, { token: s.token });
const join = (s: Shopper, teamId: string, skuId: number) => graphql<{ joinGroupBuy: GroupOrder }>(url, JOIN, { team: teamId, sku: String(skuId), key: randomUUID() }, { token: s.token });
const TEAM = 'query ($id: ID!) { groupBuyTeam(id: $id) { id status size seatsTaken seatsPaid seatsLeft secondsLeft price { amount } members { member { id nickname } leader } product { id } } }';
type Team = { id: string; status: string; size: number; seatsTaken: number; seatsPaid: number; seatsLeft: number; secondsLeft: number; price: { amount: number }; members: Array<{ member: { id: string; nickname: string }; leader: boolean }>; product: { id: string } };
const team = async (id: string) => (await ask<{ groupBuyTeam: Team }>(TEAM, { id })).groupBuyTeam;
const orderOf = async (s: Shopper, id: string) => (await ask<{ order: { status: string; refunded: { amount: number }; groupBuy: { state: string } } }>('query ($id: ID!) { order(id: $id) { status refunded { amount } groupBuy { state } } }', { id }, s.token)).order;

describe('a group buy through the gateway', () => {
  it('fills a team of three, ships every order once it succeeds, and refunds everyone of a team that runs out of time', async () => {
    const productId = 21;
    const sku = await skuAt(supergraph, productId, 5_000);
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const created = await ask<{ createGroupBuy: { id: string; remaining: number } }>(
      'mutation ($input: GroupBuyInput!) { createGroupBuy(input: $input) { id remaining } }',
      { input: { name: '3人团', skus: [{ skuId: String(sku.id), price: 3_000, leaderPrice: 2_800 }], teamSize: 3, hours: 24, perMemberLimit: 2, quantity: 100, endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } },
      merchant,
    );
    expect(created.createGroupBuy.remaining).toBe(100);

    // 开团: the opener's price, the team waiting for the opener to pay.
    const [leader, second, third] = await Promise.all([newShopper(supergraph), newShopper(supergraph), newShopper(supergraph)]);
    const opened = must(await open(leader, sku.id)).openGroupBuy;
    expect(opened.amounts.goods.amount).toBe(5_000);
    expect(opened.lines[0]!.discounts.find((d) => d.source === 'GROUP_BUY')).toMatchObject({ label: '拼团·团长价', amount: { amount: 2_200 } });
    expect(opened.groupBuy.state).toBe('FORMING');
    const teamId = opened.groupBuy.team.id;
    expect(await team(teamId)).toMatchObject({ status: 'OPENING', seatsTaken: 1, seatsPaid: 0, secondsLeft: 0 });
    expect(errorReason(await join(second, teamId, sku.id))).toBe('CONFLICT TEAM_NOT_OPEN');

    // The opener watches the share page live, then pays: the team opens and its time runs.
    const watcher = watch<{ groupBuyTeamUpdated: Team }>(connect(url, leader.token), `subscription ($id: ID!) { groupBuyTeamUpdated(teamId: $id) { id status seatsTaken seatsPaid members { member { id } leader } } }`, { id: teamId });
    await watcher.next(1);
    await payAndSettle(supergraph, leader, opened.id);
    expect(await team(teamId)).toMatchObject({ status: 'FORMING', seatsTaken: 1, seatsPaid: 1, seatsLeft: 2, price: { amount: 3_000 } });
    expect((await team(teamId)).secondsLeft).toBeGreaterThan(23 * 3600);

    // 去参团: the second finds the team on the product page.
    const page = await ask<{ product: { groupBuy: { id: string; skus: Array<{ price: { amount: number }; leaderPrice: { amount: number } }> }; openTeams: Array<{ id: string; seatsLeft: number }> } }>(
      'query ($id: ID!) { product(id: $id) { groupBuy { id skus { price { amount } leaderPrice { amount } } } openTeams { id seatsLeft } } }', { id: String(productId) },
    );
    expect(page.product.groupBuy).toEqual({ id: created.createGroupBuy.id, skus: [{ price: { amount: 3_000 }, leaderPrice: { amount: 2_800 } }] });
    expect(page.product.openTeams).toContainEqual({ id: teamId, seatsLeft: 2 });
    const joined = must(await join(second, page.product.openTeams.find((t) => t.id === teamId)!.id, sku.id)).joinGroupBuy;
    expect(joined.lines[0]!.discounts.find((d) => d.source === 'GROUP_BUY')).toMatchObject({ label: '拼团价', amount: { amount: 2_000 } });
    expect(errorReason(await join(second, teamId, sku.id))).toBe('CONFLICT ALREADY_IN_TEAM');
    expect(errorReason(await join(leader, teamId, sku.id))).toBe('CONFLICT ALREADY_IN_TEAM');
    await payAndSettle(supergraph, second, joined.id);
    // Not shippable while the team fills.
    const early = await graphql(url, 'mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰", trackingNumber: "SF1001") { status } }', { id: opened.id }, { token: merchant });
    expect(errorReason(early)).toBe('CONFLICT GROUP_BUY_FORMING');

    // The shop's list is live too: its orders become shippable when the team succeeds.
    const shopWatch = watch<{ myOrdersUpdated: { id: string; groupBuy: { state: string } | null } }>(connect(url, merchant), 'subscription { myOrdersUpdated { id groupBuy { state } } }');
    // It sends nothing first: wait until the gateway holds it (the opener's watch is the other one).
    await waitFor('the shop’s subscription to be held', () => supergraph.gateway.gateway.subscriptions.stats().subscriptions >= 2);
    const last = must(await join(third, teamId, sku.id)).joinGroupBuy;
    await payAndSettle(supergraph, third, last.id);
    await waitFor('the shop told the opener’s order may ship', () => shopWatch.events.some((e) => e.myOrdersUpdated.id === opened.id && e.myOrdersUpdated.groupBuy?.state === 'SUCCEEDED'));
    shopWatch.stop();
    const full = await team(teamId);
    expect(full).toMatchObject({ status: 'SUCCEEDED', seatsPaid: 3, seatsLeft: 0 });
    expect(full.members.map((m) => [m.member.id, m.leader])).toEqual([[leader.memberId, true], [second.memberId, false], [third.memberId, false]]);
    expect(full.members.every((m) => typeof m.member.nickname === 'string')).toBe(true);
    // The opener saw each seat and the success.
    await waitFor('the success pushed', () => watcher.events.some((e) => e.groupBuyTeamUpdated.status === 'SUCCEEDED'));
    const seen = watcher.events.map((e) => e.groupBuyTeamUpdated);
    expect(seen[0]).toMatchObject({ status: 'OPENING', seatsTaken: 1 });
    for (const taken of [2, 3]) expect(seen.some((e) => e.seatsTaken === taken)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ status: 'SUCCEEDED', seatsPaid: 3 });
    watcher.stop();
    expect(errorReason(await join(await newShopper(supergraph), teamId, sku.id))).toBe('CONFLICT TEAM_ENDED');

    // Every order of the team ships at once.
    for (const [s, id] of [[leader, opened.id], [second, joined.id], [third, last.id]] as const) {
      expect((await orderOf(s, id)).groupBuy.state).toBe('SUCCEEDED');
      const shipped = await ask<{ shipOrder: { status: string } }>('mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰", trackingNumber: "SF2002") { status } }', { id }, merchant);
      expect(shipped.shipOrder.status).toBe('SHIPPED');
    }

    // Another team: two paid, one seat left, 20 members at once: exactly one gets it.
    const stockOf = async () => (await supergraph.catalog.subgraph.deps.database.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku.id)))[0]!.stock;
    const [a, b] = await Promise.all([newShopper(supergraph), newShopper(supergraph)]);
    const stockBefore = await stockOf();
    const openedB = must(await open(a, sku.id)).openGroupBuy;
    const teamB = openedB.groupBuy.team.id;
    await payAndSettle(supergraph, a, openedB.id);
    const joinedB = must(await join(b, teamB, sku.id)).joinGroupBuy;
    const paymentB = await payAndSettle(supergraph, b, joinedB.id);
    const crowd = await Promise.all(Array.from({ length: 20 }, () => newShopper(supergraph)));
    const tries = await Promise.all(crowd.map((s) => join(s, teamB, sku.id)));
    const winners = tries.filter((r) => r.data?.joinGroupBuy);
    expect(winners).toHaveLength(1);
    expect(new Set(tries.filter((r) => !r.data?.joinGroupBuy).map(errorReason))).toEqual(new Set(['CONFLICT TEAM_FULL']));
    // The refused placed no order and hold nothing.
    const losers = crowd.filter((_, i) => !tries[i]!.data?.joinGroupBuy);
    for (const loser of losers.slice(0, 5)) expect((await ask<{ myOrders: { totalCount: number } }>('{ myOrders { totalCount } }', {}, loser.token)).myOrders.totalCount).toBe(0);
    expect(await stockOf()).toBe(stockBefore - 3);
    expect(await team(teamB)).toMatchObject({ status: 'FORMING', seatsTaken: 3, seatsPaid: 2 });

    // Its time runs out with 2 of 3 paid: the team fails, the unpaid seat's order is cancelled, both paid are refunded in full.
    const pdb = supergraph.promotion.subgraph.deps.database.db;
    await pdb.update(groupBuyTeams).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(groupBuyTeams.id, Number(teamB)));
    await pdb.update(jobs).set({ dueAt: new Date() }).where(and(eq(jobs.name, 'groupbuy.team.deadline'), eq(jobs.key, teamB)));
    await waitFor('the team to fail', async () => (await team(teamB)).status === 'FAILED', 20_000);
    await supergraph.eventsSettled();
    const winnerOrder = winners[0]!.data!.joinGroupBuy.id;
    const winner = crowd[tries.findIndex((r) => r.data?.joinGroupBuy)]!;
    expect(await orderOf(winner, winnerOrder)).toMatchObject({ status: 'CANCELLED', groupBuy: { state: 'FAILED' } });
    const paidA = await ask<{ order: { payments: Array<{ paymentNo: string }> } }>('query ($id: ID!) { order(id: $id) { payments { paymentNo } } }', { id: openedB.id }, a.token);
    for (const paymentNo of [paidA.order.payments[0]!.paymentNo, paymentB.paymentNo]) await completeWechatRefunds(supergraph, paymentNo);
    await supergraph.eventsSettled();
    for (const [s, o] of [[a, openedB], [b, joinedB]] as const) {
      expect(await orderOf(s, o.id)).toMatchObject({ status: 'CLOSED', refunded: { amount: o.amounts.payable.amount }, groupBuy: { state: 'FAILED' } });
    }
    expect(await stockOf()).toBe(stockBefore);
    const figures = await ask<{ groupBuy: { remaining: number; figures: { teamsOpened: number; teamsSucceeded: number; teamsFailed: number; seatsPaid: number; refunded: { amount: number } } } }>(
      'query ($id: ID!) { groupBuy(id: $id) { remaining figures { teamsOpened teamsSucceeded teamsFailed seatsPaid refunded { amount } } } }', { id: created.createGroupBuy.id }, merchant,
    );
    expect(figures.groupBuy).toEqual({ remaining: 97, figures: { teamsOpened: 2, teamsSucceeded: 1, teamsFailed: 1, seatsPaid: 3, refunded: { amount: openedB.amounts.payable.amount + joinedB.amounts.payable.amount } } });
  });
});
