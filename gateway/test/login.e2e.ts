import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, graphql } from '@mall/test-kit';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';

let supergraph: TestSupergraph;
let url: string;

beforeAll(async () => {
  supergraph = await startSupergraph();
  url = supergraph.gateway.url;
});
afterAll(() => supergraph?.stop());

describe('logging in through the gateway', () => {
  it('a shopper logs in with WeChat, reads me, keeps addresses and sees points and wallet', async () => {
    const code = supergraph.wechat.loginCode({ openid: 'oE2E_shopper_0000000000000001' });
    const login = await graphql<{ loginWithWechat: { accessToken: string; refreshToken: string; member: { id: string } } }>(
      url, 'mutation ($code: String!) { loginWithWechat(code: $code) { accessToken refreshToken member { id } } }', { code },
    );
    expect(login.errors).toBeUndefined();
    const { accessToken, refreshToken } = login.data!.loginWithWechat;

    const added = await graphql<{ addAddress: { id: string; isDefault: boolean } }>(url, `mutation {
      addAddress(input: { recipient: "王五", phone: "13700001111", provinceCode: "310000", cityCode: "310100", districtCode: "310115", region: "上海市 上海市 浦东新区", detail: "世纪大道 100 号" }) { id isDefault }
    }`, {}, { token: accessToken });
    expect(added.data!.addAddress.isDefault).toBe(true);

    const me = await graphql<{ me: { level: { name: string }; points: { balance: number; history: { totalCount: number } }; wallet: { balance: { amount: number }; history: { nodes: unknown[] } }; defaultAddress: { id: string } } }>(
      url, '{ me { id level { name } points { balance history { totalCount } } wallet { balance { amount } history { nodes { id } } } defaultAddress { id } } }', {}, { token: accessToken },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({ level: { name: '普通会员' }, points: { balance: 0, history: { totalCount: 0 } }, wallet: { balance: { amount: 0 }, history: { nodes: [] } }, defaultAddress: { id: added.data!.addAddress.id } });

    const refreshed = await graphql<{ refreshSession: { accessToken: string } }>(url, 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', { t: refreshToken });
    expect((await graphql(url, '{ me { id } }', {}, { token: refreshed.data!.refreshSession.accessToken })).errors).toBeUndefined();
  });

  it('a merchant logs in with a password and edits only their own shop’s catalog', async () => {
    const login = await graphql<{ loginStaff: { accessToken: string; staff: { shop: { id: string; name: string } } } }>(
      url, 'mutation { loginStaff(account: "merchant2", password: "mall-dev-pass") { accessToken staff { shop { id name } } } }',
    );
    expect(login.errors).toBeUndefined();
    // The shop comes from catalog through federation.
    expect(login.data!.loginStaff.staff.shop).toEqual({ id: '2', name: '数码港官方店' });
    const token = login.data!.loginStaff.accessToken;

    const own = await graphql<{ products: { nodes: Array<{ id: string }> } }>(url, '{ products(filter: { shopId: "2" }, first: 1) { nodes { id } } }');
    const others = await graphql<{ products: { nodes: Array<{ id: string }> } }>(url, '{ products(filter: { shopId: "1" }, first: 1) { nodes { id } } }');
    const rename = 'mutation ($id: ID!) { updateProduct(id: $id, input: { subtitle: "商家后台改过" }) { subtitle } }';
    const mine = await graphql<{ updateProduct: { subtitle: string } }>(url, rename, { id: own.data!.products.nodes[0]!.id }, { token });
    expect(mine.data!.updateProduct.subtitle).toBe('商家后台改过');
    expect(errorCode(await graphql(url, rename, { id: others.data!.products.nodes[0]!.id }, { token }))).toBe('FORBIDDEN');
  });
});
