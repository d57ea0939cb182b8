import { createHash } from 'node:crypto';
import { AppError, ErrorCode, badInput, type Logger, type Redis } from '@mall/kit';
import type { MembershipConfig } from '../config.ts';

/**
 * Our client of WeChat's server API. Never logs or returns `session_key` beyond the
 * caller that stores it. WeChat's errcodes become stable GraphQL errors.
 */
export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

export interface WechatClient {
  /** `jscode2session`: trades a `wx.login` code for the user's openid and session key. */
  code2session(code: string): Promise<WechatSession>;
  /** `getuserphonenumber`: trades a phone-number button code for the user's number. */
  phoneNumber(code: string): Promise<{ purePhoneNumber: string; countryCode: string }>;
  /** `getwxacodeunlimit`: an unlimited mini-program code opening `page` with `scene` (the image and its content type). */
  unlimitedCode(scene: string, page: string | null): Promise<{ contentType: string; image: Buffer }>;
}

interface WechatError {
  errcode?: number;
  errmsg?: string;
}

const unavailable = (reason: string, message = 'WeChat is unavailable right now; try again shortly.') =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, message, { reason });

export function createWechatClient(config: MembershipConfig['wechat'], redis: Redis, log: Logger): WechatClient {
  /** One request to WeChat: unreachable or an HTTP error is SERVICE_UNAVAILABLE; the answer's body is the caller's to read. */
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${config.apiBase}${path}`, { ...init, signal: AbortSignal.timeout(config.timeoutMs) });
    } catch (error) {
      log.warn({ err: error, api: path.split('?')[0] }, 'WeChat unreachable');
      throw unavailable('WECHAT_UNREACHABLE');
    }
    if (!response.ok) {
      log.warn({ status: response.status, api: path.split('?')[0] }, 'WeChat answered an HTTP error');
      throw unavailable('WECHAT_UNAVAILABLE');
    }
    return response;
  }

  /** A JSON answer (jscode2session answers text/plain: the body is parsed whatever the content type says). */
  async function json(response: Response): Promise<Record<string, unknown>> {
    try {
      return JSON.parse(await response.text()) as Record<string, unknown>;
    } catch {
      throw unavailable('WECHAT_BAD_ANSWER');
    }
  }

  const call = async (path: string, init: RequestInit = {}) => json(await request(path, init));

  function raise(api: string, answer: WechatError, codeMeaning: Partial<Record<number, () => AppError>>): never {
    const errcode = answer.errcode ?? -1;
    const mapped = codeMeaning[errcode];
    if (mapped) throw mapped();
    if (errcode === 45011) throw unavailable('WECHAT_RATE_LIMITED', 'WeChat is limiting requests; try again in a minute.');
    if (errcode === -1) throw unavailable('WECHAT_BUSY');
    // Anything else (a wrong app id or secret) is our misconfiguration: logged, masked for the client.
    log.error({ api, errcode, errmsg: answer.errmsg }, 'WeChat refused our request');
    throw new Error(`WeChat ${api} errcode ${errcode}`);
  }

  async function accessToken(force = false): Promise<string> {
    const cacheKey = 'wechat:access-token';
    if (!force) {
      const cached = await redis.get(cacheKey);
      if (cached) return cached;
    }
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret });
    const answer = (await call(`/cgi-bin/token?${query}`)) as WechatError & { access_token?: string; expires_in?: number };
    if (typeof answer.access_token !== 'string') raise('token', answer, {});
    await redis.set(cacheKey, answer.access_token, 'EX', Math.max(60, (answer.expires_in ?? 7200) - 300));
    return answer.access_token;
  }

  /** Errcodes of an access token that is stale or revoked: a fresh one is fetched and the call made once more. */
  const STALE_TOKEN = [40001, 40014, 42001];

  /**
   * Runs `attempt` with the cached access token, and once more with a fresh one when WeChat
   * says the cached one is stale; any other errcode is `raise`d with `codeMeaning`.
   */
  async function withAccessToken<T>(api: string, attempt: (token: string) => Promise<{ done: T } | { failed: WechatError }>, codeMeaning: Partial<Record<number, () => AppError>>): Promise<T> {
    for (const force of [false, true]) {
      const outcome = await attempt(await accessToken(force));
      if ('done' in outcome) return outcome.done;
      if (STALE_TOKEN.includes(outcome.failed.errcode ?? 0) && !force) continue;
      raise(api, outcome.failed, codeMeaning);
    }
    throw unavailable('WECHAT_UNAVAILABLE');
  }

  return {
    async code2session(code) {
      if (!/^[\w-]{8,128}$/.test(code)) throw badInput('The login code is malformed; call wx.login again.', 'code');
      // A code is good for one login. Remember every code we have tried, so a replay is
      // refused here even before WeChat would refuse it.
      const codeKey = `wechat:login-code:${createHash('sha256').update(code).digest('hex')}`;
      const seen = await redis.set(codeKey, '1', 'EX', 600, 'NX');
      if (seen !== 'OK') throw badInput('This login code was already used; call wx.login again.', 'code');
      const query = new URLSearchParams({ appid: config.appId, secret: config.appSecret, js_code: code, grant_type: 'authorization_code' });
      let answer: WechatError & { openid?: string; unionid?: string; session_key?: string };
      try {
        answer = await call(`/sns/jscode2session?${query}`);
      } catch (error) {
        // WeChat never saw the code: the user may retry with it.
        await redis.del(codeKey);
        throw error;
      }
      if (answer.errcode === 45011 || answer.errcode === -1) {
        // Refused before the code was looked at (rate limit, busy): it is still good.
        await redis.del(codeKey);
      }
      if (typeof answer.openid !== 'string' || typeof answer.session_key !== 'string') {
        raise('jscode2session', answer, {
          40226: () => new AppError(ErrorCode.FORBIDDEN, 'WeChat has blocked this user as high-risk.', { reason: 'WECHAT_RISK_BLOCKED' }),
          40029: () => badInput('The login code is invalid or has expired; call wx.login again.', 'code'),
          40163: () => badInput('This login code was already used; call wx.login again.', 'code'),
        });
      }
      return { openid: answer.openid, unionid: typeof answer.unionid === 'string' ? answer.unionid : null, sessionKey: answer.session_key };
    },

    async phoneNumber(code) {
      if (!/^[\w-]{8,128}$/.test(code)) throw badInput('The phone code is malformed.', 'code');
      return withAccessToken<{ purePhoneNumber: string; countryCode: string }>(
        'getuserphonenumber',
        async (token) => {
          const answer = (await call(`/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code }),
          })) as WechatError & { phone_info?: { purePhoneNumber?: string; countryCode?: string } };
          if (answer.errcode === 0 && typeof answer.phone_info?.purePhoneNumber === 'string') {
            return { done: { purePhoneNumber: answer.phone_info.purePhoneNumber, countryCode: answer.phone_info.countryCode ?? '86' } };
          }
          return { failed: answer };
        },
        { 40029: () => badInput('The phone code is invalid or has expired; ask the user again.', 'code') },
      );
    },

    async unlimitedCode(scene, page) {
      return withAccessToken<{ contentType: string; image: Buffer }>(
        'getwxacodeunlimit',
        async (token) => {
          const response = await request(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            // check_path off: a page of a version not released yet may be named (trial and development builds).
            body: JSON.stringify({ scene, ...(page ? { page } : {}), check_path: false, width: 430 }),
          });
          const contentType = response.headers.get('content-type') ?? '';
          // The image itself on success; a JSON error otherwise.
          if (contentType.startsWith('image/')) return { done: { contentType: contentType.split(';')[0]!, image: Buffer.from(await response.arrayBuffer()) } };
          return { failed: (await json(response)) as WechatError };
        },
        {
          40169: () => badInput('A scene is 1–32 letters, digits and !#$&\'()*+,/:;=?@-._~', 'scene'),
          41030: () => badInput('No such page in the mini-program.', 'page'),
          45009: () => unavailable('WECHAT_QUOTA', 'WeChat’s daily quota for mini-program codes is used up; try again tomorrow.'),
        },
      );
    },
  };
}
