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
  const timers = new Set<NodeJS.Timeout>();
  const flush = async (sessionId: number) => {
    const entries = pending.get(sessionId);
    pending.delete(sessionId);
    if (!entries || entries.size === 0) return;
    await deps.db.transaction((tx) => events.write(tx, 'flash.changed', { sessionId: String(sessionId), entryIds: [...entries].map(String) }));
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
        timers.delete(timer);
        flush(sessionId).catch((error: unknown) => deps.log.warn({ err: error, sessionId }, 'flash.changed not announced'));
      }, FLASH_ANNOUNCE_MS);
      timer.unref();
      timers.add(timer);
    },
  };
}

export type FlashAnnouncer = ReturnType<typeof flashAnnouncer>;
