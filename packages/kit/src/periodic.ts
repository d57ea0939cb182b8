import type { Logger } from './logger.ts';

export interface PeriodicTask {
  /** No new run starts; resolves once the run in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` (sweepers, expiry jobs): never two runs at once (a run
 * still going when the next is due is skipped), a failure logged as `<name> failed` and
 * retried at the next tick. The timer does not keep the process alive.
 */
export function runEvery(name: string, intervalMs: number, task: () => Promise<unknown>, log: Logger): PeriodicTask {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = task()
      .then(
        () => undefined,
        (error: unknown) => log.error({ err: error }, `${name} failed`),
      )
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
