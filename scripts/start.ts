/**
 * `pnpm start`: the whole supergraph on this machine. Starts the fake WeChat servers (login
 * on 4010, WeChat Pay on 4011) unless WECHAT_API_BASE points elsewhere, and with them
 * payment's DEV method; migrates every registered subgraph and loads its demo data (only
 * into an empty database), starts every subgraph,
 * waits for each `/health`, then starts the gateway and prints its URL.
 * Logs go to .data/logs/<service>.log; warnings and errors are echoed here.
 * Ctrl-C (or SIGTERM) stops everything gracefully.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConfigError, loadGatewayConfig, loadSubgraph, loadSubgraphConfig, registry, runSeed } from '@mall/kit';

const root = new URL('../', import.meta.url).pathname;
const logDir = `${root}.data/logs`;
mkdirSync(logDir, { recursive: true });

let gatewayPort: number;
const ports = new Map<string, number>();
/** Where each process serves `/metrics` (its own listener, not the public port). */
const metricsAt: string[] = [];
let metricsHost = '127.0.0.1';
try {
  const gatewayConfig = loadGatewayConfig();
  gatewayPort = gatewayConfig.port;
  metricsHost = gatewayConfig.metrics?.host ?? metricsHost;
  if (gatewayConfig.metrics) metricsAt.push(`gateway ${gatewayConfig.metrics.port}`);
  for (const { name } of registry) {
    const config = loadSubgraphConfig(name);
    ports.set(name, config.port);
    if (config.metrics) metricsAt.push(`${name} ${config.metrics.port}`);
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const children = new Map<string, ChildProcess>();
let stopping = false;

function start(name: string, script: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(process.execPath, [script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
  const log = createWriteStream(`${logDir}/${name}.log`, { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log, { end: false });
    createInterface({ input: stream }).on('line', (line) => {
      // Echo warnings, errors and anything that is not a JSON log line (a crash trace).
      const level = /"level":"(\w+)"/.exec(line)?.[1];
      if (!level || ['warn', 'error', 'fatal'].includes(level)) console.log(`[${name}] ${line}`);
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[${name}] exited unexpectedly (${signal ?? `code ${code}`}); see .data/logs/${name}.log`);
      void stopAll(1);
    }
  });
  children.set(name, child);
  return child;
}

async function waitHealthy(name: string, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} stopped before it was ready`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} did not become healthy on port ${port} within ${timeoutMs / 1000}s`);
}

async function waitListening(name: string, port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} stopped before it was ready`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${name} did not listen on port ${port} within ${timeoutMs / 1000}s`);
}

async function stopAll(code: number): Promise<never> {
  stopping = true;
  const exits = [...children.values()].map(
    (child) => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  );
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

try {
  // Local runs talk to the fake WeChat unless a real WeChat API base is configured.
  const fakeWechat = !process.env['WECHAT_API_BASE'] && process.env['NODE_ENV'] !== 'production';
  if (fakeWechat) {
    start('wechat-fake', 'packages/wechat-fake/src/index.ts');
    await waitListening('wechat-fake', 4010);
    await waitListening('wechat-fake', 4011);
  }
  // With the fake WeChat Pay, the DEV payment method pays orders at once for local trying.
  const envOf = (name: string): NodeJS.ProcessEnv =>
    name === 'payment' && fakeWechat && !process.env['WECHAT_PAY_API_BASE'] ? { PAYMENT_DEV_METHOD: 'true', ...process.env } : process.env;
  for (const { name } of registry) {
    console.log(`migrating ${name}, and loading its demo data where there is none…`);
    await runSeed(await loadSubgraph(name));
  }
  for (const { name } of registry) start(name, `subgraphs/${name}/src/index.ts`, envOf(name));
  await Promise.all(registry.map(({ name }) => waitHealthy(name, ports.get(name)!)));
  start('gateway', 'gateway/src/index.ts');
  await waitHealthy('gateway', gatewayPort);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}

console.log(`
The mall supergraph is up.

  GraphQL and Sandbox  http://localhost:${gatewayPort}/graphql
  Health               http://localhost:${gatewayPort}/health
  Metrics              http://${metricsHost}:<port>/metrics: ${metricsAt.join(', ') || 'off'}
${registry.map(({ name }) => `  ${name.padEnd(20)} http://localhost:${ports.get(name)}/graphql`).join('\n')}

  Log in for trying (prints an access token):
    pnpm -s dev-login member        a shopper, through the fake WeChat
    pnpm -s dev-login merchant1     shop 1's merchant (admin, merchant1…merchant6; password mall-dev-pass)
  Pay an order locally: payOrder(orderId: "…", method: DEV) — the fake WeChat Pay pays it
  and notifies the payment subgraph, as WeChat Pay would.
  Logs: .data/logs/   Stop: Ctrl-C
`);
