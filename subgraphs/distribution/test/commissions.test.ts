import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { as, graphql, tokenFor } from '@mall/test-kit';
import { bindings, settings } from '../src/db/schema.ts';
import { membership } from '@mall/contracts';
import { command, useDistribution } from './fixtures.ts';

/** Commissions, bindings, rules and who sees what (order's events published as its relay would; membership's mini-program codes answered by the test). */
const codesMade: string[] = [];
const d = useDistribution(() => [
  command(membership.unlimitedCode, async ({ scene, page }) => {
    codesMade.push(`${scene}|${page ?? ''}`);
    return { contentType: 'image/png', imageBase64: Buffer.from(`png:${scene}:${page}`).toString('base64') };
  }),
]);
const { db, ask, publish, newMember, rules, distributor, bind, balancesOf, orderOf, earn, SETTINGS } = d;

describe('commissions', () => {
  it('pays two levels exact cents per line, takes back the refunded lines’ share before and after settlement, and settles once', async () => {
    await rules({});
    const [top, mid, buyer] = await Promise.all([newMember(), newMember(), newMember()]);
    const topCode = await distributor(top);
    const midCode = await distributor(mid);
    expect((await bind(mid, topCode)).data?.bindReferrer).toEqual({ distributor: { id: String(top.id) }, source: 'product:12' });
    await bind(buyer, midCode);
    // Three lines as the pricing engine left them after a coupon and points (freight 600 is never shared).
    const order = orderOf(buyer, [3_333, 6_667, 1_999]);
    await publish('order.paid', order);
    await publish('order.paid', order); // delivered twice: counted once
    // 10%: 333 + 666 + 199; 5%: 166 + 333 + 99.
    expect(await balancesOf(mid)).toMatchObject({ pending: 1_198, available: 0 });
    expect(await balancesOf(top)).toMatchObject({ pending: 598, available: 0 });

    // A refund of part of the first line before settlement: its share of what is left.
    await publish('order.refunded', { orderId: order.orderId, orderNo: order.orderNo, memberId: order.memberId, shopId: '1', refundNo: 'R1', amount: 1_111, lines: [{ lineId: order.lineIds[0]!, amount: 1_111 }] });
    expect(await balancesOf(mid)).toMatchObject({ pending: 1_087 }); // line 1: floor(2222 × 10%) = 222
    expect(await balancesOf(top)).toMatchObject({ pending: 543 }); // line 1: floor(2222 × 5%) = 111

    // The after-sale window closes: available, once.
    const settled = { ...order, status: 'COMPLETED' as const, paid: order.payable - 1_111 };
    await publish('order.settled', settled);
    await publish('order.settled', settled);
    expect(await balancesOf(mid)).toEqual({ pending: 0, available: 1_087, receivable: 0, withdrawing: 0, withdrawn: 0, settled: 1_087 });
    expect(await balancesOf(top)).toEqual({ pending: 0, available: 543, receivable: 0, withdrawing: 0, withdrawn: 0, settled: 543 });

    // After settlement, the whole second line refunded by an after-sale: a reversal from available.
    await publish('order.refunded', { orderId: order.orderId, orderNo: order.orderNo, memberId: order.memberId, shopId: '1', refundNo: 'R2', amount: 6_667, lines: [{ lineId: order.lineIds[1]!, amount: 6_667 }] });
    expect(await balancesOf(mid)).toMatchObject({ available: 421, receivable: 0, settled: 421 });
    expect(await balancesOf(top)).toMatchObject({ available: 210, receivable: 0 });
    const view = await ask<{ _entities: Array<{ distributor: { commissions: Array<{ level: number; status: string; buyer: string; amount: { amount: number }; settledAmount: { amount: number }; lines: Array<{ paid: { amount: number }; refunded: { amount: number }; rate: number; amount: { amount: number } }> }> } }> }>(
      'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { distributor { commissions { level status buyer amount { amount } settledAmount { amount } lines { paid { amount } refunded { amount } rate amount { amount } } } } } } }',
      { reps: [{ __typename: 'Member', id: String(mid.id) }] }, mid.token,
    );
    const [commission] = view._entities[0]!.distributor.commissions;
    expect(commission).toMatchObject({ level: 1, status: 'SETTLED', amount: { amount: 421 }, settledAmount: { amount: 1_087 } });
    expect(commission!.buyer).toMatch(/^会员\*{4}\d{2}$/);
    expect(commission!.lines.map((l) => [l.paid.amount, l.refunded.amount, l.rate, l.amount.amount])).toEqual([[3_333, 1_111, 1_000, 222], [6_667, 6_667, 1_000, 0], [1_999, 0, 1_000, 199]]);
  });

  it('cancels what a paid order earned when it is refunded in full before it ships, and a self-purchase earns its distributor when allowed', async () => {
    await rules({ levels: 1, selfPurchase: true });
    const [seller] = await Promise.all([newMember()]);
    await distributor(seller);
    const own = orderOf(seller, [5_000]);
    await publish('order.paid', own);
    expect(await balancesOf(seller)).toMatchObject({ pending: 500 });
    await publish('order.closed', { ...own, status: 'CLOSED' });
    expect(await balancesOf(seller)).toMatchObject({ pending: 0, available: 0 });
    const rows = await ask<{ _entities: Array<{ distributor: { commissions: Array<{ status: string }> } }> }>('query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { distributor { commissions { status } } } } }', { reps: [{ __typename: 'Member', id: String(seller.id) }] }, seller.token);
    expect(rows._entities[0]!.distributor.commissions).toEqual([{ status: 'CANCELLED' }]);
    // Self-purchase off: the same order earns nothing.
    await rules({ levels: 1, selfPurchase: false });
    await publish('order.paid', orderOf(seller, [5_000]));
    expect(await balancesOf(seller)).toMatchObject({ pending: 0 });
  });
});

describe('events in any order, and refunds by amount', () => {
  it('applies a refund, a close and a settlement that came before the order’s payment, each once', async () => {
    await rules({ levels: 1 });
    const seller = await newMember();
    const code = await distributor(seller);
    const [early, closed, settledFirst] = await Promise.all([newMember(), newMember(), newMember()]);
    for (const m of [early, closed, settledFirst]) await bind(m, code);
    // A refund of half the goods, before the payment's event: the commission is made on what is left.
    const a = orderOf(early, [4_000, 6_000]);
    await publish('order.refunded', { orderId: a.orderId, orderNo: a.orderNo, memberId: a.memberId, shopId: '1', refundNo: `R${a.orderId}`, amount: 5_000, lines: [] });
    await publish('order.paid', a);
    expect((await balancesOf(seller)).pending).toBe(500); // floor(2000 × 10%) + floor(3000 × 10%)
    // Closed before the payment's event: nothing stays pending.
    const b = orderOf(closed, [3_000]);
    await publish('order.closed', { ...b, status: 'CLOSED' });
    await publish('order.paid', b);
    expect((await balancesOf(seller)).pending).toBe(500);
    // Settled before: available at once, once.
    const c = orderOf(settledFirst, [2_000]);
    const settled = { ...c, status: 'COMPLETED' as const, paid: c.payable };
    await publish('order.settled', settled);
    await publish('order.paid', c);
    await publish('order.settled', settled);
    expect(await balancesOf(seller)).toMatchObject({ pending: 500, available: 200, settled: 200 });
  });

  it('spreads a refund by amount over what is left of the lines, carries what a named line cannot take to the others, and counts a refund once', async () => {
    await rules({ levels: 1 });
    const seller = await newMember();
    const code = await distributor(seller);
    const buyer = await newMember();
    await bind(buyer, code);
    const order = orderOf(buyer, [5_000, 5_000]);
    await publish('order.paid', order);
    const refund = (refundNo: string, amount: number, lines: Array<{ lineId: string; amount: number }>) =>
      publish('order.refunded', { orderId: order.orderId, orderNo: order.orderNo, memberId: order.memberId, shopId: '1', refundNo, amount, lines });
    await refund('S1', 5_000, []); // 2,500 off each line
    expect((await balancesOf(seller)).pending).toBe(500);
    // An after-sale of the whole first line as order reckons it (5,000): 2,500 more of it, 2,500 of the second.
    await refund('S2', 5_000, [{ lineId: order.lineIds[0]!, amount: 5_000 }]);
    expect((await balancesOf(seller)).pending).toBe(0);
    // A refund too small to change a commission, delivered twice: counted once.
    const small = orderOf(buyer, [1_001]);
    await publish('order.paid', small);
    for (let i = 0; i < 3; i++) await publish('order.refunded', { orderId: small.orderId, orderNo: small.orderNo, memberId: small.memberId, shopId: '1', refundNo: `TINY${small.orderId}`, amount: 5, lines: [{ lineId: small.lineIds[0]!, amount: 5 }] });
    expect((await balancesOf(seller)).pending).toBe(99); // floor(996 × 10%)
  });

  it('counts a member’s settled spending once per order for SPENDING eligibility', async () => {
    await rules({ levels: 1, eligibility: 'SPENDING', spendThreshold: 20_000 });
    const member = await newMember();
    const order = orderOf(member, [15_000]);
    const settled = { ...order, status: 'COMPLETED' as const, paid: 15_000 };
    await publish('order.settled', settled);
    await publish('order.settled', settled);
    const refused = await graphql(d.t.url, 'mutation { applyDistributor { status } }', {}, { token: member.token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'THRESHOLD_NOT_REACHED', missing: 5_000 });
    const more = orderOf(member, [5_000]);
    await publish('order.settled', { ...more, status: 'COMPLETED', paid: 5_000 });
    expect((await ask<{ applyDistributor: { status: string } }>('mutation { applyDistributor { status } }', {}, member.token)).applyDistributor.status).toBe('ACTIVE');
  });
});

describe('binding', () => {
  it('refuses a circle, holds a lock period then rebinds, and keeps an order placed before a rebind with its distributor', async () => {
    await rules({ levels: 1, bindRule: 'FIRST_TOUCH_LOCK', lockDays: 7 });
    const [a, b, c, buyer] = await Promise.all([newMember(), newMember(), newMember(), newMember()]);
    const [codeA, codeB, codeC] = [await distributor(a), await distributor(b), await distributor(c)];
    await bind(b, codeA);
    expect((await bind(a, codeB)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CYCLE' });
    expect((await bind(a, codeA)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CYCLE' });
    // c → b → a: a binding to c would close a circle too, at any depth.
    await bind(c, codeB);
    expect((await bind(a, codeC)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CYCLE' });
    expect((await bind(buyer, 'NOSUCHCD')).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    await bind(buyer, codeA);
    // Within the lock a later share changes nothing.
    expect((await bind(buyer, codeB)).data?.bindReferrer.distributor.id).toBe(String(a.id));
    const placedBefore = new Date();
    const early = orderOf(buyer, [10_000], placedBefore);
    // Seven days later (the lock run out) a share of b's rebinds.
    await db().update(bindings).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(bindings.memberId, buyer.id));
    await new Promise((resolve) => setTimeout(resolve, 5)); // the rebind's time after the placement's, to the millisecond
    expect((await bind(buyer, codeB)).data?.bindReferrer.distributor.id).toBe(String(b.id));
    // The order placed before the rebind, paid after it, earns a; one placed now earns b.
    await publish('order.paid', early);
    await publish('order.paid', orderOf(buyer, [10_000]));
    expect((await balancesOf(a)).pending).toBe(1_000);
    expect((await balancesOf(b)).pending).toBe(1_000);
  });

  it('holds a binding made before a lock period was set for that period from when it was made', async () => {
    await rules({ levels: 1, bindRule: 'FIRST_TOUCH' });
    const [a, b, buyer] = await Promise.all([newMember(), newMember(), newMember()]);
    const [codeA, codeB] = [await distributor(a), await distributor(b)];
    await bind(buyer, codeA);
    await rules({ levels: 1, bindRule: 'FIRST_TOUCH_LOCK', lockDays: 7 });
    expect((await bind(buyer, codeB)).data?.bindReferrer.distributor.id).toBe(String(a.id));
    await db().update(bindings).set({ boundAt: new Date(Date.now() - 8 * 86_400_000) }).where(eq(bindings.memberId, buyer.id));
    expect((await bind(buyer, codeB)).data?.bindReferrer.distributor.id).toBe(String(b.id));
  });

  it('binds exactly one way when two members bind to each other at once', async () => {
    await rules({ levels: 1, bindRule: 'LAST_TOUCH' });
    const [a, b] = await Promise.all([newMember(), newMember()]);
    const [codeA, codeB] = [await distributor(a), await distributor(b)];
    const [one, two] = await Promise.all([bind(a, codeB), bind(b, codeA)]);
    expect([one, two].filter((r) => r.data).length).toBe(1);
    expect([one, two].find((r) => r.errors)?.errors?.[0]?.extensions?.['reason']).toBe('CYCLE');
  });
});

describe('rules and visibility', () => {
  it('refuses three levels with why, changing nothing', async () => {
    await rules({});
    const before = await db().select().from(settings);
    const answer = await graphql(d.t.url, SETTINGS, { input: { eligibility: 'EVERYONE', bindRule: 'FIRST_TOUCH', levels: 3, level1Rate: 1000, level2Rate: 500 } }, { token: d.admin });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_LEVELS' });
    expect(answer.errors?.[0]?.message).toMatch(/two levels/);
    expect(answer.errors?.[0]?.message).toMatch(/传销/);
    expect(await db().select().from(settings)).toEqual(before);
    const member = await newMember();
    expect((await graphql(d.t.url, SETTINGS, { input: { eligibility: 'EVERYONE', bindRule: 'FIRST_TOUCH', levels: 1, level1Rate: 1000 } }, { token: member.token })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('shows an order’s commissions to its shop’s merchant and admins only, and a distributor only their own', async () => {
    await rules({ levels: 1 });
    const [seller, other, buyer] = await Promise.all([newMember(), newMember(), newMember()]);
    await distributor(seller);
    await distributor(other);
    const code = (await ask<{ _entities: Array<{ distributor: { code: string } }> }>('query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { distributor { code } } } }', { reps: [{ __typename: 'Member', id: String(seller.id) }] }, seller.token))._entities[0]!.distributor.code;
    await bind(buyer, code);
    const order = orderOf(buyer, [2_000]);
    await publish('order.paid', order);
    const Q = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { commissions { amount { amount } } } } }';
    const commissionsAs = async (token: string) => (await graphql<{ _entities: Array<{ commissions: unknown }> }>(d.t.url, Q, { reps: [{ __typename: 'Order', id: order.orderId }] }, { token })).data?._entities[0]?.commissions;
    expect(await commissionsAs(d.admin)).toEqual([{ amount: { amount: 200 } }]);
    expect(await commissionsAs(await tokenFor(as.merchant(1)))).toEqual([{ amount: { amount: 200 } }]);
    expect(await commissionsAs(await tokenFor(as.merchant(2)))).toBeNull();
    expect(await commissionsAs(buyer.token)).toBeNull();
    // Another distributor asking for the seller's distribution gets nothing.
    const peek = await ask<{ _entities: Array<{ distributor: unknown; referrer: unknown }> }>('query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { distributor { code } referrer { source } } } }', { reps: [{ __typename: 'Member', id: String(seller.id) }, { __typename: 'Member', id: String(buyer.id) }] }, other.token);
    expect(peek._entities).toEqual([{ distributor: null, referrer: null }, { distributor: null, referrer: null }]);
  });

  it('ranks distributors by commission settled and by team, for distributors and admins only', async () => {
    await rules({ levels: 1 });
    const [first, second] = await Promise.all([newMember(), newMember()]);
    const [codeFirst, codeSecond] = [await distributor(first), await distributor(second)];
    for (let i = 0; i < 4; i++) await earn(second, codeSecond, 1_000_000); // 4 members, 400,000 settled
    for (let i = 0; i < 5; i++) await earn(first, codeFirst, 1_000_000 + i); // 5 members, 500,000 settled
    const RANK = 'query ($by: RankingBy!) { distributorRanking(by: $by, first: 5) { rank member { id } settled { amount } team } }';
    type Ranked = { distributorRanking: Array<{ rank: number; member: { id: string }; settled: { amount: number } | null; team: number | null }> };
    // A distributor sees where everyone stands, and only their own figures.
    const byCommission = (await ask<Ranked>(RANK, { by: 'COMMISSION' }, second.token)).distributorRanking;
    expect(byCommission.slice(0, 2)).toEqual([
      { rank: 1, member: { id: String(first.id) }, settled: null, team: null },
      { rank: 2, member: { id: String(second.id) }, settled: { amount: 400_000 }, team: 4 },
    ]);
    expect((await ask<Ranked>(RANK, { by: 'COMMISSION' }, d.admin)).distributorRanking[0]).toEqual({ rank: 1, member: { id: String(first.id) }, settled: { amount: 500_000 }, team: 5 });
    const byTeam = (await ask<Ranked>(RANK, { by: 'TEAM' }, d.admin)).distributorRanking;
    expect(byTeam.slice(0, 2).map((r) => [r.rank, r.member.id, r.team])).toEqual([[1, String(first.id), 5], [2, String(second.id), 4]]);
    const outsider = await newMember();
    expect((await graphql(d.t.url, RANK, { by: 'TEAM' }, { token: outsider.token })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_DISTRIBUTOR' });
  });

  it('makes a distributor’s mini-program code once per page, for at most 20 pages', async () => {
    await rules({ levels: 1 });
    const seller = await newMember();
    const code = await distributor(seller);
    const SHARE = 'query ($reps: [_Any!]!, $page: String) { _entities(representations: $reps) { ... on Member { distributor { shareImage(page: $page) } } } }';
    const share = (page: string | null) => graphql<{ _entities: Array<{ distributor: { shareImage: string } }> }>(d.t.url, SHARE, { reps: [{ __typename: 'Member', id: String(seller.id) }], page }, { token: seller.token });
    const home = await share(null);
    expect(home.data?._entities[0]!.distributor.shareImage).toBe(`data:image/png;base64,${Buffer.from(`png:${code}:null`).toString('base64')}`);
    for (let i = 1; i < 20; i++) expect((await share(`pages/p${i}/index`)).errors).toBeUndefined();
    expect((await share('pages/p20/index')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TOO_MANY_PAGES' });
    // Pages made before come from the cache, the limit notwithstanding.
    expect((await share('pages/p3/index')).errors).toBeUndefined();
    expect((await share(null)).errors).toBeUndefined();
    expect(codesMade.filter((c) => c.startsWith(`${code}|`))).toHaveLength(20);
  });

  it('pays the second level when the first is disabled, and never more than 50% of a line for both levels', async () => {
    await rules({ levels: 2, level1Rate: 2000, level2Rate: 3000 });
    const [top, mid, buyer] = await Promise.all([newMember(), newMember(), newMember()]);
    const [codeTop, codeMid] = [await distributor(top), await distributor(mid)];
    await bind(mid, codeTop);
    await bind(buyer, codeMid);
    await ask('mutation ($id: ID!) { decideDistributor(memberId: $id, approve: false, note: "违规推广") { status } }', { id: String(mid.id) }, d.admin);
    await publish('order.paid', orderOf(buyer, [10_000]));
    expect((await balancesOf(top)).pending).toBe(3_000);
    expect((await balancesOf(mid)).pending).toBe(0);
    // A grade of 30% for the first level beside the settings' 30% for the second: the second takes what is left of 50%.
    const [upper, graded, shopper] = await Promise.all([newMember(), newMember(), newMember()]);
    const [codeUpper, codeGraded] = [await distributor(upper), await distributor(graded)];
    await bind(graded, codeUpper);
    await bind(shopper, codeGraded);
    const grade = await ask<{ createDistributorGrade: { id: string } }>('mutation { createDistributorGrade(name: "钻石", level1Rate: 3000, level2Rate: 2000) { id } }', {}, d.admin);
    await ask('mutation ($m: ID!, $g: ID) { setDistributorGrade(memberId: $m, gradeId: $g) { levelName } }', { m: String(graded.id), g: grade.createDistributorGrade.id }, d.admin);
    await publish('order.paid', orderOf(shopper, [10_000]));
    expect((await balancesOf(graded)).pending).toBe(3_000);
    expect((await balancesOf(upper)).pending).toBe(2_000);
  });

  // Last of the file: the rates it sets are on the products and SKUs every order here uses.
  it('takes a SKU’s rate over its product’s, a product’s over the grade’s, the grade’s over the settings', async () => {
    await rules({ levels: 1 }); // 10%
    const seller = await newMember();
    const code = await distributor(seller);
    const buyer = await newMember();
    await bind(buyer, code);
    const grade = await ask<{ createDistributorGrade: { id: string } }>('mutation { createDistributorGrade(name: "金牌", level1Rate: 2000) { id } }', {}, d.admin);
    const graded = await ask<{ setDistributorGrade: { levelName: string } }>('mutation ($m: ID!, $g: ID) { setDistributorGrade(memberId: $m, gradeId: $g) { levelName } }', { m: String(seller.id), g: grade.createDistributorGrade.id }, d.admin);
    expect(graded.setDistributorGrade.levelName).toBe('金牌');
    // orderOf's lines: SKUs 9000, 9001, 9002 of products 800, 801, 802.
    await ask('mutation { a: setCommissionRate(productId: "800", level1Rate: 1500) { level1Rate } b: setCommissionRate(productId: "801", level1Rate: 3000) { level1Rate } c: setCommissionRate(skuId: "9001", level1Rate: 500) { level1Rate } }', {}, d.admin);
    await ask('mutation { setCommissionRate(productId: "800", level1Rate: 1500) { level1Rate } }', {}, d.admin); // set again: still one row
    const rates = await ask<{ commissionRates: Array<{ product: { id: string } | null; sku: { id: string } | null; level1Rate: number }> }>('{ commissionRates { product { id } sku { id } level1Rate } }', {}, d.admin);
    expect(rates.commissionRates.filter((r) => r.product?.id === '800')).toHaveLength(1);
    await publish('order.paid', orderOf(buyer, [10_000, 10_000, 10_000]));
    // 1,500 (product 800) + 500 (SKU 9001 over product 801) + 2,000 (the grade, product 802 has none).
    expect((await balancesOf(seller)).pending).toBe(4_000);
    const member = await newMember();
    expect((await graphql(d.t.url, 'mutation { setCommissionRate(productId: "800", level1Rate: 100) { level1Rate } }', {}, { token: member.token })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await graphql(d.t.url, 'mutation { setCommissionRate(level1Rate: 100) { level1Rate } }', {}, { token: d.admin })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
