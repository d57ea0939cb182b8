import { describe, expect, it } from 'vitest';
import { applyPoints, priceCart, type PricingActivity, type PricingCoupon, type PricingInput, type PricingLine, type Quote } from '../src/services/pricing.ts';

/** Shop activities in the pricing engine, and the stacking table of docs/architecture.md, on exact figures. */

const NOW = new Date('2026-12-04T12:00:00.000Z');
const DAY = 86_400_000;
let nextId = 1;

const line = (shopId: string, unitPrice: number, quantity = 1, extra: Partial<PricingLine> = {}): PricingLine => {
  const n = nextId++;
  return { skuId: String(1000 + n), productId: String(500 + n), shopId, categoryIds: ['30', '3'], unitPrice, quantity, ...extra };
};

const activity = (extra: Partial<PricingActivity> & Pick<PricingActivity, 'kind'>): PricingActivity => {
  const n = nextId++;
  return { activityId: String(n), name: `活动${n}`, shopId: '1', tiers: [], prices: [], scope: 'ALL', scopeIds: [], excludedProductIds: [], excludesCoupons: false, budgetLeft: null, ...extra };
};
const reduction = (tiers: Array<[number, number]>, extra: Partial<PricingActivity> = {}) =>
  activity({ kind: 'FULL_REDUCTION', tiers: tiers.map(([threshold, amountOff]) => ({ threshold, amountOff })), ...extra });
const discount = (tiers: Array<[number, number]>, extra: Partial<PricingActivity> = {}) =>
  activity({ kind: 'FULL_DISCOUNT', tiers: tiers.map(([minQuantity, percentOff]) => ({ minQuantity, percentOff })), ...extra });
const special = (prices: Array<[PricingLine, number]>, extra: Partial<PricingActivity> = {}) =>
  activity({ kind: 'SPECIAL_PRICE', prices: prices.map(([l, price]) => ({ skuId: l.skuId, price })), ...extra });

const coupon = (extra: Partial<PricingCoupon> & Pick<PricingCoupon, 'kind'>): PricingCoupon => {
  const n = nextId++;
  return {
    couponId: String(n), name: `券${n}`, shopId: null, threshold: 0, amountOff: null, percentOff: null, maxOff: null, scope: 'ALL', scopeIds: [], excludedProductIds: [],
    validFrom: new Date(NOW.getTime() - DAY), validUntil: new Date(NOW.getTime() + DAY), status: 'UNUSED', ...extra,
  };
};

const price = (lines: PricingLine[], activities: PricingActivity[], extra: Partial<PricingInput> = {}): Quote =>
  priceCart({ lines, coupons: [], activities, choose: 'auto', levelPermille: 1000, freightOf: () => 0, now: NOW, ...extra });

/** What each source took off the whole cart, by the activity's or coupon's id (or MEMBER_LEVEL, POINTS). */
function taken(quote: Quote): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of quote.shops.flatMap((s) => s.lines)) {
    for (const d of l.discounts) {
      const key = d.source.kind === 'ACTIVITY' ? d.source.activityId : d.source.kind === 'COUPON' ? d.source.couponId : d.source.kind;
      out[key] = (out[key] ?? 0) + d.amount;
    }
  }
  return out;
}

function expectWhole(quote: Quote): void {
  for (const shop of quote.shops) {
    for (const l of shop.lines) expect(l.payable).toBe(l.subtotal - l.discounts.reduce((sum, d) => sum + d.amount, 0));
    expect(shop.discount).toBe(shop.lines.reduce((sum, l) => sum + l.subtotal - l.payable, 0));
    expect(shop.payable).toBe(shop.goods - shop.discount + shop.freight);
  }
  for (const a of quote.activities) expect(taken(quote)[a.activityId]).toBe(a.amount);
}

describe('special prices (限时折扣)', () => {
  it('takes the difference to the lowest special price of a SKU, per unit', () => {
    const a = line('1', 9_900, 3);
    const cheap = special([[a, 6_600]]);
    const dearer = special([[a, 7_900]]);
    const quote = price([a], [dearer, cheap]);
    expectWhole(quote);
    expect(quote.activities.map((x) => [x.activityId, x.amount])).toEqual([[cheap.activityId, 3 * 3_300]]);
    expect(quote.notAppliedActivities).toEqual([expect.objectContaining({ activityId: dearer.activityId, reason: 'NOT_STACKABLE' })]);
  });

  it('takes nothing when today’s price is already lower, and never from another shop’s SKU of the same id', () => {
    const a = line('1', 5_000);
    const b = line('2', 5_000);
    const stale = special([[a, 6_000]]);
    const shop1 = special([[b, 1_000]]); // shop 1's activity naming shop 2's SKU
    const quote = price([a, b], [stale, shop1]);
    expect(quote.discount).toBe(0);
    expect(quote.notAppliedActivities).toEqual([expect.objectContaining({ activityId: stale.activityId, reason: 'NOTHING_LEFT' })]);
  });
});

describe('full reductions and full discounts', () => {
  it('applies the highest tier reached, and says what the next tier lacks', () => {
    const act = reduction([[10_000, 1_000], [20_000, 2_500]]);
    const quote = price([line('1', 9_400), line('1', 9_400)], [act]);
    expectWhole(quote);
    expect(quote.activities).toEqual([expect.objectContaining({ activityId: act.activityId, amount: 1_000, next: { missing: 1_200, missingQuantity: null, tier: { threshold: 20_000, amountOff: 2_500 } } })]);
    const top = price([line('1', 20_000)], [act]);
    expect(top.activities).toEqual([expect.objectContaining({ amount: 2_500, next: null })]);
  });

  it('says a cart ¥12.00 short of the first tier lacks ¥12.00', () => {
    const act = reduction([[20_000, 2_500]]);
    const quote = price([line('1', 18_800)], [act]);
    expect(quote.activities).toEqual([]);
    expect(quote.notAppliedActivities).toEqual([{ activityId: act.activityId, name: act.name, reason: 'THRESHOLD_NOT_REACHED', missing: 1_200, missingQuantity: null }]);
  });

  it('counts pieces for 满2件9折 and rounds its discount down to the cent', () => {
    const act = discount([[2, 10], [3, 20]]);
    const one = price([line('1', 1_999)], [act]);
    expect(one.notAppliedActivities).toEqual([expect.objectContaining({ reason: 'THRESHOLD_NOT_REACHED', missing: null, missingQuantity: 1 })]);
    const two = price([line('1', 1_999), line('1', 1_000)], [act]);
    expectWhole(two);
    expect(two.activities).toEqual([expect.objectContaining({ amount: Math.floor(2_999 * 0.1), next: expect.objectContaining({ missingQuantity: 1 }) })]);
    const three = price([line('1', 1_999, 3)], [act]);
    expect(three.activities[0]!.amount).toBe(Math.floor((3 * 1_999 * 20) / 100));
  });

  it('gives each line at most one of them, the one taking most first; the other is not stackable', () => {
    const small = reduction([[10_000, 500]]);
    const big = discount([[2, 10]]);
    const quote = price([line('1', 6_000), line('1', 6_000)], [small, big]);
    expect(quote.activities.map((a) => [a.activityId, a.amount])).toEqual([[big.activityId, 1_200]]);
    expect(quote.notAppliedActivities).toEqual([expect.objectContaining({ activityId: small.activityId, reason: 'NOT_STACKABLE' })]);
  });

  it('lets activities over separate lines both apply, each on its own scope', () => {
    const a = line('1', 12_000, 1, { categoryIds: ['31', '3'] });
    const b = line('1', 3_000, 2, { categoryIds: ['40', '4'] });
    const byCategory = reduction([[10_000, 1_500]], { scope: 'CATEGORIES', scopeIds: ['3'] });
    const byProduct = discount([[2, 20]], { scope: 'PRODUCTS', scopeIds: [b.productId] });
    const quote = price([a, b], [byCategory, byProduct]);
    expectWhole(quote);
    expect(taken(quote)).toEqual({ [byCategory.activityId]: 1_500, [byProduct.activityId]: 1_200 });
  });

  it('never covers another shop’s lines, nor excluded products', () => {
    const a = line('1', 20_000);
    const b = line('2', 20_000);
    const act = reduction([[10_000, 1_000]], { excludedProductIds: [a.productId] });
    const quote = price([a, b], [act]);
    expect(quote.discount).toBe(0);
    expect(quote.notAppliedActivities).toEqual([expect.objectContaining({ reason: 'NOT_IN_SCOPE' })]);
  });

  it('reads its threshold after the special prices', () => {
    const a = line('1', 11_000);
    const sp = special([[a, 9_900]]);
    const act = reduction([[10_000, 1_000]]);
    const quote = price([a], [sp, act]);
    expect(quote.notAppliedActivities).toEqual([expect.objectContaining({ activityId: act.activityId, reason: 'THRESHOLD_NOT_REACHED', missing: 100 })]);
  });

  it('applies only while its budget covers what it would take', () => {
    const act = reduction([[10_000, 1_000]], { budgetLeft: 999 });
    const quote = price([line('1', 10_000)], [act]);
    expect(quote.discount).toBe(0);
    expect(quote.notAppliedActivities).toEqual([expect.objectContaining({ reason: 'LIMIT_REACHED' })]);
    expect(price([line('1', 10_000)], [{ ...act, budgetLeft: 1_000 }]).discount).toBe(1_000);
  });

  it('keeps every order whole over many odd carts and activities', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = (n: number) => ((seed * 7919 + n * 104729) % 9973) + 1;
      const lines = [line('1', rand(1), 1 + (seed % 3)), line('1', rand(2)), line('2', rand(3), 2)];
      const acts = [special([[lines[0]!, Math.max(1, rand(4) % rand(1))]]), reduction(([[rand(5) % 3_000 + 1, rand(6) % 500 + 1]] as Array<[number, number]>).filter(([threshold, off]) => off < threshold)), discount([[2, 1 + (seed % 40)]], { shopId: '2' })];
      const quote = price(lines, acts.filter((a) => a.kind === 'SPECIAL_PRICE' || a.tiers.length > 0), { coupons: [coupon({ kind: 'AMOUNT_OFF', amountOff: rand(7) % 300 + 1 })], levelPermille: 950 });
      expectWhole(quote);
    }
  });
});

describe('coupons after activities', () => {
  it('reads a coupon’s threshold after the activities', () => {
    const act = reduction([[10_000, 1_000]]);
    const c = coupon({ kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 500 });
    const quote = price([line('1', 10_500)], [act], { coupons: [c] });
    expect(quote.notApplied).toEqual([expect.objectContaining({ couponId: c.couponId, reason: 'THRESHOLD_NOT_REACHED', missing: 500 })]);
  });

  it('an activity that excludes coupons keeps its lines out of every coupon’s scope', () => {
    const a = line('1', 10_000);
    const b = line('1', 10_000);
    const sp = special([[a, 8_000]], { excludesCoupons: true });
    const c = coupon({ kind: 'AMOUNT_OFF', threshold: 0, amountOff: 1_000 });
    const quote = price([a, b], [sp], { coupons: [c] });
    expectWhole(quote);
    // The coupon lands on b alone.
    expect(quote.shops[0]!.lines.map((l) => l.discounts.map((d) => [d.source.kind, d.amount]))).toEqual([[['ACTIVITY', 2_000]], [['COUPON', 1_000]]]);
    const only = price([a], [sp], { coupons: [c] });
    expect(only.notApplied).toEqual([expect.objectContaining({ reason: 'NOT_IN_SCOPE' })]);
  });
});

/**
 * The stacking table (docs/architecture.md, "Pricing"): one line of 2 × ¥150.00 in shop 1,
 * and each promotion kind alone and in every pair. Each kind's documented effect is a
 * function of what the steps before it left, and a pair must give what applying the two in
 * the documented order gives.
 */
describe('the stacking table', () => {
  type Kind = { name: string; step: number; effect: (left: number) => number; build: (l: PricingLine) => Partial<PricingInput> & { activities?: PricingActivity[]; coupons?: PricingCoupon[]; points?: number } };
  const kinds: Kind[] = [
    { name: 'special price ¥120', step: 0, effect: () => 2 * (15_000 - 12_000), build: (l) => ({ activities: [special([[l, 12_000]])] }) },
    { name: '满200减25 (activity)', step: 1, effect: (left) => (left >= 20_000 ? 2_500 : 0), build: () => ({ activities: [reduction([[20_000, 2_500]])] }) },
    { name: '满2件9折 (activity)', step: 1, effect: (left) => Math.floor(left * 0.1), build: () => ({ activities: [discount([[2, 10]])] }) },
    { name: 'shop coupon 满100减10', step: 2, effect: (left) => (left >= 10_000 ? 1_000 : 0), build: () => ({ coupons: [coupon({ kind: 'AMOUNT_OFF', shopId: '1', threshold: 10_000, amountOff: 1_000 })] }) },
    { name: 'platform coupon 8折 at most ¥50', step: 3, effect: (left) => Math.min(Math.floor(left * 0.2), 5_000), build: () => ({ coupons: [coupon({ kind: 'PERCENT_OFF', percentOff: 20, maxOff: 5_000 })] }) },
    { name: 'member level 95%', step: 4, effect: (left) => left - Math.floor((left * 950) / 1000), build: () => ({ levelPermille: 950 }) },
    { name: 'points 1,000 (¥10)', step: 5, effect: () => 1_000, build: () => ({ points: 1_000 }) },
  ];
  const priceWith = (chosen: Kind[]) => {
    const l = line('1', 15_000, 2);
    const parts = chosen.map((k) => k.build(l));
    const input: PricingInput = {
      lines: [l],
      activities: parts.flatMap((p) => p.activities ?? []),
      coupons: parts.flatMap((p) => p.coupons ?? []),
      choose: 'auto',
      levelPermille: parts.find((p) => p.levelPermille)?.levelPermille ?? 1000,
      freightOf: () => 0,
      now: NOW,
    };
    const points = parts.find((p) => p.points)?.points ?? 0;
    return applyPoints(priceCart(input), points, { pointsPerYuan: 100, maxSharePercent: 50 });
  };
  /** What the documented order gives: each kind takes its effect of what the ones before it left. */
  const documented = (chosen: Kind[]) => {
    let left = 30_000;
    const takes: number[] = [];
    for (const k of [...chosen].sort((a, b) => a.step - b.step)) {
      const off = k.effect(left);
      takes.push(off);
      left -= off;
    }
    return { payable: left, discount: 30_000 - left, takes };
  };

  for (const [i, a] of kinds.entries()) {
    it(`${a.name} alone`, () => {
      const quote = priceWith([a]);
      expectWhole(quote);
      expect(quote.payable).toBe(documented([a]).payable);
    });
    for (const b of kinds.slice(i + 1)) {
      it(`${a.name} with ${b.name}`, () => {
        const quote = priceWith([a, b]);
        expectWhole(quote);
        // Two activities on one line: only the one taking more applies (one activity per line).
        const both = a.step === 1 && b.step === 1;
        const expected = both ? Math.min(documented([a]).payable, documented([b]).payable) : documented([a, b]).payable;
        expect(quote.payable).toBe(expected);
      });
    }
  }
});

describe('a group buy’s line', () => {
  const groupBuy = (l: PricingLine, groupPrice: number, excludesCoupons: boolean) => ({ activityId: '77', name: '拼团价', skuId: l.skuId, price: groupPrice, excludesCoupons });

  it('takes the group price, and no special price nor full reduction of its shop', () => {
    const l = line('1', 10_000);
    const other = line('1', 5_000);
    const quote = price([l, other], [special([[l, 7_000]]), reduction([[1_000, 500]])], { groupBuy: groupBuy(l, 6_000, true) });
    expectWhole(quote);
    const [grouped, rest] = quote.shops[0]!.lines;
    expect(grouped!.discounts).toEqual([{ source: { kind: 'GROUP_BUY', activityId: '77', name: '拼团价' }, amount: 4_000 }]);
    // The reduction goes to the other line alone.
    expect(rest!.discounts.map((d) => d.source.kind)).toEqual(['ACTIVITY']);
    expect(quote.notAppliedActivities.map((n) => n.reason)).toContain('NOT_STACKABLE');
  });

  it('takes no coupon unless the group buy allows them, then coupons on the group price', () => {
    const l = line('1', 10_000);
    const coupons = [coupon({ kind: 'AMOUNT_OFF', threshold: 5_000, amountOff: 1_000 })];
    const closed = price([l], [], { coupons, groupBuy: groupBuy(l, 6_000, true) });
    expect(closed.payable).toBe(6_000);
    expect(closed.applied).toEqual([]);
    const open = price([l], [], { coupons, groupBuy: groupBuy(l, 6_000, false) });
    expectWhole(open);
    expect(open.payable).toBe(5_000);
    // The coupon's threshold is read on the group price: ¥60 reaches 满50, ¥40 would not.
    const low = price([l], [], { coupons, groupBuy: groupBuy(l, 4_000, false) });
    expect(low.payable).toBe(4_000);
  });
});
