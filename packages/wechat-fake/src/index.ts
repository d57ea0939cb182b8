/**
 * `pnpm --filter @mall/wechat-fake start`: the fake WeChat servers for local runs, with the
 * development app and merchant: WeChat login/phone on WECHAT_FAKE_PORT (default 4010) and
 * WeChat Pay v3 on WECHAT_PAY_FAKE_PORT (default 4011), both on WECHAT_FAKE_HOST (default
 * 127.0.0.1). Refunds complete by themselves a second after they are asked for.
 *
 * WeChat Pay keeps its state in `.data/wechat-pay-fake.json` under the repository root
 * (WECHAT_PAY_FAKE_STATE: another file, or `off` for memory only), so a restarted fake still
 * knows its transactions and resumes undelivered notifications. Notifications are retried on
 * WeChat Pay's own schedule (15 s, 15 s, 30 s, 3 min, … up to 24 h): the payment subgraph's
 * sweeper asks about pending payments well before that matters.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_WECHAT_APP, DEV_WECHAT_PAY, devWechatPayKey } from '@mall/kit';
import { startFakeWechat } from './fakeWechat.ts';
import { startFakeWechatPay } from './pay.ts';

// Whoever reaches the fake can log in as anyone: it never runs in production, and it
// listens on loopback unless WECHAT_FAKE_HOST says otherwise (a container network).
if (process.env['NODE_ENV'] === 'production') {
  console.error('The fake WeChat server does not run with NODE_ENV=production.');
  process.exit(1);
}

const host = process.env['WECHAT_FAKE_HOST'] ?? '127.0.0.1';
const stateSetting = process.env['WECHAT_PAY_FAKE_STATE'] ?? fileURLToPath(new URL('../../../.data/wechat-pay-fake.json', import.meta.url));
const statePath = stateSetting === 'off' ? undefined : resolve(stateSetting);
const fake = await startFakeWechat(
  { appId: process.env['WECHAT_APP_ID'] ?? DEV_WECHAT_APP.appId, appSecret: process.env['WECHAT_APP_SECRET'] ?? DEV_WECHAT_APP.appSecret },
  Number(process.env['WECHAT_FAKE_PORT'] ?? 4010),
  host,
);
const pay = await startFakeWechatPay(
  {
    mchid: DEV_WECHAT_PAY.mchid,
    appId: process.env['WECHAT_APP_ID'] ?? DEV_WECHAT_PAY.appId,
    merchantPublicKey: createPublicKey(devWechatPayKey('merchantPublicKey')),
    platformPrivateKey: createPrivateKey(devWechatPayKey('platformPrivateKey')),
    platformKeyId: DEV_WECHAT_PAY.platformKeyId,
    apiV3Key: DEV_WECHAT_PAY.apiV3Key,
    refundDelayMs: 1000,
    statePath,
  },
  Number(process.env['WECHAT_PAY_FAKE_PORT'] ?? new URL(DEV_WECHAT_PAY.fakeUrl).port),
  host,
);
console.log(JSON.stringify({ level: 'info', service: 'wechat-fake', url: fake.url, payUrl: pay.url, payState: statePath ?? 'memory', pendingNotifications: pay.pendingNotifications().length, msg: 'fake WeChat ready' }));
// Every request and delivery handles its own failures; should one still slip through, it
// is logged rather than ending the fake (and with it `./mall start`).
process.on('unhandledRejection', (reason) => {
  console.error(JSON.stringify({ level: 'error', service: 'wechat-fake', msg: 'unhandled rejection', error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }));
});
const stop = () => void Promise.all([fake.close(), pay.close()]).then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
