import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { errorCode } from '@mall/test-kit';
import { coupons } from '../src/db/schema.ts';
import { amountOff, CLAIM, sku, startPromotion, type TestPromotion } from './fixtures.ts';

/** quoteCheckout against promotion alone: catalog's SKUs and membership's levels answered by the test on NATS. */
let t: TestPromotion;
beforeAll(async () => {
  t = await startPromotion({ ORDER_FREIGHT_CENTS: '600' });
});
afterAll(() => t?.stop());

const QUOTE = `query ($input: QuoteInput!) { quoteCheckout(input: $input) {
  goods { amount } discount { amount } freight { amount } payable { amount }
  shops { shop { id } goods { amount } discount { amount } freight { amount } payable { amount }
    lines { sku { id } quantity subtotal { amount } payable { amount } discounts { source label amount { amount } coupon { id } } } }
  applied { coupon { id template { name } } amount { amount } }
  notApplied { coupon { id } reason missing { amount } message } } }`;
type Amount = { amount: number };
interface QuoteData {
  quoteCheckout: {
    goods: Amount; discount: Amount; freight: Amount; payable: Amount;
    shops: Array<{ shop: { id: string }; goods: Amount; discount: Amount; freight: Amount; payable: Amount; lines: Array<{ sku: { id: string }; quantity: number; subtotal: Amount; payable: Amount; discounts: Array<{ source: string; label: string; amount: Amount; coupon: { id: string } | null }> }> }>;
    applied: Array<{ coupon: { id: string; template: { name: string } }; amount: Amount }>;
    notApplied: Array<{ coupon: { id: string }; reason: string; missing: Amount | null; message: string }>;
  };
}
const quote = (token: string, input: Record<string, unknown>) => t.query<QuoteData>(QUOTE, { input }, token);

/** A member holding one coupon of each template given. */
async function memberWith(...templates: Array<{ input: Record<string, unknown>; token?: string }>) {
  const member = await t.member();
  const held: string[] = [];
  for (const { input, token } of templates) {
    const id = await t.template(input, token);
    const claimed = await t.query<{ claimCoupon: { id: string } }>(CLAIM, { id }, member.token);
    held.push(claimed.data!.claimCoupon.id);
  }
  return { ...member, held };
}

const stock = (...snapshots: ReturnType<typeof sku>[]) => {
  for (const s of snapshots) t.skus.set(s.skuId, s);
  return snapshots;
};

describe('quoteCheckout', () => {
  it('prices a 2-shop cart with the best shop and platform coupons and the member level, every cent on a line', async () => {
    const [a, b, c] = stock(sku({ price: 12_000 }), sku({ price: 9_999 }), sku({ shopId: '2', price: 4_321 }));
    const member = await memberWith(
      { input: amountOff({ name: '满200减25', threshold: 20_000, amountOff: 2_500 }) },
      { input: amountOff({ name: '满100减10', threshold: 10_000, amountOff: 1_000 }), token: t.tokens.admin },
    );
    t.levels.set(member.id, 950);
    const answer = await quote(member.token, { lines: [{ skuId: a!.skuId, quantity: 1 }, { skuId: b!.skuId, quantity: 1 }, { skuId: c!.skuId, quantity: 2 }] });
    expect(answer.errors).toBeUndefined();
    const q = answer.data!.quoteCheckout;
    expect(q.applied.map((x) => [x.coupon.template.name, x.amount.amount])).toEqual([['满200减25', 2_500], ['满100减10', 1_000]]);
    expect(q.notApplied).toEqual([]);
    // Goods 219.99 + 86.42; shop 1: −25.00 −(10.00 × its share); then 95%; freight 6.00 per shop.
    expect(q.goods.amount).toBe(21_999 + 8_642);
    expect(q.freight.amount).toBe(1_200);
    // By hand: 满200减25 over shop 1's 120.00 and 99.99 is 13.64 + 11.36; 满100减10 over what is
    // left (106.36, 88.63, 86.42) is 3.78 + 3.15 + 3.07; 95% of 188.06 is 178.65 (9.41 off),
    // of 83.35 is 79.18 (4.17 off); plus 6.00 freight each.
    expect(q.shops.map((s) => [s.shop.id, s.discount.amount, s.payable.amount])).toEqual([['1', 1_364 + 1_136 + 378 + 315 + 941, 17_865 + 600], ['2', 307 + 417, 7_918 + 600]]);
    expect(q.payable.amount).toBe(17_865 + 7_918 + 1_200);
    for (const shop of q.shops) {
      const lines = shop.lines.reduce((sum, l) => sum + l.payable.amount, 0);
      expect(shop.payable.amount).toBe(lines + shop.freight.amount);
      for (const l of shop.lines) expect(l.subtotal.amount - l.payable.amount).toBe(l.discounts.reduce((sum, d) => sum + d.amount.amount, 0));
    }
    const platformShares = q.shops.flatMap((s) => s.lines).flatMap((l) => l.discounts).filter((d) => d.label === '满100减10');
    expect(platformShares.reduce((sum, d) => sum + d.amount.amount, 0)).toBe(1_000);
    expect(q.payable.amount).toBe(q.shops.reduce((sum, s) => sum + s.payable.amount, 0));
  });

  it('says a cart is ¥12.00 short of 满200减25', async () => {
    const [a] = stock(sku({ price: 9_400 }));
    const member = await memberWith({ input: amountOff({ name: '满200减25', threshold: 20_000, amountOff: 2_500 }) });
    const q = (await quote(member.token, { lines: [{ skuId: a!.skuId, quantity: 2 }] })).data!.quoteCheckout;
    expect(q.applied).toEqual([]);
    expect(q.notApplied).toEqual([{ coupon: { id: member.held[0] }, reason: 'THRESHOLD_NOT_REACHED', missing: { amount: 1_200 }, message: '再买 ¥12.00 可用 满200减25' }]);
    expect(q.payable.amount).toBe(18_800 + 600);
  });

  it('uses the coupons named, and refuses one that is not the member’s or does not apply', async () => {
    const [a] = stock(sku({ price: 5_000 }));
    const member = await memberWith({ input: amountOff({ name: '满30减3', threshold: 3_000, amountOff: 300 }) }, { input: amountOff({ name: '满100减10', threshold: 10_000, amountOff: 1_000 }) });
    const other = await memberWith({ input: amountOff({ name: '别人的券', threshold: 0, amountOff: 100 }) });
    const lines = [{ skuId: a!.skuId, quantity: 1 }];
    const none = (await quote(member.token, { lines, couponIds: [] })).data!.quoteCheckout;
    expect([none.discount.amount, none.payable.amount]).toEqual([0, 5_600]);
    expect((await quote(member.token, { lines, couponIds: [member.held[0]] })).data!.quoteCheckout.discount.amount).toBe(300);
    expect(errorCode(await quote(member.token, { lines, couponIds: [other.held[0]] }))).toBe('NOT_FOUND');
    const refused = await quote(member.token, { lines, couponIds: [member.held[1]] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COUPON_NOT_APPLICABLE', couponId: member.held[1], why: 'THRESHOLD_NOT_REACHED', missing: 5_000 });
    // A spent coupon is not weighed any more.
    await t.subgraph.deps.db.update(coupons).set({ status: 'USED' }).where(eq(coupons.id, Number(member.held[0])));
    expect((await quote(member.token, { lines })).data!.quoteCheckout.discount.amount).toBe(0);
  });

  it('weighs every kind of coupon a member holds, also beside a stack of 300 of one kind', async () => {
    const [a] = stock(sku({ price: 30_000 }));
    const member = await memberWith({ input: amountOff({ name: '满200减30', threshold: 20_000, amountOff: 3_000 }), token: t.tokens.admin });
    const stack = await t.template(amountOff({ name: '立减1', threshold: 0, amountOff: 100, totalQuantity: 1_000 }), t.tokens.admin);
    const validUntil = new Date(Date.now() + 86_400_000);
    await t.subgraph.deps.db.insert(coupons).values(Array.from({ length: 300 }, () => ({ templateId: Number(stack), memberId: Number(member.id), source: 'GRANT' as const, validFrom: new Date(Date.now() - 60_000), validUntil })));
    const q = (await quote(member.token, { lines: [{ skuId: a!.skuId, quantity: 1 }] })).data!.quoteCheckout;
    expect(q.applied.map((x) => [x.coupon.id, x.amount.amount])).toEqual([[member.held[0], 3_000]]);
    // The stack is weighed as one kind: one of it is named, not 300.
    expect(q.notApplied.map((n) => n.reason)).toEqual(['NOT_STACKABLE']);
  });

  it('refuses bad carts with a clear error', async () => {
    const [a] = stock(sku());
    const [off] = stock(sku({ onSale: false, available: false }));
    const member = await t.member();
    const lines = (skuId: string, quantity = 1) => ({ lines: [{ skuId, quantity }] });
    expect(errorCode(await t.query(QUOTE, { input: lines(a!.skuId) }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await quote(t.tokens.merchant1, lines(a!.skuId)))).toBe('FORBIDDEN');
    expect((await quote(member.token, { lines: [] })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines' });
    expect((await quote(member.token, lines('abc'))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].skuId' });
    expect((await quote(member.token, lines(a!.skuId, 0))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });
    expect((await quote(member.token, lines(a!.skuId, 1000))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });
    expect((await quote(member.token, lines('987654'))).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', skuId: '987654' });
    expect((await quote(member.token, lines(off!.skuId))).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNAVAILABLE' });
    expect(errorCode(await quote(member.token, { ...lines(a!.skuId), couponIds: ['x'] }))).toBe('NOT_FOUND');
  });
});
