import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '@mall/test-kit';
import { amountOff, CREATE, startPromotion, type TestPromotion } from './fixtures.ts';

/**
 * Every argument and input field of promotion's API refused with a stable code (and, where
 * the service checks it, the field), and nothing written: its tables' checksums are the
 * same before and after.
 */
let t: TestPromotion;
let member: { id: string; token: string };
const ids = { own: '', otherShop: '', platform: '' };

beforeAll(async () => {
  t = await startPromotion();
  member = await t.member();
  ids.own = await t.template(amountOff());
  ids.otherShop = await t.template(amountOff(), t.tokens.merchant2);
  ids.platform = await t.template(amountOff(), t.tokens.admin);
});
afterAll(() => t?.stop());

type Caller = 'merchant1' | 'admin' | 'member' | 'anonymous';
interface ApiCase {
  name: string;
  /** Shop 1's merchant by default. */
  as?: Caller;
  query: string;
  variables: () => Record<string, unknown>;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';
  field?: string;
}

const STATUS = 'mutation ($id: ID!, $s: CouponTemplateStatus!) { setCouponTemplateStatus(id: $id, status: $s) { id } }';
const CLAIM = 'mutation ($id: ID!) { claimCoupon(templateId: $id) { id } }';
const CENTRE = 'query ($shop: ID, $first: Int, $after: String) { couponCenter(shopId: $shop, first: $first, after: $after) { totalCount } }';
const TEMPLATES = 'query ($shop: ID) { couponTemplates(shopId: $shop) { totalCount } }';
const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const create = (changes: Record<string, unknown>) => () => ({ input: amountOff(changes) });
const chars = (n: number) => '券'.repeat(n);

const cases: ApiCase[] = [
  { name: 'anonymous', as: 'anonymous', query: CREATE, variables: create({}), code: 'UNAUTHENTICATED' },
  { name: 'by a member', as: 'member', query: CREATE, variables: create({}), code: 'FORBIDDEN' },
  { name: 'for another shop', query: CREATE, variables: create({ shopId: '2' }), code: 'FORBIDDEN' },
  { name: 'a shop id that is not one', as: 'admin', query: CREATE, variables: create({ shopId: 'x' }), code: 'NOT_FOUND' },
  { name: 'a name of 1 character', query: CREATE, variables: create({ name: '券' }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'a name of 41 characters', query: CREATE, variables: create({ name: chars(41) }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'a description of 201 characters', query: CREATE, variables: create({ description: chars(201) }), code: 'BAD_USER_INPUT', field: 'input.description' },
  { name: 'a negative threshold', query: CREATE, variables: create({ threshold: -1 }), code: 'BAD_USER_INPUT', field: 'input.threshold' },
  { name: 'a threshold past one order', query: CREATE, variables: create({ threshold: 100_000_001 }), code: 'BAD_USER_INPUT', field: 'input.threshold' },
  { name: 'AMOUNT_OFF without amountOff', query: CREATE, variables: create({ amountOff: null }), code: 'BAD_USER_INPUT', field: 'input.amountOff' },
  { name: 'amountOff 0', query: CREATE, variables: create({ amountOff: 0 }), code: 'BAD_USER_INPUT', field: 'input.amountOff' },
  { name: 'a negative amountOff', query: CREATE, variables: create({ amountOff: -500 }), code: 'BAD_USER_INPUT', field: 'input.amountOff' },
  { name: 'amountOff the whole threshold', query: CREATE, variables: create({ amountOff: 10_000 }), code: 'BAD_USER_INPUT', field: 'input.amountOff' },
  { name: 'an absurd amountOff', query: CREATE, variables: create({ threshold: 0, amountOff: 9_007_199_254_740_991 }), code: 'BAD_USER_INPUT', field: 'input.amountOff' },
  { name: 'an amountOff that is not whole', query: CREATE, variables: create({ amountOff: 10.5 }), code: 'BAD_USER_INPUT' },
  { name: 'percentOff on AMOUNT_OFF', query: CREATE, variables: create({ percentOff: 10 }), code: 'BAD_USER_INPUT', field: 'input.percentOff' },
  { name: 'PERCENT_OFF without percentOff', query: CREATE, variables: create({ kind: 'PERCENT_OFF', amountOff: null }), code: 'BAD_USER_INPUT', field: 'input.percentOff' },
  { name: 'percentOff 0', query: CREATE, variables: create({ kind: 'PERCENT_OFF', amountOff: null, percentOff: 0 }), code: 'BAD_USER_INPUT', field: 'input.percentOff' },
  { name: 'percentOff 100', query: CREATE, variables: create({ kind: 'PERCENT_OFF', amountOff: null, percentOff: 100 }), code: 'BAD_USER_INPUT', field: 'input.percentOff' },
  { name: 'a negative maxOff', query: CREATE, variables: create({ kind: 'PERCENT_OFF', amountOff: null, percentOff: 10, maxOff: -1 }), code: 'BAD_USER_INPUT', field: 'input.maxOff' },
  { name: 'amountOff on FREE_SHIPPING', query: CREATE, variables: create({ kind: 'FREE_SHIPPING' }), code: 'BAD_USER_INPUT', field: 'input.amountOff' },
  { name: 'an unknown kind', query: CREATE, variables: create({ kind: 'CASHBACK' }), code: 'BAD_USER_INPUT' },
  { name: 'scope ALL naming ids', query: CREATE, variables: create({ scopeIds: ['1'] }), code: 'BAD_USER_INPUT', field: 'input.scopeIds' },
  { name: 'scope PRODUCTS naming none', query: CREATE, variables: create({ scope: 'PRODUCTS' }), code: 'BAD_USER_INPUT', field: 'input.scopeIds' },
  { name: 'a scope id that is not one', query: CREATE, variables: create({ scope: 'SKUS', scopeIds: ['1', 'abc'] }), code: 'BAD_USER_INPUT', field: 'input.scopeIds' },
  { name: '101 scope ids', query: CREATE, variables: create({ scope: 'SKUS', scopeIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) }), code: 'BAD_USER_INPUT', field: 'input.scopeIds' },
  { name: 'scope SHOP on a shop’s coupon', query: CREATE, variables: create({ scope: 'SHOP', scopeIds: ['1'] }), code: 'BAD_USER_INPUT', field: 'input.scope' },
  { name: 'scope SHOP naming two shops', as: 'admin', query: CREATE, variables: create({ scope: 'SHOP', scopeIds: ['1', '2'] }), code: 'BAD_USER_INPUT', field: 'input.scopeIds' },
  { name: 'an excluded product id that is not one', query: CREATE, variables: create({ excludedProductIds: ['0'] }), code: 'BAD_USER_INPUT', field: 'input.excludedProductIds' },
  { name: 'both validities', query: CREATE, variables: create({ validFrom: at(0), validUntil: at(HOUR) }), code: 'BAD_USER_INPUT', field: 'input.validDays' },
  { name: 'no validity', query: CREATE, variables: create({ validDays: null }), code: 'BAD_USER_INPUT', field: 'input.validUntil' },
  { name: 'validUntil alone', query: CREATE, variables: create({ validDays: null, validUntil: at(HOUR) }), code: 'BAD_USER_INPUT', field: 'input.validFrom' },
  { name: 'validUntil before validFrom', query: CREATE, variables: create({ validDays: null, validFrom: at(2 * HOUR), validUntil: at(HOUR) }), code: 'BAD_USER_INPUT', field: 'input.validUntil' },
  { name: 'validUntil passed', query: CREATE, variables: create({ validDays: null, validFrom: at(-2 * HOUR), validUntil: at(-HOUR) }), code: 'BAD_USER_INPUT', field: 'input.validUntil' },
  { name: 'validDays 0', query: CREATE, variables: create({ validDays: 0 }), code: 'BAD_USER_INPUT', field: 'input.validDays' },
  { name: 'validDays 366', query: CREATE, variables: create({ validDays: 366 }), code: 'BAD_USER_INPUT', field: 'input.validDays' },
  { name: 'a time that is not one', query: CREATE, variables: create({ claimStartsAt: 'yesterday' }), code: 'BAD_USER_INPUT' },
  { name: 'claiming ends before it starts', query: CREATE, variables: create({ claimStartsAt: at(2 * HOUR), claimEndsAt: at(HOUR) }), code: 'BAD_USER_INPUT', field: 'input.claimEndsAt' },
  { name: 'claiming ended', query: CREATE, variables: create({ claimStartsAt: at(-2 * HOUR), claimEndsAt: at(-HOUR) }), code: 'BAD_USER_INPUT', field: 'input.claimEndsAt' },
  { name: 'claiming past the validity', query: CREATE, variables: create({ validDays: null, validFrom: at(0), validUntil: at(HOUR), claimEndsAt: at(2 * HOUR) }), code: 'BAD_USER_INPUT', field: 'input.claimEndsAt' },
  { name: 'totalQuantity 0', query: CREATE, variables: create({ totalQuantity: 0 }), code: 'BAD_USER_INPUT', field: 'input.totalQuantity' },
  { name: 'a negative totalQuantity', query: CREATE, variables: create({ totalQuantity: -5 }), code: 'BAD_USER_INPUT', field: 'input.totalQuantity' },
  { name: 'totalQuantity past 32 bits', query: CREATE, variables: create({ totalQuantity: 2 ** 31 }), code: 'BAD_USER_INPUT' },
  { name: 'perMemberLimit 0', query: CREATE, variables: create({ perMemberLimit: 0 }), code: 'BAD_USER_INPUT', field: 'input.perMemberLimit' },
  { name: 'perMemberLimit 101', query: CREATE, variables: create({ perMemberLimit: 101 }), code: 'BAD_USER_INPUT', field: 'input.perMemberLimit' },
  { name: 'setCouponTemplateStatus: another shop’s template', query: STATUS, variables: () => ({ id: ids.otherShop, s: 'PAUSED' }), code: 'NOT_FOUND' },
  { name: 'setCouponTemplateStatus: a platform template, by a merchant', query: STATUS, variables: () => ({ id: ids.platform, s: 'PAUSED' }), code: 'NOT_FOUND' },
  { name: 'setCouponTemplateStatus: an id that is not one', query: STATUS, variables: () => ({ id: 'x', s: 'PAUSED' }), code: 'NOT_FOUND' },
  { name: 'setCouponTemplateStatus: by a member', as: 'member', query: STATUS, variables: () => ({ id: ids.own, s: 'PAUSED' }), code: 'FORBIDDEN' },
  { name: 'setCouponTemplateStatus: an unknown status', query: STATUS, variables: () => ({ id: ids.own, s: 'DELETED' }), code: 'BAD_USER_INPUT' },
  { name: 'claimCoupon: an id past 2^53', as: 'member', query: CLAIM, variables: () => ({ id: '99999999999999999999' }), code: 'NOT_FOUND' },
  { name: 'couponCenter: a shop id that is not one', as: 'anonymous', query: CENTRE, variables: () => ({ shop: '1e3' }), code: 'NOT_FOUND' },
  { name: 'couponCenter: first 0', as: 'anonymous', query: CENTRE, variables: () => ({ first: 0 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'couponCenter: first 51', as: 'anonymous', query: CENTRE, variables: () => ({ first: 51 }), code: 'BAD_USER_INPUT', field: 'first' },
  { name: 'couponCenter: a made-up cursor', as: 'anonymous', query: CENTRE, variables: () => ({ after: 'nope' }), code: 'BAD_USER_INPUT', field: 'after' },
  { name: 'couponTemplates: another shop’s', query: TEMPLATES, variables: () => ({ shop: '2' }), code: 'FORBIDDEN' },
  { name: 'couponTemplates: by a member', as: 'member', query: TEMPLATES, variables: () => ({}), code: 'FORBIDDEN' },
];

describe('GraphQL arguments and input fields', () => {
  for (const c of cases) it(`${c.name} → ${c.code}`, async () => {
    const before = await t.tableChecksums();
    const caller = c.as ?? 'merchant1';
    const token = caller === 'anonymous' ? undefined : caller === 'member' ? member.token : t.tokens[caller];
    const response = await graphql(t.url, c.query, c.variables(), token ? { token } : {});
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: c.code, ...(c.field ? { field: c.field } : {}) });
    expect(await t.tableChecksums()).toEqual(before);
  });

  it('accepts every field at its limit', async () => {
    const created = await graphql(t.url, CREATE, {
      input: amountOff({ name: chars(40), description: chars(200), threshold: 100_000_000, amountOff: 99_999_999, validDays: 365, totalQuantity: 10_000_000, perMemberLimit: 100, scope: 'SKUS', scopeIds: Array.from({ length: 100 }, (_, i) => String(i + 1)) }),
    }, { token: t.tokens.merchant1 });
    expect(created.errors).toBeUndefined();
    const platform = await graphql(t.url, CREATE, { input: amountOff({ kind: 'PERCENT_OFF', amountOff: null, percentOff: 99, maxOff: 100_000_000, scope: 'SHOP', scopeIds: ['3'] }) }, { token: t.tokens.admin });
    expect(platform.errors).toBeUndefined();
  });
});
