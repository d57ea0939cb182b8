import { createDecipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NOTIFY_RETRY_DELAYS_MS, startFakeWechatPay, type FakeLog, type FakeWechatPay, type FakeWechatPayOptions } from '../src/pay.ts';

// The fake is spoken to over the wire only, signed here as a merchant signs (not through the
// mall's client), and its notifications go to real HTTP receivers started by each test.
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const mchid = '1230000109';
const appId = 'wxd678efh567hg6787';
const apiV3Key = randomBytes(16).toString('hex');
const platformKeyId = 'PUB_KEY_ID_0114232134912410000';
/** WeChat Pay's schedule, a thousand times faster: 15 ms, 15 ms, 30 ms, 180 ms, 600 ms, … */
const fastRetries = NOTIFY_RETRY_DELAYS_MS.map((ms) => ms / 1000);

const stateDir = mkdtempSync(join(tmpdir(), 'wechat-pay-fake-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

interface LogEntry {
  level: string;
  msg: string;
  details: Record<string, unknown> | undefined;
}

async function startFake(extra: Partial<FakeWechatPayOptions> = {}, logs: LogEntry[] = []): Promise<FakeWechatPay> {
  const log: FakeLog = (level, msg, details) => logs.push({ level, msg, details });
  const fake = await startFakeWechatPay({ mchid, appId, merchantPublicKey: merchant.publicKey, platformPrivateKey: platform.privateKey, platformKeyId, apiV3Key, log, notifyRetryDelaysMs: fastRetries, ...extra });
  running.push(fake);
  return fake;
}

/** Whether a body came signed by the fake's platform key under its key id. */
function signedByPlatform(headers: Headers | IncomingHttpHeaders, body: string): boolean {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined)) ?? '';
  if (get('wechatpay-serial') !== platformKeyId) return false;
  const message = `${get('wechatpay-timestamp')}\n${get('wechatpay-nonce')}\n${body}\n`;
  return createVerify('RSA-SHA256').update(message).verify(platform.publicKey, get('wechatpay-signature'), 'base64');
}

interface Answer {
  status: number;
  json: Record<string, unknown> | null;
  signed: boolean;
}

/** A request signed with the merchant key (`WECHATPAY2-SHA256-RSA2048`), with `rawBody` sent as is. */
async function call(fake: FakeWechatPay, method: 'GET' | 'POST', path: string, rawBody = ''): Promise<Answer> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256').update(`${method}\n${path}\n${timestamp}\n${nonce}\n${rawBody}\n`).sign(merchant.privateKey, 'base64');
  const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"`;
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: rawBody } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const raw = await response.text();
  return { status: response.status, json: raw ? (JSON.parse(raw) as Record<string, unknown>) : null, signed: signedByPlatform(response.headers, raw) };
}

/** `time_expire` as the mall's client writes it: the deadline to the second. */
const toSecond = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');

let numbers = 0;
/** A JSAPI prepay of a new transaction; answers its out_trade_no. */
async function prepay(fake: FakeWechatPay, notifyUrl: string, timeExpire?: string): Promise<string> {
  const outTradeNo = `P${Date.now()}${String(numbers++).padStart(4, '0')}`;
  const body = { appid: appId, mchid, description: '测试商品', out_trade_no: outTradeNo, notify_url: notifyUrl, amount: { total: 1990, currency: 'CNY' }, payer: { openid: 'oTEST0000000000000000000000' }, ...(timeExpire ? { time_expire: timeExpire } : {}) };
  const answer = await call(fake, 'POST', '/v3/pay/transactions/jsapi', JSON.stringify(body));
  expect(answer).toMatchObject({ status: 200, signed: true });
  return outTradeNo;
}

const devPay = (fake: FakeWechatPay, outTradeNo: string) => call(fake, 'POST', `/dev/pay/${encodeURIComponent(outTradeNo)}`);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A merchant's notify endpoint on a real port: answers each request with the next of
 * `answers` (a status, or 'hang' for no answer at all), then 204.
 */
async function startReceiver(answers: Array<number | 'hang'> = [], port = 0) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const next = answers.shift() ?? 204;
      if (next === 'hang') return;
      res.writeHead(next, next === 204 ? {} : { 'content-type': 'application/json' }).end(next === 204 ? '' : JSON.stringify({ code: 'FAIL', message: '失败' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify/wechatpay/transaction`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.push(receiver);
  return receiver;
}

/** A port nothing listens on (for a merchant that is down), and its notify URL. */
async function downReceiver(): Promise<{ port: number; url: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { port, url: `http://127.0.0.1:${port}/notify/wechatpay/transaction` };
}

/** What a notification body carries, its resource decrypted with the APIv3 key. */
function opened(body: string): { id: string; event_type: string; resource: Record<string, unknown> } {
  const envelope = JSON.parse(body) as { id: string; event_type: string; resource: { ciphertext: string; nonce: string; associated_data: string } };
  const data = Buffer.from(envelope.resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(envelope.resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(envelope.resource.associated_data, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  const plaintext = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  return { id: envelope.id, event_type: envelope.event_type, resource: JSON.parse(plaintext) as Record<string, unknown> };
}

describe('the fake WeChat Pay answers bad requests as WeChat Pay does and stays up', () => {
  it('answers a signed body that is not JSON 400 PARAM_ERROR, and the next request as usual', async () => {
    const fake = await startFake();
    for (const body of ['{"appid": "wx', 'not json', '[1, 2]', 'null']) {
      const answer = await call(fake, 'POST', '/v3/pay/transactions/jsapi', body);
      expect(answer).toMatchObject({ status: 400, json: { code: 'PARAM_ERROR' }, signed: true });
    }
    const receiver = await startReceiver();
    const outTradeNo = await prepay(fake, receiver.url);
    expect((await call(fake, 'GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${mchid}`)).json).toMatchObject({ trade_state: 'NOTPAY' });
  });

  it('answers missing fields and malformed paths PARAM_ERROR, unknown paths 404, and carries on', async () => {
    const fake = await startFake();
    const receiver = await startReceiver();
    const outTradeNo = await prepay(fake, receiver.url);
    fake.pay(outTradeNo);
    // A refund without its amount, of a paid transaction.
    const refund = await call(fake, 'POST', '/v3/refund/domestic/refunds', JSON.stringify({ out_trade_no: outTradeNo, out_refund_no: 'R1', notify_url: receiver.url }));
    expect(refund).toMatchObject({ status: 400, json: { code: 'PARAM_ERROR' }, signed: true });
    const prepayWithoutPayer = await call(fake, 'POST', '/v3/pay/transactions/jsapi', JSON.stringify({ appid: appId, mchid, description: 'x', out_trade_no: 'P2', notify_url: receiver.url, amount: { total: 1 } }));
    expect(prepayWithoutPayer).toMatchObject({ status: 400, json: { code: 'PARAM_ERROR' } });
    expect(await call(fake, 'GET', '/v3/pay/transactions/out-trade-no/%E0%A4%A')).toMatchObject({ status: 400, json: { code: 'PARAM_ERROR' }, signed: true });
    expect(await call(fake, 'GET', '/v3/no/such/api')).toMatchObject({ status: 404, json: { code: 'NOT_FOUND' }, signed: true });
    expect((await call(fake, 'GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}`)).json).toMatchObject({ trade_state: 'SUCCESS' });
  });

  it('answers its own faults 500 SYSTEM_ERROR (a hand-edited state file) and carries on', async () => {
    const statePath = join(stateDir, 'edited.json');
    // A paid transaction someone left without its amount.
    const edited = { appid: appId, mchid, out_trade_no: 'P_EDITED', description: 'x', notify_url: 'http://127.0.0.1:9/', payer: { openid: 'o' }, trade_state: 'SUCCESS', transaction_id: '4200', prepay_id: 'wx1' };
    writeFileSync(statePath, JSON.stringify({ version: 1, transactions: [edited], refunds: [], notifications: [] }));
    const logs: LogEntry[] = [];
    const fake = await startFake({ statePath }, logs);
    const refund = await call(fake, 'POST', '/v3/refund/domestic/refunds', JSON.stringify({ out_trade_no: 'P_EDITED', out_refund_no: 'R_EDITED', amount: { refund: 1, total: 1, currency: 'CNY' } }));
    expect(refund).toMatchObject({ status: 500, json: { code: 'SYSTEM_ERROR' }, signed: true });
    expect(logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['the fake WeChat Pay failed on a request']);
    expect(await call(fake, 'GET', '/v3/pay/transactions/out-trade-no/P_OTHER')).toMatchObject({ status: 404, json: { code: 'ORDER_NOT_EXIST' }, signed: true });
  });
});

describe('paying a transaction the buyer can no longer pay', () => {
  it('refuses one whose time_expire has passed (a deadline later in this second) with 400 ORDER_CLOSED', async () => {
    const fake = await startFake();
    const receiver = await startReceiver();
    // The merchant's deadline is this second's end at the latest; written to the second, it has passed.
    const outTradeNo = await prepay(fake, receiver.url, toSecond(new Date()));
    const refused = await devPay(fake, outTradeNo);
    expect(refused).toMatchObject({ status: 400, json: { code: 'ORDER_CLOSED' }, signed: true });
    expect(fake.pendingNotifications()).toEqual([]);
    expect((await call(fake, 'GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}`)).json).toMatchObject({ trade_state: 'NOTPAY' });
    expect(() => fake.pay(outTradeNo)).toThrow(/expired/);
  });

  it('refuses a closed one with 400 ORDER_CLOSED and an unknown one with 404 ORDER_NOT_EXIST', async () => {
    const fake = await startFake();
    const receiver = await startReceiver();
    const outTradeNo = await prepay(fake, receiver.url, toSecond(new Date(Date.now() + 3600_000)));
    expect((await call(fake, 'POST', `/v3/pay/transactions/out-trade-no/${outTradeNo}/close`, JSON.stringify({ mchid }))).status).toBe(204);
    expect(await devPay(fake, outTradeNo)).toMatchObject({ status: 400, json: { code: 'ORDER_CLOSED' }, signed: true });
    expect(await devPay(fake, 'P_NEVER_PREPAID')).toMatchObject({ status: 404, json: { code: 'ORDER_NOT_EXIST' } });
    expect((await call(fake, 'GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}`)).json).toMatchObject({ trade_state: 'CLOSED' });
  });

  it('pays one in time and delivers its notification before answering', async () => {
    const fake = await startFake();
    const receiver = await startReceiver();
    const outTradeNo = await prepay(fake, receiver.url, toSecond(new Date(Date.now() + 3600_000)));
    expect(await devPay(fake, outTradeNo)).toMatchObject({ status: 200, json: { trade_state: 'SUCCESS', delivered: true } });
    expect(receiver.received.map((r) => opened(r.body).resource['out_trade_no'])).toEqual([outTradeNo]);
    expect(fake.pendingNotifications()).toEqual([]);
  });
});

describe('notifications are retried as WeChat Pay retries them', () => {
  it('sends one the merchant answered 500, then 202, again until it is answered 204: the same body, signed anew', async () => {
    const fake = await startFake();
    const receiver = await startReceiver([500, 202]);
    const outTradeNo = await prepay(fake, receiver.url);
    expect(await devPay(fake, outTradeNo)).toMatchObject({ status: 200, json: { delivered: false } });
    await expect.poll(() => fake.pendingNotifications(), { timeout: 10_000, interval: 10 }).toEqual([]);
    expect(receiver.received).toHaveLength(3);
    const [first] = receiver.received;
    for (const attempt of receiver.received) {
      expect(attempt.body).toBe(first!.body);
      expect(signedByPlatform(attempt.headers, attempt.body)).toBe(true);
    }
    expect(new Set(receiver.received.map((r) => r.headers['wechatpay-nonce'])).size).toBe(3);
    expect(opened(first!.body)).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource: { out_trade_no: outTradeNo, trade_state: 'SUCCESS' } });
  });

  it('delivers one to a merchant that was down when the buyer paid, once it is up', async () => {
    const fake = await startFake();
    const down = await downReceiver();
    const outTradeNo = await prepay(fake, down.url);
    expect(await devPay(fake, outTradeNo)).toMatchObject({ status: 200, json: { delivered: false } });
    await expect.poll(() => fake.pendingNotifications()[0]?.attempts ?? 0, { timeout: 10_000, interval: 5 }).toBeGreaterThanOrEqual(2);
    const receiver = await startReceiver([], down.port);
    await expect.poll(() => receiver.received.length, { timeout: 15_000, interval: 10 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => fake.pendingNotifications(), { timeout: 5000, interval: 10 }).toEqual([]);
    const arrived = receiver.received[0]!;
    expect(signedByPlatform(arrived.headers, arrived.body)).toBe(true);
    expect(opened(arrived.body).resource).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS' });
  });

  it('counts an answer that takes longer than the timeout as not delivered', async () => {
    const fake = await startFake({ notifyTimeoutMs: 300 });
    const receiver = await startReceiver(['hang']);
    const outTradeNo = await prepay(fake, receiver.url);
    expect(await devPay(fake, outTradeNo)).toMatchObject({ status: 200, json: { delivered: false } });
    await expect.poll(() => fake.pendingNotifications(), { timeout: 10_000, interval: 10 }).toEqual([]);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
  });

  it('gives up after the last retry of its schedule', async () => {
    const logs: LogEntry[] = [];
    const fake = await startFake({ notifyRetryDelaysMs: [5, 5] }, logs);
    const receiver = await startReceiver([500, 500, 500, 500, 500]);
    const outTradeNo = await prepay(fake, receiver.url);
    await devPay(fake, outTradeNo);
    // Once nothing is pending, no timer is left that could send it again.
    await expect.poll(() => fake.pendingNotifications(), { timeout: 10_000, interval: 10 }).toEqual([]);
    expect(receiver.received).toHaveLength(3);
    expect(logs.at(-1)).toMatchObject({ level: 'warn', details: { attempts: 3, status: 500 } });
    expect(logs.at(-1)!.msg).toMatch(/given up/);
  });

  it('retries refund notifications of refunds that complete by themselves', async () => {
    const fake = await startFake({ refundDelayMs: 10 });
    const receiver = await startReceiver([503]);
    const outTradeNo = await prepay(fake, receiver.url);
    fake.pay(outTradeNo); // paid; this notification is not sent
    const asked = await call(fake, 'POST', '/v3/refund/domestic/refunds', JSON.stringify({ out_trade_no: outTradeNo, out_refund_no: `R${outTradeNo}`, notify_url: receiver.url, amount: { refund: 990, total: 1990, currency: 'CNY' } }));
    expect(asked).toMatchObject({ status: 200, json: { status: 'PROCESSING' } });
    await expect.poll(() => receiver.received.length, { timeout: 10_000, interval: 10 }).toBe(2);
    await expect.poll(() => fake.pendingNotifications(), { timeout: 5000, interval: 10 }).toEqual([]);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(opened(receiver.received[1]!.body)).toMatchObject({ event_type: 'REFUND.SUCCESS', resource: { out_refund_no: `R${outTradeNo}`, refund_status: 'SUCCESS' } });
  });
});

describe('a restarted fake', () => {
  it('still knows its transactions and refunds, and delivers the notification left pending', async () => {
    const statePath = join(stateDir, 'restart', 'wechat-pay-fake.json');
    const down = await downReceiver();
    const before = await startFake({ statePath });
    const outTradeNo = await prepay(before, down.url);
    expect(await devPay(before, outTradeNo)).toMatchObject({ status: 200, json: { delivered: false } });
    const refunded = await prepay(before, down.url);
    before.pay(refunded);
    const refundBody = JSON.stringify({ out_trade_no: refunded, out_refund_no: `R${refunded}`, notify_url: down.url, amount: { refund: 1990, total: 1990, currency: 'CNY' } });
    expect((await call(before, 'POST', '/v3/refund/domestic/refunds', refundBody)).status).toBe(200);
    const transactionId = before.transactions.get(outTradeNo)!.transaction_id;
    const [left] = before.pendingNotifications();
    expect(left).toBeDefined();
    await before.close();
    // Written whole or not at all: only the state file itself is left in its folder.
    expect(readdirSync(join(stateDir, 'restart'))).toEqual(['wechat-pay-fake.json']);

    const receiver = await startReceiver([], down.port);
    const after = await startFake({ statePath });
    expect((await call(after, 'GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}`)).json).toMatchObject({ trade_state: 'SUCCESS', transaction_id: transactionId });
    expect((await call(after, 'GET', `/v3/refund/domestic/refunds/R${refunded}`)).json).toMatchObject({ status: 'PROCESSING', amount: { refund: 1990 } });
    await expect.poll(() => receiver.received.length, { timeout: 15_000, interval: 10 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => after.pendingNotifications(), { timeout: 5000, interval: 10 }).toEqual([]);
    const arrived = receiver.received[0]!;
    expect(arrived.body).toBe(left!.body);
    expect(signedByPlatform(arrived.headers, arrived.body)).toBe(true);
    expect(opened(arrived.body).resource).toMatchObject({ out_trade_no: outTradeNo, transaction_id: transactionId });
    // Delivered, so a third start has nothing left to send.
    await after.close();
    const third = await startFake({ statePath });
    expect(third.pendingNotifications()).toEqual([]);
  });

  it('sets an unreadable state file aside and starts empty', async () => {
    const statePath = join(stateDir, 'unreadable.json');
    writeFileSync(statePath, '{"version": 1, "transac');
    const logs: LogEntry[] = [];
    const fake = await startFake({ statePath }, logs);
    expect(existsSync(statePath)).toBe(false);
    const aside = readdirSync(stateDir).find((name) => name.startsWith('unreadable.json.unreadable-'));
    expect(readFileSync(join(stateDir, aside!), 'utf8')).toBe('{"version": 1, "transac');
    expect(logs.map((l) => l.level)).toEqual(['error']);
    expect((await call(fake, 'GET', '/v3/pay/transactions/out-trade-no/P1')).json).toMatchObject({ code: 'ORDER_NOT_EXIST' });
  });
});
