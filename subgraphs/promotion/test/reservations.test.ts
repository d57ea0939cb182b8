import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { promotion as contracts } from '@mall/contracts';
import { sendCommand, type NatsConnection } from '@mall/kit';
import { testNats } from '@mall/test-kit';
import { couponTemplates, coupons } from '../src/db/schema.ts';
import { amountOff, CLAIM, sku, startPromotion, type TestPromotion } from './fixtures.ts';

/** A checkout's coupons held, given back and spent through promotion's commands, as order sends them. */
let t: TestPromotion;
let nats: NatsConnection;
beforeAll(async () => {
  t = await startPromotion({ MYSQL_POOL_SIZE: '30' });
  nats = await testNats();
});
afterAll(async () => {
  await nats?.drain();
  await t?.stop();
});

const send: typeof sendCommand = (_nats, contract, request) => sendCommand(nats, contract, request, { prefix: t.subgraph.deps.config.events.prefix });
const couponRow = async (id: string) => (await t.subgraph.deps.db.select().from(coupons).where(eq(coupons.id, Number(id))))[0]!;

async function memberWithCoupon(input = amountOff()) {
  const member = await t.member();
  const templateId = await t.template(input);
  const claimed = await t.query<{ claimCoupon: { id: string } }>(CLAIM, { id: templateId }, member.token);
  return { member, templateId, couponId: claimed.data!.claimCoupon.id };
}

describe('coupon reservations', () => {
  it('lets exactly one of 50 checkouts at once hold a single coupon', async () => {
    const { member, couponId } = await memberWithCoupon();
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => send(nats, contracts.reserveCoupons, { owner: `O-race-${couponId}-${i}`, memberId: member.id, couponIds: [couponId] })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'COUPON_UNAVAILABLE', couponId } });
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect(await couponRow(couponId)).toMatchObject({ status: 'LOCKED', orderNo: `O-race-${couponId}-${winner}` });
  });

  it('gives a released coupon back, once, refuses the released owner’s late reservation, and lets another order use it', async () => {
    const { member, couponId } = await memberWithCoupon();
    const owner = `O-back-${couponId}`;
    expect(await send(nats, contracts.reserveCoupons, { owner, memberId: member.id, couponIds: [couponId] })).toEqual({ couponIds: [couponId], replayed: false });
    expect(await send(nats, contracts.reserveCoupons, { owner, memberId: member.id, couponIds: [couponId] })).toEqual({ couponIds: [couponId], replayed: true });
    expect(await send(nats, contracts.releaseCoupons, { owner })).toEqual({ released: 1, replayed: false });
    expect(await send(nats, contracts.releaseCoupons, { owner })).toEqual({ released: 0, replayed: true });
    expect(await couponRow(couponId)).toMatchObject({ status: 'UNUSED', orderNo: null });
    await expect(send(nats, contracts.reserveCoupons, { owner, memberId: member.id, couponIds: [couponId] })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'RELEASED' } });
    expect((await couponRow(couponId)).status).toBe('UNUSED');
    // A release that comes before its reservation (an undo whose request was lost) leaves nothing to take later.
    await send(nats, contracts.releaseCoupons, { owner: `O-early-${couponId}` });
    await expect(send(nats, contracts.reserveCoupons, { owner: `O-early-${couponId}`, memberId: member.id, couponIds: [couponId] })).rejects.toMatchObject({ extensions: { reason: 'RELEASED' } });
    expect(await send(nats, contracts.reserveCoupons, { owner: `O-next-${couponId}`, memberId: member.id, couponIds: [couponId] })).toMatchObject({ replayed: false });
  });

  it('spends a committed coupon and counts it on its template; a spent coupon is never given back', async () => {
    const { member, templateId, couponId } = await memberWithCoupon();
    const owner = `O-paid-${couponId}`;
    await send(nats, contracts.reserveCoupons, { owner, memberId: member.id, couponIds: [couponId] });
    expect(await send(nats, contracts.commitCoupons, { owner })).toEqual({ committed: 1, replayed: false });
    expect(await send(nats, contracts.commitCoupons, { owner })).toEqual({ committed: 0, replayed: true });
    expect(await couponRow(couponId)).toMatchObject({ status: 'USED', orderNo: owner });
    expect((await couponRow(couponId)).usedAt).not.toBeNull();
    expect((await t.subgraph.deps.db.select().from(couponTemplates).where(eq(couponTemplates.id, Number(templateId))))[0]!.used).toBe(1);
    await expect(send(nats, contracts.releaseCoupons, { owner })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'COMMITTED' } });
    // A held coupon someone took out of the hold by hand: the commit is refused whole, nothing spent.
    const other = await memberWithCoupon();
    const held = `O-moved-${other.couponId}`;
    await send(nats, contracts.reserveCoupons, { owner: held, memberId: other.member.id, couponIds: [other.couponId] });
    await t.subgraph.deps.db.update(coupons).set({ status: 'UNUSED', orderNo: null }).where(eq(coupons.id, Number(other.couponId)));
    await expect(send(nats, contracts.commitCoupons, { owner: held })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'COUPON_NOT_HELD' } });
    expect((await couponRow(other.couponId)).status).toBe('UNUSED');
    expect((await t.subgraph.deps.db.select().from(couponTemplates).where(eq(couponTemplates.id, Number(other.templateId))))[0]!.used).toBe(0);
    await expect(send(nats, contracts.reserveCoupons, { owner: `O-again-${couponId}`, memberId: member.id, couponIds: [couponId] })).rejects.toMatchObject({ extensions: { reason: 'COUPON_UNAVAILABLE' } });
  });

  it('holds all of a checkout’s coupons or none, and only the member’s own', async () => {
    const a = await memberWithCoupon();
    const templateId = await t.template(amountOff());
    const second = (await t.query<{ claimCoupon: { id: string } }>(CLAIM, { id: templateId }, a.member.token)).data!.claimCoupon.id;
    const other = await memberWithCoupon();
    await expect(send(nats, contracts.reserveCoupons, { owner: `O-theirs-${a.couponId}`, memberId: a.member.id, couponIds: [a.couponId, other.couponId] })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    // The second coupon is held elsewhere: the first is not held either.
    await send(nats, contracts.reserveCoupons, { owner: `O-first-${second}`, memberId: a.member.id, couponIds: [second] });
    await expect(send(nats, contracts.reserveCoupons, { owner: `O-both-${a.couponId}`, memberId: a.member.id, couponIds: [a.couponId, second] })).rejects.toMatchObject({ extensions: { reason: 'COUPON_UNAVAILABLE', couponId: second } });
    expect((await couponRow(a.couponId)).status).toBe('UNUSED');
    expect((await couponRow(other.couponId)).status).toBe('UNUSED');
    // An expired coupon cannot be held.
    await t.subgraph.deps.db.update(coupons).set({ validUntil: new Date(Date.now() - 1000) }).where(eq(coupons.id, Number(a.couponId)));
    await expect(send(nats, contracts.reserveCoupons, { owner: `O-late-${a.couponId}`, memberId: a.member.id, couponIds: [a.couponId] })).rejects.toMatchObject({ extensions: { reason: 'COUPON_UNAVAILABLE' } });
  });
});

describe('per-member use limit', () => {
  it('lets a member holding 5 coupons of a template with a use limit of 2 use exactly 2, however many checkouts race, and a third once one comes back', async () => {
    const member = await t.member();
    const templateId = await t.template(amountOff({ perMemberLimit: 5, perMemberUseLimit: 2 }));
    const held: string[] = [];
    for (let i = 0; i < 5; i++) held.push((await t.query<{ claimCoupon: { id: string } }>(CLAIM, { id: templateId }, member.token)).data!.claimCoupon.id);
    // 20 checkouts at once, each with one of the coupons (4 per coupon).
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => send(nats, contracts.reserveCoupons, { owner: `O-use-${templateId}-${i}`, memberId: member.id, couponIds: [held[i % 5]!] })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(2);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(['LIMIT_REACHED', 'COUPON_UNAVAILABLE']).toContain((r as PromiseRejectedResult).reason.extensions.reason);
    }
    const rows = await t.subgraph.deps.db.select().from(coupons).where(eq(coupons.templateId, Number(templateId)));
    expect(rows.filter((c) => c.status === 'LOCKED')).toHaveLength(2);
    // A quote says why the member's other coupons of it take nothing.
    const goods = sku({ price: 20_000 });
    t.skus.set(goods.skuId, goods);
    const quoted = await t.query<{ quoteCheckout: { notApplied: Array<{ coupon: { id: string }; reason: string }> } }>(
      'query ($input: QuoteInput!) { quoteCheckout(input: $input) { notApplied { coupon { id } reason } } }',
      { input: { lines: [{ skuId: goods.skuId, quantity: 1 }] } },
      member.token,
    );
    expect(quoted.data!.quoteCheckout.notApplied).toEqual([expect.objectContaining({ reason: 'LIMIT_REACHED' })]);
    // One of them ends unpaid: a third coupon may be used, and no more.
    await send(nats, contracts.releaseCoupons, { owner: `O-use-${templateId}-${won[0]}` });
    const free = rows.filter((c) => c.status === 'UNUSED').map((c) => String(c.id));
    expect(await send(nats, contracts.reserveCoupons, { owner: `O-use2-${templateId}-a`, memberId: member.id, couponIds: [free[0]!] })).toMatchObject({ replayed: false });
    await expect(send(nats, contracts.reserveCoupons, { owner: `O-use2-${templateId}-b`, memberId: member.id, couponIds: [free[1]!] })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'LIMIT_REACHED' } });
  });
});
