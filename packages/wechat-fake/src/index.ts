/**
 * `pnpm --filter @mall/wechat-fake start`: the fake WeChat server for local runs, on
 * WECHAT_FAKE_PORT (default 4010) and WECHAT_FAKE_HOST (default 127.0.0.1) with the
 * development app id and secret.
 */
import { DEV_WECHAT_APP } from '@mall/kit';
import { startFakeWechat } from './fakeWechat.ts';

// Whoever reaches the fake can log in as anyone: it never runs in production, and it
// listens on loopback unless WECHAT_FAKE_HOST says otherwise (a container network).
if (process.env['NODE_ENV'] === 'production') {
  console.error('The fake WeChat server does not run with NODE_ENV=production.');
  process.exit(1);
}

const port = Number(process.env['WECHAT_FAKE_PORT'] ?? 4010);
const fake = await startFakeWechat(
  { appId: process.env['WECHAT_APP_ID'] ?? DEV_WECHAT_APP.appId, appSecret: process.env['WECHAT_APP_SECRET'] ?? DEV_WECHAT_APP.appSecret },
  port,
  process.env['WECHAT_FAKE_HOST'] ?? '127.0.0.1',
);
console.log(JSON.stringify({ level: 'info', service: 'wechat-fake', url: fake.url, msg: 'fake WeChat ready' }));
const stop = () => void fake.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
