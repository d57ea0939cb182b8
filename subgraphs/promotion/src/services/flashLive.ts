import { events } from '@mall/contracts';
import type { PromotionDeps } from '../context.ts';

/** How often one session's changes are announced at most (a burst of wins is one message per window). */
export const FLASH_ANNOUNCE_MS = 250;

/**
 * `flash.changed`, batched: the first change of a session's entry opens a window of
 * `FLASH_ANNOUNCE_MS`, and one event at its end names every entry that changed in it (the
 * gateway then answers `flashSaleChanged(sessionId)` subscribers with the session as it is).
 * Per process: replicas each announce their own changes, a few a second each.
 */
export function flashAnnouncer(deps: Pick<PromotionDeps, 'db' | 'log'>) {
  const pending = new Map<number, Set<number>>();
  const timers = new Map<number, NodeJS.Timeout>();
  const writing = new Set<Promise<void>>();
  const flush = async (sessionId: number) => {
    const entries = pending.get(sessionId);
    pending.delete(sessionId);
    if (!entries || entries.size === 0) return;
    await deps.db.transaction((tx) => events.write(tx, 'flash.changed', { sessionId: String(sessionId), entryIds: [...entries].map(String) }));
  };
  const run = (sessionId: number) => {
    const write = flush(sessionId).catch((error: unknown) => deps.log.warn({ err: error, sessionId }, 'flash.changed not announced'));
    writing.add(write);
    void write.finally(() => writing.delete(write));
  };
  return {
    /** Notes that an entry of a session changed; announced within `FLASH_ANNOUNCE_MS`. */
    changed(sessionId: number, entryId: number): void {
      const open = pending.get(sessionId);
      if (open) {
        open.add(entryId);
        return;
      }
      pending.set(sessionId, new Set([entryId]));
      const timer = setTimeout(() => {
        timers.delete(sessionId);
        run(sessionId);
      }, FLASH_ANNOUNCE_MS);
      timer.unref();
      timers.set(sessionId, timer);
    },
    /** Announces what is pending now, and resolves once every announcement is written (tests; shutdown). */
    async settled(): Promise<void> {
      for (const [sessionId, timer] of timers) {
        clearTimeout(timer);
        timers.delete(sessionId);
        run(sessionId);
      }
      await Promise.all([...writing]);
    },
  };
}

export type FlashAnnouncer = ReturnType<typeof flashAnnouncer>;
