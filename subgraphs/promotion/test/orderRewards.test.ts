import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventEnvelope, publishEvent, testNats, waitFor } from '@mall/test-kit';
import { hasProcessed, type NatsConnection } from '@mall/kit';
import { coupons } from '../src/db/schema.ts';
import { amountOff, CREATE, startPromotion, type TestPromotion } from './fixtures.ts';

/** order.settled, published onto promotion's stream as order's relay would: coupons for an order whose after-sale window closed (返券). */
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
async function settled(memberId: string, shopId: string, paid: number) {
  const n = nextOrder++;
  const envelope = eventEnvelope('order.settled', { orderId: String(n), orderNo: `O-reward-${n}`, memberId, shopId, status: 'COMPLETED', payable: paid, paid, lines: [], reason: null }, 'order');
  await publishEvent(nats, t.subgraph.deps.config.events.prefix, 'order.settled', envelope);
  await waitFor('the settlement to be applied', () => hasProcessed(t.subgraph.deps.db, 'promotion-order-settled', envelope.id));
  return envelope;
}

describe('coupons after an order (返券)', () => {
  it('gives the platform’s and the order’s shop’s after-order coupons for what was finally paid, within their limits, once per event', async () => {
    const platform = await t.template(amountOff({ name: '平台返券', afterOrder: true, perMemberLimit: 2 }), t.tokens.admin);
    const shop1 = await t.template(amountOff({ name: '满100返券', afterOrder: true, afterOrderMinAmount: 10_000 }));
    const shop2 = await t.template(amountOff({ name: '二店返券', afterOrder: true }), t.tokens.merchant2);
    const member = await t.member();
    const other = await t.member();

    // After-order coupons are not in the coupon centre unless their template says so.
    const centre = await t.query<{ couponCenter: { nodes: Array<{ id: string }> } }>('{ couponCenter(first: 50) { nodes { id } } }');
    expect(centre.data!.couponCenter.nodes.map((n) => n.id)).not.toEqual(expect.arrayContaining([platform]));

    // Refunded in full (paid 0): nothing.
    await settled(member.id, '1', 0);
    expect(await heldBy(member.id)).toEqual([]);
    // ¥99.99 finally paid to shop 1: the platform's only (shop 1's asks ¥100, shop 2's is another shop's).
    const first = await settled(member.id, '1', 9_999);
    expect((await heldBy(member.id)).map((c) => [c.templateId, c.source])).toEqual([[Number(platform), 'EVENT']]);
    // The same event delivered again gives nothing more (another member's settlement after it shows it was read).
    await publishEvent(nats, t.subgraph.deps.config.events.prefix, 'order.settled', first, { msgId: `${first.id}-again` });
    await settled(other.id, '2', 100);
    expect(await heldBy(member.id)).toHaveLength(1);
    await settled(member.id, '1', 10_000);
    const held = (await heldBy(member.id)).map((c) => c.templateId).sort();
    expect(held).toEqual([Number(platform), Number(platform), Number(shop1)].sort());
    // At their limits (platform 2, shop 1's 1): a third order gives none of them.
    await settled(member.id, '1', 50_000);
    expect(await heldBy(member.id)).toHaveLength(3);
    expect((await heldBy(other.id)).map((c) => c.templateId).sort()).toEqual([Number(platform), Number(shop2)].sort());
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
