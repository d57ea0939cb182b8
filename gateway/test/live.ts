import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from '@mall/test-kit';

/** graphql-ws clients as the e2e tests open them, and what they receive. */
const clients: Client[] = [];

/** Closes every client the tests opened. */
export async function disposeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
}

export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/** A graphql-ws client of `url`, as a mini-program would open it; closes are recorded. */
export function connect(url: string, token?: string): Client & { closes: Array<{ code: number; reason: string }> } {
  const closes: Array<{ code: number; reason: string }> = [];
  const client = createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    ...(token ? { connectionParams: { authorization: `Bearer ${token}` } } : {}),
    on: { closed: (event) => void closes.push({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
    onNonLazyError: () => {},
  });
  clients.push(client);
  return Object.assign(client, { closes });
}

export interface Watch<T> {
  events: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `n` events have arrived (or fails after `ms`). */
  next(n: number, ms?: number): Promise<T[]>;
  stop(): void;
}

export function watch<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Watch<T> {
  const state: Watch<T> = {
    events: [],
    errors: [],
    completed: false,
    async next(n, ms = 5000) {
      await waitFor(`${n} events (errors so far: ${JSON.stringify(state.errors)})`, () => state.events.length >= n, ms);
      return state.events.slice(0, n);
    },
    stop: () => undefined,
  };
  state.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) state.errors.push(...value.errors);
        if (value.data) state.events.push(value.data as T);
      },
      error: (error) => void state.errors.push(error),
      complete: () => void (state.completed = true),
    },
  );
  return state;
}
