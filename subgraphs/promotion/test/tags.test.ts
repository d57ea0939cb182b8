import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, entitiesQuery, graphql, tokenFor } from '@mall/test-kit';
import { amountOff, startPromotion, type TestPromotion } from './fixtures.ts';

/** Product.promotionTags and Product.coupons, as the gateway asks for them: `_entities` of products. */
let t: TestPromotion;
beforeAll(async () => {
  t = await startPromotion();
});
afterAll(() => t?.stop());

type Tagged = { _entities: Array<{ id: string; promotionTags: string[]; coupons: Array<{ id: string }> }> };
const tagsOf = async (ids: string[]) => {
  const answer = await graphql<Tagged>(t.url, entitiesQuery('Product', 'id promotionTags coupons { id }'), { representations: ids.map((id) => ({ __typename: 'Product', id })) });
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data._entities;
};

describe('promotion tags of products', () => {
  it('labels each product with the coupons that cover it now, its shop’s first, and asks catalog once for 20 products', async () => {
    // Shop 7: products 9001–9020, 9001 in category 71 under 7; 9002 excluded below.
    for (let i = 1; i <= 20; i++) t.products.set(String(9000 + i), { shopId: '7', categoryIds: i === 1 ? ['71', '7'] : ['72', '7'] });
    t.products.set('9100', { shopId: '8', categoryIds: ['81', '8'] });
    const merchant7 = await tokenFor(as.merchant(7));
    const shopWide = await t.template(amountOff({ name: '店铺券', threshold: 20_000, amountOff: 2_500, excludedProductIds: ['9002'] }), merchant7);
    const category = await t.template(amountOff({ name: '类目券', kind: 'PERCENT_OFF', amountOff: null, percentOff: 10, threshold: 9_900, scope: 'CATEGORIES', scopeIds: ['71'] }), merchant7);
    const platform = await t.template(amountOff({ name: '包邮券', kind: 'FREE_SHIPPING', amountOff: null, threshold: 4_900, scope: 'SHOP', scopeIds: ['7'] }), t.tokens.admin);
    // Not in the coupon centre: never a tag.
    await t.template(amountOff({ name: '暗券', threshold: 0, amountOff: 500, claimable: false }), merchant7);

    const before = t.factsRequests.length;
    const ids = Array.from({ length: 20 }, (_, i) => String(9001 + i));
    const tagged = await tagsOf([...ids, '9100', '987654']);
    expect(t.factsRequests.length - before).toBe(1);
    const of = (id: string) => tagged.find((p) => p.id === id)!;
    expect(of('9001').promotionTags).toEqual(['满99享9折', '满200减25', '满49包邮', '券']);
    expect(of('9001').coupons.map((c) => c.id)).toEqual([category, shopWide, platform]);
    expect(of('9002').promotionTags).toEqual(['满49包邮', '券']);
    expect(of('9003').promotionTags).toEqual(['满200减25', '满49包邮', '券']);
    expect(of('9100').promotionTags).toEqual([]);
    expect(of('987654')).toEqual({ id: '987654', promotionTags: [], coupons: [] });
  });
});
