import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { errorCode, graphql } from '@mall/test-kit';
import { couponTemplates, coupons, outbox } from '../src/db/schema.ts';
import { amountOff, CLAIM, startPromotion, type TestPromotion } from './fixtures.ts';

let t: TestPromotion;
// Claims of one template take turns on its row lock, each holding a connection meanwhile.
beforeAll(async () => {
  t = await startPromotion({ MYSQL_POOL_SIZE: '30' });
});
afterAll(() => t?.stop());

interface ClaimData {
  claimCoupon: { id: string; status: string; validUntil: string; template: { id: string } };
}
const claim = (templateId: string, token: string) => t.query<ClaimData>(CLAIM, { id: templateId }, token);
const db = () => t.subgraph.deps.db;
const templateRow = async (id: string) => (await db().select().from(couponTemplates).where(eq(couponTemplates.id, Number(id))))[0]!;
const couponsOf = async (templateId: string) => db().select().from(coupons).where(eq(coupons.templateId, Number(templateId)));
const claimedEvents = async (templateId: string) =>
  (await db().select().from(outbox).where(eq(outbox.subject, 'coupon.claimed'))).filter((row) => (row.payload.data as { templateId: string }).templateId === templateId);

describe('claimCoupon', () => {
  it('issues exactly 100 of a template of 100 to 1,000 members claiming at once', async () => {
    const id = await t.template(amountOff({ totalQuantity: 100 }));
    const members = await Promise.all(Array.from({ length: 1000 }, () => t.member()));
    const results = await Promise.all(members.map((m) => claim(id, m.token)));
    const won = results.filter((r) => r.data?.claimCoupon);
    expect(won).toHaveLength(100);
    const refused = results.filter((r) => !r.data?.claimCoupon);
    expect(new Set(refused.map((r) => `${errorCode(r)} ${String(r.errors?.[0]?.extensions?.['reason'])}`))).toEqual(new Set(['CONFLICT SOLD_OUT']));
    const rows = await couponsOf(id);
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(100);
    expect(await templateRow(id)).toMatchObject({ issued: 100 });
    expect(await claimedEvents(id)).toHaveLength(100);
  });

  it('gives one member claiming 20 times at once exactly one coupon when one is the limit', async () => {
    const id = await t.template(amountOff({ totalQuantity: 1000, perMemberLimit: 1 }));
    const member = await t.member();
    const results = await Promise.all(Array.from({ length: 20 }, () => claim(id, member.token)));
    expect(results.filter((r) => r.data?.claimCoupon)).toHaveLength(1);
    for (const r of results.filter((x) => !x.data?.claimCoupon)) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LIMIT_REACHED' });
    expect(await couponsOf(id)).toHaveLength(1);
    expect(await templateRow(id)).toMatchObject({ issued: 1 });
  });

  it('lets a member claim up to the limit, and dates each coupon by its template', async () => {
    const from = new Date(Date.now() + 3_600_000);
    const until = new Date(Date.now() + 10 * 86_400_000);
    const fixed = await t.template(amountOff({ validDays: null, validFrom: from.toISOString(), validUntil: until.toISOString(), perMemberLimit: 3 }));
    const rolling = await t.template(amountOff({ validDays: 7 }));
    const member = await t.member();
    for (let i = 0; i < 3; i++) expect((await claim(fixed, member.token)).data?.claimCoupon.validUntil).toBe(until.toISOString());
    expect((await claim(fixed, member.token)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LIMIT_REACHED' });
    const before = Date.now();
    const week = new Date((await claim(rolling, member.token)).data!.claimCoupon.validUntil).getTime();
    expect(week).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000);
    expect(week).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
    const [row] = await db().select().from(coupons).where(and(eq(coupons.templateId, Number(fixed)), eq(coupons.memberId, Number(member.id)))).limit(1);
    expect(row!.validFrom.toISOString()).toBe(from.toISOString());
  });

  it('refuses claims outside the window and of paused or ended templates, and writes nothing', async () => {
    const member = await t.member();
    const later = await t.template(amountOff({ claimStartsAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect((await claim(later, member.token)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_STARTED' });
    const paused = await t.template(amountOff());
    const pause = 'mutation ($id: ID!, $s: CouponTemplateStatus!) { setCouponTemplateStatus(id: $id, status: $s) { status } }';
    expect((await t.query(pause, { id: paused, s: 'PAUSED' }, t.tokens.merchant1)).errors).toBeUndefined();
    expect((await claim(paused, member.token)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CLAIM_ENDED' });
    expect((await t.query(pause, { id: paused, s: 'ENDED' }, t.tokens.merchant1)).errors).toBeUndefined();
    expect(errorCode(await t.query(pause, { id: paused, s: 'ACTIVE' }, t.tokens.merchant1))).toBe('CONFLICT');
    expect((await claim(paused, member.token)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CLAIM_ENDED' });
    expect(errorCode(await claim('987654', member.token))).toBe('NOT_FOUND');
    // A template given only by code or grant is not in the coupon centre, and not public.
    const unlisted = await t.template(amountOff({ claimable: false }));
    expect(errorCode(await claim(unlisted, member.token))).toBe('NOT_FOUND');
    const look = 'query ($id: ID!) { couponTemplate(id: $id) { id } }';
    expect((await t.query<{ couponTemplate: null }>(look, { id: unlisted }, member.token)).data!.couponTemplate).toBeNull();
    expect((await t.query<{ couponTemplate: { id: string } }>(look, { id: unlisted }, t.tokens.merchant1)).data!.couponTemplate).toEqual({ id: unlisted });
    expect(errorCode(await claim('abc', member.token))).toBe('NOT_FOUND');
    expect(errorCode(await claim(paused, t.tokens.merchant1))).toBe('FORBIDDEN');
    expect(errorCode(await t.query(CLAIM, { id: paused }))).toBe('UNAUTHENTICATED');
    const [held] = await db().select({ n: count() }).from(coupons).where(eq(coupons.memberId, Number(member.id)));
    expect(held!.n).toBe(0);
  });
});

describe('the coupon centre and a member’s coupons', () => {
  const CENTRE = 'query ($shop: ID) { couponCenter(shopId: $shop, first: 50) { nodes { id remaining claimedByMe canClaim } } }';
  type Centre = { couponCenter: { nodes: Array<{ id: string; remaining: number; claimedByMe: number; canClaim: boolean | null }> } };

  it('lists what a member may claim now, with what they hold, and drops a template once all of it is issued', async () => {
    const member = await t.member();
    const two = await t.template(amountOff({ totalQuantity: 2, perMemberLimit: 2 }), t.tokens.merchant2);
    const hidden = await t.template(amountOff({ claimable: false }), t.tokens.merchant2);
    const view = async (token?: string) => (await t.query<Centre>(CENTRE, { shop: '2' }, token)).data!.couponCenter.nodes;
    expect((await view(member.token)).find((n) => n.id === two)).toEqual({ id: two, remaining: 2, claimedByMe: 0, canClaim: true });
    expect((await view()).find((n) => n.id === two)?.canClaim).toBeNull();
    expect((await view()).map((n) => n.id)).not.toContain(hidden);
    await claim(two, member.token);
    expect((await view(member.token)).find((n) => n.id === two)).toEqual({ id: two, remaining: 1, claimedByMe: 1, canClaim: true });
    await claim(two, member.token);
    expect((await view(member.token)).map((n) => n.id)).not.toContain(two);
  });

  it('shows a member their coupons by status, and nobody else', async () => {
    const member = await t.member();
    const other = await t.member();
    const id = await t.template(amountOff({ perMemberLimit: 2 }));
    const first = (await claim(id, member.token)).data!.claimCoupon.id;
    const second = (await claim(id, member.token)).data!.claimCoupon.id;
    // The first one's validity has run out.
    await db().update(coupons).set({ validUntil: new Date(Date.now() - 1000) }).where(eq(coupons.id, Number(first)));
    const mine = (status: string | null, token: string) =>
      graphql<{ _entities: Array<{ coupons: { nodes: Array<{ id: string; status: string }> } }> }>(
        t.url,
        `query ($r: [_Any!]!, $s: CouponStatus) { _entities(representations: $r) { ... on Member { coupons(status: $s) { nodes { id status } } } } }`,
        { r: [{ __typename: 'Member', id: member.id }], s: status },
        { token },
      );
    expect((await mine(null, member.token)).data!._entities[0]!.coupons.nodes).toEqual([{ id: second, status: 'UNUSED' }, { id: first, status: 'EXPIRED' }]);
    expect((await mine('UNUSED', member.token)).data!._entities[0]!.coupons.nodes.map((c) => c.id)).toEqual([second]);
    expect((await mine('LOCKED', member.token)).data!._entities[0]!.coupons.nodes).toEqual([]);
    expect((await mine('EXPIRED', t.tokens.admin)).data!._entities[0]!.coupons.nodes.map((c) => c.id)).toEqual([first]);
    expect(errorCode(await mine(null, other.token))).toBe('FORBIDDEN');
  });
});

describe('updateCouponTemplate', () => {
  const UPDATE = 'mutation ($id: ID!, $input: CouponTemplateUpdateInput!) { updateCouponTemplate(id: $id, input: $input) { name totalQuantity remaining claimEndsAt } }';
  it('raises a sold-out template’s total so members claim again, never below what was issued, and only for its own shop’s merchant', async () => {
    const id = await t.template(amountOff({ totalQuantity: 2 }));
    for (let i = 0; i < 2; i++) expect((await claim(id, (await t.member()).token)).data?.claimCoupon).toBeTruthy();
    const late = await t.member();
    expect(errorCode(await claim(id, late.token))).toBe('CONFLICT');

    const before = await t.tableChecksums();
    const below = await t.query(UPDATE, { id, input: { totalQuantity: 1 } }, t.tokens.merchant1);
    expect(below.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.totalQuantity' });
    const theirs = await t.query(UPDATE, { id, input: { totalQuantity: 10 } }, t.tokens.merchant2);
    expect(errorCode(theirs)).toBe('NOT_FOUND');
    const past = await t.query(UPDATE, { id, input: { claimEndsAt: new Date(Date.now() - 1000).toISOString() } }, t.tokens.merchant1);
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimEndsAt' });
    expect(await t.tableChecksums()).toEqual(before);

    const raised = await t.query<{ updateCouponTemplate: { name: string; totalQuantity: number; remaining: number } }>(UPDATE, { id, input: { totalQuantity: 3, name: '加量 满100减10' } }, t.tokens.merchant1);
    expect(raised.data?.updateCouponTemplate).toMatchObject({ name: '加量 满100减10', totalQuantity: 3, remaining: 1 });
    expect((await claim(id, late.token)).data?.claimCoupon).toBeTruthy();
    expect(await templateRow(id)).toMatchObject({ issued: 3, totalQuantity: 3 });
  });
});
