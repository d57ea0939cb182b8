import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membership as contracts } from '@mall/contracts';
import { connectNats, loadSubgraphConfig, sendCommand, type NatsConnection } from '@mall/kit';
import { startMembership, type TestMembership } from './fixtures.ts';

/** Mini-program codes through membership's WeChat client, against the fake WeChat. */
let membership: TestMembership;
let nats: NatsConnection;
beforeAll(async () => {
  membership = await startMembership();
  nats = await connectNats(loadSubgraphConfig('membership').natsUrl, 'test-wxacode');
});
afterAll(async () => {
  await nats?.drain();
  await membership?.close();
});

const code = (scene: string, page: string | null) => sendCommand(nats, contracts.unlimitedCode, { scene, page }, { prefix: membership.subgraph.deps.config.events.prefix });

describe('membership.wxacode.unlimited', () => {
  it('answers the PNG, fetching a fresh access token once when WeChat says the cached one is stale', async () => {
    const first = await code('AB12CD34', 'pages/product/index');
    expect(first.contentType).toBe('image/png');
    expect(Buffer.from(first.imageBase64, 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
    const tokens = membership.wechat.calls.token;
    membership.wechat.failNext('getwxacodeunlimit', 40001);
    expect((await code('AB12CD34', 'pages/product/index')).imageBase64).toBe(first.imageBase64);
    expect(membership.wechat.calls.token).toBe(tokens + 1);
  });

  it('turns WeChat’s refusals into clear errors', async () => {
    membership.wechat.failNext('getwxacodeunlimit', 41030);
    await expect(code('AB12CD34', 'pages/nowhere')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'page' } });
    membership.wechat.failNext('getwxacodeunlimit', 45009);
    await expect(code('AB12CD34', null)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'WECHAT_QUOTA' } });
  });
});
