import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { products } from '@mall/catalog/db';
import { flashEntries, flashHolds, flashSessions } from '@mall/promotion/db';
import { as, graphql, tokenFor, waitFor, type SubgraphProcess } from '@mall/test-kit';
import { checkouts, orders } from '../src/db/schema.ts';
import { orderProcessBeside, startNeighbours, type Neighbours } from './fixtures.ts';

/**
 * Flash-sale winners while the order process dies (SIGKILL) with their orders in flight,
 * then comes back: every winner ends with exactly one order, or with the units back, never
 * both, and the entry's figures are the holds'. Promotion is the real subgraph (in this
 * test's process), order a process of its own.
 */
let t: Neighbours;
let beside: Awaited<ReturnType<typeof orderProcessBeside>>;
let orderProcess: SubgraphProcess;

beforeAll(async () => {
  t = await startNeighbours({ MYSQL_POOL_SIZE: '30' });
  beside = await orderProcessBeside(t, {});
  orderProcess = beside.process;
});
afterAll(async () => {
  await beside?.stop();
  await t?.stop();
});

const promo = <T,>(query: string, variables: Record<string, unknown>, token: string) => graphql<T>(t.promotion.url, query, variables, { token });
const pdb = () => t.promotion.subgraph.deps.db;

describe('flash-sale winners across a crash of the order process', () => {
  it('gives every winner one order or the units back, never both', async () => {
    const sku = await t.skuWith(1, 1_000, 9_900);
    const [product] = await t.catalog.subgraph.deps.database.db.select({ shopId: products.shopId }).from(products).where(eq(products.id, 1));
    const admin = await tokenFor(as.admin());
    const merchant = await tokenFor(as.merchant(product!.shopId));
    const session = await promo<{ createFlashSessions: Array<{ id: string }> }>('mutation ($i: CreateFlashSessionsInput!) { createFlashSessions(input: $i) { id } }', { i: { name: '崩溃场', startsAt: new Date(Date.now() + 60_000).toISOString(), minutes: 30 } }, admin);
    const sessionId = session.data!.createFlashSessions[0]!.id;
    const entered = await promo<{ enterFlashSale: { id: string } }>('mutation ($i: FlashEntryInput!) { enterFlashSale(input: $i) { id } }', { i: { sessionId, skuId: String(sku.id), flashPrice: 990, quantity: 20 } }, merchant);
    const entryId = entered.data!.enterFlashSale.id;
    expect((await promo('mutation ($id: ID!) { decideFlashEntry(id: $id, approve: true) { status } }', { id: entryId }, admin)).errors).toBeUndefined();
    await pdb().update(flashSessions).set({ startsAt: new Date(Date.now() - 1000) }).where(eq(flashSessions.id, Number(sessionId)));
    await orderProcess.start();

    // Catalog answers the orders' SKU snapshots slowly: the winners' orders are in flight when the process dies.
    let letGo: () => void = () => {};
    t.faults.holdSnapshots = new Promise<void>((resolve) => (letGo = resolve));
    const buyers = await Promise.all(Array.from({ length: 30 }, async () => ({ ...(await t.member()), key: `crash-${Math.random().toString(36).slice(2, 12)}` })));
    const BUY = 'mutation ($e: ID!, $k: String!) { flashBuy(entryId: $e, quantity: 1, idempotencyKey: $k) { id status orderNo } }';
    const buy = (b: (typeof buyers)[number]) => promo<{ flashBuy: { id: string; status: string; orderNo: string | null } }>(BUY, { e: entryId, k: b.key }, b.token);
    const firstTries = buyers.map((b) => buy(b).catch(() => null));
    await waitFor('winners waiting for their orders', async () => (await pdb().select().from(flashHolds).where(eq(flashHolds.entryId, Number(entryId)))).length >= 20, 20_000);
    await orderProcess.kill();
    t.faults.holdSnapshots = null;
    letGo();
    await Promise.all(firstTries);

    await orderProcess.start();
    // Every buyer sends the same request again until it answers for good.
    const outcomes = await Promise.all(
      buyers.map((b) =>
        waitFor<string>('an answer for good', async () => {
          const reply = await buy(b).catch(() => null);
          if (reply?.data) return reply.data.flashBuy.status;
          const reason = String(reply?.errors?.[0]?.extensions?.['reason'] ?? reply?.errors?.[0]?.extensions?.['code']);
          return reason === 'SOLD_OUT' || reason === 'LIMIT_REACHED' ? reason : undefined;
        }, 40_000),
      ),
    );
    expect(outcomes.filter((o) => o === 'ORDERED')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'SOLD_OUT')).toHaveLength(10);

    const holds = await pdb().select().from(flashHolds).where(eq(flashHolds.entryId, Number(entryId)));
    const placed = await beside.db.db.select().from(orders).where(inArray(orders.memberId, buyers.map((b) => b.memberId)));
    // One order per hold that is not released, none for a released one.
    for (const hold of holds) {
      const mine = placed.filter((o) => o.flash?.holdId === String(hold.id));
      expect(mine, `hold ${hold.id} ${hold.status}`).toHaveLength(hold.status === 'RELEASED' ? 0 : 1);
    }
    expect(placed).toHaveLength(holds.filter((h) => h.status !== 'RELEASED').length);
    const [entry] = await pdb().select().from(flashEntries).where(eq(flashEntries.id, Number(entryId)));
    expect(entry!.held).toBe(holds.filter((h) => h.status === 'HELD' || h.status === 'ORDERED').reduce((sum, h) => sum + h.quantity, 0));
    expect(entry!.held + entry!.sold).toBe(20);
    const flashCheckouts = await beside.db.db.select().from(checkouts).where(inArray(checkouts.memberId, buyers.map((b) => b.memberId)));
    expect(flashCheckouts.every((c) => c.idempotencyKey.startsWith('flash:'))).toBe(true);
  });
});
