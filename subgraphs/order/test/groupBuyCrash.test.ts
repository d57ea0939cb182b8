import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { products } from '@mall/catalog/db';
import { jobs, loadSubgraphConfig, openDatabase, type Database } from '@mall/kit';
import { promotionSubgraph } from '@mall/promotion';
import { groupBuyActivities, groupBuySeats, groupBuyTeams, type PromotionSchema } from '@mall/promotion/db';
import { as, eventsWritten, graphql, subgraphProcess, tokenFor, waitFor, type SubgraphProcess } from '@mall/test-kit';
import { orders } from '../src/db/schema.ts';
import { orderProcessBeside, startNeighbours, type Neighbours } from './fixtures.ts';

/**
 * A group-buy team whose time runs out with 2 of 3 seats paid while the order and promotion
 * processes are killed (SIGKILL) across its deadline: once both are back, the team has
 * FAILED, the unpaid order is cancelled, each paid order is refunded in full exactly once,
 * and every unit is back on the shelf. Both subgraphs run as processes of their own;
 * payment's events are the test's.
 */
let t: Neighbours;
let beside: Awaited<ReturnType<typeof orderProcessBeside>>;
let orderProcess: SubgraphProcess;
let promotionProcess: SubgraphProcess;
let pdb: Database<PromotionSchema>;

beforeAll(async () => {
  t = await startNeighbours();
  // Promotion moves into a process of its own, on the same database and subjects.
  const database = t.promotion.subgraph.deps.config.database;
  await t.promotion.subgraph.stop();
  promotionProcess = await subgraphProcess('promotion', { ...t.messaging, PROMOTION_DATABASE: database });
  pdb = await openDatabase({ url: loadSubgraphConfig('promotion').mysql.url, database, schema: promotionSubgraph.schema, migrationsFolder: promotionSubgraph.migrationsFolder });
  beside = await orderProcessBeside(t, {});
  orderProcess = beside.process;
  await promotionProcess.start();
  await orderProcess.start();
});
afterAll(async () => {
  await beside?.stop();
  await pdb?.close();
  await promotionProcess?.kill();
  await t?.stop();
});

const ORDER_FIELDS = 'id orderNo amounts { payable { amount } } groupBuy { team { id } state }';
type Placed = { id: string; orderNo: string; amounts: { payable: { amount: number } }; groupBuy: { team: { id: string }; state: string } };
async function placed<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const answer = await graphql<T>(orderProcess.url, query, variables, { token });
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}
const orderRow = async (id: string) => (await beside.db.db.select().from(orders).where(eq(orders.id, Number(id))))[0]!;

/** Payment's word that an order was paid, and the wait until order and promotion applied it. */
async function pay(buyer: { memberId: number }, order: Placed): Promise<string> {
  const paymentNo = `P${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await t.publish('payment.succeeded', { paymentId: '1', paymentNo, purpose: 'ORDER', orderId: order.id, memberId: String(buyer.memberId), method: 'WECHAT', amount: order.amounts.payable.amount });
  await waitFor('the order to be paid', async () => (await orderRow(order.id)).status === 'PAID');
  await waitFor('its seat to be paid', async () => (await pdb.db.select().from(groupBuySeats).where(eq(groupBuySeats.owner, order.orderNo)))[0]?.status === 'PAID');
  return paymentNo;
}

describe('a group-buy deadline across crashes of order and promotion', () => {
  it('fails the team, cancels the unpaid order and refunds each paid one in full once, with every unit back', async () => {
    const sku = await t.skuWith(2, 500, 5_000);
    const [product] = await t.catalog.subgraph.deps.database.db.select({ shopId: products.shopId }).from(products).where(eq(products.id, 2));
    const merchant = await tokenFor(as.merchant(product!.shopId));
    const created = await graphql<{ createGroupBuy: { id: string } }>(promotionProcess.url, 'mutation ($i: GroupBuyInput!) { createGroupBuy(input: $i) { id } }', {
      i: { name: '3人团', skus: [{ skuId: String(sku.id), price: 3_000 }], teamSize: 3, hours: 2, quantity: 50, endsAt: new Date(Date.now() + 86_400_000).toISOString() },
    }, { token: merchant });
    const activityId = Number(created.data!.createGroupBuy.id);
    const stockBefore = await t.stockOf(sku.id);

    const [leader, second, third] = await Promise.all([t.member(), t.member(), t.member()]);
    const opened = (await placed<{ openGroupBuy: Placed }>(`mutation ($s: ID!, $k: String!) { openGroupBuy(skuId: $s, quantity: 1, idempotencyKey: $k) { ${ORDER_FIELDS} } }`, { s: String(sku.id), k: randomUUID() }, leader.token)).openGroupBuy;
    const teamId = opened.groupBuy.team.id;
    const paidLeader = await pay(leader, opened);
    const JOIN = `mutation ($t: ID!, $s: ID!, $k: String!) { joinGroupBuy(teamId: $t, skuId: $s, quantity: 1, idempotencyKey: $k) { ${ORDER_FIELDS} } }`;
    const joined = (await placed<{ joinGroupBuy: Placed }>(JOIN, { t: teamId, s: String(sku.id), k: randomUUID() }, second.token)).joinGroupBuy;
    const paidSecond = await pay(second, joined);
    const unpaid = (await placed<{ joinGroupBuy: Placed }>(JOIN, { t: teamId, s: String(sku.id), k: randomUUID() }, third.token)).joinGroupBuy;
    expect(await t.stockOf(sku.id)).toBe(stockBefore - 3);

    // Both die; the deadline passes while they are down.
    await orderProcess.kill();
    await promotionProcess.kill();
    await pdb.db.update(groupBuyTeams).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(groupBuyTeams.id, Number(teamId)));
    await pdb.db.update(jobs).set({ dueAt: new Date() }).where(and(eq(jobs.name, 'groupbuy.team.deadline'), eq(jobs.key, teamId)));
    // Promotion comes back first and runs the deadline; order is still down.
    await promotionProcess.start();
    await waitFor('the team to fail', async () => (await pdb.db.select().from(groupBuyTeams).where(eq(groupBuyTeams.id, Number(teamId))))[0]!.status === 'FAILED', 20_000);
    await promotionProcess.kill();
    await orderProcess.start();
    await promotionProcess.start();

    await waitFor('the unpaid order to be cancelled', async () => (await orderRow(unpaid.id)).status === 'CANCELLED', 20_000);
    const refunds = await waitFor('both refunds asked for', async () => {
      const asked = await eventsWritten<{ orderId: string; paymentRef: string }>(beside.db.db, 'order.group_buy_refund');
      return asked.length >= 2 ? asked : undefined;
    }, 20_000);
    // Payment refunds each in full (as its consumer of order.group_buy_refund would), and says so.
    for (const [order, paymentNo, buyer] of [[opened, paidLeader, leader], [joined, paidSecond, second]] as const) {
      const refundNo = `R${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      await t.publish('payment.refunded', { refundId: '1', refundNo, paymentId: '1', paymentNo, orderId: order.id, memberId: String(buyer.memberId), amount: order.amounts.payable.amount, refundedTotal: order.amounts.payable.amount, source: 'GROUP_BUY_FAILED', afterSaleId: null, shopId: String(product!.shopId) });
    }
    for (const order of [opened, joined]) {
      await waitFor('the paid order to be closed', async () => (await orderRow(order.id)).status === 'CLOSED', 20_000);
      expect(await orderRow(order.id)).toMatchObject({ groupState: 'FAILED', refundedAmount: order.amounts.payable.amount });
    }
    expect(refunds.map((r) => r.orderId).sort()).toEqual([opened.id, joined.id].sort());
    expect(await orderRow(unpaid.id)).toMatchObject({ groupState: 'FAILED' });

    // Every seat freed once, every unit back on the shelf and in the group buy.
    await waitFor('the seats to be settled', async () => {
      const seats = await pdb.db.select().from(groupBuySeats).where(eq(groupBuySeats.teamId, Number(teamId)));
      return seats.map((s) => s.status).sort().join() === 'REFUNDED,REFUNDED,RELEASED';
    }, 20_000);
    await waitFor('the stock to be back', async () => (await t.stockOf(sku.id)) === stockBefore, 20_000);
    expect((await pdb.db.select().from(groupBuyActivities).where(eq(groupBuyActivities.id, activityId)))[0]!.used).toBe(0);
    // Asked once each, however often the processes came back.
    expect((await eventsWritten(beside.db.db, 'order.group_buy_refund')).length).toBe(2);
  });
});
