/**
 * How the fake WeChat Pay delivers notifications, as WeChat Pay documents it: a POST to the
 * merchant's notify_url that counts as delivered only when answered HTTP 200 or 204 within
 * 5 seconds; otherwise it is sent again after 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h
 * (15 retries, about 24 hours), then given up. Every attempt carries the same body (same
 * notification `id`, same ciphertext) under a fresh timestamp, nonce and signature, since the
 * merchant refuses timestamps more than 5 minutes old.
 */

/** WeChat Pay's retry schedule: the wait before each retry, in milliseconds. */
export const NOTIFY_RETRY_DELAYS_MS: readonly number[] = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10_800, 10_800, 10_800, 21_600, 21_600].map((seconds) => seconds * 1000);

/** How long WeChat Pay waits for the merchant's answer. */
export const NOTIFY_TIMEOUT_MS = 5000;

/** A notification not yet answered 200/204, as kept (and persisted) between attempts. */
export interface PendingNotification {
  /** The notification's `id`, the same in every attempt. */
  id: string;
  url: string;
  /** The body exactly as built; every attempt sends these bytes. */
  body: string;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (epoch milliseconds). */
  nextAttemptAt: number;
}

export type FakeLog = (level: 'info' | 'warn' | 'error', msg: string, details?: Record<string, unknown>) => void;

export interface NotifierOptions {
  /** The wait before each retry; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  /** The headers of one attempt: a fresh timestamp, nonce and signature over `body`. */
  headersFor(body: string): Record<string, string>;
  /** The queue changed (to persist it). */
  changed(): void;
  log: FakeLog;
}

// setTimeout fires at once for anything longer than a signed 32-bit number of milliseconds.
const MAX_TIMER_MS = 2 ** 31 - 1;

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch reports "fetch failed" and keeps what happened (ECONNREFUSED, a timeout) as the cause.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

export function createNotifier(options: NotifierOptions) {
  const pending = new Map<string, PendingNotification>();
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<number | null>>();
  const stopping = new AbortController();

  function schedule(entry: PendingNotification): void {
    if (stopping.signal.aborted) return;
    clearTimeout(timers.get(entry.id));
    const timer = setTimeout(() => {
      timers.delete(entry.id);
      void run(entry);
    }, Math.min(Math.max(0, entry.nextAttemptAt - Date.now()), MAX_TIMER_MS));
    // Pending retries must not keep a test's process alive; a running fake has its server for that.
    timer.unref();
    timers.set(entry.id, timer);
  }

  /** One attempt, tracked so `close` can wait for it; never rejects (nobody may be listening). */
  function run(entry: PendingNotification): Promise<number | null> {
    const attempt = attemptOnce(entry).catch((error: unknown) => {
      options.log('error', 'delivering a notification failed inside the fake', { id: entry.id, url: entry.url, error: reasonOf(error) });
      return null;
    });
    inFlight.add(attempt);
    void attempt.finally(() => inFlight.delete(attempt));
    return attempt;
  }

  /** Sends once; resolves to the merchant's status (null when there was no answer in time). */
  async function attemptOnce(entry: PendingNotification): Promise<number | null> {
    entry.attempts += 1;
    let status: number | null = null;
    let failure: string | undefined;
    try {
      const response = await fetch(entry.url, {
        method: 'POST',
        headers: options.headersFor(entry.body),
        body: entry.body,
        // A redirect is not an answer: WeChat Pay posts to the notify_url it was given.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), stopping.signal]),
      });
      // The whole answer must arrive in time, not only its status line.
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      failure = reasonOf(error);
    }
    if (status === null && stopping.signal.aborted) {
      // Cut short by `close`, not refused by the merchant: due again as soon as the fake runs.
      entry.attempts -= 1;
      entry.nextAttemptAt = Date.now();
      options.changed();
      return null;
    }
    if (status === 200 || status === 204) {
      pending.delete(entry.id);
      timers.delete(entry.id);
      options.changed();
      return status;
    }
    const delay = options.retryDelaysMs[entry.attempts - 1];
    const details = { id: entry.id, url: entry.url, attempts: entry.attempts, ...(status === null ? { failure } : { status }) };
    if (delay === undefined) {
      pending.delete(entry.id);
      options.log('warn', 'notification not accepted; given up after the last retry, as WeChat Pay does', details);
    } else {
      entry.nextAttemptAt = Date.now() + delay;
      options.log('warn', 'notification not accepted; sending it again later', { ...details, retryInMs: delay });
      schedule(entry);
    }
    options.changed();
    return status;
  }

  return {
    /**
     * Queues a notification and makes the first attempt now; resolves to that attempt's
     * status (null: no answer in time). Whatever it was, a notification not answered 200/204
     * is retried on the schedule.
     */
    notify(notification: { id: string; url: string; body: string }): Promise<number | null> {
      const url = URL.parse(notification.url);
      if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
        options.log('warn', 'notification not sent: its notify_url is no http(s) URL', { id: notification.id, url: notification.url });
        return Promise.resolve(null);
      }
      // Only the body travels: each attempt is signed anew (headersFor).
      const entry: PendingNotification = { id: notification.id, url: notification.url, body: notification.body, attempts: 0, nextAttemptAt: Date.now() };
      pending.set(entry.id, entry);
      options.changed();
      return run(entry);
    },
    /** Takes up notifications left pending by an earlier run: each when due, overdue ones at once. */
    resume(entries: readonly PendingNotification[]): void {
      for (const entry of entries) {
        const copy = { ...entry };
        pending.set(copy.id, copy);
        schedule(copy);
      }
    },
    /** The notifications still to be delivered (copies). */
    pending(): PendingNotification[] {
      return [...pending.values()].map((entry) => ({ ...entry }));
    },
    /** Stops retrying (pending notifications stay in `pending` for the next run) and waits for attempts under way. */
    async close(): Promise<void> {
      stopping.abort();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}
