import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventEnvelope, publishEvent, testNats, waitFor } from '@mall/test-kit';
import { hasProcessed, type NatsConnection } from '@mall/kit';
import { coupons } from '../src/db/schema.ts';
import { amountOff, CREATE, startPromotion, type TestPromotion } from './fixtures.ts';

/** order.completed, published onto promotion's stream as order's relay would: coupons for a completed order (返券). */
let t: TestPromotion;
let nats: NatsConnection;
beforeAll(async () => {
  t = await startPromotion();
  nats = await testNats();
});
afterAll(async () => {
  await nats?.drain();
  await t?.stop();
});

const heldBy = async (memberId: string) => t.subgraph.deps.db.select().from(coupons).where(eq(coupons.memberId, Number(memberId)));
let nextOrder = 1;
async function completed(memberId: string, shopId: string, payable: number) {
  const n = nextOrder++;
  const envelope = eventEnvelope('order.completed', { orderId: String(n), orderNo: `O-reward-${n}`, memberId, shopId, status: 'COMPLETED', payable, lines: [], reason: null }, 'order');
  await publishEvent(nats, t.subgraph.deps.config.events.prefix, 'order.completed', envelope);
  await waitFor('the completion to be applied', () => hasProcessed(t.subgraph.deps.db, 'promotion-order-completed', envelope.id));
  return envelope;
}

describe('coupons after a completed order (返券)', () => {
  it('gives the platform’s and the order’s shop’s after-order coupons, for orders of at least their minimum, within their limits, once per event', async () => {
    const platform = await t.template(amountOff({ name: '平台返券', afterOrder: true, claimable: false, perMemberLimit: 2 }), t.tokens.admin);
    const shop1 = await t.template(amountOff({ name: '满100返券', afterOrder: true, afterOrderMinAmount: 10_000 }));
    const shop2 = await t.template(amountOff({ name: '二店返券', afterOrder: true }), t.tokens.merchant2);
    const member = await t.member();

    // A ¥99.99 order of shop 1: the platform's only (shop 1's asks ¥100, shop 2's is another shop's).
    const first = await completed(member.id, '1', 9_999);
    expect((await heldBy(member.id)).map((c) => [c.templateId, c.source])).toEqual([[Number(platform), 'EVENT']]);
    // The same event delivered again gives nothing more.
    await publishEvent(nats, t.subgraph.deps.config.events.prefix, 'order.completed', first, { msgId: `${first.id}-again` });
    await completed(member.id, '1', 10_000);
    const held = (await heldBy(member.id)).map((c) => c.templateId).sort();
    expect(held).toEqual([Number(platform), Number(platform), Number(shop1)].sort());
    // At their limits (platform 2, shop 1's 1): a third order gives none of them.
    await completed(member.id, '1', 50_000);
    expect(await heldBy(member.id)).toHaveLength(3);
    expect(await t.subgraph.deps.db.select().from(coupons).where(eq(coupons.templateId, Number(shop2)))).toEqual([]);
  });

  it('refuses a minimum on a template that is not given after orders, and a negative one', async () => {
    const before = await t.tableChecksums();
    const notAfter = await t.query(CREATE, { input: amountOff({ afterOrderMinAmount: 5_000 }) }, t.tokens.merchant1);
    expect(notAfter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.afterOrderMinAmount' });
    const negative = await t.query(CREATE, { input: amountOff({ afterOrder: true, afterOrderMinAmount: -1 }) }, t.tokens.merchant1);
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.afterOrderMinAmount' });
    expect(await t.tableChecksums()).toEqual(before);
  });
});
