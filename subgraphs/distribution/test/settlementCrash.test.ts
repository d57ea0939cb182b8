import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { EventData, EventType } from '@mall/contracts';
import { loadSubgraphConfig, openDatabase, processedEvents, type Database, type NatsConnection } from '@mall/kit';
import { as, deleteEventStream, eventEnvelope, graphql, isolatedMessaging, publishEvent, subgraphProcess, testNats, tokenFor, waitFor, type SubgraphProcess } from '@mall/test-kit';
import { commissions, distributors, ledgerEntries, type DistributionSchema } from '../src/db/schema.ts';
import { distributionSubgraph } from '../src/subgraph.ts';

/**
 * Settlement across a crash: distribution runs as a process of its own and is killed
 * (SIGKILL) before the order's after-sale window closes; `order.settled` comes (twice) while
 * it is down. Back up, the commission settles once.
 */
const messaging = isolatedMessaging();
let distribution: SubgraphProcess;
let db: Database<DistributionSchema>;
let nats: NatsConnection;
beforeAll(async () => {
  distribution = await subgraphProcess('distribution', messaging);
  await distribution.start();
  db = await openDatabase({ url: loadSubgraphConfig('distribution').mysql.url, database: distribution.database, schema: distributionSubgraph.schema, migrationsFolder: distributionSubgraph.migrationsFolder });
  nats = await testNats();
});
afterAll(async () => {
  await nats?.drain();
  await db?.close();
  await distribution?.stop();
  await deleteEventStream(messaging.EVENTS_STREAM);
});

const publish = <T extends EventType>(type: T, data: EventData<T>) => publishEvent(nats, messaging.SUBJECT_PREFIX, type, eventEnvelope(type, data, 'order'));
async function ask<T>(query: string, token: string): Promise<T> {
  const answer = await graphql<T>(distribution.url, query, {}, { token });
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}
const row = async (memberId: number) => (await db.db.select().from(distributors).where(eq(distributors.memberId, memberId)))[0]!;

describe('settlement across a crash of distribution', () => {
  it('settles a commission once when the after-sale window closed, though its process died before', async () => {
    await ask('mutation { setDistributionSettings(input: { eligibility: EVERYONE, bindRule: FIRST_TOUCH, levels: 1, level1Rate: 800 }) { levels } }', await tokenFor(as.admin()));
    const seller = 91_000_001 + Math.floor(Math.random() * 1000) * 2;
    const buyerId = seller + 1;
    const { applyDistributor } = await ask<{ applyDistributor: { code: string } }>('mutation { applyDistributor { code } }', await tokenFor(as.member(String(seller))));
    await ask(`mutation { bindReferrer(code: "${applyDistributor.code}") { source } }`, await tokenFor(as.member(String(buyerId))));
    const order = {
      orderId: '7700001', orderNo: 'DO7700001', memberId: String(buyerId), shopId: '1', status: 'PAID' as const, payable: 25_600, reason: null, placedAt: new Date().toISOString(),
      lines: [{ skuId: '1', quantity: 1, lineId: '77000011', productId: '1', paid: 12_345 }, { skuId: '2', quantity: 2, lineId: '77000012', productId: '2', paid: 12_655 }],
    };
    await publish('order.paid', order);
    // 8%: 987 + 1012.
    await waitFor('the commission pending', async () => (await row(seller)).pending === 1_999);

    await distribution.kill();
    const settled = { ...order, status: 'COMPLETED' as const, paid: order.payable };
    await publish('order.settled', settled);
    await publish('order.settled', settled); // a second copy (another message id)
    await distribution.start();
    await waitFor('the commission settled', async () => (await row(seller)).available === 1_999, 20_000);
    // Both copies consumed (and whatever JetStream delivered again after the kill): applied once.
    await waitFor('both copies consumed', async () => (await db.db.select().from(processedEvents).where(eq(processedEvents.consumer, 'distribution-order-settled'))).length === 2);
    await distribution.kill();
    await distribution.start();
    expect(await row(seller)).toMatchObject({ pending: 0, available: 1_999, settledTotal: 1_999 });
    const [commission] = await db.db.select().from(commissions).where(eq(commissions.distributorId, seller));
    expect(commission).toMatchObject({ status: 'SETTLED', settledAmount: 1_999 });
    const entries = await db.db.select().from(ledgerEntries).where(eq(ledgerEntries.distributorId, seller));
    expect(entries.map((e) => [e.bucket, e.kind, e.delta]).sort()).toEqual([['AVAILABLE', 'SETTLED', 1_999], ['PENDING', 'EARNED', 1_999], ['PENDING', 'SETTLED', -1_999]].sort());
  });
});
