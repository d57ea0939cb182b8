import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '@mall/test-kit';
import { freightTemplates } from '../src/db/schema.ts';
import { FREIGHT_LIMITS, freightFor, freightRules, type FreightRegion, type FreightRule } from '../src/services/freight.ts';
import { sku, startPromotion, type TestPromotion } from './fixtures.ts';

/** Freight templates (运费模板): the computation, then storing and reading them through promotion's API. */

const XINJIANG = '650000';
const TIBET = '540000';
const GUANGDONG = '440000';
const HONG_KONG = '810000';

const region = (provinceCodes: string[], first: number, firstFee: number, extra: number, extraFee: number): FreightRegion => ({ provinceCodes, first, firstFee, extra, extraFee });
const parcel = (pieces: number, grams = 0, goods = 0) => ({ pieces, grams, goods });

/** ¥10 the first piece, ¥5 each further one; 新疆 and 西藏 ¥20 the first two, ¥15 each 3 more. */
const byPiece: FreightRule = {
  chargeBy: 'PIECE',
  regions: [region([], 1, 1_000, 1, 500), region([XINJIANG, TIBET], 2, 2_000, 3, 1_500)],
  undeliverable: [HONG_KONG],
  freeThreshold: null,
};
/** ¥8 the first kilogram, ¥2 each further 500 g. */
const byWeight: FreightRule = { chargeBy: 'WEIGHT', regions: [region([], 1_000, 800, 500, 200)], undeliverable: [], freeThreshold: null };

describe('freightFor', () => {
  it('charges the flat fee for a shop without a template', () => {
    expect(freightFor(null, 800, parcel(3, 5_000), GUANGDONG)).toEqual({ fee: 800, free: null, deliverable: true });
    expect(freightFor(null, 0, parcel(1), null)).toEqual({ fee: 0, free: null, deliverable: true });
  });

  it('counts pieces: the first fee up to `first`, then a fee per started step of `extra`', () => {
    const fee = (pieces: number, province: string | null = null) => freightFor(byPiece, 800, parcel(pieces), province).fee;
    expect([1, 2, 3, 10].map((n) => fee(n))).toEqual([1_000, 1_500, 2_000, 5_500]);
    expect([1, 2, 3, 5, 6, 8].map((n) => fee(n, XINJIANG))).toEqual([2_000, 2_000, 3_500, 3_500, 5_000, 5_000]);
    expect(fee(4, TIBET)).toBe(3_500);
  });

  it('prices a province no region names, and no province, by the default region', () => {
    expect(freightFor(byPiece, 800, parcel(2), GUANGDONG)).toEqual({ fee: 1_500, free: null, deliverable: true });
    expect(freightFor(byPiece, 800, parcel(2), null)).toEqual({ fee: 1_500, free: null, deliverable: true });
  });

  it('counts grams by weight; weightless goods pay the first fee', () => {
    const fee = (grams: number) => freightFor(byWeight, 800, parcel(2, grams), GUANGDONG).fee;
    expect([0, 1, 1_000, 1_001, 1_500, 1_501, 3_000].map(fee)).toEqual([800, 800, 800, 1_000, 1_000, 1_200, 1_600]);
    // Pieces do not count by weight.
    expect(freightFor(byWeight, 800, parcel(50, 900), null).fee).toBe(800);
  });

  it('ships free from the threshold on, read on the goods after discounts: exactly X is free, one cent less is not', () => {
    const rule = { ...byPiece, freeThreshold: 9_900 };
    expect(freightFor(rule, 800, parcel(3, 0, 9_900), GUANGDONG)).toEqual({ fee: 0, free: 'THRESHOLD', deliverable: true });
    expect(freightFor(rule, 800, parcel(3, 0, 9_899), GUANGDONG)).toEqual({ fee: 2_000, free: null, deliverable: true });
    expect(freightFor(rule, 800, parcel(3, 0, 1_000_000), XINJIANG)).toEqual({ fee: 0, free: 'THRESHOLD', deliverable: true });
  });

  it('does not deliver to undeliverable provinces, whatever the goods', () => {
    expect(freightFor(byPiece, 800, parcel(1), HONG_KONG)).toEqual({ fee: 0, free: null, deliverable: false });
    expect(freightFor({ ...byPiece, freeThreshold: 100 }, 800, parcel(1, 0, 50_000), HONG_KONG)).toEqual({ fee: 0, free: null, deliverable: false });
    // Without an address yet, the default region's fee.
    expect(freightFor(byPiece, 800, parcel(1), null).deliverable).toBe(true);
  });

  it('stays in whole cents within the cap, however heavy the parcel', () => {
    const heavy: FreightRule = { chargeBy: 'WEIGHT', regions: [region([], 1, FREIGHT_LIMITS.fee, 1, FREIGHT_LIMITS.fee)], undeliverable: [], freeThreshold: null };
    // 50 lines of 999 one-tonne units: 5 × 10^10 grams, steps × fee far past 2^53.
    expect(freightFor(heavy, 0, parcel(49_950, 49_950_000_000), null).fee).toBe(FREIGHT_LIMITS.total);
    expect(freightFor(heavy, 0, parcel(1, 10), null).fee).toBe(10 * FREIGHT_LIMITS.fee);
    // Exactly at the cap, and one step before it.
    expect(freightFor(heavy, 0, parcel(1, 9), null).fee).toBe(9 * FREIGHT_LIMITS.fee);
    expect(freightFor(heavy, 0, parcel(1, 11), null).fee).toBe(FREIGHT_LIMITS.total);
    expect(freightFor(null, 99_999_999, parcel(1), null).fee).toBe(FREIGHT_LIMITS.total);
  });

  it('costs nothing for an empty parcel and refuses counts that are not whole', () => {
    expect(freightFor(byPiece, 800, parcel(0), null)).toEqual({ fee: 0, free: null, deliverable: true });
    expect(() => freightFor(byPiece, 800, parcel(-1), null)).toThrow(RangeError);
    expect(() => freightFor(byWeight, 800, parcel(1, 1.5), null)).toThrow(RangeError);
    expect(() => freightFor(byWeight, 800, parcel(1, 0, Number.NaN), null)).toThrow(RangeError);
  });
});

const SET = `mutation ($shop: ID!, $input: FreightTemplateInput!) {
  setFreightTemplate(shopId: $shop, input: $input) {
    id shop { id } name chargeBy undeliverable updatedAt
    freeThreshold { amount currency }
    regions { provinceCodes first firstFee { amount } extra extraFee { amount } }
  }
}`;
const GET = 'query ($shop: ID!) { freightTemplate(shopId: $shop) { id name chargeBy undeliverable freeThreshold { amount } regions { provinceCodes first firstFee { amount } extra extraFee { amount } } } }';
const REMOVE = 'mutation ($shop: ID!) { removeFreightTemplate(shopId: $shop) }';
const ESTIMATE = 'query ($shop: ID!, $lines: [QuoteLineInput!]!, $province: String) { freightEstimate(shopId: $shop, lines: $lines, provinceCode: $province) { fee { amount } free deliverable } }';

interface TemplateData {
  id: string;
  name: string;
  chargeBy: string;
  undeliverable: string[];
  freeThreshold: { amount: number } | null;
  regions: Array<{ provinceCodes: string[]; first: number; firstFee: { amount: number }; extra: number; extraFee: { amount: number } }>;
}

/** A valid input: by piece, ¥10 + ¥5 a piece, 新疆 ¥20 + ¥10, not to 香港, free from ¥99. */
const input = (changes: Record<string, unknown> = {}) => ({
  name: '默认运费',
  chargeBy: 'PIECE',
  regions: [
    { provinceCodes: [], first: 1, firstFee: 1_000, extra: 1, extraFee: 500 },
    { provinceCodes: [XINJIANG], first: 1, firstFee: 2_000, extra: 1, extraFee: 1_000 },
  ],
  undeliverable: [HONG_KONG],
  freeThreshold: 9_900,
  ...changes,
});

let t: TestPromotion;
let member: string;

beforeAll(async () => {
  t = await startPromotion({ ORDER_FREIGHT_CENTS: '600' });
  member = (await t.member()).token;
});
afterAll(() => t?.stop());

describe('freight templates through the API', () => {
  it('lets a merchant set their shop’s template, which anyone reads back', async () => {
    const set = await t.query<{ setFreightTemplate: TemplateData & { shop: { id: string }; freeThreshold: { amount: number; currency: string } } }>(SET, { shop: '1', input: input() }, t.tokens.merchant1);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setFreightTemplate).toMatchObject({
      shop: { id: '1' },
      name: '默认运费',
      chargeBy: 'PIECE',
      undeliverable: [HONG_KONG],
      freeThreshold: { amount: 9_900, currency: 'CNY' },
      regions: [
        { provinceCodes: [], first: 1, firstFee: { amount: 1_000 }, extra: 1, extraFee: { amount: 500 } },
        { provinceCodes: [XINJIANG], first: 1, firstFee: { amount: 2_000 }, extra: 1, extraFee: { amount: 1_000 } },
      ],
    });
    const read = await t.query<{ freightTemplate: TemplateData }>(GET, { shop: '1' });
    expect(read.data!.freightTemplate).toMatchObject({ id: set.data!.setFreightTemplate.id, name: '默认运费', undeliverable: [HONG_KONG], freeThreshold: { amount: 9_900 } });
    expect((await t.query<{ freightTemplate: null }>(GET, { shop: '77' })).data!.freightTemplate).toBeNull();
  });

  it('gives the integrator every shop’s rule in one query, null for shops without one', async () => {
    // Of the statements meanwhile (the job runner polls too), those reading freight templates.
    const freightQueries = (queries: string[]) => queries.filter((q) => q.includes('freight_templates'));
    const { result, queries } = await t.recordQueries(() => freightRules(t.subgraph.deps, ['1', '77', 'not-an-id']));
    expect(freightQueries(queries)).toHaveLength(1);
    expect(result.get('1')).toMatchObject({ chargeBy: 'PIECE', undeliverable: [HONG_KONG], freeThreshold: 9_900 });
    expect(result.get('77')).toBeNull();
    expect(result.get('not-an-id')).toBeNull();
    expect(freightFor(result.get('1')!, 600, parcel(2), XINJIANG).fee).toBe(3_000);
    expect(freightQueries((await t.recordQueries(() => freightRules(t.subgraph.deps, []))).queries)).toEqual([]);
  });

  it('replaces the template when set again, keeping its id; an admin may set any shop’s', async () => {
    const before = (await t.query<{ freightTemplate: TemplateData }>(GET, { shop: '1' })).data!.freightTemplate;
    const replaced = await t.query<{ setFreightTemplate: TemplateData }>(SET, {
      shop: '1',
      input: { name: '按重量', chargeBy: 'WEIGHT', regions: [{ provinceCodes: [], first: 1_000, firstFee: 800, extra: 500, extraFee: 200 }] },
    }, t.tokens.admin);
    expect(replaced.errors).toBeUndefined();
    expect(replaced.data!.setFreightTemplate).toMatchObject({ id: before.id, name: '按重量', chargeBy: 'WEIGHT', undeliverable: [], freeThreshold: null });
    expect((await freightRules(t.subgraph.deps, ['1'])).get('1')).toEqual({ chargeBy: 'WEIGHT', regions: [region([], 1_000, 800, 500, 200)], undeliverable: [], freeThreshold: null });
    const rows = await t.subgraph.deps.db.select().from(freightTemplates);
    expect(rows.filter((r) => r.shopId === 1)).toHaveLength(1);
    expect(rows.find((r) => r.shopId === 1)!.createdBy).toBe('admin:a1');
  });

  it('estimates a product page’s freight from catalog’s weights (运费估算)', async () => {
    const light = sku({ shopId: '1', weightGrams: 300, price: 2_000 });
    const heavy = sku({ shopId: '1', weightGrams: 1_200, price: 5_000 });
    const elsewhere = sku({ shopId: '2' });
    for (const s of [light, heavy, elsewhere]) t.skus.set(s.skuId, s);
    const estimate = async (shop: string, lines: Array<{ skuId: string; quantity: number }>, province?: string) =>
      t.query<{ freightEstimate: { fee: { amount: number }; free: string | null; deliverable: boolean } }>(ESTIMATE, { shop, lines, province });
    // Shop 1 charges by weight now: 300 + 1,200 g = 1,500 g → ¥8 + ¥2.
    expect((await estimate('1', [{ skuId: light.skuId, quantity: 1 }, { skuId: heavy.skuId, quantity: 1 }], GUANGDONG)).data!.freightEstimate).toEqual({ fee: { amount: 1_000 }, free: null, deliverable: true });
    expect((await estimate('1', [{ skuId: light.skuId, quantity: 2 }])).data!.freightEstimate.fee.amount).toBe(800);
    // Shop 2 has no template: the flat freight.
    expect((await estimate('2', [{ skuId: elsewhere.skuId, quantity: 3 }])).data!.freightEstimate).toEqual({ fee: { amount: 600 }, free: null, deliverable: true });
    const notTheShops = await estimate('1', [{ skuId: elsewhere.skuId, quantity: 1 }]);
    expect(notTheShops.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines[0].skuId' });
    expect((await estimate('1', [{ skuId: light.skuId, quantity: 1 }], '4403')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'provinceCode' });
  });

  it('removes the template: the shop pays the flat freight again', async () => {
    expect((await t.query<{ removeFreightTemplate: boolean }>(REMOVE, { shop: '1' }, t.tokens.merchant1)).data!.removeFreightTemplate).toBe(true);
    expect((await t.query<{ freightTemplate: null }>(GET, { shop: '1' })).data!.freightTemplate).toBeNull();
    expect((await freightRules(t.subgraph.deps, ['1'])).get('1')).toBeNull();
    expect((await t.query<{ removeFreightTemplate: boolean }>(REMOVE, { shop: '1' }, t.tokens.merchant1)).data!.removeFreightTemplate).toBe(false);
  });
});

type Caller = 'merchant1' | 'merchant2' | 'admin' | 'member' | 'anonymous';
interface RefusalCase {
  name: string;
  /** Shop 1's merchant unless told. */
  as?: Caller;
  query?: string;
  variables: Record<string, unknown>;
  code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND';
  field?: string;
}
/** `setFreightTemplate`'s variables: shop 1, the valid input with `changes`. */
const set = (changes: Record<string, unknown>, shop = '1') => ({ shop, input: input(changes) });
/** …with its region `i` changed. */
const regionChange = (i: number, changes: Record<string, unknown>) => set({ regions: input().regions.map((r, j) => (j === i ? { ...r, ...changes } : r)) });

const refusals: RefusalCase[] = [
  { name: 'anonymous', as: 'anonymous', variables: set({}), code: 'UNAUTHENTICATED' },
  { name: 'by a member', as: 'member', variables: set({}), code: 'FORBIDDEN' },
  { name: 'another shop’s merchant', as: 'merchant2', variables: set({}), code: 'FORBIDDEN' },
  { name: 'removed by another shop’s merchant', as: 'merchant2', query: REMOVE, variables: { shop: '1' }, code: 'FORBIDDEN' },
  { name: 'a shop id that is not one', as: 'admin', variables: set({}, 'x'), code: 'NOT_FOUND' },
  { name: 'removed with a shop id that is not one', as: 'admin', query: REMOVE, variables: { shop: '0' }, code: 'NOT_FOUND' },
  { name: 'a name of 1 character', variables: set({ name: '运' }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'a name of 41 characters', variables: set({ name: '运'.repeat(41) }), code: 'BAD_USER_INPUT', field: 'input.name' },
  { name: 'no region', variables: set({ regions: [] }), code: 'BAD_USER_INPUT', field: 'input.regions' },
  { name: '41 regions', variables: set({ regions: [{ provinceCodes: [], first: 1, firstFee: 0, extra: 1, extraFee: 0 }, ...Array.from({ length: 40 }, (_, i) => ({ provinceCodes: [`${11 + i}0000`], first: 1, firstFee: 0, extra: 1, extraFee: 0 }))] }), code: 'BAD_USER_INPUT', field: 'input.regions' },
  { name: 'no default region', variables: regionChange(0, { provinceCodes: [GUANGDONG] }), code: 'BAD_USER_INPUT', field: 'input.regions' },
  { name: 'two default regions', variables: regionChange(1, { provinceCodes: [] }), code: 'BAD_USER_INPUT', field: 'input.regions' },
  { name: 'a province code of 5 digits', variables: regionChange(1, { provinceCodes: ['65000'] }), code: 'BAD_USER_INPUT', field: 'input.regions[1].provinceCodes' },
  { name: 'a province code with letters', variables: regionChange(1, { provinceCodes: ['65000a'] }), code: 'BAD_USER_INPUT', field: 'input.regions[1].provinceCodes' },
  { name: 'a city code for a province', variables: regionChange(1, { provinceCodes: ['440300'] }), code: 'BAD_USER_INPUT', field: 'input.regions[1].provinceCodes' },
  { name: 'a province in two regions', variables: set({ regions: [...input().regions, { provinceCodes: [XINJIANG], first: 1, firstFee: 0, extra: 1, extraFee: 0 }] }), code: 'BAD_USER_INPUT', field: 'input.regions[2].provinceCodes' },
  { name: 'a province twice in one region', variables: regionChange(1, { provinceCodes: [XINJIANG, XINJIANG] }), code: 'BAD_USER_INPUT', field: 'input.regions[1].provinceCodes' },
  { name: 'a province both in a region and undeliverable', variables: set({ undeliverable: [XINJIANG] }), code: 'BAD_USER_INPUT', field: 'input.undeliverable' },
  { name: 'an undeliverable code that is not one', variables: set({ undeliverable: ['HK'] }), code: 'BAD_USER_INPUT', field: 'input.undeliverable' },
  { name: 'first 0', variables: regionChange(0, { first: 0 }), code: 'BAD_USER_INPUT', field: 'input.regions[0].first' },
  { name: 'first 100,001', variables: regionChange(1, { first: 100_001 }), code: 'BAD_USER_INPUT', field: 'input.regions[1].first' },
  { name: 'extra 0', variables: regionChange(0, { extra: 0 }), code: 'BAD_USER_INPUT', field: 'input.regions[0].extra' },
  { name: 'extra 100,001', variables: regionChange(0, { extra: 100_001 }), code: 'BAD_USER_INPUT', field: 'input.regions[0].extra' },
  { name: 'a negative first fee', variables: regionChange(0, { firstFee: -1 }), code: 'BAD_USER_INPUT', field: 'input.regions[0].firstFee' },
  { name: 'a first fee over ¥10,000', variables: regionChange(1, { firstFee: 1_000_001 }), code: 'BAD_USER_INPUT', field: 'input.regions[1].firstFee' },
  { name: 'a negative extra fee', variables: regionChange(1, { extraFee: -1 }), code: 'BAD_USER_INPUT', field: 'input.regions[1].extraFee' },
  { name: 'an extra fee over ¥10,000', variables: regionChange(0, { extraFee: 1_000_001 }), code: 'BAD_USER_INPUT', field: 'input.regions[0].extraFee' },
  { name: 'a fee that is not whole', variables: regionChange(0, { firstFee: 10.5 }), code: 'BAD_USER_INPUT' },
  { name: 'a free threshold of 0', variables: set({ freeThreshold: 0 }), code: 'BAD_USER_INPUT', field: 'input.freeThreshold' },
  { name: 'a free threshold past one order', variables: set({ freeThreshold: 100_000_001 }), code: 'BAD_USER_INPUT', field: 'input.freeThreshold' },
  { name: 'an unknown chargeBy', variables: set({ chargeBy: 'VOLUME' }), code: 'BAD_USER_INPUT' },
];

describe('refused freight template changes write nothing', () => {
  beforeAll(async () => {
    // A template in place, so a refused set is seen not to replace it.
    const placed = await t.query(SET, { shop: '1', input: input({ name: '原来的运费' }) }, t.tokens.merchant1);
    expect(placed.errors).toBeUndefined();
  });

  for (const c of refusals) it(`${c.name} → ${c.code}`, async () => {
    const before = await t.tableChecksums();
    const caller = c.as ?? 'merchant1';
    const token = caller === 'anonymous' ? undefined : caller === 'member' ? member : t.tokens[caller as 'merchant1' | 'merchant2' | 'admin'];
    const response = await graphql(t.url, c.query ?? SET, c.variables, token ? { token } : {});
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: c.code, ...(c.field ? { field: c.field } : {}) });
    expect(await t.tableChecksums()).toEqual(before);
  });

  it('accepts every field at its limit', async () => {
    const provinces = Array.from({ length: 39 }, (_, i) => `${11 + i}0000`);
    const atLimits = input({
      name: '运'.repeat(40),
      regions: [
        { provinceCodes: [], first: 100_000, firstFee: 1_000_000, extra: 100_000, extraFee: 1_000_000 },
        ...provinces.map((code) => ({ provinceCodes: [code], first: 1, firstFee: 0, extra: 1, extraFee: 0 })),
      ],
      undeliverable: ['910000'],
      freeThreshold: 100_000_000,
    });
    const accepted = await t.query<{ setFreightTemplate: TemplateData }>(SET, { shop: '1', input: atLimits }, t.tokens.merchant1);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.setFreightTemplate.regions).toHaveLength(40);
  });
});
