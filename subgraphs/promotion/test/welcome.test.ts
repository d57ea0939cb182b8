import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventEnvelope, publishEvent, testNats, waitFor } from '@mall/test-kit';
import { hasProcessed, type NatsConnection } from '@mall/kit';
import { coupons } from '../src/db/schema.ts';
import { amountOff, startPromotion, type TestPromotion } from './fixtures.ts';

/** member.registered, published onto promotion's stream as membership's relay would: welcome coupons. */
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
const registered = async (memberId: string, envelope = eventEnvelope('member.registered', { memberId }, 'membership')) => {
  await publishEvent(nats, t.subgraph.deps.config.events.prefix, 'member.registered', envelope);
  await waitFor('the registration to be applied', () => hasProcessed(t.subgraph.deps.db, 'promotion-welcome', envelope.id));
  return envelope;
};

describe('welcome coupons', () => {
  it('gives a new member one coupon of each active welcome template, once per event, within each template’s limits', async () => {
    const welcome = await t.template(amountOff({ name: '新人券', welcome: true, totalQuantity: 1 }), t.tokens.admin);
    const shopWelcome = await t.template(amountOff({ name: '本店新人券', welcome: true }));
    const ordinary = await t.template(amountOff({ name: '普通券' }));
    const later = await t.template(amountOff({ name: '明日新人券', welcome: true, claimStartsAt: new Date(Date.now() + 86_400_000).toISOString() }));
    const first = String(8_000_000 + Math.floor(Math.random() * 1_000_000));
    const envelope = await registered(first);
    const mine = await heldBy(first);
    expect(mine.map((c) => c.templateId).sort()).toEqual([Number(welcome), Number(shopWelcome)].sort());
    expect(mine.every((c) => c.source === 'EVENT')).toBe(true);
    // The same event again (a redelivery): nothing more.
    await publishEvent(nats, t.subgraph.deps.config.events.prefix, 'member.registered', envelope, { msgId: `${envelope.id}-again` });
    const second = String(Number(first) + 1);
    await registered(second);
    expect(await heldBy(first)).toHaveLength(2);
    // The platform welcome template held one: the next member gets only the shop's.
    expect((await heldBy(second)).map((c) => c.templateId)).toEqual([Number(shopWelcome)]);
    for (const id of [ordinary, later]) {
      expect(await t.subgraph.deps.db.select().from(coupons).where(eq(coupons.templateId, Number(id)))).toEqual([]);
    }
  });
});
