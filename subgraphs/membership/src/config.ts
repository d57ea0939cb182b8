import { DEV_WECHAT_APP, throwConfigProblems, loadTokenIssuerConfig, parseEnv, z, type Env, type TokenIssuerConfig } from '@mall/kit';

/** Membership's own settings, read from the same variables as the shared config. */
export interface MembershipConfig {
  wechat: { apiBase: string; appId: string; appSecret: string; timeoutMs: number };
  tokens: TokenIssuerConfig & { accessTtlSeconds: number; refreshTtlSeconds: number };
  staffLock: { attempts: number; minutes: number };
}

export function loadMembershipConfig(env: Env): MembershipConfig {
  const values = parseEnv(
    {
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      WECHAT_API_BASE: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).default('http://127.0.0.1:4010'),
      WECHAT_APP_ID: z.string().min(1).default(DEV_WECHAT_APP.appId),
      WECHAT_APP_SECRET: z.string().min(1).default(DEV_WECHAT_APP.appSecret),
      WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
      ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
      REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(3600).max(365 * 86_400).default(30 * 86_400),
      STAFF_LOCK_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
      STAFF_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    },
    env,
  );
  if (values.NODE_ENV === 'production') {
    const problems: string[] = [];
    if (values.WECHAT_APP_ID === DEV_WECHAT_APP.appId || values.WECHAT_APP_SECRET === DEV_WECHAT_APP.appSecret) {
      problems.push('WECHAT_APP_ID / WECHAT_APP_SECRET: required when NODE_ENV=production (the development app is not real)');
    }
    // The app secret travels in the query string: never to a default, never in clear text.
    if (env['WECHAT_API_BASE'] === undefined || !values.WECHAT_API_BASE.startsWith('https://')) {
      problems.push('WECHAT_API_BASE: required when NODE_ENV=production, an https URL (https://api.weixin.qq.com)');
    }
    throwConfigProblems(problems);
  }
  return {
    wechat: {
      apiBase: values.WECHAT_API_BASE.replace(/\/$/, ''),
      appId: values.WECHAT_APP_ID,
      appSecret: values.WECHAT_APP_SECRET,
      timeoutMs: values.WECHAT_TIMEOUT_MS,
    },
    tokens: {
      ...loadTokenIssuerConfig(env),
      accessTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: values.REFRESH_TOKEN_TTL_SECONDS,
    },
    staffLock: { attempts: values.STAFF_LOCK_ATTEMPTS, minutes: values.STAFF_LOCK_MINUTES },
  };
}
