import { randomBytes, randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type PubAck } from '@nats-io/jetstream';
import {
  connectNats,
  createLogger,
  createSubgraph,
  dropDatabase,
  loadGatewayConfig,
  loadSubgraphConfig,
  loadTokenIssuerConfig,
  serveCommand,
  signAccessToken,
  type CommandSpec,
  type DestinationStream,
  type EventEnvelope,
  type GatewayConfig,
  type Identity,
  type KitDeps,
  type NatsConnection,
  type RunningSubgraph,
  type ServiceName,
  type SubgraphDefinition,
  outbox,
} from '@mall/kit';
import type { MySql2Database } from 'drizzle-orm/mysql2';

/** Test helpers: real servers on free ports, one fresh database per test file, tokens. */

/** Log level for servers started by tests (`TEST_LOG_LEVEL`, default silent). */
const testLogLevel = process.env['TEST_LOG_LEVEL'] ?? 'silent';

export function testDatabaseName(label: string): string {
  return `test_${label}_${process.pid}_${randomBytes(4).toString('hex')}`.slice(0, 64);
}

export interface TestSubgraph<TSchema extends Record<string, unknown>, TDeps extends KitDeps<TSchema> = KitDeps<TSchema>> {
  url: string;
  subgraph: RunningSubgraph<TSchema, TDeps>;
  /** Every SQL statement Drizzle sends while `fn` runs. */
  recordQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }>;
  /**
   * What the database holds, table by table (`CHECKSUM TABLE`): equal before and after a
   * request means the request wrote nothing. Leaves out what background work changes by
   * itself: `jobs` (leases) and the outbox's publish marks (only its row count is kept).
   */
  tableChecksums(): Promise<Record<string, string>>;
  /** Stops the server and drops its database; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * NATS isolation for one test run: a subject prefix and an event stream of its own, so
 * commands and events of test files running side by side never reach each other. Pass the
 * same one to every subgraph of one supergraph.
 */
export function isolatedMessaging(): { SUBJECT_PREFIX: string; EVENTS_STREAM: string } {
  const run = randomBytes(4).toString('hex');
  return { SUBJECT_PREFIX: `t${run}.`, EVENTS_STREAM: `TEST_${run}` };
}

/** Deletes a test run's event stream (with its consumers), over a connection of its own. */
export async function deleteEventStream(stream: string): Promise<void> {
  if (!stream.startsWith('TEST_')) return;
  const nats = await connectNats(loadSubgraphConfig('catalog').natsUrl, 'test-cleanup');
  try {
    const jsm = await jetstreamManager(nats);
    await jsm.streams.delete(stream).catch(() => undefined);
  } finally {
    await nats.close();
  }
}

/**
 * Starts a subgraph with the production factory on a free port, against a new database
 * of its own on the real MySQL/MariaDB server (dropped by `stop`). Jobs are polled every
 * 100 ms unless `env` says otherwise.
 */
export async function startSubgraph<TSchema extends Record<string, unknown>, TDeps extends KitDeps<TSchema>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TDeps, TLoaders>,
  env: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestSubgraph<TSchema, TDeps>> {
  const database = testDatabaseName(definition.name);
  // A subgraph started alone gets NATS subjects and a stream of its own.
  const ownMessaging = env['SUBJECT_PREFIX'] === undefined;
  const config = loadSubgraphConfig(definition.name, {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: testLogLevel,
    [`${definition.name.toUpperCase()}_DATABASE`]: database,
    // Metrics on a free port of their own (`subgraph.deps.metrics.url()`), beside other runs.
    [`${definition.name.toUpperCase()}_METRICS_PORT`]: '0',
    ...(ownMessaging ? isolatedMessaging() : {}),
    JOBS_POLL_MS: '100',
    ...env,
  });
  const subgraph = await createSubgraph(definition, config, options);
  const url = await subgraph.listen(0, '127.0.0.1');
  let stopped: Promise<void> | undefined;
  return {
    url,
    subgraph,
    async recordQueries(fn) {
      const queries: string[] = [];
      const unsubscribe = subgraph.deps.database.onQuery((sql) => queries.push(sql));
      try {
        return { result: await fn(), queries };
      } finally {
        unsubscribe();
      }
    },
    async tableChecksums() {
      const { pool } = subgraph.deps.database;
      const [tables] = (await pool.query('SHOW TABLES')) as unknown as [Array<Record<string, string>>];
      const names = tables.map((row) => Object.values(row)[0]!).filter((name) => name !== 'jobs' && name !== 'outbox').sort();
      const [sums] = (await pool.query(`CHECKSUM TABLE ${names.map((name) => `\`${name}\``).join(', ')}`)) as unknown as [Array<{ Table: string; Checksum: number | string | null }>];
      const state: Record<string, string> = {};
      // `Table` comes back as `database.table`.
      for (const row of sums) state[row.Table.slice(row.Table.indexOf('.') + 1)] = String(row.Checksum);
      if (tables.some((row) => Object.values(row)[0] === 'outbox')) {
        const [[count]] = (await pool.query('SELECT COUNT(*) AS n FROM outbox')) as unknown as [[{ n: number }]];
        state['outbox'] = `${count.n} rows`;
      }
      return state;
    },
    stop() {
      stopped ??= (async () => {
        await subgraph.stop();
        if (ownMessaging) await deleteEventStream(config.events.stream);
        await dropDatabase(config.mysql.url, database);
      })();
      return stopped;
    },
  };
}

/** What the test supergraph needs of a gateway: the production `createGateway` fits (test-kit does not depend on the gateway; its tests pass it in). */
export interface GatewayLike {
  listen(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}
export type GatewayFactory<G extends GatewayLike = GatewayLike> = (config: GatewayConfig) => Promise<G>;

export interface TestGateway<G extends GatewayLike = GatewayLike> {
  url: string;
  gateway: G;
  stop(): Promise<void>;
}

/**
 * Starts a gateway made by `create` (the production factory) on a free port, pointed at the
 * given subgraph URLs; its metrics are on another free port.
 */
export async function startGateway<G extends GatewayLike>(
  create: GatewayFactory<G>,
  subgraphUrls: Partial<Record<ServiceName, string>>,
  extraEnv: Record<string, string> = {},
): Promise<TestGateway<G>> {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: testLogLevel, GATEWAY_METRICS_PORT: '0', ...extraEnv };
  for (const [name, url] of Object.entries(subgraphUrls)) env[`${name.toUpperCase()}_URL`] = url;
  const gateway = await create(loadGatewayConfig(env));
  const url = await gateway.listen(0, '127.0.0.1');
  return { url, gateway, stop: () => gateway.stop() };
}

/**
 * Answers commands on this test's subjects, as another subgraph would (a neighbour of the
 * subgraph under test): validated by the same contracts, over the real NATS. Returns how
 * to stop answering.
 */
export function answerCommands(nats: NatsConnection, prefix: string, specs: CommandSpec[]): () => Promise<void> {
  const log = createLogger('test-commands', 'silent');
  const subscriptions = specs.map((spec) => serveCommand(nats, spec.contract, spec.handler, { queue: `test-${prefix}`, log, prefix }));
  return async () => {
    await Promise.all(subscriptions.map((s) => s.drain()));
  };
}

/** An event envelope as a subgraph's `events.write` makes one (a fresh id, now, `source`). */
export function eventEnvelope<TData>(type: string, data: TData, source = 'test'): EventEnvelope<TData> {
  return { id: randomUUID(), type, occurredAt: new Date().toISOString(), source, data };
}

/**
 * Publishes an event on a test run's stream as a subgraph's outbox relay does: on
 * `<prefix><type>`, the envelope as JSON, its id as `Nats-Msg-Id` (so the stream drops a
 * copy within its 2-minute window). For testing a consumer without its publisher: `msgId`
 * gives a copy another message id, which is what a duplicate from past that window looks
 * like; a string `body` goes out as it is (a message that is not JSON, or not an envelope).
 */
export async function publishEvent(
  nats: NatsConnection,
  prefix: string,
  type: string,
  body: EventEnvelope | string,
  options: { msgId?: string } = {},
): Promise<PubAck> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const msgID = options.msgId ?? (typeof body === 'string' ? randomUUID() : body.id);
  return jetstream(nats).publish(`${prefix}${type}`, payload, { msgID });
}

/**
 * Waits until `check` answers something other than undefined/false, polling every `intervalMs` (25),
 * and returns it; throws with `what` after `timeoutMs` (default 10 s). For conditions the
 * test cannot be told about (a row written by a consumer, a job that ran).
 */
type OutboxReader = MySql2Database<Record<string, unknown>>;

/**
 * The events of `type` a subgraph wrote to its outbox (published or not), oldest first, as
 * their data: what a test reads to see that something was announced, and how often. `db`
 * is the subgraph's drizzle database (any schema: the outbox is the kit's table).
 */
export async function eventsWritten<TData = Record<string, unknown>>(db: object, type: string): Promise<TData[]> {
  const rows = await (db as OutboxReader).select({ payload: outbox.payload }).from(outbox).orderBy(outbox.id);
  return rows.flatMap((row) => {
    const envelope = row.payload as EventEnvelope<TData>;
    return envelope.type === type ? [envelope.data] : [];
  });
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [k: string]: unknown } }>;
}

/** POSTs one operation over real HTTP, as a client would. */
export async function graphql<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** The first error's `extensions.code`, or undefined. */
export function errorCode(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** The first error's code and, when it has one, its `extensions.reason`: `CONFLICT SOLD_OUT` (`undefined` for an answer without errors). */
export function errorReason(response: Pick<GraphQLResponse<unknown>, 'errors'>): string {
  const extensions = response.errors?.[0]?.extensions;
  return `${String(extensions?.code)} ${String(extensions?.['reason'] ?? '')}`.trim();
}

/** A log destination that keeps every line in memory (to assert what was, or was not, logged). */
export function memoryLog(): { lines: string[]; destination: DestinationStream } {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

/** Signs an access token with the configured (by default the development) key. */
export async function tokenFor(identity: Identity, ttlSeconds?: number): Promise<string> {
  return signAccessToken(identity, { ...loadTokenIssuerConfig({ ...process.env, NODE_ENV: 'test' }), ...(ttlSeconds === undefined ? {} : { ttlSeconds }) });
}

export const as = {
  member: (userId = '1001'): Identity => ({ userId, role: 'MEMBER', shopId: null }),
  merchant: (shopId: string | number, userId = `m${shopId}`): Identity => ({ userId, role: 'MERCHANT', shopId: String(shopId) }),
  admin: (userId = 'a1'): Identity => ({ userId, role: 'ADMIN', shopId: null }),
};

/** An `_entities` query for representations of one type, selecting `selection` on it. */
export function entitiesQuery(typename: string, selection: string): string {
  return `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`;
}

export * from './supergraph.ts';
export * from './process.ts';
