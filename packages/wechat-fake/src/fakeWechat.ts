import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/**
 * A local stand-in for WeChat's servers that speaks their real protocol, so the mall's
 * real HTTP client is what tests and local runs exercise:
 *
 * - `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`
 *   (mini-program login; answers `text/plain` JSON as WeChat does),
 * - `GET /cgi-bin/token?grant_type=client_credential&appid&secret` (access token),
 * - `POST /wxa/business/getuserphonenumber?access_token=` with `{"code"}` (phone number),
 * - `POST /wxa/getwxacodeunlimit?access_token=` with `{"scene", "page", "check_path",
 *   "env_version", "width"}` (an unlimited mini-program code: a PNG whose pixels depend on
 *   the scene and page; `codes` lists what was asked).
 *
 * Login and phone codes are one-time and expire after 5 minutes, like the real ones; the
 * errors are WeChat's errcodes (40029 invalid code, 40163 code been used, 45011 rate
 * limit, -1 system busy, 40013 invalid appid, 40125 invalid secret, 40001 invalid token,
 * 40169 invalid scene, 41030 invalid page).
 *
 * What a phone does (`wx.login`, the phone-number button) is done here by `loginCode` and
 * `phoneCode`, or over HTTP by `POST /__fake/login-code` and `POST /__fake/phone-code`.
 */

export interface FakeWechatOptions {
  appId: string;
  appSecret: string;
}

export type FakeApi = 'jscode2session' | 'token' | 'getuserphonenumber' | 'getwxacodeunlimit';

export interface FakeWechat {
  /** Base URL to configure as the WeChat API base, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** A fresh one-time login code for a user, as `wx.login` returns on their phone. */
  loginCode(user: { openid: string; unionid?: string }): string;
  /** A fresh one-time code for a phone number, as the phone-number button returns. */
  phoneCode(phone: { purePhoneNumber: string; countryCode?: string }): string;
  /** The next `times` calls to `api` fail with WeChat error `errcode`. */
  failNext(api: FakeApi, errcode: number, times?: number): void;
  /** While down, every API answers HTTP 503, as when WeChat cannot be reached. */
  setDown(down: boolean): void;
  /** Every session_key handed out so far (tests check none of them leaks). */
  sessionKeys(): string[];
  /** How many times each API was called. */
  calls: Record<FakeApi, number>;
  /** Every mini-program code made, in order: its scene and page. */
  codes: Array<{ scene: string; page: string }>;
  close(): Promise<void>;
}

const CODE_TTL_MS = 5 * 60_000;
const errmsg: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40169: 'invalid length for scene, or the data is not json string',
  41030: 'invalid page rid',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
};

function rid(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** Starts the fake on `port` (0: any free port) at 127.0.0.1. */
export async function startFakeWechat(options: FakeWechatOptions, port = 0, host = '127.0.0.1'): Promise<FakeWechat> {
  const loginCodes = new Map<string, { openid: string; unionid?: string; expires: number; used: boolean }>();
  const phoneCodes = new Map<string, { purePhoneNumber: string; countryCode: string; expires: number; used: boolean }>();
  const accessTokens = new Map<string, number>();
  const sessionKeys = new Map<string, string>();
  const failures = new Map<FakeApi, Array<number>>();
  const calls: Record<FakeApi, number> = { jscode2session: 0, token: 0, getuserphonenumber: 0, getwxacodeunlimit: 0 };
  const codes: Array<{ scene: string; page: string }> = [];
  let down = false;

  const newCode = () => randomBytes(16).toString('hex').slice(0, 32);
  const fail = (api: FakeApi) => failures.get(api)?.shift();
  const error = (code: number) => ({ errcode: code, errmsg: `${errmsg[code] ?? 'error'}, rid: ${rid()}` });

  function send(res: ServerResponse, body: unknown, contentType = 'application/json; encoding=utf-8', status = 200) {
    res.writeHead(status, { 'content-type': contentType });
    res.end(JSON.stringify(body));
  }

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  const fake: Omit<FakeWechat, 'url' | 'close'> = {
    loginCode(user) {
      const code = newCode();
      loginCodes.set(code, { ...user, expires: Date.now() + CODE_TTL_MS, used: false });
      return code;
    },
    phoneCode(phone) {
      const code = newCode();
      phoneCodes.set(code, { purePhoneNumber: phone.purePhoneNumber, countryCode: phone.countryCode ?? '86', expires: Date.now() + CODE_TTL_MS, used: false });
      return code;
    },
    failNext(api, errcode, times = 1) {
      failures.set(api, [...(failures.get(api) ?? []), ...Array.from({ length: times }, () => errcode)]);
    },
    setDown(value) {
      down = value;
    },
    sessionKeys: () => [...sessionKeys.values()],
    calls,
    codes,
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const q = url.searchParams;
    if (url.pathname.startsWith('/__fake/')) {
      const body = await readJson(req);
      if (url.pathname === '/__fake/login-code' && typeof body['openid'] === 'string') {
        return send(res, { code: fake.loginCode({ openid: body['openid'], ...(typeof body['unionid'] === 'string' ? { unionid: body['unionid'] } : {}) }) });
      }
      if (url.pathname === '/__fake/phone-code' && typeof body['purePhoneNumber'] === 'string') {
        const countryCode = typeof body['countryCode'] === 'string' ? body['countryCode'] : undefined;
        return send(res, { code: fake.phoneCode({ purePhoneNumber: body['purePhoneNumber'], ...(countryCode ? { countryCode } : {}) }) });
      }
      return send(res, { error: 'unknown fake control call' }, 'application/json', 404);
    }
    if (down) {
      res.writeHead(503).end('Service Unavailable');
      return;
    }

    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      calls.jscode2session++;
      // WeChat famously answers this one as text/plain: clients must parse the body themselves.
      const plain = 'text/plain';
      const injected = fail('jscode2session');
      if (injected !== undefined) return send(res, error(injected), plain);
      if (q.get('appid') !== options.appId) return send(res, error(40013), plain);
      if (q.get('secret') !== options.appSecret) return send(res, error(40125), plain);
      const entry = loginCodes.get(q.get('js_code') ?? '');
      if (!entry || entry.expires < Date.now() || q.get('grant_type') !== 'authorization_code') return send(res, error(40029), plain);
      if (entry.used) return send(res, error(40163), plain);
      entry.used = true;
      const sessionKey = randomBytes(16).toString('base64');
      sessionKeys.set(`${entry.openid}:${sessionKeys.size}`, sessionKey);
      return send(res, { session_key: sessionKey, openid: entry.openid, ...(entry.unionid ? { unionid: entry.unionid } : {}) }, plain);
    }

    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      calls.token++;
      const injected = fail('token');
      if (injected !== undefined) return send(res, error(injected));
      if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== options.appId) return send(res, error(40013));
      if (q.get('secret') !== options.appSecret) return send(res, error(40125));
      const token = createHash('sha256').update(randomBytes(32)).digest('base64url');
      accessTokens.set(token, Date.now() + 7200_000);
      return send(res, { access_token: token, expires_in: 7200 });
    }

    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      calls.getuserphonenumber++;
      const body = await readJson(req);
      const injected = fail('getuserphonenumber');
      if (injected !== undefined) return send(res, error(injected));
      const tokenExpiry = accessTokens.get(q.get('access_token') ?? '');
      if (!tokenExpiry || tokenExpiry < Date.now()) return send(res, error(40001));
      const entry = phoneCodes.get(typeof body['code'] === 'string' ? body['code'] : '');
      if (!entry || entry.used || entry.expires < Date.now()) return send(res, error(40029));
      entry.used = true;
      return send(res, {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          // As WeChat: the number with its country code unless it is a mainland (+86) one.
          phoneNumber: entry.countryCode === '86' ? entry.purePhoneNumber : `+${entry.countryCode}${entry.purePhoneNumber}`,
          purePhoneNumber: entry.purePhoneNumber,
          countryCode: entry.countryCode,
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: options.appId },
        },
      });
    }

    if (req.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') {
      calls.getwxacodeunlimit++;
      const body = await readJson(req);
      const injected = fail('getwxacodeunlimit');
      if (injected !== undefined) return send(res, error(injected));
      const tokenExpiry = accessTokens.get(q.get('access_token') ?? '');
      if (!tokenExpiry || tokenExpiry < Date.now()) return send(res, error(40001));
      const scene = body['scene'];
      // WeChat's rule: 1–32 visible characters of digits, letters and !#$&'()*+,/:;=?@-._~
      if (typeof scene !== 'string' || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/.test(scene)) return send(res, error(40169));
      const page = body['page'] === undefined ? '' : body['page'];
      if (typeof page !== 'string' || (page !== '' && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(page))) return send(res, error(41030));
      codes.push({ scene, page });
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(codeImage(`${scene}|${page}`));
      return;
    }

    send(res, error(-1), 'application/json', 404);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A 33×33 black-and-white PNG whose modules come from the text's hash: the same text, the same picture. */
export function codeImage(text: string): Buffer {
  const size = 33;
  const bits = createHash('sha256').update(text).digest();
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size);
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      row[1 + x] = (bits[i % 32]! >> (i % 8)) & 1 ? 0 : 255;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
