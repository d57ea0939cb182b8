import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promotion as contracts } from '@mall/contracts';
import { sendCommand, type NatsConnection } from '@mall/kit';
import { as, testNats, tokenFor } from '@mall/test-kit';
import { amountOff, CLAIM, sku, startPromotion, type TestPromotion } from './fixtures.ts';

/** Freight templates in quotes and checkout prices: by the address's province, by piece or weight, 满 X 包邮 on goods after discounts. */
let t: TestPromotion;
let nats: NatsConnection;
beforeAll(async () => {
  t = await startPromotion({ ORDER_FREIGHT_CENTS: '600' });
  nats = await testNats();
});
afterAll(async () => {
  await nats?.drain();
  await t?.stop();
});

const SET = 'mutation ($shop: ID!, $input: FreightTemplateInput!) { setFreightTemplate(shopId: $shop, input: $input) { id } }';
const QUOTE = `query ($input: QuoteInput!) { quoteCheckout(input: $input) {
  freight { amount } payable { amount }
  shops { shop { id } goods { amount } discount { amount } freight { amount } deliverable freeShippingThreshold { amount } freeShippingMissing { amount } freightWaivedBy { id } } } }`;
type Amount = { amount: number };
type Shop = { shop: { id: string }; goods: Amount; discount: Amount; freight: Amount; deliverable: boolean; freeShippingThreshold: Amount | null; freeShippingMissing: Amount | null; freightWaivedBy: { id: string } | null };
const quote = async (token: string, lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}) => {
  const answer = await t.query<{ quoteCheckout: { freight: Amount; payable: Amount; shops: Shop[] } }>(QUOTE, { input: { lines, couponIds: [], ...extra } }, token);
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.quoteCheckout;
};
const stock = (...snapshots: ReturnType<typeof sku>[]) => {
  for (const s of snapshots) t.skus.set(s.skuId, s);
  return snapshots;
};

async function template(shopId: number, input: Record<string, unknown>) {
  const set = await t.query(SET, { shop: String(shopId), input }, await tokenFor(as.merchant(shopId)));
  if (!set.data) throw new Error(JSON.stringify(set.errors));
}

describe('freight in quotes', () => {
  beforeAll(async () => {
    // Shop 6 by piece: ¥8 for the first, ¥2 each more; Xinjiang ¥20 + ¥10; no Tibet; free from ¥99.
    await template(6, {
      name: '按件',
      chargeBy: 'PIECE',
      regions: [
        { provinceCodes: [], first: 1, firstFee: 800, extra: 1, extraFee: 200 },
        { provinceCodes: ['650000'], first: 1, firstFee: 2_000, extra: 1, extraFee: 1_000 },
      ],
      undeliverable: ['540000'],
      freeThreshold: 9_900,
    });
    // Shop 7 by weight: ¥10 for the first kilogram, ¥3 each started 500 g more.
    await template(7, { name: '按重', chargeBy: 'WEIGHT', regions: [{ provinceCodes: [], first: 1_000, firstFee: 1_000, extra: 500, extraFee: 300 }] });
  });

  it('charges by piece for the default region, or the region of the member’s default address, and says what 包邮 still lacks', async () => {
    const [a] = stock(sku({ shopId: '6', price: 3_000 }));
    const nowhere = await t.member();
    const q = await quote(nowhere.token, [{ skuId: a!.skuId, quantity: 2 }]);
    expect(q.shops[0]).toMatchObject({ freight: { amount: 800 + 200 }, deliverable: true, freeShippingThreshold: { amount: 9_900 }, freeShippingMissing: { amount: 9_900 - 6_000 } });
    const far = await t.member();
    t.addresses.set(far.id, [{ addressId: '71', provinceCode: '650000' }, { addressId: '72', provinceCode: '110000' }]);
    expect((await quote(far.token, [{ skuId: a!.skuId, quantity: 2 }])).shops[0]!.freight.amount).toBe(2_000 + 1_000);
    expect((await quote(far.token, [{ skuId: a!.skuId, quantity: 2 }], { addressId: '72' })).shops[0]!.freight.amount).toBe(1_000);
    const notTheirs = await t.query(QUOTE, { input: { lines: [{ skuId: a!.skuId, quantity: 1 }], addressId: '99' } }, far.token);
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('ships free from the threshold, read on the goods after discounts', async () => {
    const [a, b] = stock(sku({ shopId: '6', price: 10_000 }), sku({ shopId: '6', price: 11_000 }));
    const member = await t.member();
    const templateId = await t.template(amountOff({ name: '满100减10', threshold: 10_000, amountOff: 1_000 }), await tokenFor(as.merchant(6)));
    const couponId = (await t.query<{ claimCoupon: { id: string } }>(CLAIM, { id: templateId }, member.token)).data!.claimCoupon.id;
    // ¥100 − ¥10 = ¥90: below ¥99, freight is charged.
    const below = await quote(member.token, [{ skuId: a!.skuId, quantity: 1 }], { couponIds: [couponId] });
    expect(below.shops[0]).toMatchObject({ discount: { amount: 1_000 }, freight: { amount: 800 }, freeShippingMissing: { amount: 900 } });
    // ¥110 − ¥10 = ¥100: free.
    const free = await quote(member.token, [{ skuId: b!.skuId, quantity: 1 }], { couponIds: [couponId] });
    expect(free.shops[0]).toMatchObject({ freight: { amount: 0 }, freeShippingMissing: null });
  });

  it('charges by weight, the flat fee where a shop has no template, and lets a free-shipping coupon waive a template’s freight', async () => {
    const [heavy, plain] = stock(sku({ shopId: '7', price: 2_000, weightGrams: 700 }), sku({ shopId: '8', price: 2_000 }));
    const member = await t.member();
    const q = await quote(member.token, [{ skuId: heavy!.skuId, quantity: 3 }, { skuId: plain!.skuId, quantity: 1 }]);
    // 2,100 g: ¥10 + 3 × ¥3 (1,100 g over, in started 500 g steps); shop 8: the flat ¥6.
    expect(q.shops.map((s) => [s.shop.id, s.freight.amount])).toEqual([['7', 1_000 + 900], ['8', 600]]);
    const shipping = await t.template(amountOff({ name: '包邮券', kind: 'FREE_SHIPPING', threshold: 0, amountOff: null }), await tokenFor(as.merchant(7)));
    const couponId = (await t.query<{ claimCoupon: { id: string } }>(CLAIM, { id: shipping }, member.token)).data!.claimCoupon.id;
    const waived = await quote(member.token, [{ skuId: heavy!.skuId, quantity: 3 }], { couponIds: [couponId] });
    expect(waived.shops[0]).toMatchObject({ freight: { amount: 0 }, freightWaivedBy: { id: couponId } });
  });

  it('says a shop does not deliver to a province, and the checkout price refuses it', async () => {
    const [a] = stock(sku({ shopId: '6', price: 3_000 }));
    const member = await t.member();
    t.addresses.set(member.id, [{ addressId: '81', provinceCode: '540000' }]);
    const q = await quote(member.token, [{ skuId: a!.skuId, quantity: 1 }]);
    expect(q.shops[0]).toMatchObject({ deliverable: false, freight: { amount: 0 } });
    const request = { memberId: member.id, levelPermille: 1000, couponIds: [], quoteId: null, provinceCode: '540000', lines: [{ skuId: a!.skuId, productId: a!.productId, shopId: '6', categoryIds: a!.categoryIds, unitPrice: 3_000, quantity: 1 }] };
    await expect(sendCommand(nats, contracts.priceCheckout, request, { prefix: t.subgraph.deps.config.events.prefix })).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'NOT_DELIVERABLE', shopId: '6' } });
    const elsewhere = await sendCommand(nats, contracts.priceCheckout, { ...request, provinceCode: '650000' }, { prefix: t.subgraph.deps.config.events.prefix });
    expect(elsewhere.shops[0]!.freight).toBe(2_000);
  });
});
