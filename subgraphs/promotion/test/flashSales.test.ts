import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { as, errorReason, eventEnvelope, graphql, publishEvent, testNats, tokenFor, waitFor } from '@mall/test-kit';
import { hasProcessed, type NatsConnection } from '@mall/kit';
import { flashEntries, flashHolds, flashSessions } from '../src/db/schema.ts';
import { gateKeys, gateState } from '../src/services/flashGate.ts';
import { endSession, reconcileGates, sweepHolds } from '../src/services/flashBuy.ts';
import { sku, startPromotion, type TestPromotion } from './fixtures.ts';

/**
 * Flash sales against promotion with real MariaDB, Redis and NATS; catalog's stock and
 * order's flash orders answered by the test on NATS (order's side has its own tests).
 */
let t: TestPromotion;
let nats: NatsConnection;
beforeAll(async () => {
  t = await startPromotion({ MYSQL_POOL_SIZE: '30', FLASH_BURST_PER_SECOND: '60' });
  nats = await testNats();
});
afterAll(async () => {
  await nats?.drain();
  await t?.stop();
});

const db = () => t.subgraph.deps.db;
const HOUR = 3_600_000;
let keys = 0;
const newKey = () => `flash-key-${++keys}-${Date.now()}`;

async function ask<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const answer = await t.query<T>(query, variables, token);
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

const CREATE = 'mutation ($input: CreateFlashSessionsInput!) { createFlashSessions(input: $input) { id startsAt endsAt status } }';
const ENTER = 'mutation ($input: FlashEntryInput!) { enterFlashSale(input: $input) { id status } }';
const DECIDE = 'mutation ($id: ID!, $approve: Boolean!, $note: String) { decideFlashEntry(id: $id, approve: $approve, note: $note) { id status } }';
const BUY = 'mutation ($entry: ID!, $q: Int!, $key: String!) { flashBuy(entryId: $entry, quantity: $q, idempotencyKey: $key) { id status quantity orderNo } }';
type Bought = { flashBuy: { id: string; status: string; quantity: number; orderNo: string | null } };

/** A session starting in a minute, a SKU of shop 1 entered and approved; then opened (its start moved to the past). */
async function runningEntry(quantity: number, perMemberLimit = 1, stock = 10_000) {
  const [s] = [sku({ price: 9_900, stock })];
  t.skus.set(s!.skuId, s!);
  const sessions = await ask<{ createFlashSessions: Array<{ id: string }> }>(CREATE, { input: { name: '10点场', startsAt: new Date(Date.now() + 60_000).toISOString(), minutes: 60 } }, t.tokens.admin);
  const sessionId = sessions.createFlashSessions[0]!.id;
  const entered = await ask<{ enterFlashSale: { id: string } }>(ENTER, { input: { sessionId, skuId: s!.skuId, flashPrice: 1_990, quantity, perMemberLimit } }, t.tokens.merchant1);
  const entryId = entered.enterFlashSale.id;
  await ask(DECIDE, { id: entryId, approve: true }, t.tokens.admin);
  await db().update(flashSessions).set({ startsAt: new Date(Date.now() - 1000) }).where(eq(flashSessions.id, Number(sessionId)));
  return { sessionId, entryId, sku: s! };
}

const entryRow = async (id: string) => (await db().select().from(flashEntries).where(eq(flashEntries.id, Number(id))))[0]!;
const liveHolds = async (entryId: string) => db().select().from(flashHolds).where(and(eq(flashHolds.entryId, Number(entryId)), ne(flashHolds.status, 'RELEASED')));
const buy = (token: string, entryId: string, quantity = 1, key = newKey()) => t.query<Bought>(BUY, { entry: entryId, q: quantity, key }, token);

/** What order writes when a flash order ends unpaid, as its relay would publish it. */
async function orderEnded(type: 'order.cancelled' | 'order.paid' | 'order.closed', hold: { id: number; entryId: number; memberId: number; quantity: number; orderNo: string | null }) {
  const envelope = eventEnvelope(type, {
    orderId: String(hold.id), orderNo: hold.orderNo!, memberId: String(hold.memberId), shopId: '1', status: type === 'order.paid' ? 'PAID' : type === 'order.closed' ? 'CLOSED' : 'CANCELLED', payable: 1_990 * hold.quantity, lines: [], reason: null,
    flash: { entryId: String(hold.entryId), holdId: String(hold.id), quantity: hold.quantity },
  }, 'order');
  await publishEvent(nats, t.subgraph.deps.config.events.prefix, type, envelope);
  const consumer = `promotion-${type.replace('.', '-')}`;
  await waitFor(`${type} to be applied`, () => hasProcessed(db(), consumer, envelope.id));
}

/** Units of the database and the gate agree: sold + held + refunded + remaining = quantity, and the gate says what remains. */
async function expectAgreement(entryId: string) {
  const entry = await entryRow(entryId);
  const remaining = entry.quantity - entry.sold - entry.held - entry.refunded;
  expect(remaining).toBeGreaterThanOrEqual(0);
  expect(entry.held + entry.sold).toBe((await liveHolds(entryId)).reduce((sum, h) => sum + h.quantity, 0));
  expect((await gateState(t.subgraph.deps, Number(entryId)))?.remaining).toBe(remaining);
}

describe('flash sales', () => {
  it('sells exactly 100 units to 2,000 attempts of 1,000 members at once, refuses every other one, and the database and the gate agree', async () => {
    const { entryId } = await runningEntry(100);
    const members = await Promise.all(Array.from({ length: 1000 }, () => t.member()));
    const results = await Promise.all(members.flatMap((m) => [buy(m.token, entryId), buy(m.token, entryId)]));
    const won = results.filter((r) => r.data?.flashBuy);
    expect(won).toHaveLength(100);
    expect(won.every((r) => r.data!.flashBuy.status === 'ORDERED' && r.data!.flashBuy.orderNo)).toBe(true);
    const refusals = new Set(results.filter((r) => !r.data?.flashBuy).map(errorReason));
    expect([...refusals].every((r) => r === 'CONFLICT SOLD_OUT' || r === 'CONFLICT LIMIT_REACHED')).toBe(true);
    expect(await entryRow(entryId)).toMatchObject({ held: 100, sold: 0 });
    expect(t.flashOrders.size).toBeGreaterThanOrEqual(100);
    await expectAgreement(entryId);
    // No member holds two (the limit is one).
    const holders = (await liveHolds(entryId)).map((h) => h.memberId);
    expect(new Set(holders).size).toBe(100);
  });

  it('gives one member sending 50 attempts at once at most their limit of 2', async () => {
    const { entryId } = await runningEntry(100, 2);
    const member = await t.member();
    const results = await Promise.all(Array.from({ length: 50 }, () => buy(member.token, entryId)));
    expect(results.filter((r) => r.data?.flashBuy)).toHaveLength(2);
    expect((await liveHolds(entryId)).reduce((sum, h) => sum + h.quantity, 0)).toBe(2);
    expect(new Set(results.filter((r) => !r.data?.flashBuy).map(errorReason))).toEqual(new Set(['CONFLICT LIMIT_REACHED']));
    // Asking for more than the limit in one attempt is refused too.
    const other = await t.member();
    expect(errorReason(await buy(other.token, entryId, 3))).toBe('CONFLICT LIMIT_REACHED');
    await expectAgreement(entryId);
  });

  it('rebuilds the gate from the database when Redis loses it mid-sale, and sells no unit twice', async () => {
    const { entryId } = await runningEntry(30);
    const first = await Promise.all(Array.from({ length: 40 }, async () => buy((await t.member()).token, entryId)));
    expect(first.filter((r) => r.data?.flashBuy)).toHaveLength(30);

    // Redis loses the entry's gate (its keys deleted, as a restart without persistence would).
    const k = gateKeys(t.subgraph.deps, Number(entryId));
    await t.subgraph.deps.redis.del(k.gate, k.members, k.keys);
    // Three come back from unpaid orders; 60 more attempts: exactly those three are sold again.
    const held = await liveHolds(entryId);
    for (const hold of held.slice(0, 3)) await orderEnded('order.cancelled', hold);
    const again = await Promise.all(Array.from({ length: 60 }, async () => buy((await t.member()).token, entryId)));
    expect(again.filter((r) => r.data?.flashBuy)).toHaveLength(3);
    expect(await entryRow(entryId)).toMatchObject({ held: 30, released: 3 });
    await expectAgreement(entryId);
    // Keys that won before the loss answer their holds as they are: one still ordered, one released.
    for (const [hold, status] of [[held[10]!, 'ORDERED'], [held[0]!, 'RELEASED']] as const) {
      const replay = await t.query<Bought>(BUY, { entry: entryId, q: 1, key: hold.idempotencyKey }, await tokenFor(as.member(String(hold.memberId))));
      expect(replay.data?.flashBuy).toMatchObject({ id: String(hold.id), status });
    }
    await expectAgreement(entryId);
  });

  it('gives an unpaid order’s units back once, to be bought again, and counts paid ones sold', async () => {
    const { entryId } = await runningEntry(2);
    const [a, b, c] = await Promise.all([t.member(), t.member(), t.member()]);
    expect((await buy(a.token, entryId)).data?.flashBuy.status).toBe('ORDERED');
    expect((await buy(b.token, entryId)).data?.flashBuy.status).toBe('ORDERED');
    expect(errorReason(await buy(c.token, entryId))).toBe('CONFLICT SOLD_OUT');
    const [holdA, holdB] = await liveHolds(entryId);
    await orderEnded('order.paid', holdA!);
    await orderEnded('order.cancelled', holdB!);
    await orderEnded('order.cancelled', holdB!); // delivered twice: back once
    expect(await entryRow(entryId)).toMatchObject({ sold: 1, held: 0, released: 1, gmv: 1_990 });
    expect((await buy(c.token, entryId)).data?.flashBuy.status).toBe('ORDERED');
    expect(errorReason(await buy((await t.member()).token, entryId))).toBe('CONFLICT SOLD_OUT');
    await expectAgreement(entryId);
  });

  it('returns the unsold units to the SKU’s stock once when the session ends, and later releases to the shelf', async () => {
    const { sessionId, entryId, sku: s } = await runningEntry(10, 1, 50);
    expect(t.skus.get(s.skuId)!.stock).toBe(40);
    const buyers = await Promise.all(Array.from({ length: 4 }, () => t.member()));
    for (const m of buyers) await buy(m.token, entryId);
    const [paid, unpaid] = await liveHolds(entryId);
    await orderEnded('order.paid', paid!);
    // The session ends: 6 unsold go back, the hold of 10 becomes sales first.
    await db().update(flashSessions).set({ endsAt: new Date(Date.now() - 1) }).where(eq(flashSessions.id, Number(sessionId)));
    await endSession(t.subgraph.deps, Number(sessionId));
    expect(await entryRow(entryId)).toMatchObject({ status: 'ENDED', returnedAtEnd: 6, sold: 1, held: 3 });
    const returns = () => t.stockCalls.filter((c) => c.subject === 'return' && c.skuId === s.skuId);
    expect(returns()).toEqual([{ subject: 'return', key: `flash-entry-${entryId}-end`, skuId: s.skuId, quantity: 6, sales: 6 }]);
    expect(t.skus.get(s.skuId)!.stock).toBe(46);
    expect(errorReason(await buy((await t.member()).token, entryId))).toBe('CONFLICT ENDED');
    // An order unpaid at the end that expires now: its unit goes to the shelf, once.
    await orderEnded('order.cancelled', unpaid!);
    await orderEnded('order.cancelled', unpaid!);
    expect(returns().map((r) => [r.key, r.quantity])).toEqual([[`flash-entry-${entryId}-end`, 6], [`flash-order-${unpaid!.orderNo}`, 1]]);
    expect(t.skus.get(s.skuId)!.stock).toBe(47);
  });

  it('takes a paid order refunded in full off the sales once, during the session and after it, and sums the session’s figures for operators', async () => {
    const { sessionId, entryId, sku: s } = await runningEntry(10, 1, 50);
    for (const m of await Promise.all(Array.from({ length: 3 }, () => t.member()))) await buy(m.token, entryId);
    const [a, b, c] = await liveHolds(entryId);
    for (const hold of [a!, b!, c!]) await orderEnded('order.paid', hold);
    // Refunded in full during the session: back on the shelf once, never counted sold in catalog yet.
    await orderEnded('order.closed', a!);
    await orderEnded('order.closed', a!);
    expect(await entryRow(entryId)).toMatchObject({ sold: 2, refunded: 1, gmv: 2 * 1_990 });
    const returns = () => t.stockCalls.filter((call) => call.subject === 'return' && call.skuId === s.skuId).map((call) => [call.key, call.quantity, call.sales]);
    expect(returns()).toEqual([[`flash-closed-${a!.orderNo}`, 1, 0]]);
    await expectAgreement(entryId);

    const FIGURES = 'query ($id: ID!) { flashSession(id: $id) { figures { entries quantity remaining winners held sold released refunded gmv { amount } returnedAtEnd } } }';
    type Figures = { flashSession: { figures: Record<string, unknown> | null } };
    const during = await ask<Figures>(FIGURES, { id: sessionId }, t.tokens.admin);
    expect(during.flashSession.figures).toEqual({ entries: 1, quantity: 10, remaining: 7, winners: 3, held: 0, sold: 2, released: 0, refunded: 1, gmv: { amount: 2 * 1_990 }, returnedAtEnd: null });
    expect((await ask<Figures>(FIGURES, { id: sessionId }, t.tokens.merchant1)).flashSession.figures).toMatchObject({ entries: 1, sold: 2 });
    expect((await ask<Figures>(FIGURES, { id: sessionId }, t.tokens.merchant2)).flashSession.figures).toMatchObject({ entries: 0, sold: 0 });
    expect((await ask<Figures>(FIGURES, { id: sessionId }, (await t.member()).token)).flashSession.figures).toBeNull();

    // The end counts the hold of 10 sold, then takes the 7 unsold and the 1 refunded off.
    await db().update(flashSessions).set({ endsAt: new Date(Date.now() - 1) }).where(eq(flashSessions.id, Number(sessionId)));
    await endSession(t.subgraph.deps, Number(sessionId));
    // Refunded after the end: back on the shelf and off the sales, each once.
    await orderEnded('order.closed', b!);
    await orderEnded('order.closed', b!);
    expect(returns()).toEqual([
      [`flash-closed-${a!.orderNo}`, 1, 0],
      [`flash-entry-${entryId}-end`, 7, 8],
      [`flash-closed-${b!.orderNo}`, 1, 0],
      [`flash-closed-${b!.orderNo}:sales`, 0, 1],
    ]);
    expect(await entryRow(entryId)).toMatchObject({ status: 'ENDED', sold: 1, refunded: 2, gmv: 1_990, returnedAtEnd: 7 });
    const after = await ask<Figures>(FIGURES, { id: sessionId }, t.tokens.admin);
    expect(after.flashSession.figures).toMatchObject({ remaining: 0, sold: 1, refunded: 2, returnedAtEnd: 7 });
  });

  it('keeps a winner’s units when order cannot be reached, and places the order on the retry with the same key', async () => {
    const { entryId } = await runningEntry(5);
    const member = await t.member();
    t.faults.failFlashOrders = 1;
    const key = newKey();
    const pending = await buy(member.token, entryId, 1, key);
    expect(errorReason(pending)).toBe('SERVICE_UNAVAILABLE FLASH_ORDER_PENDING');
    expect(await entryRow(entryId)).toMatchObject({ held: 1 });
    const retried = await buy(member.token, entryId, 1, key);
    expect(retried.data?.flashBuy).toMatchObject({ status: 'ORDERED', quantity: 1 });
    const again = await buy(member.token, entryId, 1, key);
    expect(again.data?.flashBuy.id).toBe(retried.data!.flashBuy.id);
    expect(await entryRow(entryId)).toMatchObject({ held: 1 });
  });

  it('places a waiting hold’s order by the sweep, and gives back the units of one refused for good', async () => {
    const { entryId } = await runningEntry(5);
    const patient = await t.member();
    t.faults.failFlashOrders = 1;
    expect(errorReason(await buy(patient.token, entryId))).toBe('SERVICE_UNAVAILABLE FLASH_ORDER_PENDING');
    // The buyer never sends it again: the sweep asks order for it.
    await sweepHolds(t.subgraph.deps, 0);
    const [waited] = await liveHolds(entryId);
    expect(waited).toMatchObject({ status: 'ORDERED', memberId: Number(patient.id) });
    expect(waited!.orderNo).toBeTruthy();
    // Refused for good (no address): the hold is released and its unit is back in the gate.
    const homeless = await t.member();
    t.faults.refuseFlashOrders = 1;
    expect(errorReason(await buy(homeless.token, entryId))).toBe('NOT_FOUND');
    expect(await entryRow(entryId)).toMatchObject({ held: 1, released: 1 });
    await expectAgreement(entryId);
  });

  it('repairs a gate that disagrees with the database, and counts the repair', async () => {
    const { entryId } = await runningEntry(10);
    await buy((await t.member()).token, entryId);
    await t.subgraph.deps.redis.hset(gateKeys(t.subgraph.deps, Number(entryId)).gate, 'remaining', 50);
    await reconcileGates(t.subgraph.deps);
    expect((await gateState(t.subgraph.deps, Number(entryId)))?.remaining).toBe(50);
    expect(await reconcileGates(t.subgraph.deps)).toBeGreaterThanOrEqual(1);
    await expectAgreement(entryId);
  });

  it('lets one device win no more than the per-member limit, whichever members use it', async () => {
    const { entryId } = await runningEntry(100, 2);
    const device = { headers: { 'x-device-id': `device-${Date.now()}` } };
    const members = await Promise.all(Array.from({ length: 5 }, () => t.member()));
    const results = await Promise.all(members.map((m) => graphql<Bought>(t.url, BUY, { entry: entryId, q: 1, key: newKey() }, { token: m.token, ...device })));
    expect(results.filter((r) => r.data?.flashBuy)).toHaveLength(2);
    expect(new Set(results.filter((r) => !r.data?.flashBuy).map(errorReason))).toEqual(new Set(['CONFLICT LIMIT_REACHED']));
    // Another device (or none) is not held to it; the gate rebuilt from the database still knows the device.
    expect((await graphql<Bought>(t.url, BUY, { entry: entryId, q: 1, key: newKey() }, { token: (await t.member()).token })).data?.flashBuy).toBeTruthy();
    const k = gateKeys(t.subgraph.deps, Number(entryId));
    await t.subgraph.deps.redis.del(k.gate, k.members, k.keys, k.devices);
    const again = await graphql<Bought>(t.url, BUY, { entry: entryId, q: 1, key: newKey() }, { token: (await t.member()).token, ...device });
    expect(errorReason(again)).toBe('CONFLICT LIMIT_REACHED');
  });

  it('throttles a member’s burst of attempts at the gate', async () => {
    const { entryId } = await runningEntry(1_000, 99);
    const member = await t.member();
    const results = await Promise.all(Array.from({ length: 80 }, () => buy(member.token, entryId)));
    expect(results.filter((r) => errorReason(r) === 'FORBIDDEN TOO_MANY_ATTEMPTS').length).toBeGreaterThanOrEqual(20);
  });
});

describe('flash sale input', () => {
  it('refuses bad sessions, entries and attempts with a clear error, writing nothing', async () => {
    const s = sku({ price: 5_000, stock: 10 });
    t.skus.set(s.skuId, s);
    const theirs = sku({ shopId: '2', price: 5_000 });
    t.skus.set(theirs.skuId, theirs);
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const session = (await ask<{ createFlashSessions: Array<{ id: string }> }>(CREATE, { input: { name: '14点场', startsAt: at(HOUR), minutes: 30 } }, t.tokens.admin)).createFlashSessions[0]!.id;
    const overlapping = (await ask<{ createFlashSessions: Array<{ id: string }> }>(CREATE, { input: { name: '14点场B', startsAt: at(HOUR + 10 * 60_000), minutes: 30 } }, t.tokens.admin)).createFlashSessions[0]!.id;
    await ask(ENTER, { input: { sessionId: session, skuId: s.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1);
    const member = await t.member();
    // Earlier tests' announcements (batched, a moment later) are written before the tables are compared.
    await t.subgraph.deps.flashLive.settled();
    const before = await t.tableChecksums();
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [CREATE, { input: { name: '过去', startsAt: at(-HOUR), minutes: 30 } }, t.tokens.admin, 'BAD_USER_INPUT'],
      [CREATE, { input: { name: '零分钟', startsAt: at(HOUR), minutes: 0 } }, t.tokens.admin, 'BAD_USER_INPUT'],
      [CREATE, { input: { name: '商家', startsAt: at(HOUR), minutes: 30 } }, t.tokens.merchant1, 'FORBIDDEN'],
      [ENTER, { input: { sessionId: '99999999', skuId: s.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1, 'NOT_FOUND'],
      [ENTER, { input: { sessionId: session, skuId: theirs.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1, 'NOT_FOUND'],
      [ENTER, { input: { sessionId: overlapping, skuId: s.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1, 'CONFLICT'],
      [ENTER, { input: { sessionId: session, skuId: s.skuId, flashPrice: 5_000, quantity: 5 } }, t.tokens.merchant1, 'BAD_USER_INPUT'],
      [ENTER, { input: { sessionId: session, skuId: s.skuId, flashPrice: 1_000, quantity: 0 } }, t.tokens.merchant1, 'BAD_USER_INPUT'],
      [ENTER, { input: { sessionId: session, skuId: s.skuId, flashPrice: 1_000, quantity: 5, perMemberLimit: 100 } }, t.tokens.merchant1, 'BAD_USER_INPUT'],
      [BUY, { entry: '99999999', q: 1, key: newKey() }, member.token, 'NOT_FOUND'],
      [BUY, { entry: 'abc', q: 1, key: newKey() }, member.token, 'NOT_FOUND'],
      [BUY, { entry: '1', q: 0, key: newKey() }, member.token, 'BAD_USER_INPUT'],
      [BUY, { entry: '1', q: 1, key: 'short' }, member.token, 'BAD_USER_INPUT'],
      [BUY, { entry: '1', q: 1, key: newKey() }, t.tokens.merchant1, 'FORBIDDEN'],
    ];
    for (const [query, variables, token, code] of cases) {
      const answer = await t.query(query, variables, token);
      expect(answer.errors?.[0]?.extensions?.['code'], `${JSON.stringify(variables)} ${JSON.stringify(answer.errors)}`).toBe(code);
    }
    expect(await t.tableChecksums()).toEqual(before);
    const over = await t.query(ENTER, { input: { sessionId: overlapping, skuId: s.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1);
    expect(over.errors?.[0]?.extensions).toMatchObject({ reason: 'OVERLAPPING_SESSION' });
  });

  it('keeps an entry approved when two approvals race, releasing nothing', async () => {
    const s = sku({ price: 5_000, stock: 30 });
    t.skus.set(s.skuId, s);
    const session = (await ask<{ createFlashSessions: Array<{ id: string }> }>(CREATE, { input: { name: '双审场', startsAt: new Date(Date.now() + HOUR).toISOString(), minutes: 30 } }, t.tokens.admin)).createFlashSessions[0]!.id;
    const entry = (await ask<{ enterFlashSale: { id: string } }>(ENTER, { input: { sessionId: session, skuId: s.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1)).enterFlashSale.id;
    const both = await Promise.all([t.query(DECIDE, { id: entry, approve: true }, t.tokens.admin), t.query(DECIDE, { id: entry, approve: true }, t.tokens.admin)]);
    expect(both.some((r) => r.data)).toBe(true);
    expect((await entryRow(entry)).status).toBe('APPROVED');
    expect(t.stockCalls.filter((c) => c.subject === 'release' && c.key === `flash-entry-${entry}`)).toEqual([]);
  });

  it('refuses an attempt before the session starts, and an approval beyond the SKU’s stock', async () => {
    const s = sku({ price: 5_000, stock: 3 });
    t.skus.set(s.skuId, s);
    const session = (await ask<{ createFlashSessions: Array<{ id: string }> }>(CREATE, { input: { name: '20点场', startsAt: new Date(Date.now() + HOUR).toISOString(), minutes: 30 } }, t.tokens.admin)).createFlashSessions[0]!.id;
    const tooMany = (await ask<{ enterFlashSale: { id: string } }>(ENTER, { input: { sessionId: session, skuId: s.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1)).enterFlashSale.id;
    const refused = await t.query(DECIDE, { id: tooMany, approve: true }, t.tokens.admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OUT_OF_STOCK' });
    expect((await entryRow(tooMany)).status).toBe('PENDING');
    await ask(DECIDE, { id: tooMany, approve: false, note: '库存不足' }, t.tokens.admin);
    const s2 = sku({ price: 5_000, stock: 30 });
    t.skus.set(s2.skuId, s2);
    const entry = (await ask<{ enterFlashSale: { id: string } }>(ENTER, { input: { sessionId: session, skuId: s2.skuId, flashPrice: 1_000, quantity: 5 } }, t.tokens.merchant1)).enterFlashSale.id;
    await ask(DECIDE, { id: entry, approve: true }, t.tokens.admin);
    expect(errorReason(await buy((await t.member()).token, entry))).toBe('CONFLICT NOT_STARTED');
    expect((await entryRow(entry)).held).toBe(0);
  });
});
