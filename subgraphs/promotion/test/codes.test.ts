import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { errorCode } from '@mall/test-kit';
import { couponTemplates, coupons } from '../src/db/schema.ts';
import { amountOff, startPromotion, type TestPromotion } from './fixtures.ts';

let t: TestPromotion;
beforeAll(async () => {
  t = await startPromotion({ MYSQL_POOL_SIZE: '30' });
});
afterAll(() => t?.stop());

const GENERATE = 'mutation ($id: ID!, $n: Int!) { generateCouponCodes(templateId: $id, count: $n) }';
const SHARED = 'mutation ($id: ID!, $code: String!) { setSharedCouponCode(templateId: $id, code: $code) { code shared } }';
const REDEEM = 'mutation ($code: String!) { redeemCouponCode(code: $code) { id source template { id } } }';
const GRANT = 'mutation ($id: ID!, $members: [ID!]!, $key: String!) { grantCoupons(templateId: $id, memberIds: $members, idempotencyKey: $key) { grantedMemberIds skippedMemberIds } }';
const CODES = 'query ($id: ID!) { couponCodes(templateId: $id) { totalCount nodes { code redeemed } } }';
const db = () => t.subgraph.deps.db;
const issuedOf = async (id: string) => (await db().select().from(couponTemplates).where(eq(couponTemplates.id, Number(id))))[0]!.issued;
const couponCount = async (id: string) => (await db().select({ n: count() }).from(coupons).where(eq(coupons.templateId, Number(id))))[0]!.n;
const generate = async (id: string, n: number) => (await t.query<{ generateCouponCodes: string[] }>(GENERATE, { id, n }, t.tokens.merchant1)).data!.generateCouponCodes;
const redeem = (code: string, token: string) => t.query<{ redeemCouponCode: { id: string; source: string; template: { id: string } } }>(REDEEM, { code }, token);

describe('coupon codes', () => {
  it('gives one coupon for a single-use code, to exactly one of 20 members redeeming it at once', async () => {
    const id = await t.template(amountOff({ claimable: false, totalQuantity: 50 }));
    const codes = await generate(id, 50);
    expect(new Set(codes).size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    const members = await Promise.all(Array.from({ length: 20 }, () => t.member()));
    const results = await Promise.all(members.map((m) => redeem(codes[0]!, m.token)));
    const won = results.filter((r) => r.data?.redeemCouponCode);
    expect(won).toHaveLength(1);
    expect(won[0]!.data!.redeemCouponCode).toMatchObject({ source: 'CODE', template: { id } });
    for (const r of results.filter((x) => !x.data)) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CODE_USED' });
    expect(await couponCount(id)).toBe(1);
    // Lower case and spaces around it are the same code; a template has at most totalQuantity codes.
    expect((await redeem(` ${codes[1]!.toLowerCase()} `, (await t.member()).token)).data?.redeemCouponCode.source).toBe('CODE');
    expect((await t.query(GENERATE, { id, n: 1 }, t.tokens.merchant1)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TOO_MANY_CODES' });
    const listed = (await t.query<{ couponCodes: { totalCount: number; nodes: Array<{ code: string; redeemed: boolean }> } }>(CODES, { id }, t.tokens.merchant1)).data!.couponCodes;
    expect(listed.totalCount).toBe(50);
    expect(listed.nodes.filter((n) => n.redeemed).map((n) => n.code).sort()).toEqual([codes[0], codes[1]].sort());
    expect(errorCode(await t.query(CODES, { id }, t.tokens.merchant2))).toBe('NOT_FOUND');
  });

  it('gives a shared code’s coupon to each member once, and no more than the template holds, however many redeem at once', async () => {
    const id = await t.template(amountOff({ claimable: false, totalQuantity: 10 }));
    const set = await t.query<{ setSharedCouponCode: { code: string; shared: boolean } }>(SHARED, { id, code: 'Welcome-2026' }, t.tokens.merchant1);
    expect(set.data!.setSharedCouponCode).toEqual({ code: 'WELCOME-2026', shared: true });
    const members = await Promise.all(Array.from({ length: 30 }, () => t.member()));
    const results = await Promise.all(members.map((m) => redeem('welcome-2026', m.token)));
    expect(results.filter((r) => r.data)).toHaveLength(10);
    expect(new Set(results.filter((r) => !r.data).map((r) => r.errors![0]!.extensions!['reason']))).toEqual(new Set(['SOLD_OUT']));
    expect([await couponCount(id), await issuedOf(id)]).toEqual([10, 10]);
    const winner = members[results.findIndex((r) => r.data)]!;
    expect((await redeem('WELCOME-2026', winner.token)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    const other = await t.template(amountOff());
    expect((await t.query(SHARED, { id: other, code: 'welcome-2026' }, t.tokens.merchant1)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CODE_TAKEN' });
    expect((await t.query(SHARED, { id: other, code: '券码' }, t.tokens.merchant1)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('answers a code that does not exist NOT_FOUND, and refuses a member who keeps guessing, also all at once', async () => {
    const member = await t.member();
    const burst = await Promise.all(Array.from({ length: 25 }, (_, i) => redeem(`NOPE${i}XXXXXXXX`, member.token)));
    expect(burst.filter((r) => errorCode(r) === 'NOT_FOUND')).toHaveLength(10);
    expect(burst.filter((r) => r.errors?.[0]?.extensions?.['reason'] === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
    const id = await t.template(amountOff({ claimable: false }));
    const [code] = await generate(id, 1);
    // Even a real code waits for the minute to pass.
    expect((await redeem(code!, member.token)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TOO_MANY_ATTEMPTS' });
    expect((await redeem(code!, (await t.member()).token)).data?.redeemCouponCode.source).toBe('CODE');
    expect(errorCode(await redeem(code!, t.tokens.merchant1))).toBe('FORBIDDEN');
  });
});

describe('grantCoupons', () => {
  it('gives each member named one coupon, skips those at their limit, and gives nothing twice for one key', async () => {
    const id = await t.template(amountOff({ totalQuantity: 5, perMemberLimit: 1 }));
    const [a, b, c] = await Promise.all([t.member(), t.member(), t.member()]);
    await t.query('mutation ($id: ID!) { claimCoupon(templateId: $id) { id } }', { id }, c!.token);
    const key = 'grant-0001-' + id;
    const first = await t.query<{ grantCoupons: { grantedMemberIds: string[]; skippedMemberIds: string[] } }>(GRANT, { id, members: [a!.id, b!.id, c!.id, a!.id], key }, t.tokens.merchant1);
    expect(first.data!.grantCoupons).toEqual({ grantedMemberIds: [a!.id, b!.id], skippedMemberIds: [c!.id] });
    const again = await Promise.all([0, 1, 2].map(() => t.query<{ grantCoupons: unknown }>(GRANT, { id, members: [a!.id, b!.id, c!.id], key }, t.tokens.merchant1)));
    for (const r of again) expect(r.data!.grantCoupons).toEqual(first.data!.grantCoupons);
    expect([await couponCount(id), await issuedOf(id)]).toEqual([3, 3]);
    // Two left for three new members: none is given.
    const more = await Promise.all([t.member(), t.member(), t.member()]);
    const refused = await t.query(GRANT, { id, members: more.map((m) => m.id), key: 'grant-0002-' + id }, t.tokens.merchant1);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SOLD_OUT', left: 2 });
    expect(await couponCount(id)).toBe(3);
  });

  it('is for the template’s managers only, with checked input', async () => {
    const id = await t.template(amountOff());
    const member = await t.member();
    expect(errorCode(await t.query(GRANT, { id, members: [member.id], key: 'grant-key-1' }, t.tokens.merchant2))).toBe('NOT_FOUND');
    expect(errorCode(await t.query(GRANT, { id, members: [member.id], key: 'grant-key-1' }, member.token))).toBe('FORBIDDEN');
    expect((await t.query(GRANT, { id, members: [], key: 'grant-key-1' }, t.tokens.merchant1)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberIds' });
    expect((await t.query(GRANT, { id, members: ['x'], key: 'grant-key-1' }, t.tokens.merchant1)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberIds' });
    expect((await t.query(GRANT, { id, members: Array.from({ length: 501 }, (_, i) => String(i + 1)), key: 'grant-key-1' }, t.tokens.merchant1)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberIds' });
    expect((await t.query(GRANT, { id, members: [member.id], key: 'short' }, t.tokens.merchant1)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await couponCount(id)).toBe(0);
    // An admin may grant a shop's coupon too.
    expect((await t.query<{ grantCoupons: { grantedMemberIds: string[] } }>(GRANT, { id, members: [member.id], key: 'grant-key-2' }, t.tokens.admin)).data!.grantCoupons.grantedMemberIds).toEqual([member.id]);
  });
});
