import { describe, expect, it } from 'vitest';
import { applyPoints, maxPoints, priceCart, type PricingCoupon, type PricingInput, type PricingLine, type Quote } from '../src/services/pricing.ts';

/** The pricing engine alone: a pure function, so every rule is checked on exact figures. */

const NOW = new Date('2026-12-02T12:00:00.000Z');
const DAY = 86_400_000;
let nextId = 1;

const line = (shopId: string, unitPrice: number, quantity = 1, extra: Partial<PricingLine> = {}): PricingLine => {
  const n = nextId++;
  return { skuId: String(1000 + n), productId: String(500 + n), shopId, categoryIds: ['30', '3'], unitPrice, quantity, ...extra };
};

const coupon = (extra: Partial<PricingCoupon> & Pick<PricingCoupon, 'kind'>): PricingCoupon => {
  const n = nextId++;
  return {
    couponId: String(n), name: `券${n}`, shopId: null, threshold: 0, amountOff: null, percentOff: null, maxOff: null, scope: 'ALL', scopeIds: [], excludedProductIds: [],
    validFrom: new Date(NOW.getTime() - DAY), validUntil: new Date(NOW.getTime() + DAY), status: 'UNUSED', ...extra,
  };
};
const amountOff = (threshold: number, off: number, shopId: string | null = null, extra: Partial<PricingCoupon> = {}) => coupon({ kind: 'AMOUNT_OFF', threshold, amountOff: off, shopId, ...extra });

const price = (lines: PricingLine[], coupons: PricingCoupon[], extra: Partial<PricingInput> = {}): Quote =>
  priceCart({ lines, coupons, choose: 'auto', levelPermille: 1000, freightOf: () => 0, now: NOW, ...extra });

/** Every figure of a quote adds up: lines to shops, shops to the order, discounts to lines. */
function expectWhole(quote: Quote): void {
  for (const shop of quote.shops) {
    for (const l of shop.lines) expect(l.payable).toBe(l.subtotal - l.discounts.reduce((sum, d) => sum + d.amount, 0));
    expect(shop.goods).toBe(shop.lines.reduce((sum, l) => sum + l.subtotal, 0));
    expect(shop.discount).toBe(shop.lines.reduce((sum, l) => sum + l.subtotal - l.payable, 0));
    expect(shop.payable).toBe(shop.goods - shop.discount + shop.freight);
  }
  expect(quote.payable).toBe(quote.shops.reduce((sum, s) => sum + s.payable, 0));
  const byCoupon = new Map<string, number>();
  for (const l of quote.shops.flatMap((s) => s.lines)) for (const d of l.discounts) if (d.source.kind === 'COUPON') byCoupon.set(d.source.couponId, (byCoupon.get(d.source.couponId) ?? 0) + d.amount);
  for (const a of quote.applied.filter((x) => x.kind !== 'FREE_SHIPPING')) expect(byCoupon.get(a.couponId)).toBe(a.amount);
}

describe('exact cents', () => {
  it('splits a platform coupon over 3 lines in 2 shops to the cent, remainders to the largest', () => {
    const lines = [line('1', 333), line('1', 333), line('2', 334)];
    const quote = price(lines, [amountOff(0, 100)]);
    expectWhole(quote);
    expect(quote.shops.map((s) => s.lines.map((l) => l.subtotal - l.payable))).toEqual([[33, 33], [34]]);
    expect(quote.discount).toBe(100);
  });

  it('keeps every order whole over many odd carts and coupons', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = (n: number) => ((seed * 7919 + n * 104729) % 9973) + 1;
      const lines = [line('1', rand(1), 1 + (seed % 3)), line('1', rand(2)), line('2', rand(3), 2), line('3', rand(4))];
      const coupons = [amountOff(0, rand(5) % 700 + 1), coupon({ kind: 'PERCENT_OFF', percentOff: 1 + (seed % 30), shopId: '1' }), amountOff(rand(6) % 500, rand(7) % 400 + 1, '2')];
      expectWhole(price(lines, coupons, { levelPermille: 900 + (seed % 100), freightOf: (shop) => (shop === '3' ? 600 : 0) }));
    }
  });
});

describe('stacking, in the documented order', () => {
  it('shop coupon, then platform coupon, then member level, then freight', () => {
    const lines = [line('1', 20_000), line('1', 10_000)];
    const shop = amountOff(20_000, 2_500, '1');
    const platform = amountOff(10_000, 1_000);
    const quote = price(lines, [shop, platform], { levelPermille: 950, freightOf: () => 800 });
    expectWhole(quote);
    // 300.00 − 25.00 = 275.00 − 10.00 = 265.00; 95% of it is 251.75; plus 8.00 freight.
    expect(quote.applied.map((a) => [a.couponId, a.amount])).toEqual([[shop.couponId, 2_500], [platform.couponId, 1_000]]);
    expect(quote.discount).toBe(30_000 - 25_175);
    expect(quote.payable).toBe(25_175 + 800);
  });

  it('a shop percent coupon with its cap, then a platform amount coupon', () => {
    const quote = price([line('1', 30_000)], [coupon({ kind: 'PERCENT_OFF', percentOff: 10, maxOff: 2_000, shopId: '1' }), amountOff(10_000, 1_000)]);
    // 10% of 300.00 is 30.00, capped at 20.00; then 满100减10.
    expect(quote.payable).toBe(27_000);
  });

  it('a percent coupon rounds its discount down to the cent', () => {
    const quote = price([line('1', 999)], [coupon({ kind: 'PERCENT_OFF', percentOff: 15 })]);
    expect(quote.discount).toBe(149); // 15% of 9.99 is 1.4985
  });

  it('reads a platform threshold after the shop coupons', () => {
    const lines = [line('1', 10_500)];
    const quote = price(lines, [amountOff(10_000, 1_000, '1'), amountOff(10_000, 800)], { choose: [] });
    expect(quote.payable).toBe(10_500);
    const chosen = price(lines, [amountOff(10_000, 1_000, '1', { couponId: 'a' }), amountOff(10_000, 800, null, { couponId: 'b' })], { choose: ['a', 'b'] });
    expect(chosen.payable).toBe(9_500);
    expect(chosen.notApplied).toEqual([{ couponId: 'b', name: expect.any(String), reason: 'THRESHOLD_NOT_REACHED', missing: 500 }]);
  });

  it('a free-shipping coupon waives the freight of the shops in its scope once their goods reach its threshold', () => {
    const lines = [line('1', 5_000), line('2', 3_000)];
    const shipping = coupon({ kind: 'FREE_SHIPPING', threshold: 4_900 });
    const quote = price(lines, [shipping], { freightOf: () => 600 });
    expectWhole(quote);
    expect(quote.shops.map((s) => [s.shopId, s.freight, s.freightWaivedBy])).toEqual([['1', 0, shipping.couponId], ['2', 0, shipping.couponId]]);
    expect(quote.applied).toEqual([{ couponId: shipping.couponId, name: shipping.name, kind: 'FREE_SHIPPING', amount: 1_200 }]);
    const shopOnly = coupon({ kind: 'FREE_SHIPPING', shopId: '2', threshold: 0 });
    expect(price(lines, [shopOnly], { freightOf: () => 600 }).shops.map((s) => s.freight)).toEqual([600, 0]);
  });

  it('a free-shipping coupon counts its threshold after the goods coupons', () => {
    const lines = [line('1', 5_000)];
    const quote = price(lines, [amountOff(0, 500, '1', { couponId: 'x' }), coupon({ kind: 'FREE_SHIPPING', threshold: 4_900, couponId: 'y' })], { choose: ['x', 'y'], freightOf: () => 600 });
    expect(quote.shops[0]!.freight).toBe(600);
    expect(quote.notApplied).toEqual([{ couponId: 'y', name: expect.any(String), reason: 'THRESHOLD_NOT_REACHED', missing: 400 }]);
  });
});

describe('scope', () => {
  it('covers categories with their subcategories, products and SKUs, less excluded products, and never another shop', () => {
    const inCategory = line('1', 1_000, 1, { categoryIds: ['31', '3'] });
    const other = line('1', 1_000, 1, { categoryIds: ['40', '4'] });
    const elsewhere = line('2', 1_000, 1, { categoryIds: ['31', '3'] });
    const lines = [inCategory, other, elsewhere];
    const covered = (c: PricingCoupon) => price(lines, [c]).shops.flatMap((s) => s.lines.filter((l) => l.payable < l.subtotal).map((l) => l.skuId));
    expect(covered(amountOff(0, 100, null, { scope: 'CATEGORIES', scopeIds: ['3'] }))).toEqual([inCategory.skuId, elsewhere.skuId]);
    expect(covered(amountOff(0, 100, '1', { scope: 'CATEGORIES', scopeIds: ['3'] }))).toEqual([inCategory.skuId]);
    expect(covered(amountOff(0, 100, null, { scope: 'PRODUCTS', scopeIds: [other.productId] }))).toEqual([other.skuId]);
    expect(covered(amountOff(0, 100, null, { scope: 'SKUS', scopeIds: [elsewhere.skuId] }))).toEqual([elsewhere.skuId]);
    expect(covered(amountOff(0, 100, null, { scope: 'SHOP', scopeIds: ['2'] }))).toEqual([elsewhere.skuId]);
    expect(covered(amountOff(0, 300, null, { excludedProductIds: [other.productId] }))).toEqual([inCategory.skuId, elsewhere.skuId]);
    const foreign = amountOff(0, 100, '3');
    expect(price(lines, [foreign]).notApplied).toEqual([{ couponId: foreign.couponId, name: foreign.name, reason: 'NOT_IN_SCOPE', missing: null }]);
  });
});

describe('the explanation', () => {
  it('says how much a cart lacks for a threshold: ¥12.00 short of 满200减25', () => {
    const c = amountOff(20_000, 2_500, '1');
    const quote = price([line('1', 9_400, 2)], [c]);
    expect(quote.applied).toEqual([]);
    expect(quote.notApplied).toEqual([{ couponId: c.couponId, name: c.name, reason: 'THRESHOLD_NOT_REACHED', missing: 1_200 }]);
  });

  it('says a coupon expired, has not started, or is spent', () => {
    const expired = amountOff(0, 100, null, { validUntil: new Date(NOW.getTime() - 1) });
    const early = amountOff(0, 100, null, { validFrom: new Date(NOW.getTime() + 1) });
    const spent = amountOff(0, 100, null, { status: 'USED' });
    const reasons = price([line('1', 1_000)], [expired, early, spent]).notApplied.map((n) => [n.couponId, n.reason]);
    expect(reasons).toEqual([[expired.couponId, 'EXPIRED'], [early.couponId, 'NOT_STARTED'], [spent.couponId, 'NOT_USABLE']]);
  });
});

describe('the best combination', () => {
  it('picks the shop coupon that takes most, and says the other is not stackable with it', () => {
    const small = amountOff(10_000, 1_000, '1');
    const big = amountOff(20_000, 2_500, '1');
    const quote = price([line('1', 25_000)], [small, big]);
    expect(quote.applied.map((a) => a.couponId)).toEqual([big.couponId]);
    expect(quote.notApplied).toEqual([{ couponId: small.couponId, name: small.name, reason: 'NOT_STACKABLE', missing: null }]);
  });

  it('weighs combinations, not one coupon at a time: a smaller shop coupon that keeps a platform threshold wins', () => {
    // 200.00: 满100减15 alone leaves 185.00, under the platform's 满190减30; 满100减5 leaves 195.00 and lets it apply.
    const fifteen = amountOff(10_000, 1_500, '1');
    const five = amountOff(10_000, 500, '1');
    const platform = amountOff(19_000, 3_000);
    const quote = price([line('1', 20_000)], [fifteen, five, platform]);
    expect(quote.applied.map((a) => a.couponId)).toEqual([five.couponId, platform.couponId]);
    expect(quote.payable).toBe(16_500);
  });

  it('uses exactly the coupons chosen, refusing a second one of a kind as not stackable', () => {
    const a = amountOff(0, 100, '1');
    const b = amountOff(0, 200, '1');
    const quote = price([line('1', 1_000)], [a, b], { choose: [a.couponId, b.couponId] });
    expect(quote.applied.map((x) => x.couponId)).toEqual([a.couponId]);
    expect(quote.notApplied).toEqual([{ couponId: b.couponId, name: b.name, reason: 'NOT_STACKABLE', missing: null }]);
  });

  it('never takes more off than the goods', () => {
    const quote = price([line('1', 300)], [amountOff(0, 1_000, '1'), amountOff(0, 1_000)]);
    expectWhole(quote);
    expect(quote.payable).toBe(0);
    expect(quote.shops[0]!.lines[0]!.payable).toBe(0);
  });
});

describe('edge cases', () => {
  it('prices a cart of 12 shops, each with 3 coupons, and platform and free-shipping ones, whole', () => {
    const lines = Array.from({ length: 12 }, (_, i) => line(String(i + 1), 10_000 + i * 137));
    const coupons = [
      ...lines.flatMap((l) => [amountOff(5_000, 500, l.shopId), amountOff(9_000, 900, l.shopId), coupon({ kind: 'PERCENT_OFF', percentOff: 10, shopId: l.shopId })]),
      amountOff(50_000, 3_000), amountOff(100_000, 8_000), coupon({ kind: 'FREE_SHIPPING', threshold: 0 }),
    ];
    const quote = price(lines, coupons, { freightOf: () => 500 });
    expectWhole(quote);
    // Each shop's best alone (10% of 100.00+ beats 9.00 off) and the larger platform coupon.
    expect(quote.applied.filter((a) => a.kind === 'PERCENT_OFF')).toHaveLength(12);
    expect(quote.applied.filter((a) => a.kind === 'AMOUNT_OFF').map((a) => a.amount)).toEqual([8_000]);
    expect(quote.freight).toBe(0);
  });

  it('says a coupon took nothing when nothing was left for it, or no freight to waive', () => {
    const lines = [line('1', 300)];
    const shop = amountOff(0, 1_000, '1', { couponId: 's' });
    const platform = amountOff(0, 100, null, { couponId: 'p' });
    const named = price(lines, [shop, platform], { choose: ['s', 'p'] });
    expect(named.notApplied).toEqual([{ couponId: 'p', name: platform.name, reason: 'NOTHING_LEFT', missing: null }]);
    const tiny = coupon({ kind: 'PERCENT_OFF', percentOff: 10, couponId: 't' });
    expect(price([line('1', 5)], [tiny], { choose: ['t'] }).notApplied.map((n) => n.reason)).toEqual(['NOTHING_LEFT']);
    const shipping = coupon({ kind: 'FREE_SHIPPING', couponId: 'f' });
    const free = price(lines, [shipping]);
    expect(free.applied).toEqual([]);
    expect(free.notApplied.map((n) => [n.couponId, n.reason])).toEqual([['f', 'NOTHING_LEFT']]);
  });

  it('reads a coupon marked EXPIRED as expired, whatever its dates', () => {
    const c = amountOff(0, 100, null, { status: 'EXPIRED' });
    expect(price([line('1', 1_000)], [c]).notApplied.map((n) => n.reason)).toEqual(['EXPIRED']);
  });
});

describe('points (step 4)', () => {
  it('pay part of the goods after coupons and level, split over the lines in whole points, never the freight', () => {
    // 满100减10 over ¥70.01 + ¥40.03 + ¥0.01, level 95%, freight ¥6: then 1,003 points of 2 cents.
    const lines = [line('1', 7_001), line('1', 4_003), line('2', 1)];
    const before = price(lines, [amountOff(10_000, 1_000)], { levelPermille: 950, freightOf: () => 600 });
    const rule = { pointsPerYuan: 50, maxSharePercent: 100 };
    const quote = applyPoints(before, 1_003, rule);
    expectWhole(quote);
    expect(quote.points).toEqual({ used: 1_003, amount: 2_006, max: maxPoints(before, rule) });
    const priced = quote.shops.flatMap((s) => s.lines);
    expect(priced.reduce((sum, l) => sum + (l.points ?? 0), 0)).toBe(1_003);
    for (const l of priced) {
      const byPoints = l.discounts.filter((d) => d.source.kind === 'POINTS').reduce((sum, d) => sum + d.amount, 0);
      expect(byPoints).toBe((l.points ?? 0) * 2);
      expect(l.payable).toBeGreaterThanOrEqual(0);
    }
    // The 1-cent line is worth no whole point: it takes none.
    expect(priced[2]!.points ?? 0).toBe(0);
    expect(quote.freight).toBe(before.freight);
    expect(quote.payable).toBe(before.payable - 2_006);
  });

  it('take at most the rule’s share of the goods after discounts, and nothing past it', () => {
    const before = price([line('1', 9_999)], [], { levelPermille: 1000 });
    expect(maxPoints(before, { pointsPerYuan: 100, maxSharePercent: 50 })).toBe(4_999);
    expect(maxPoints(before, { pointsPerYuan: 10, maxSharePercent: 50 })).toBe(499);
    expect(maxPoints(before, { pointsPerYuan: 100, maxSharePercent: 0 })).toBe(0);
    const over = applyPoints(before, 5_000, { pointsPerYuan: 100, maxSharePercent: 50 });
    expect(over.points.used).toBe(0);
    expect(over.payable).toBe(before.payable);
  });
});
