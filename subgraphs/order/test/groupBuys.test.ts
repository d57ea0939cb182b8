import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { products } from '@mall/catalog/db';
import { groupBuyActivities, groupBuySeats, groupBuyTeams } from '@mall/promotion/db';
import { teamDeadline } from '@mall/promotion/groupbuy';
import { as, eventsWritten, graphql, tokenFor, waitFor } from '@mall/test-kit';
import { checkouts, orders } from '../src/db/schema.ts';
import { startOrderAlone, type OrderAlone } from './fixtures.ts';

/**
 * Group-buy orders in order: the real promotion seats and prices them, catalog holds their
 * stock, payment's events are the test's.
 */
let t: OrderAlone;
beforeAll(async () => {
  t = await startOrderAlone();
});
afterAll(async () => {
  await t?.stop();
});

const pdb = () => t.promotion.subgraph.deps.db;
const FIELDS = 'id orderNo status amounts { payable { amount } } groupBuy { team { id } state }';
type Placed = { id: string; orderNo: string; status: string; amounts: { payable: { amount: number } }; groupBuy: { team: { id: string }; state: string } };
const OPEN = `mutation ($s: ID!, $k: String!) { openGroupBuy(skuId: $s, quantity: 1, idempotencyKey: $k) { ${FIELDS} } }`;
const JOIN = `mutation ($t: ID!, $s: ID!, $k: String!) { joinGroupBuy(teamId: $t, skuId: $s, quantity: 1, idempotencyKey: $k) { ${FIELDS} } }`;

async function groupBuyOn(productId: number) {
  const sku = await t.skuWith(productId, 100, 5_000);
  const [product] = await t.catalog.subgraph.deps.database.db.select({ shopId: products.shopId }).from(products).where(eq(products.id, productId));
  const merchant = await tokenFor(as.merchant(product!.shopId));
  const created = await graphql<{ createGroupBuy: { id: string } }>(t.promotion.url, 'mutation ($i: GroupBuyInput!) { createGroupBuy(input: $i) { id } }', {
    i: { name: '3人团', skus: [{ skuId: String(sku.id), price: 3_000 }], teamSize: 3, hours: 2, quantity: 50, endsAt: new Date(Date.now() + 86_400_000).toISOString() },
  }, { token: merchant });
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  return { sku, merchant, activityId: Number(created.data.createGroupBuy.id) };
}

/** A team its opener opened and paid for. */
async function openedTeam(skuId: number) {
  const leader = await t.member();
  const opened = await graphql<{ openGroupBuy: Placed }>(t.order.url, OPEN, { s: String(skuId), k: randomUUID() }, { token: leader.token });
  const order = opened.data!.openGroupBuy;
  await t.publish('payment.succeeded', { paymentId: '1', paymentNo: `P${randomUUID().replace(/-/g, '').slice(0, 20)}`, purpose: 'ORDER', orderId: order.id, memberId: String(leader.memberId), method: 'WECHAT', amount: order.amounts.payable.amount });
  const teamId = order.groupBuy.team.id;
  await waitFor('the team to open', async () => (await pdb().select().from(groupBuyTeams).where(eq(groupBuyTeams.id, Number(teamId))))[0]?.status === 'FORMING');
  return { leader, order, teamId };
}

describe('group-buy orders', () => {
  it('refuses a join whose team ended while it was being placed: no order, its stock and seat back', async () => {
    const { sku, activityId } = await groupBuyOn(4);
    const stockBefore = await t.stockOf(sku.id);
    const { order: leaderOrder, teamId } = await openedTeam(sku.id);

    // The joiner's checkout has its seat and waits on catalog while the team's time runs out.
    let letGo: () => void = () => {};
    t.faults.holdReserves = new Promise<void>((resolve) => (letGo = resolve));
    const joiner = await t.member();
    const key = randomUUID();
    const joining = graphql<{ joinGroupBuy: Placed }>(t.order.url, JOIN, { t: teamId, s: String(sku.id), k: key }, { token: joiner.token });
    await waitFor('the joiner’s seat', async () => (await pdb().select().from(groupBuySeats).where(and(eq(groupBuySeats.teamId, Number(teamId)), eq(groupBuySeats.memberId, joiner.memberId))))[0]);
    await pdb().update(groupBuyTeams).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(groupBuyTeams.id, Number(teamId)));
    await teamDeadline(t.promotion.subgraph.deps, Number(teamId));
    await waitFor('the outcome applied to the opener’s order', async () => (await t.orderRow(leaderOrder.id)).groupState === 'FAILED');
    t.faults.holdReserves = null;
    letGo();

    const answer = await joining;
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TEAM_ENDED' });
    expect(await t.order.subgraph.deps.db.select().from(orders).where(eq(orders.memberId, joiner.memberId))).toEqual([]);
    const [checkout] = await t.order.subgraph.deps.db.select().from(checkouts).where(and(eq(checkouts.memberId, joiner.memberId), eq(checkouts.idempotencyKey, key)));
    expect(checkout).toMatchObject({ status: 'FAILED', errorCode: 'CONFLICT' });
    // Sent again: the same refusal.
    const again = await graphql(t.order.url, JOIN, { t: teamId, s: String(sku.id), k: key }, { token: joiner.token });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TEAM_ENDED' });
    // Only the opener's unit is out (its refund is asked for), the joiner's is back; the seat too.
    await waitFor('the joiner’s stock back', async () => (await t.stockOf(sku.id)) === stockBefore - 1);
    expect((await pdb().select().from(groupBuySeats).where(eq(groupBuySeats.memberId, joiner.memberId)))[0]!.status).toBe('RELEASED');
    expect((await pdb().select().from(groupBuyActivities).where(eq(groupBuyActivities.id, activityId)))[0]!.used).toBe(1);
    expect((await eventsWritten<{ orderId: string }>(t.order.subgraph.deps.db, 'order.group_buy_refund')).filter((e) => e.orderId === leaderOrder.id)).toHaveLength(1);
  });

  it('ships a group-buy order only once its team succeeded', async () => {
    const { sku, merchant } = await groupBuyOn(5);
    const { order, teamId } = await openedTeam(sku.id);
    const SHIP = 'mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰", trackingNumber: "SF3003") { status } }';
    const early = await graphql(t.order.url, SHIP, { id: order.id }, { token: merchant });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'GROUP_BUY_FORMING' });
    for (let i = 0; i < 2; i++) {
      const member = await t.member();
      const joined = (await graphql<{ joinGroupBuy: Placed }>(t.order.url, JOIN, { t: teamId, s: String(sku.id), k: randomUUID() }, { token: member.token })).data!.joinGroupBuy;
      await t.publish('payment.succeeded', { paymentId: '1', paymentNo: `P${randomUUID().replace(/-/g, '').slice(0, 20)}`, purpose: 'ORDER', orderId: joined.id, memberId: String(member.memberId), method: 'WECHAT', amount: joined.amounts.payable.amount });
    }
    await waitFor('the team’s orders to be shippable', async () => (await t.orderRow(order.id)).groupState === 'SUCCEEDED');
    const shipped = await graphql<{ shipOrder: { status: string } }>(t.order.url, SHIP, { id: order.id }, { token: merchant });
    expect(shipped.data?.shipOrder.status).toBe('SHIPPED');
    expect((await eventsWritten<{ orderId: string }>(t.order.subgraph.deps.db, 'order.group_buy_succeeded')).filter((e) => e.orderId === order.id)).toHaveLength(1);
  });
});
