import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { skus } from '@mall/catalog/db';
import { addresses } from '@mall/membership/db';
import { flashEntries, flashHolds, flashSessions } from '@mall/promotion/db';
import { as, graphql, tokenFor, waitFor } from '@mall/test-kit';
import { gateState } from '@mall/promotion/flash';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { connect, disposeClients, watch } from './live.ts';
import { newShopper, payOrder, skuAt } from './shopping.ts';

/**
 * A flash-sale session through the gateway, as issue 12's journey: set up and approved,
 * preheated with a reminder, watched live, started, a burst of 2,000 attempts by 1,000
 * members on 100 units, the sell-out pushed, an unpaid order cancelled and its unit bought
 * again, a paid one, the end with the unsold units back on the shelf.
 */
let supergraph: TestSupergraph;
let url: string;
beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 }, subgraphEnv: { promotion: { MYSQL_POOL_SIZE: '30', FLASH_BURST_PER_SECOND: '20' } } });
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
const pdb = () => supergraph.promotion.subgraph.deps.database.db;

/** Members of the test with a default address each, `count` of them from `first`. */
async function members(first: number, count: number): Promise<Array<{ id: number; token: string }>> {
  const ids = Array.from({ length: count }, (_, i) => first + i);
  await supergraph.membership.subgraph.deps.database.db.insert(addresses).values(ids.map((memberId) => ({
    memberId, recipient: '抢购用户', phone: '13800000000', provinceCode: '440000', cityCode: '440300', districtCode: '440305', regionText: '广东省 深圳市 南山区', detail: '科技园 1 号', isDefault: true,
  })));
  return Promise.all(ids.map(async (id) => ({ id, token: await tokenFor(as.member(String(id))) })));
}

const BUY = 'mutation ($entry: ID!, $key: String!) { flashBuy(entryId: $entry, quantity: 1, idempotencyKey: $key) { id status order { id } orderNo } }';
type Bought = { flashBuy: { id: string; status: string; order: { id: string } | null; orderNo: string } };
let keyCount = 0;
const buy = (token: string, entryId: string) => graphql<Bought>(url, BUY, { entry: entryId, key: `e2e-flash-${++keyCount}-${entryId}` }, { token });

describe('a flash-sale session through the gateway', () => {
  it('preheats, sells exactly 100 units to a burst of 2,000 attempts, sells a released unit again, and returns the unsold at the end', async () => {
    const sku = await skuAt(supergraph, 9, 9_900);
    const admin = await tokenFor(as.admin());
    const merchant = await tokenFor(as.merchant(sku.shopId));
    const startsAt = new Date(Date.now() + 4_000);
    const sessionId = (await ask<{ createFlashSessions: Array<{ id: string }> }>(
      'mutation ($input: CreateFlashSessionsInput!) { createFlashSessions(input: $input) { id } }',
      { input: { name: '10点场', startsAt: startsAt.toISOString(), minutes: 30 } }, admin,
    )).createFlashSessions[0]!.id;
    const entryId = (await ask<{ enterFlashSale: { id: string } }>(
      'mutation ($input: FlashEntryInput!) { enterFlashSale(input: $input) { id } }',
      { input: { sessionId, skuId: String(sku.id), flashPrice: 990, quantity: 110, perMemberLimit: 1 } }, merchant,
    )).enterFlashSale.id;
    await ask('mutation ($id: ID!) { decideFlashEntry(id: $id, approve: true) { status } }', { id: entryId }, admin);
    const stockOf = async () => (await supergraph.catalog.subgraph.deps.database.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku.id)))[0]!.stock;
    expect(await stockOf()).toBe(100_000 - 110);

    // 预热: the session with its countdown, a reminder, the SKU's coming flash sale.
    const crowd = await members(7_000_000 + Math.floor(Math.random() * 1_000_000) * 10, 1_000);
    const reminded = await ask<{ remindFlashSession: { reminders: number; remindedByMe: boolean } }>('mutation ($id: ID!) { remindFlashSession(sessionId: $id) { reminders remindedByMe } }', { id: sessionId }, crowd[0]!.token);
    expect(reminded.remindFlashSession).toEqual({ reminders: 1, remindedByMe: true });
    const page = await ask<{ flashSessions: Array<{ id: string; name: string; status: string; secondsToStart: number; entries: Array<{ id: string; remaining: number }> }> }>('{ flashSessions { id name status secondsToStart entries { id remaining } } }', {});
    // The demo's daily sessions are listed too, waiting for merchants' SKUs.
    expect(page.flashSessions.filter((s) => /^(10|14|20)点场$/.test(s.name) && s.id !== sessionId && s.entries.length === 0).length).toBeGreaterThanOrEqual(3);
    expect(page.flashSessions.find((s) => s.id === sessionId)).toMatchObject({ status: 'UPCOMING', entries: [{ id: entryId, remaining: 110 }] });
    expect(page.flashSessions.find((s) => s.id === sessionId)!.secondsToStart).toBeGreaterThan(0);
    const early = await buy(crowd[1]!.token, entryId);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_STARTED' });
    const product = await ask<{ product: { skus: Array<{ id: string; flashSale: { price: { amount: number }; remaining: number } | null }> } }>('query ($id: ID!) { product(id: $id) { skus { id flashSale { price { amount } remaining } } } }', { id: '9' });
    expect(product.product.skus.find((s) => s.id === String(sku.id))!.flashSale).toEqual({ price: { amount: 990 }, remaining: 110 });

    // A page watching the session live: its state now, then batched pushes as units go.
    const watching = watch<{ flashSaleChanged: { entries: Array<{ remaining: number; soldOut: boolean }> } }>(connect(url), 'subscription ($id: ID!) { flashSaleChanged(sessionId: $id) { entries { remaining soldOut } } }', { id: sessionId });
    expect((await watching.next(1))[0]!.flashSaleChanged.entries).toEqual([{ remaining: 110, soldOut: false }]);
    await waitFor('the session to start', async () => Date.now() >= startsAt.getTime(), 10_000);
    // Ten units go before the crowd comes (one to a shopper who logged in, who pays), so exactly 100 are left for it.
    const shopper = await newShopper(supergraph);
    const shopperBuys = await buy(shopper.token, entryId);
    expect(shopperBuys.data?.flashBuy.status).toBe('ORDERED');
    const device = { 'x-device-id': `e2e-device-${Date.now()}` };
    const [first, ...others] = await members(crowd[0]!.id + 5_000, 10);
    expect((await graphql<Bought>(url, BUY, { entry: entryId, key: `e2e-device-a-${entryId}` }, { token: first!.token, headers: device })).data?.flashBuy.status).toBe('ORDERED');
    for (const m of others.slice(0, 8)) expect((await buy(m.token, entryId)).data?.flashBuy.status).toBe('ORDERED');
    // The gateway passes the device on: another member on the same device is held to its limit.
    const sameDevice = await graphql<Bought>(url, BUY, { entry: entryId, key: `e2e-device-b-${entryId}` }, { token: others[8]!.token, headers: device });
    expect(sameDevice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LIMIT_REACHED' });

    const results = await Promise.all(crowd.flatMap((m) => [buy(m.token, entryId), buy(m.token, entryId)]));
    const won = results.filter((r) => r.data?.flashBuy);
    expect(won).toHaveLength(100);
    for (const r of results.filter((x) => !x.data?.flashBuy)) expect(['SOLD_OUT', 'LIMIT_REACHED']).toContain(r.errors?.[0]?.extensions?.['reason']);
    const entry = async () => (await pdb().select().from(flashEntries).where(eq(flashEntries.id, Number(entryId))))[0]!;
    expect(await entry()).toMatchObject({ held: 110, sold: 0 });
    // The database and the gate agree: nothing left in either.
    expect(await gateState(supergraph.promotion.subgraph.deps as Parameters<typeof gateState>[0], Number(entryId))).toMatchObject({ remaining: 0 });
    const live = await pdb().select().from(flashHolds).where(and(eq(flashHolds.entryId, Number(entryId)), ne(flashHolds.status, 'RELEASED')));
    expect(live).toHaveLength(110);
    // The sell-out reached the page, in far fewer messages than units sold.
    await waitFor('the sell-out to be pushed', async () => watching.events.at(-1)?.flashSaleChanged.entries[0]?.soldOut === true, 5_000);
    expect(watching.events.length).toBeLessThan(40);
    const sold = await ask<{ flashSession: { entries: Array<{ remaining: number; soldOut: boolean }> } }>('query ($id: ID!) { flashSession(id: $id) { entries { remaining soldOut } } }', { id: sessionId });
    expect(sold.flashSession.entries).toEqual([{ remaining: 0, soldOut: true }]);

    // One winner pays; another cancels, and their unit is bought by someone else.
    const [canceller] = won.map((r) => r.data!.flashBuy);
    const tokenOfHold = async (holdId: string) => tokenFor(as.member(String((await pdb().select().from(flashHolds).where(eq(flashHolds.id, Number(holdId))))[0]!.memberId)));
    const paid = await payOrder(supergraph, shopper, shopperBuys.data!.flashBuy.order!.id, 'DEV');
    expect(paid.errors, JSON.stringify(paid.errors)).toBeUndefined();
    await ask('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: canceller!.order!.id }, await tokenOfHold(canceller!.id));
    await supergraph.eventsSettled();
    expect(await entry()).toMatchObject({ sold: 1, held: 108, released: 1 });
    const late = await members(crowd[0]!.id + 6_000, 3);
    const second = await Promise.all(late.map((m) => buy(m.token, entryId)));
    expect(second.filter((r) => r.data?.flashBuy)).toHaveLength(1);

    // The end: the session's unsold units (none) and, as unpaid orders end, theirs go back to the shelf.
    await pdb().update(flashSessions).set({ endsAt: new Date(Date.now() - 1) }).where(eq(flashSessions.id, Number(sessionId)));
    await supergraph.promotion.subgraph.jobs!.runDue(new Date(Date.now() + 3_600_000));
    await waitFor('the entry to end', async () => (await entry()).status === 'ENDED', 10_000);
    expect(await entry()).toMatchObject({ returnedAtEnd: 0, sold: 1, held: 109 });
    expect((await buy(late[0]!.token, entryId)).errors?.[0]?.extensions).toMatchObject({ reason: 'ENDED' });
    const figures = await ask<{ flashSession: { entries: Array<{ figures: { winners: number; sold: number; released: number; gmv: { amount: number } } }> } }>('query ($id: ID!) { flashSession(id: $id) { entries { figures { winners sold released gmv { amount } } } } }', { id: sessionId }, admin);
    expect(figures.flashSession.entries[0]!.figures).toMatchObject({ winners: 111, sold: 1, released: 1, gmv: { amount: 990 } });
    const before = await stockOf();
    const unpaid = won[1]!.data!.flashBuy;
    await ask('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: unpaid.order!.id }, await tokenOfHold(unpaid.id));
    await supergraph.eventsSettled();
    expect(await stockOf()).toBe(before + 1);
  });
});
