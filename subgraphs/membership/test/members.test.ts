import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitiesQuery, errorCode, graphql } from '@mall/test-kit';
import { startMembership, type TestMembership } from './fixtures.ts';

let membership: TestMembership;
let alice: Awaited<ReturnType<TestMembership['loginMember']>>;
let bob: Awaited<ReturnType<TestMembership['loginMember']>>;
let admin: string;

beforeAll(async () => {
  membership = await startMembership();
  [alice, bob] = await Promise.all([membership.loginMember(), membership.loginMember()]);
  admin = await membership.loginStaff('admin');
});
afterAll(() => membership?.close());

const ADD = `mutation ($input: AddressInput!) { addAddress(input: $input) { id recipient phone region detail isDefault } }`;
const home = {
  recipient: '张三',
  phone: '138 0013 8000',
  provinceCode: '440000',
  cityCode: '440300',
  districtCode: '440305',
  region: '广东省 深圳市 南山区',
  detail: '科技园南区 1 栋 101',
};

describe('addresses', () => {
  it('adds, edits, switches the default and deletes', async () => {
    const first = await graphql<{ addAddress: { id: string; isDefault: boolean; phone: string } }>(membership.url, ADD, { input: home }, { token: alice.accessToken });
    expect(first.errors).toBeUndefined();
    expect(first.data!.addAddress).toMatchObject({ isDefault: true, phone: '13800138000' });
    const second = await graphql<{ addAddress: { id: string; isDefault: boolean } }>(membership.url, ADD, {
      input: { ...home, recipient: '李四', provinceCode: '110000', cityCode: '110100', districtCode: '110105', region: '北京市 北京市 朝阳区', isDefault: true },
    }, { token: alice.accessToken });
    expect(second.data!.addAddress.isDefault).toBe(true);
    const list = async () =>
      (await graphql<{ me: { addresses: Array<{ id: string; isDefault: boolean }>; defaultAddress: { id: string } } }>(
        membership.url, '{ me { addresses { id isDefault } defaultAddress { id } } }', {}, { token: alice.accessToken },
      )).data!.me;
    expect((await list()).addresses).toEqual([{ id: second.data!.addAddress.id, isDefault: true }, { id: first.data!.addAddress.id, isDefault: false }]);

    await graphql(membership.url, 'mutation ($id: ID!) { setDefaultAddress(id: $id) { id } }', { id: first.data!.addAddress.id }, { token: alice.accessToken });
    expect((await list()).defaultAddress.id).toBe(first.data!.addAddress.id);

    const edited = await graphql<{ updateAddress: { detail: string } }>(
      membership.url, 'mutation ($id: ID!) { updateAddress(id: $id, input: { detail: "科技园南区 2 栋 202" }) { detail } }', { id: first.data!.addAddress.id }, { token: alice.accessToken },
    );
    expect(edited.data!.updateAddress.detail).toBe('科技园南区 2 栋 202');

    const noDefault = await graphql(membership.url, 'mutation ($id: ID!) { updateAddress(id: $id, input: { isDefault: false }) { id } }', { id: first.data!.addAddress.id }, { token: alice.accessToken });
    expect(errorCode(noDefault)).toBe('BAD_USER_INPUT');
    await graphql(membership.url, 'mutation ($id: ID!) { deleteAddress(id: $id) }', { id: first.data!.addAddress.id }, { token: alice.accessToken });
    expect(await list()).toEqual({ addresses: [{ id: second.data!.addAddress.id, isDefault: true }], defaultAddress: { id: second.data!.addAddress.id } });
  });

  it('refuses bad addresses with BAD_USER_INPUT and stores none of them', async () => {
    const before = (await graphql<{ me: { addresses: unknown[] } }>(membership.url, '{ me { addresses { id } } }', {}, { token: bob.accessToken })).data!.me.addresses;
    const bad = [
      { ...home, phone: '12345' },
      { ...home, phone: '23800138000' },
      { ...home, provinceCode: '44' },
      { ...home, cityCode: '450300' },
      { ...home, districtCode: '440405' },
      { ...home, recipient: '' },
      { ...home, detail: 'x'.repeat(201) },
      { ...home, region: undefined },
    ];
    for (const input of bad) {
      const response = await graphql(membership.url, ADD, { input }, { token: bob.accessToken });
      expect(errorCode(response), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    const after = (await graphql<{ me: { addresses: unknown[] } }>(membership.url, '{ me { addresses { id } } }', {}, { token: bob.accessToken })).data!.me.addresses;
    expect(after).toEqual(before);
  });
});

describe('one member never reaches another’s data', () => {
  it('through me, _entities, and address mutations', async () => {
    const bobsAddress = (await graphql<{ addAddress: { id: string } }>(membership.url, ADD, { input: { ...home, recipient: '鲍勃' } }, { token: bob.accessToken })).data!.addAddress.id;

    // Public fields of another member are fine (an order page shows the buyer's nickname)...
    const publicView = await graphql<{ _entities: Array<{ id: string; nickname: string }> }>(
      membership.url, entitiesQuery('Member', 'id nickname avatar'), { representations: [{ __typename: 'Member', id: bob.memberId }] }, { token: alice.accessToken },
    );
    expect(publicView.data!._entities).toEqual([{ id: bob.memberId, nickname: '微信用户', avatar: null }]);

    // ...private ones are FORBIDDEN, whichever way they are asked for.
    for (const field of ['phone', 'createdAt', 'growth', 'level { code }', 'points { balance }', 'wallet { balance { amount } }', 'addresses { id }', 'defaultAddress { id }', 'points { history { nodes { id } } }', 'wallet { history { nodes { id } } }']) {
      for (const token of [alice.accessToken, undefined]) {
        const response = await graphql<{ _entities: unknown[] }>(
          membership.url, entitiesQuery('Member', field), { representations: [{ __typename: 'Member', id: bob.memberId }] }, token ? { token } : {},
        );
        expect(errorCode(response), `${field} ${token ? 'as alice' : 'anonymous'}`).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
        expect(JSON.stringify(response.data)).not.toContain(bobsAddress);
      }
    }
    expect(errorCode(await graphql(membership.url, `{ member(id: "${bob.memberId}") { id } }`, {}, { token: alice.accessToken }))).toBe('FORBIDDEN');

    for (const mutation of [
      'mutation ($id: ID!) { updateAddress(id: $id, input: { detail: "改别人的地址" }) { id } }',
      'mutation ($id: ID!) { deleteAddress(id: $id) }',
      'mutation ($id: ID!) { setDefaultAddress(id: $id) { id } }',
    ]) {
      expect(errorCode(await graphql(membership.url, mutation, { id: bobsAddress }, { token: alice.accessToken }))).toBe('NOT_FOUND');
    }
    expect(errorCode(await graphql(membership.url, `{ address(id: "${bobsAddress}") { id } }`, {}, { token: alice.accessToken }))).toBe('NOT_FOUND');
    const stillThere = await graphql<{ address: { detail: string } }>(membership.url, `{ address(id: "${bobsAddress}") { detail } }`, {}, { token: bob.accessToken });
    expect(stillThere.data!.address.detail).toBe(home.detail);

    // An admin sees everything.
    const asAdmin = await graphql<{ member: { addresses: Array<{ id: string }> } }>(membership.url, `{ member(id: "${bob.memberId}") { addresses { id } wallet { balance { amount } } } }`, {}, { token: admin });
    expect(asAdmin.data!.member.addresses.map((a) => a.id)).toContain(bobsAddress);
  });
});

describe('profile, phone and levels', () => {
  it('updates the profile and binds the phone WeChat vouches for', async () => {
    const profile = await graphql<{ updateProfile: { nickname: string; avatar: string } }>(
      membership.url, 'mutation { updateProfile(input: { nickname: "爱丽丝", avatar: "https://img.example.com/a.png" }) { nickname avatar } }', {}, { token: alice.accessToken },
    );
    expect(profile.data!.updateProfile).toEqual({ nickname: '爱丽丝', avatar: 'https://img.example.com/a.png' });
    expect(errorCode(await graphql(membership.url, 'mutation { updateProfile(input: { nickname: "" }) { nickname } }', {}, { token: alice.accessToken }))).toBe('BAD_USER_INPUT');

    const BIND = 'mutation ($code: String!) { bindPhone(code: $code) { phone } }';
    const bound = await graphql<{ bindPhone: { phone: string } }>(membership.url, BIND, { code: membership.wechat.phoneCode({ purePhoneNumber: '13912345678' }) }, { token: alice.accessToken });
    expect(bound.data!.bindPhone.phone).toBe('13912345678');
    const taken = await graphql(membership.url, BIND, { code: membership.wechat.phoneCode({ purePhoneNumber: '13912345678' }) }, { token: bob.accessToken });
    expect(errorCode(taken)).toBe('CONFLICT');
    expect(errorCode(await graphql(membership.url, BIND, { code: 'deadbeefdeadbeef' }, { token: bob.accessToken }))).toBe('BAD_USER_INPUT');
  });

  it('lets an admin adjust growth, which moves the level, once per key', async () => {
    const ADJUST = 'mutation ($m: ID!, $d: Int!, $k: String!) { adjustGrowth(memberId: $m, delta: $d, idempotencyKey: $k) { growth level { code name discountPermille nextLevelGrowth } } }';
    const gold = await graphql<{ adjustGrowth: { growth: number; level: { code: string; discountPermille: number; nextLevelGrowth: number } } }>(
      membership.url, ADJUST, { m: bob.memberId, d: 6000, k: 'growth-test-0001' }, { token: admin },
    );
    expect(gold.data!.adjustGrowth).toEqual({ growth: 6000, level: { code: 'GOLD', name: '黄金会员', discountPermille: 950, nextLevelGrowth: 20000 } });
    const replay = await graphql<{ adjustGrowth: { growth: number } }>(membership.url, ADJUST, { m: bob.memberId, d: 6000, k: 'growth-test-0001' }, { token: admin });
    expect(replay.data!.adjustGrowth.growth).toBe(6000);
    expect(errorCode(await graphql(membership.url, ADJUST, { m: bob.memberId, d: 10, k: 'growth-test-0001' }, { token: admin }))).toBe('CONFLICT');
    expect(errorCode(await graphql(membership.url, ADJUST, { m: bob.memberId, d: 10, k: 'growth-test-0002' }, { token: bob.accessToken }))).toBe('FORBIDDEN');
    // Growth never goes below zero: a cut past it is refused, and a retry of it too.
    for (let i = 0; i < 2; i++) {
      expect(errorCode(await graphql(membership.url, ADJUST, { m: bob.memberId, d: -7000, k: 'growth-test-0003' }, { token: admin }))).toBe('CONFLICT');
    }
    const cut = await graphql<{ adjustGrowth: { growth: number; level: { code: string } } }>(membership.url, ADJUST, { m: bob.memberId, d: -5500, k: 'growth-test-0004' }, { token: admin });
    expect(cut.data!.adjustGrowth).toMatchObject({ growth: 500, level: { code: 'REGULAR' } });
    const levels = await graphql<{ memberLevels: Array<{ code: string; minGrowth: number }> }>(membership.url, '{ memberLevels { code minGrowth } }');
    expect(levels.data!.memberLevels.map((l) => l.code)).toEqual(['REGULAR', 'SILVER', 'GOLD', 'DIAMOND']);
  });
});
