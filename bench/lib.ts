/** What the benchmarks share: starting services as child processes on 127.0.0.1, and stopping them. */
import { spawn, type ChildProcess } from 'node:child_process';

const root = new URL('../', import.meta.url).pathname;

export interface Processes {
  /** Starts `node script`; answers its process id. */
  start(script: string, env: Record<string, string>): number;
  stop(): Promise<void>;
}

export function processes(baseEnv: Record<string, string | undefined>): Processes {
  const children: ChildProcess[] = [];
  return {
    start(script, env) {
      const child = spawn(process.execPath, [script], { cwd: root, env: { ...baseEnv, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(child);
      return child.pid!;
    },
    async stop() {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    },
  };
}

/** Waits for `GET /health` (or any answer, with `anyAnswer`) on a local port. */
export async function waitHealthy(port: number, anyAnswer = false): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok || anyAnswer) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing healthy on port ${port}`);
}

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export function printTable(rows: Array<[string, Figures]>): void {
  console.log(`${'target'.padEnd(22)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'errors'.padStart(7)}`);
  for (const [name, f] of rows) {
    console.log(`${name.padEnd(22)} ${f.rps.toFixed(0).padStart(8)} ${f.p50.toFixed(1).padStart(9)} ${f.p99.toFixed(1).padStart(9)} ${String(f.errors).padStart(7)}`);
  }
}

/** A process's resident memory in bytes (Linux `/proc`). */
export async function residentBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/** The `p`-th percentile (0–100) of `values` (sorted here). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
