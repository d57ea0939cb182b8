/**
 * `pnpm --filter @mall/wechat-fake start`: the fake WeChat server for local runs, on
 * WECHAT_FAKE_PORT (default 4010) and HOST (default 127.0.0.1) with the development app id
 * and secret.
 */
import { DEV_WECHAT_APP } from '@mall/kit';
import { startFakeWechat } from './fakeWechat.ts';

const port = Number(process.env['WECHAT_FAKE_PORT'] ?? 4010);
const fake = await startFakeWechat(
  { appId: process.env['WECHAT_APP_ID'] ?? DEV_WECHAT_APP.appId, appSecret: process.env['WECHAT_APP_SECRET'] ?? DEV_WECHAT_APP.appSecret },
  port,
  process.env['HOST'] ?? '127.0.0.1',
);
console.log(JSON.stringify({ level: 'info', service: 'wechat-fake', url: fake.url, msg: 'fake WeChat ready' }));
const stop = () => void fake.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
