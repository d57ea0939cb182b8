import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dropDatabase, loadSubgraphConfig, subgraphFile, type ServiceName } from '@mall/kit';
import { testDatabaseName, waitFor } from './index.ts';

/** A port nothing listens on now (the kernel's pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface SubgraphProcess {
  /** Its GraphQL URL (the same across restarts). */
  url: string;
  /** Its database (the same across restarts; dropped by `stop`). */
  database: string;
  /** Starts its real main as a process and waits until `/health` answers. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, nothing cleaned up, as when a machine dies. */
  kill(): Promise<void>;
  /** Kills it if running and drops its database. */
  stop(): Promise<void>;
}

/**
 * A subgraph as a process of its own, running its production `main`
 * (`subgraphs/<name>/src/index.ts`) on a port and database of the test's, so a test can
 * kill it mid-work and start it again on the same state. `env` adds to the test's
 * environment (messaging, timings). Its logs reach the test's output at `TEST_LOG_LEVEL`
 * (silent by default), like those of the servers tests start in-process.
 */
export async function subgraphProcess(name: ServiceName, env: Record<string, string>): Promise<SubgraphProcess> {
  const port = await freePort();
  const database = testDatabaseName(`${name}proc`);
  const prefix = name.toUpperCase();
  let child: ChildProcess | null = null;
  const url = `http://127.0.0.1:${port}/graphql`;
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  return {
    url,
    database,
    kill,
    async start() {
      child = spawn(process.execPath, [subgraphFile(name, 'src/index.ts').pathname], {
        env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent', JOBS_POLL_MS: '100', [`${prefix}_PORT`]: String(port), [`${prefix}_METRICS_PORT`]: 'off', [`${prefix}_DATABASE`]: database, ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const started = child;
      await waitFor(`${name} to answer /health`, async () => {
        if (started.exitCode !== null) throw new Error(`${name} exited with ${started.exitCode}`);
        return (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true;
      }, 30_000);
    },
    async stop() {
      await kill();
      await dropDatabase(loadSubgraphConfig(name).mysql.url, database);
    },
  };
}
