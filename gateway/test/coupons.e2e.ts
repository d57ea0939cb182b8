import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { errorCode, graphql } from '@mall/test-kit';
import { coupons } from '@mall/promotion/db';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { newShopper } from './shopping.ts';

let supergraph: TestSupergraph;
let url: string;

beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
});
afterAll(() => supergraph?.stop());

const staff = async (account: string) =>
  (await graphql<{ loginStaff: { accessToken: string } }>(url, `mutation { loginStaff(account: "${account}", password: "mall-dev-pass") { accessToken } }`)).data!.loginStaff.accessToken;

const CREATE = 'mutation ($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id shop { id name } remaining } }';
const CLAIM = 'mutation ($id: ID!) { claimCoupon(templateId: $id) { id status template { name } } }';

describe('coupons through the gateway', () => {
  it('lets a merchant issue a shop coupon that members find in the coupon centre, claim and hold', async () => {
    const merchant = await staff('merchant1');
    const created = await graphql<{ createCouponTemplate: { id: string; shop: { id: string; name: string }; remaining: number } }>(url, CREATE, {
      input: { name: '满200减25', kind: 'AMOUNT_OFF', threshold: 20_000, amountOff: 2_500, validDays: 15, totalQuantity: 50 },
    }, { token: merchant });
    expect(created.errors).toBeUndefined();
    const template = created.data!.createCouponTemplate;
    // The shop's name comes from catalog.
    expect(template.shop.id).toBe('1');
    expect(template.shop.name.length).toBeGreaterThan(0);

    const buyer = await newShopper(supergraph);
    // Its welcome coupon (member.registered) is given before it claims anything.
    await supergraph.eventsSettled();
    const centre = await graphql<{ couponCenter: { nodes: Array<{ id: string; name: string; canClaim: boolean }> } }>(
      url, 'query { couponCenter(shopId: "1") { nodes { id name canClaim } } }', {}, { token: buyer.token },
    );
    expect(centre.data!.couponCenter.nodes).toContainEqual({ id: template.id, name: '满200减25', canClaim: true });
    const claimed = await graphql<{ claimCoupon: { id: string; status: string; template: { name: string } } }>(url, CLAIM, { id: template.id }, { token: buyer.token });
    expect(claimed.data!.claimCoupon).toMatchObject({ status: 'UNUSED', template: { name: '满200减25' } });
    // The demo's welcome coupon came with the first login, beside the one claimed (newest first).
    const held = await graphql<{ me: { nickname: string | null; coupons: { nodes: Array<{ id: string; source: string; template: { name: string; shop: { id: string } | null } }> } } }>(
      url, 'query { me { nickname coupons(status: UNUSED) { nodes { id source template { name shop { id } } } } } }', {}, { token: buyer.token },
    );
    expect(held.data!.me.coupons.nodes).toEqual([
      { id: claimed.data!.claimCoupon.id, source: 'CLAIM', template: { name: '满200减25', shop: { id: '1' } } },
      { id: expect.any(String), source: 'EVENT', template: { name: '新人专享 满100减10', shop: null } },
    ]);
    expect(errorCode(await graphql(url, CLAIM, { id: template.id }, { token: buyer.token }))).toBe('CONFLICT');

    // A product of shop 1 shows the coupon among its promotion tags, and offers it to claim.
    const listed = await graphql<{ products: { nodes: Array<{ id: string; shop: { id: string }; promotionTags: string[]; coupons: Array<{ id: string }> }> } }>(
      url, 'query { products(filter: { shopId: "1" }, first: 20) { nodes { id shop { id } promotionTags coupons { id } } } }',
    );
    const ofShop1 = listed.data!.products.nodes.filter((p) => p.shop.id === '1');
    expect(ofShop1.length).toBeGreaterThan(0);
    for (const product of ofShop1) {
      expect(product.promotionTags).toContain('满200减25');
      expect(product.promotionTags.at(-1)).toBe('券');
      expect(product.coupons.map((c) => c.id)).toContain(template.id);
    }
  });

  it('issues exactly 50 of 50 to 200 members claiming at once through the gateway', async () => {
    const admin = await staff('admin');
    const created = await graphql<{ createCouponTemplate: { id: string } }>(url, CREATE, {
      input: { name: '平台券 满50减5', kind: 'AMOUNT_OFF', threshold: 5_000, amountOff: 500, validDays: 3, totalQuantity: 50 },
    }, { token: admin });
    const id = created.data!.createCouponTemplate.id;
    const buyers = await Promise.all(Array.from({ length: 200 }, () => newShopper(supergraph)));
    const results = await Promise.all(buyers.map((b) => graphql(url, CLAIM, { id }, { token: b.token })));
    expect(results.filter((r) => !r.errors)).toHaveLength(50);
    expect(new Set(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions!['reason']))).toEqual(new Set(['SOLD_OUT']));
    const [issued] = await supergraph.promotion.subgraph.deps.db.select({ n: count() }).from(coupons).where(eq(coupons.templateId, Number(id)));
    expect(issued!.n).toBe(50);
  });
});
