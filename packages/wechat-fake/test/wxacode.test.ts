import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { startFakeWechat, type FakeWechat } from '../src/fakeWechat.ts';

/** The fake's unlimited mini-program codes, as WeChat answers them: an image, or an errcode. */
let fake: FakeWechat;
beforeAll(async () => {
  fake = await startFakeWechat({ appId: 'wx-test', appSecret: 'secret' });
});
afterAll(async () => {
  await fake?.close();
});

async function token(): Promise<string> {
  const answer = (await (await fetch(`${fake.url}/cgi-bin/token?grant_type=client_credential&appid=wx-test&secret=secret`)).json()) as { access_token: string };
  return answer.access_token;
}
const code = (accessToken: string, body: unknown) =>
  fetch(`${fake.url}/wxa/getwxacodeunlimit?access_token=${accessToken}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('wxacode.getUnlimited', () => {
  it('answers a PNG that depends on the scene and page', async () => {
    const t = await token();
    const first = await code(t, { scene: 'AB12CD34', page: 'pages/product/index' });
    expect(first.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await first.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // A real PNG: its IDAT inflates to 33 rows of a filter byte and 33 pixels.
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length).toBe(33 * 34);
    const again = Buffer.from(await (await code(t, { scene: 'AB12CD34', page: 'pages/product/index' })).arrayBuffer());
    const other = Buffer.from(await (await code(t, { scene: 'ZZ12CD34', page: 'pages/product/index' })).arrayBuffer());
    expect(again).toEqual(png);
    expect(other).not.toEqual(png);
    expect(fake.codes.slice(-3).map((c) => c.scene)).toEqual(['AB12CD34', 'AB12CD34', 'ZZ12CD34']);
  });

  it('refuses a bad token, scene or page with WeChat’s errcodes, and never crashes on bad input', async () => {
    const t = await token();
    const errcodeOf = async (r: Response) => ((await r.json()) as { errcode: number }).errcode;
    expect(await errcodeOf(await code('nope', { scene: 'A' }))).toBe(40001);
    expect(await errcodeOf(await code(t, { scene: '' }))).toBe(40169);
    expect(await errcodeOf(await code(t, { scene: 'x'.repeat(33) }))).toBe(40169);
    expect(await errcodeOf(await code(t, { scene: '中文' }))).toBe(40169);
    expect(await errcodeOf(await code(t, { scene: 'A', page: '/pages/index' }))).toBe(41030);
    expect(await errcodeOf(await code(t, 'not json'))).toBe(40169);
    fake.failNext('getwxacodeunlimit', 45009);
    expect(await errcodeOf(await code(t, { scene: 'A' }))).toBe(45009);
    expect((await code(t, { scene: 'A' })).headers.get('content-type')).toBe('image/png');
  });
});
