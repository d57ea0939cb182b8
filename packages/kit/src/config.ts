import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { GATEWAY_PORT, METRICS_PORT_OFFSET, registry, registryEntry, type ServiceName } from './registry.ts';

/** The only module that reads `process.env`. Every value is validated at start. */

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEV_PUBLIC_KEY = new URL('../dev-keys/jwt-dev-public.pem', import.meta.url);
const DEV_PRIVATE_KEY = new URL('../dev-keys/jwt-dev-private.pem', import.meta.url);

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole port number')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');

/**
 * Port of a process's metrics listener: a port (0 takes a free one), or `off` for none. The
 * default is the process's port in the service table plus 5400 (gateway 9400, catalog 9401…).
 */
const metricsPort = (fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((value, ctx) => {
      if (value === 'off') return null;
      const number = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
      if (number >= 0 && number <= 65535) return number;
      ctx.addIssue({ code: 'custom', message: 'expected a port between 0 and 65535, or off' });
      return z.NEVER;
    });

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const databaseName = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,64}$/, 'expected a database name of letters, digits and underscores (at most 64)');

/** A PEM key given inline, or `@path/to/key.pem` to read it from a file. */
export const pem = z.string().transform((value, ctx) => {
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch {
      ctx.addIssue({ code: 'custom', message: `cannot read key file ${value.slice(1)}` });
      return z.NEVER;
    }
  }
  text = text.replace(/\\n/g, '\n');
  if (!/-----BEGIN [A-Z ]+-----/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'expected a PEM key (inline, or @file.pem)' });
    return z.NEVER;
  }
  return text;
});

const base = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  MYSQL_URL: url(['mysql:']).default('mysql://root@127.0.0.1:3306'),
  MYSQL_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  JWT_PUBLIC_KEY: pem.optional(),
  JWT_ISSUER: z.string().min(1).default('mall'),
  JWT_AUDIENCE: z.string().min(1).default('mall'),
  EVENTS_STREAM: z.string().regex(/^[\w-]{1,64}$/, 'expected a stream name of letters, digits, _ and -').default('MALL_EVENTS'),
  SUBJECT_PREFIX: z.string().regex(/^([\w-]+\.)?$/, 'expected empty, or a subject token followed by a dot').default(''),
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  // Metrics stay on the loopback unless a deployment says where its scraper reaches them.
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
};

export type Env = Record<string, string | undefined>;

/** Validates `env` against a zod shape; one ConfigError lists every bad variable. */
export function parseEnv<T extends z.ZodRawShape>(shape: T, env: Env): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  throw configError(
    result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const got = env[key];
      const shown = got === undefined ? 'missing' : `got ${JSON.stringify(got.length > 60 ? `${got.slice(0, 60)}…` : got)}`;
      return `${key}: ${issue.message} (${shown})`;
    }),
  );
}

/**
 * Checks that go beyond one variable's shape (production refusing development values):
 * throws one ConfigError listing every problem, in `parseEnv`'s format, when there are any.
 */
export function throwConfigProblems(problems: string[]): void {
  if (problems.length > 0) throw configError(problems);
}

function configError(problems: string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

export interface BaseConfig {
  env: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  host: string;
  mysql: { url: string; poolSize: number };
  redisUrl: string;
  natsUrl: string;
  jwt: { publicKey: string; issuer: string; audience: string; usingDevKey: boolean };
  /**
   * JetStream stream of the mall's events, and the prefix of every NATS subject (commands
   * and events): empty in a deployment; tests give each run its own so they never meet.
   */
  events: { stream: string; prefix: string };
  /** How often a process looks for due jobs (scheduled work claimed once across replicas). */
  jobsPollMs: number;
  /** Where this process serves `/metrics`, apart from its public port; null when turned off. */
  metrics: { port: number; host: string } | null;
}

/** True when `pem` is the bundled development key (compared as keys, not as text). */
export function isDevKey(pem: string, devKeyFile: URL, kind: 'public' | 'private'): boolean {
  try {
    const load = kind === 'public' ? createPublicKey : createPrivateKey;
    const der = (text: string) => load(text).export({ type: kind === 'public' ? 'spki' : 'pkcs8', format: 'der' });
    return der(pem).equals(der(readFileSync(devKeyFile, 'utf8')));
  } catch {
    return false;
  }
}

function baseFrom(values: z.infer<z.ZodObject<typeof base>>, metricsPortValue: number | null): BaseConfig {
  const usingDevKey = values.JWT_PUBLIC_KEY === undefined || isDevKey(values.JWT_PUBLIC_KEY, DEV_PUBLIC_KEY, 'public');
  if (usingDevKey && values.NODE_ENV === 'production') {
    throwConfigProblems(['JWT_PUBLIC_KEY: required when NODE_ENV=production, and not the bundled development key (it is public)']);
  }
  return {
    env: values.NODE_ENV,
    logLevel: values.LOG_LEVEL,
    host: values.HOST,
    mysql: { url: values.MYSQL_URL, poolSize: values.MYSQL_POOL_SIZE },
    redisUrl: values.REDIS_URL,
    natsUrl: values.NATS_URL,
    jwt: {
      publicKey: values.JWT_PUBLIC_KEY ?? readFileSync(DEV_PUBLIC_KEY, 'utf8'),
      issuer: values.JWT_ISSUER,
      audience: values.JWT_AUDIENCE,
      usingDevKey,
    },
    events: { stream: values.EVENTS_STREAM, prefix: values.SUBJECT_PREFIX },
    jobsPollMs: values.JOBS_POLL_MS,
    metrics: metricsPortValue === null ? null : { port: metricsPortValue, host: values.METRICS_HOST },
  };
}

export interface SubgraphConfig extends BaseConfig {
  name: ServiceName;
  port: number;
  database: string;
  /** The variables this config was read from: a subgraph reads its own extra settings from them. */
  variables: Env;
}

/**
 * Config of one subgraph. Reads `<NAME>_PORT` (default: the port in the service table),
 * `<NAME>_DATABASE` (default `mall_<name>`) and `<NAME>_METRICS_PORT` (default: the port
 * plus 5400, or `off`) besides the shared variables.
 */
export function loadSubgraphConfig(name: ServiceName, env: Env = process.env): SubgraphConfig {
  const prefix = name.toUpperCase();
  const values = parseEnv(
    {
      ...base,
      [`${prefix}_PORT`]: port.default(registryEntry(name).port),
      [`${prefix}_DATABASE`]: databaseName.default(`mall_${name}`),
      [`${prefix}_METRICS_PORT`]: metricsPort(registryEntry(name).port + METRICS_PORT_OFFSET),
    },
    env,
  );
  const record = values as Record<string, unknown>;
  return {
    ...baseFrom(values, record[`${prefix}_METRICS_PORT`] as number | null),
    name,
    port: record[`${prefix}_PORT`] as number,
    database: record[`${prefix}_DATABASE`] as string,
    variables: env,
  };
}

export interface GatewayConfig extends BaseConfig {
  port: number;
  /** Subgraph URLs by name; `<NAME>_URL` overrides the URL composed into the supergraph. */
  subgraphUrls: Partial<Record<ServiceName, string>>;
  supergraphPath: string;
  /** How long the gateway waits for one subgraph request. */
  subgraphTimeoutMs: number;
  /** Operation limits enforced before planning. */
  limits: { maxDepth: number; maxCost: number };
  /** Bounds on one subscriber: what a connection may hold, and how far it may fall behind. */
  subscribers: { maxSubscriptionsPerConnection: number; maxBufferedBytes: number; maxQueued: number };
}

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const values = parseEnv(
    {
      ...base,
      GATEWAY_PORT: port.default(GATEWAY_PORT),
      GATEWAY_METRICS_PORT: metricsPort(GATEWAY_PORT + METRICS_PORT_OFFSET),
      SUPERGRAPH_PATH: z.string().min(1).optional(),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
      QUERY_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
      QUERY_MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(5000),
      SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(1000).default(50),
      SUBSCRIBER_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
      // Above the 100 SKUs whose current state one stockChanged subscription starts with.
      SUBSCRIBER_MAX_QUEUED: z.coerce.number().int().min(200).max(100_000).default(1000),
      // <NAME>_URL of every registered subgraph overrides the URL composed into the supergraph.
      ...Object.fromEntries(registry.map((entry) => [`${entry.name.toUpperCase()}_URL`, url(['http:', 'https:']).optional()])),
    },
    env,
  );
  const record = values as Record<string, unknown>;
  const subgraphUrls: Partial<Record<ServiceName, string>> = {};
  for (const { name } of registry) {
    const value = record[`${name.toUpperCase()}_URL`];
    if (typeof value === 'string') subgraphUrls[name] = value;
  }
  return {
    ...baseFrom(values, values.GATEWAY_METRICS_PORT),
    port: values.GATEWAY_PORT,
    subgraphUrls,
    supergraphPath:
      values.SUPERGRAPH_PATH ?? new URL('../../../schema/supergraph.graphql', import.meta.url).pathname,
    subgraphTimeoutMs: values.SUBGRAPH_TIMEOUT_MS,
    limits: { maxDepth: values.QUERY_MAX_DEPTH, maxCost: values.QUERY_MAX_COST },
    subscribers: {
      maxSubscriptionsPerConnection: values.SUBSCRIPTIONS_PER_CONNECTION,
      maxBufferedBytes: values.SUBSCRIBER_MAX_BUFFERED_BYTES,
      maxQueued: values.SUBSCRIBER_MAX_QUEUED,
    },
  };
}

/**
 * The WeChat app the development setup uses: membership's defaults and the fake WeChat
 * server agree on it. Production must configure its own (membership refuses these).
 */
export const DEV_WECHAT_APP = { appId: 'wx0000000000dev00', appSecret: 'dev-app-secret' } as const;

const devKeyFile = (name: string) => new URL(`../dev-keys/${name}`, import.meta.url);

/**
 * The development WeChat Pay merchant that the payment subgraph's defaults and the fake
 * WeChat Pay server agree on (see dev-keys/README.md). Its keys are in the repository, so
 * payment refuses them with NODE_ENV=production.
 */
export const DEV_WECHAT_PAY = {
  mchid: '1900000001',
  appId: DEV_WECHAT_APP.appId,
  merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000001',
  apiV3Key: 'mall-dev-apiv3-key-000000000000x',
  platformKeyId: 'PUB_KEY_ID_DEV',
  /** Where the fake WeChat Pay server of `pnpm start` listens. */
  fakeUrl: 'http://127.0.0.1:4011',
  files: {
    merchantPrivateKey: devKeyFile('wechatpay-merchant-dev-private.pem'),
    merchantPublicKey: devKeyFile('wechatpay-merchant-dev-public.pem'),
    platformPrivateKey: devKeyFile('wechatpay-platform-dev-private.pem'),
    platformPublicKey: devKeyFile('wechatpay-platform-dev-public.pem'),
  },
} as const;

/** A development WeChat Pay key's PEM text. */
export function devWechatPayKey(name: keyof typeof DEV_WECHAT_PAY.files): string {
  return readFileSync(DEV_WECHAT_PAY.files[name], 'utf8');
}

export interface TokenIssuerConfig {
  privateKey: string;
  issuer: string;
  audience: string;
}

/** The signing side: only the token issuer (membership, the dev-token command) reads this. */
export function loadTokenIssuerConfig(env: Env = process.env): TokenIssuerConfig {
  const values = parseEnv(
    {
      NODE_ENV: base.NODE_ENV,
      JWT_PRIVATE_KEY: pem.optional(),
      JWT_ISSUER: base.JWT_ISSUER,
      JWT_AUDIENCE: base.JWT_AUDIENCE,
    },
    env,
  );
  if (
    values.NODE_ENV === 'production' &&
    (values.JWT_PRIVATE_KEY === undefined || isDevKey(values.JWT_PRIVATE_KEY, DEV_PRIVATE_KEY, 'private'))
  ) {
    throwConfigProblems(['JWT_PRIVATE_KEY: required when NODE_ENV=production, and not the bundled development key']);
  }
  return {
    privateKey: values.JWT_PRIVATE_KEY ?? readFileSync(DEV_PRIVATE_KEY, 'utf8'),
    issuer: values.JWT_ISSUER,
    audience: values.JWT_AUDIENCE,
  };
}
