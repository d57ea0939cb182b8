/**
 * The whole mall for a benchmark: the fake WeChat, every subgraph of the registry and a
 * gateway as child processes on 127.0.0.1 (each subgraph on its default port + 100, the
 * gateway on 4100, the fakes on 4110–4111), against fresh `bench_*` databases and a
 * `BENCH_EVENTS` stream, all dropped again by `stop`. Bounded; nothing leaves localhost.
 */
import autocannon from 'autocannon';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats, dropDatabase, loadSubgraphConfig, registry, type ServiceName } from '@mall/kit';
import { processes, waitHealthy, type Figures } from './lib.ts';

const names = registry.map((entry) => entry.name);
export const ports = { gateway: 4100, wechat: 4110, wechatPay: 4111, ...Object.fromEntries(registry.map((entry) => [entry.name, entry.port + 100])) } as Record<ServiceName | 'gateway' | 'wechat' | 'wechatPay', number>;
const env: Record<string, string> = {
  LOG_LEVEL: 'warn',
  SUBJECT_PREFIX: 'bench.',
  EVENTS_STREAM: 'BENCH_EVENTS',
  WECHAT_API_BASE: `http://127.0.0.1:${ports.wechat}`,
  WECHAT_FAKE_PORT: String(ports.wechat),
  WECHAT_PAY_FAKE_PORT: String(ports.wechatPay),
  // The bench's fake must not share (and overwrite) the state file of a `./mall start` running beside it.
  WECHAT_PAY_FAKE_STATE: 'off',
  WECHAT_PAY_API_BASE: `http://127.0.0.1:${ports.wechatPay}`,
  GATEWAY_PORT: String(ports.gateway),
  // Nothing here scrapes metrics, and their default ports may be taken by a running `./mall start`.
  GATEWAY_METRICS_PORT: 'off',
};
for (const name of names) {
  env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
  env[`${name.toUpperCase()}_METRICS_PORT`] = 'off';
  env[`${name.toUpperCase()}_DATABASE`] = `bench_${name}`;
  env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
}
export const mysqlUrl = loadSubgraphConfig('catalog').mysql.url;
export const gateway = `http://127.0.0.1:${ports.gateway}/graphql`;

export interface BenchMall {
  /** Drops the `bench_*` databases (before seeding them). */
  reset(): Promise<void>;
  /** Starts the fake WeChat, every subgraph and the gateway, and waits for each to be healthy. */
  start(extraEnv?: Record<string, string>): Promise<void>;
  /** Stops what it started and drops the databases and the stream. */
  stop(): Promise<void>;
}

export function benchMall(): BenchMall {
  let running: ReturnType<typeof processes> | null = null;
  const dropAll = async () => {
    for (const name of names) await dropDatabase(mysqlUrl, `bench_${name}`);
  };
  return {
    reset: dropAll,
    async start(extraEnv = {}) {
      running = processes({ ...process.env, ...env, ...extraEnv });
      running.start('packages/wechat-fake/src/index.ts', {});
      await waitHealthy(ports.wechat, true);
      for (const name of names) running.start(`subgraphs/${name}/src/index.ts`, {});
      for (const name of names) await waitHealthy(ports[name]);
      running.start('gateway/src/index.ts', {});
      await waitHealthy(ports.gateway);
    },
    async stop() {
      await running?.stop();
      await dropAll();
      const nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'bench-cleanup');
      await (await jetstreamManager(nats)).streams.delete('BENCH_EVENTS').catch(() => undefined);
      await nats.close();
    },
  };
}

/** One GraphQL request through the gateway; its errors thrown. */
export async function post<T>(body: unknown, token?: string): Promise<T> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: T; errors?: unknown };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data as T;
}

/** `count` members logged in through the fake WeChat, each with a default address; their tokens. */
export async function loginMembers(count: number, tag = 'BENCH'): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const { code } = (await (await fetch(`http://127.0.0.1:${ports.wechat}/__fake/login-code`, { method: 'POST', body: JSON.stringify({ openid: `o${tag}${String(i).padStart(27 - tag.length, '0')}` }) })).json()) as { code: string };
    const { loginWithWechat } = await post<{ loginWithWechat: { accessToken: string } }>({ query: 'mutation ($c: String!) { loginWithWechat(code: $c) { accessToken } }', variables: { c: code } });
    tokens.push(loginWithWechat.accessToken);
    await post({ query: 'mutation { addAddress(input: { recipient: "压测", phone: "13800000000", provinceCode: "440000", cityCode: "440300", districtCode: "440305", region: "广东省 深圳市 南山区", detail: "科技园 1 号" }) { id } }' }, loginWithWechat.accessToken);
  }
  return tokens;
}

export async function measure(options: autocannon.Options, duration: number): Promise<Figures> {
  const result = await autocannon({ ...options, duration });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

/**
 * `connections` connections sending, for `duration` seconds, the `i`-th request as member
 * `i mod tokens` with the body `body(i)`; `onAnswer` reads each answer (an answer with
 * errors counts as an error unless `onAnswer` says it was expected by returning true).
 */
export async function asMembers(tokens: readonly string[], connections: number, duration: number, body: (i: number) => unknown, onAnswer?: (answer: string) => boolean): Promise<Figures> {
  let n = 0;
  let failed = 0;
  const figures = await measure(
    {
      url: gateway,
      connections,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = n++;
            return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` }, body: JSON.stringify(body(i)) };
          },
          onResponse: (status, answer) => {
            const expected = onAnswer?.(answer) ?? false;
            if (status !== 200 || (answer.includes('"errors"') && !expected)) failed++;
          },
        },
      ],
    },
    duration,
  );
  return { ...figures, errors: figures.errors + failed };
}
