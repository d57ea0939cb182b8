import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { promotion as contracts } from '@mall/contracts';
import { sendCommand, type NatsConnection } from '@mall/kit';
import { as, entitiesQuery, graphql, testNats, tokenFor } from '@mall/test-kit';
import { activities } from '../src/db/schema.ts';
import { amountOff, CLAIM, sku, startPromotion, type TestPromotion } from './fixtures.ts';

/** Shop activities through promotion's API: merchants' CRUD, quotes that explain them, SKU and product tags, budgets held exactly. */
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
const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

const CREATE = 'mutation ($input: ActivityInput!) { createActivity(input: $input) { id kind label status running tiers { label } specialPrices { sku { id } price { amount } } budget { amount } budgetLeft { amount } } }';
const UPDATE = 'mutation ($id: ID!, $input: ActivityInput!) { updateActivity(id: $id, input: $input) { id name } }';
const STATUS = 'mutation ($id: ID!, $s: ActivityStatus!) { setActivityStatus(id: $id, status: $s) { id status running } }';
const ACTIVITY = 'query ($id: ID!) { activity(id: $id) { id name budget { amount } discountGiven { amount } orders } }';
const LIST = 'query ($shop: ID!) { activities(shopId: $shop) { totalCount nodes { id } } }';
const QUOTE = `query ($input: QuoteInput!) { quoteCheckout(input: $input) {
  discount { amount } payable { amount }
  shops { lines { sku { id } payable { amount } discounts { source label amount { amount } activity { id } coupon { id } } } }
  applied { coupon { id } amount { amount } }
  notApplied { coupon { id } reason missing { amount } }
  activities { activity { id } amount { amount } nextTier { label } missing { amount } missingQuantity message }
  notAppliedActivities { activity { id } reason missing { amount } missingQuantity message } } }`;

const reduction = (changes: Record<string, unknown> = {}) => ({
  name: '满100减10',
  kind: 'FULL_REDUCTION',
  tiers: [{ threshold: 10_000, amountOff: 1_000 }, { threshold: 20_000, amountOff: 2_500 }],
  endsAt: at(24 * HOUR),
  ...changes,
});

type Created = { createActivity: { id: string; kind: string; label: string; status: string; running: boolean; tiers: Array<{ label: string }>; budget: { amount: number } | null; budgetLeft: { amount: number } | null } };
async function activity(input: Record<string, unknown>, token = t.tokens.merchant1): Promise<Created['createActivity']> {
  const created = await t.query<Created>(CREATE, { input }, token);
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  return created.data.createActivity;
}

type Amount = { amount: number };
type QuoteData = {
  quoteCheckout: {
    discount: Amount; payable: Amount;
    shops: Array<{ lines: Array<{ sku: { id: string }; payable: Amount; discounts: Array<{ source: string; label: string; amount: Amount; activity: { id: string } | null; coupon: { id: string } | null }> }> }>;
    applied: Array<{ coupon: { id: string }; amount: Amount }>;
    notApplied: Array<{ coupon: { id: string }; reason: string; missing: Amount | null }>;
    activities: Array<{ activity: { id: string }; amount: Amount; nextTier: { label: string } | null; missing: Amount | null; missingQuantity: number | null; message: string }>;
    notAppliedActivities: Array<{ activity: { id: string }; reason: string; missing: Amount | null; missingQuantity: number | null; message: string }>;
  };
};
const quote = async (token: string, lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}) => {
  const answer = await t.query<QuoteData>(QUOTE, { input: { lines, ...extra } }, token);
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.quoteCheckout;
};
const stock = (...snapshots: ReturnType<typeof sku>[]) => {
  for (const s of snapshots) t.skus.set(s.skuId, s);
  return snapshots;
};

describe('merchants’ activities', () => {
  it('lets a merchant create, list, update before the start, pause and end their shop’s activities', async () => {
    const created = await activity(reduction({ budget: 50_000 }));
    expect(created).toMatchObject({ kind: 'FULL_REDUCTION', label: '满100减10', status: 'ACTIVE', running: true, tiers: [{ label: '满100减10' }, { label: '满200减25' }], budget: { amount: 50_000 }, budgetLeft: { amount: 50_000 } });
    const later = await activity(reduction({ name: '下周满减', startsAt: at(7 * 24 * HOUR), endsAt: at(8 * 24 * HOUR) }));
    expect(later.running).toBe(false);
    const updated = await t.query<{ updateActivity: { name: string } }>(UPDATE, { id: later.id, input: reduction({ name: '下周满减2', startsAt: at(7 * 24 * HOUR), endsAt: at(9 * 24 * HOUR) }) }, t.tokens.merchant1);
    expect(updated.data?.updateActivity.name).toBe('下周满减2');
    const started = await t.query(UPDATE, { id: created.id, input: reduction({ name: '改名' }) }, t.tokens.merchant1);
    expect(started.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACTIVITY_STARTED' });

    // Another shop's merchant neither sees its figures nor changes it; the public sees it while active.
    const seen = await t.query<{ activity: { budget: Amount | null; discountGiven: Amount | null } }>(ACTIVITY, { id: created.id }, t.tokens.merchant2);
    expect(seen.data?.activity).toMatchObject({ budget: null, discountGiven: null });
    const paused = await t.query(STATUS, { id: created.id, s: 'PAUSED' }, t.tokens.merchant2);
    expect(paused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.query<{ setActivityStatus: { status: string; running: boolean } }>(STATUS, { id: created.id, s: 'PAUSED' }, t.tokens.merchant1)).data?.setActivityStatus).toEqual({ id: created.id, status: 'PAUSED', running: false });
    expect((await graphql<{ activity: null }>(t.url, ACTIVITY, { id: created.id })).data?.activity).toBeNull();
    const publicList = await graphql<{ activities: { nodes: Array<{ id: string }> } }>(t.url, LIST, { shop: '1' });
    expect(publicList.data!.activities.nodes.map((n) => n.id)).not.toContain(created.id);
    const own = await t.query<{ activities: { nodes: Array<{ id: string }> } }>(LIST, { shop: '1' }, t.tokens.merchant1);
    expect(own.data!.activities.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([created.id, later.id]));
    await t.query(STATUS, { id: created.id, s: 'ENDED' }, t.tokens.merchant1);
    const resumed = await t.query(STATUS, { id: created.id, s: 'ACTIVE' }, t.tokens.merchant1);
    expect(resumed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  const bad: Array<{ name: string; input: Record<string, unknown>; token?: 'admin' | 'merchant1'; code: string; field?: string }> = [
    { name: 'for another shop', input: reduction({ shopId: '2' }), code: 'FORBIDDEN' },
    { name: 'by an admin without a shop', input: reduction(), token: 'admin', code: 'BAD_USER_INPUT', field: 'input.shopId' },
    { name: 'no tiers', input: reduction({ tiers: [] }), code: 'BAD_USER_INPUT', field: 'input.tiers' },
    { name: 'six tiers', input: reduction({ tiers: Array.from({ length: 6 }, (_, i) => ({ threshold: (i + 2) * 1_000, amountOff: (i + 1) * 100 })) }), code: 'BAD_USER_INPUT', field: 'input.tiers' },
    { name: 'amountOff the whole threshold', input: reduction({ tiers: [{ threshold: 10_000, amountOff: 10_000 }] }), code: 'BAD_USER_INPUT', field: 'input.tiers.0.amountOff' },
    { name: 'a negative amountOff', input: reduction({ tiers: [{ threshold: 10_000, amountOff: -1 }] }), code: 'BAD_USER_INPUT', field: 'input.tiers.0.amountOff' },
    { name: 'an absurd threshold', input: reduction({ tiers: [{ threshold: 9_007_199_254_740_991, amountOff: 1 }] }), code: 'BAD_USER_INPUT', field: 'input.tiers.0.threshold' },
    { name: 'tiers that do not rise', input: reduction({ tiers: [{ threshold: 20_000, amountOff: 2_500 }, { threshold: 10_000, amountOff: 3_000 }] }), code: 'BAD_USER_INPUT', field: 'input.tiers.1' },
    { name: 'a higher tier that gives less', input: reduction({ tiers: [{ threshold: 10_000, amountOff: 2_500 }, { threshold: 20_000, amountOff: 2_000 }] }), code: 'BAD_USER_INPUT', field: 'input.tiers.1' },
    { name: 'a full discount tier with a threshold', input: reduction({ kind: 'FULL_DISCOUNT' }), code: 'BAD_USER_INPUT', field: 'input.tiers.0' },
    { name: 'a full discount of 100 percent', input: reduction({ kind: 'FULL_DISCOUNT', tiers: [{ minQuantity: 2, percentOff: 100 }] }), code: 'BAD_USER_INPUT', field: 'input.tiers.0.percentOff' },
    { name: 'special prices on a full reduction', input: reduction({ specialPrices: [{ skuId: '1', price: 1 }] }), code: 'BAD_USER_INPUT', field: 'input.specialPrices' },
    { name: 'a special price activity without prices', input: { name: '限时', kind: 'SPECIAL_PRICE', endsAt: at(HOUR) }, code: 'BAD_USER_INPUT', field: 'input.specialPrices' },
    { name: 'a special price at the SKU’s price', input: { name: '限时', kind: 'SPECIAL_PRICE', endsAt: at(HOUR), specialPrices: [{ skuId: '7990', price: 1_000 }] }, code: 'BAD_USER_INPUT', field: 'input.specialPrices.0.price' },
    { name: 'a special price of 0', input: { name: '限时', kind: 'SPECIAL_PRICE', endsAt: at(HOUR), specialPrices: [{ skuId: '7990', price: 0 }] }, code: 'BAD_USER_INPUT', field: 'input.specialPrices.0.price' },
    { name: 'a special price of another shop’s SKU', input: { name: '限时', kind: 'SPECIAL_PRICE', endsAt: at(HOUR), specialPrices: [{ skuId: '7991', price: 500 }] }, code: 'NOT_FOUND', field: 'input.specialPrices.0.skuId' },
    { name: 'one SKU priced twice', input: { name: '限时', kind: 'SPECIAL_PRICE', endsAt: at(HOUR), specialPrices: [{ skuId: '7990', price: 500 }, { skuId: '7990', price: 400 }] }, code: 'BAD_USER_INPUT', field: 'input.specialPrices' },
    { name: 'an end in the past', input: reduction({ endsAt: at(-HOUR) }), code: 'BAD_USER_INPUT', field: 'input.endsAt' },
    { name: 'an end before the start', input: reduction({ startsAt: at(2 * HOUR), endsAt: at(HOUR) }), code: 'BAD_USER_INPUT', field: 'input.endsAt' },
    { name: 'longer than a year', input: reduction({ endsAt: at(400 * 24 * HOUR) }), code: 'BAD_USER_INPUT', field: 'input.endsAt' },
    { name: 'a budget of 0', input: reduction({ budget: 0 }), code: 'BAD_USER_INPUT', field: 'input.budget' },
    { name: 'a negative budget', input: reduction({ budget: -100 }), code: 'BAD_USER_INPUT', field: 'input.budget' },
    { name: 'a scope without ids', input: reduction({ scope: 'PRODUCTS' }), code: 'BAD_USER_INPUT', field: 'input.scopeIds' },
    { name: 'a name of 1 character', input: reduction({ name: '减' }), code: 'BAD_USER_INPUT', field: 'input.name' },
  ];
  for (const c of bad) {
    it(`refuses ${c.name} (${c.code}) and writes nothing`, async () => {
      stock(sku({ skuId: '7990', price: 1_000 }), sku({ skuId: '7991', shopId: '2' }));
      const before = await t.tableChecksums();
      const answer = await t.query(CREATE, { input: c.input }, t.tokens[c.token ?? 'merchant1']);
      expect(answer.errors?.[0]?.extensions, JSON.stringify(answer.errors)).toMatchObject({ code: c.code, ...(c.field ? { field: c.field } : {}) });
      expect(await t.tableChecksums()).toEqual(before);
    });
  }
});

describe('quotes with activities', () => {
  it('applies a special price, then a full reduction with the next tier’s hint, then a coupon, and explains an unreached 满件折', async () => {
    const merchant3 = await tokenFor(as.merchant(3));
    const [a, b] = stock(sku({ shopId: '3', price: 9_900 }), sku({ shopId: '3', price: 9_300, categoryIds: ['31', '3'] }));
    const sp = await activity({ name: '限时特价', kind: 'SPECIAL_PRICE', endsAt: at(HOUR), specialPrices: [{ skuId: a!.skuId, price: 8_900 }] }, merchant3);
    const full = await activity(reduction({ name: '满减' }), merchant3);
    const pieces = await activity(reduction({ name: '满3件95折', kind: 'FULL_DISCOUNT', tiers: [{ minQuantity: 3, percentOff: 5 }], scope: 'CATEGORIES', scopeIds: ['31'] }), merchant3);
    const member = await t.member();
    const templateId = await t.template(amountOff({ name: '店铺券', threshold: 15_000, amountOff: 500 }), merchant3);
    const couponId = (await t.query<{ claimCoupon: { id: string } }>(CLAIM, { id: templateId }, member.token)).data!.claimCoupon.id;

    const q = await quote(member.token, [{ skuId: a!.skuId, quantity: 1 }, { skuId: b!.skuId, quantity: 1 }]);
    // 99.00 → 89.00 (special price); 89.00 + 93.00 = 182.00 reaches 满100减10 (¥18.00 short of 满200减25); 172.00 reaches the coupon's 150.
    expect(q.activities.map((x) => [x.activity.id, x.amount.amount, x.nextTier?.label ?? null, x.missing?.amount ?? null])).toEqual([
      [sp.id, 1_000, null, null],
      [full.id, 1_000, '满200减25', 1_800],
    ]);
    expect(q.activities[1]!.message).toBe('已减 ¥10.00，再买 ¥18.00 可享 满200减25');
    // 满3件95折 covers b alone: one piece, two short (whatever the 满减 took).
    expect(q.notAppliedActivities).toEqual([{ activity: { id: pieces.id }, reason: 'THRESHOLD_NOT_REACHED', missing: null, missingQuantity: 2, message: '再买 2 件 可享 满3件9.5折' }]);
    // With three pieces it would apply, but its line took the 满减, which takes more: not stackable.
    const three = await quote(member.token, [{ skuId: a!.skuId, quantity: 1 }, { skuId: b!.skuId, quantity: 3 }], { couponIds: [] });
    expect(three.notAppliedActivities).toEqual([expect.objectContaining({ activity: { id: pieces.id }, reason: 'NOT_STACKABLE', message: '满3件95折：这些商品已享受其他活动优惠' })]);
    expect(q.applied).toEqual([{ coupon: { id: couponId }, amount: { amount: 500 } }]);
    expect(q.discount.amount).toBe(1_000 + 1_000 + 500);
    const lineA = q.shops[0]!.lines.find((l) => l.sku.id === a!.skuId)!;
    expect(lineA.discounts[0]).toMatchObject({ source: 'ACTIVITY', label: '限时特价', amount: { amount: 1_000 }, activity: { id: sp.id }, coupon: null });
    const lineB = q.shops[0]!.lines.find((l) => l.sku.id === b!.skuId)!;
    expect(lineA.discounts.map((d) => d.label)).toEqual(['限时特价', '满减', '店铺券']);
    expect(lineB.discounts.map((d) => d.label)).toEqual(['满减', '店铺券']);

    // A cart ¥12.00 short of the first tier says so.
    const [c] = stock(sku({ shopId: '3', price: 8_800 }));
    const short = await quote(member.token, [{ skuId: c!.skuId, quantity: 1 }], { couponIds: [] });
    expect(short.notAppliedActivities.find((n) => n.activity.id === full.id)).toEqual({ activity: { id: full.id }, reason: 'THRESHOLD_NOT_REACHED', missing: { amount: 1_200 }, missingQuantity: null, message: '再买 ¥12.00 可享 满100减10' });
  });

  it('shows a SKU’s promotions and a product’s tags, activities first', async () => {
    const merchant4 = await tokenFor(as.merchant(4));
    const [s] = stock(sku({ shopId: '4', price: 5_000 }));
    t.products.set(s!.productId, { shopId: '4', categoryIds: s!.categoryIds });
    const sp = await activity({ name: '限时', kind: 'SPECIAL_PRICE', endsAt: at(HOUR), specialPrices: [{ skuId: s!.skuId, price: 3_900 }] }, merchant4);
    const full = await activity(reduction({ name: '满减' }), merchant4);
    await t.template(amountOff({ name: '店铺券', threshold: 9_900, amountOff: 800 }), merchant4);
    const skus = await graphql<{ _entities: Array<{ promotions: Array<{ kind: string; label: string; activity: { id: string } | null; price: Amount | null }> }> }>(
      t.url,
      entitiesQuery('Sku', 'promotions { kind label activity { id } price { amount } }'),
      { representations: [{ __typename: 'Sku', id: s!.skuId }] },
    );
    expect(skus.data!._entities[0]!.promotions).toEqual([
      { kind: 'SPECIAL_PRICE', label: '限时折扣', activity: { id: sp.id }, price: { amount: 3_900 } },
      { kind: 'FULL_REDUCTION', label: '满100减10', activity: { id: full.id }, price: null },
      { kind: 'COUPON', label: '满99减8', activity: null, price: null },
    ]);
    const products = await graphql<{ _entities: Array<{ promotionTags: string[] }> }>(t.url, entitiesQuery('Product', 'promotionTags'), { representations: [{ __typename: 'Product', id: s!.productId }] });
    expect(products.data!._entities[0]!.promotionTags).toEqual(['限时折扣', '满100减10', '满99减8', '券']);
    // The merchant lowers the price below the special price: no 限时折扣 any more.
    t.skus.set(s!.skuId, { ...s!, price: 3_500 });
    const cheaper = await graphql<{ _entities: Array<{ promotionTags: string[] }> }>(t.url, entitiesQuery('Product', 'promotionTags'), { representations: [{ __typename: 'Product', id: s!.productId }] });
    expect(cheaper.data!._entities[0]!.promotionTags).toEqual(['满100减10', '满99减8', '券']);
  });
});

describe('quotes kept while activities change', () => {
  it('refuses a checkout at the quote once its activity was paused, naming it, and prices it afresh without the quote', async () => {
    const merchant6 = await tokenFor(as.merchant(6));
    const [s] = stock(sku({ shopId: '6', price: 12_000 }));
    const created = await activity(reduction({ shopId: '6' }), merchant6);
    const member = await t.member();
    const kept = await t.query<{ quoteCheckout: { id: string; payable: Amount } }>('query ($input: QuoteInput!) { quoteCheckout(input: $input) { id payable { amount } } }', { input: { lines: [{ skuId: s!.skuId, quantity: 1 }], couponIds: [] } }, member.token);
    expect(kept.data!.quoteCheckout.payable.amount).toBe(12_000 - 1_000);
    await t.query(STATUS, { id: created.id, s: 'PAUSED' }, merchant6);
    const request = { memberId: member.id, levelPermille: 1000, couponIds: null, quoteId: kept.data!.quoteCheckout.id, lines: [{ skuId: s!.skuId, productId: s!.productId, shopId: '6', categoryIds: s!.categoryIds, unitPrice: 12_000, quantity: 1 }] };
    await expect(send(nats, contracts.priceCheckout, request)).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', reason: 'QUOTE_CHANGED', changes: [{ what: 'ACTIVITY', id: created.id, was: 1_000, now: 0, why: 'EXPIRED' }] },
    });
    const afresh = await send(nats, contracts.priceCheckout, { ...request, quoteId: null, couponIds: [] });
    expect(afresh.shops[0]!.payable).toBe(12_000);
  });
});

describe('activity budgets', () => {
  it('lets 50 orders at once hold no more than the budget, gives back released holds and counts paid ones', async () => {
    const merchant5 = await tokenFor(as.merchant(5));
    const created = await activity(reduction({ shopId: '5', budget: 10_000 }), merchant5);
    const id = created.id;
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => send(nats, contracts.reserveActivities, { owner: `O-budget-${id}-${i}`, activities: [{ activityId: id, amount: 1_000 }] })));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(10);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'BUDGET_EXHAUSTED', activityId: id } });
    const row = async () => (await t.subgraph.deps.db.select().from(activities).where(eq(activities.id, Number(id))))[0]!;
    expect(await row()).toMatchObject({ held: 10_000, spent: 0 });

    // Three end unpaid, two are paid (order's events, as the consumers handle them).
    for (const i of won.slice(0, 3)) await send(nats, contracts.releaseActivities, { owner: `O-budget-${id}-${i}` });
    const { activityOrderPaid, activityOrderClosed } = await import('../src/services/activities.ts');
    for (const i of won.slice(3, 5)) await activityOrderPaid(t.subgraph.deps, `O-budget-${id}-${i}`);
    await activityOrderPaid(t.subgraph.deps, `O-budget-${id}-${won[3]}`); // delivered twice
    expect(await row()).toMatchObject({ held: 5_000, spent: 2_000, orders: 2 });
    // One paid order refunded in full gives its share back to the budget.
    await activityOrderClosed(t.subgraph.deps, `O-budget-${id}-${won[4]}`);
    await activityOrderClosed(t.subgraph.deps, `O-budget-${id}-${won[4]}`);
    expect(await row()).toMatchObject({ held: 5_000, spent: 1_000, orders: 1 });
    const figures = await t.query<{ activity: { budget: Amount; discountGiven: Amount; orders: number } }>(ACTIVITY, { id }, merchant5);
    expect(figures.data!.activity).toMatchObject({ budget: { amount: 10_000 }, discountGiven: { amount: 1_000 }, orders: 1 });

    // What is left (10,000 − 5,000 held − 1,000 spent = 4,000) covers four more, and a quote sees it.
    const [s] = stock(sku({ shopId: '5', price: 10_000 }));
    const member = await t.member();
    expect((await quote(member.token, [{ skuId: s!.skuId, quantity: 1 }])).activities.map((a) => a.amount.amount)).toEqual([1_000]);
    const more = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => send(nats, contracts.reserveActivities, { owner: `O-budget2-${id}-${i}`, activities: [{ activityId: id, amount: 1_000 }] })));
    expect(more.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const spent = await quote(member.token, [{ skuId: s!.skuId, quantity: 1 }]);
    expect(spent.activities).toEqual([]);
    expect(spent.notAppliedActivities).toEqual([expect.objectContaining({ reason: 'LIMIT_REACHED', message: '满100减10：活动预算已用完' })]);
    // A paused activity takes no new holds.
    await t.query(STATUS, { id, s: 'PAUSED' }, merchant5);
    await send(nats, contracts.releaseActivities, { owner: `O-budget2-${id}-0` });
    await expect(send(nats, contracts.reserveActivities, { owner: `O-budget3-${id}`, activities: [{ activityId: id, amount: 1 }] })).rejects.toMatchObject({ extensions: { reason: 'BUDGET_EXHAUSTED' } });
  });
});
