import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import { parse, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { Subscription } from '@nats-io/transport-node';
import { loadSubgraphConfig, type SubgraphConfig } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import { createRedis, type Redis } from './redis.ts';
import { connectNats, type NatsConnection } from './nats.ts';
import { createLogger, type DestinationStream, type Logger } from './logger.ts';
import { createTokenVerifier, identityFromAuthorization, type Identity, type TokenVerifier } from './auth.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { deviceIdFrom, formatErrorFor, healthHandler, jsonErrorHandler, listenOn, mountGraphQL, requestIdFrom, stopOnSignals } from './http.ts';
import type { ServiceName } from './registry.ts';
import { commandSender, serveCommand, type CommandSender, type CommandSpec } from './commands.ts';
import { consumeEvents, outbox, startOutboxRelay, type ConsumerSpec, type EventConsumer, type EventWiring, type OutboxRelay } from './events.ts';
import { startJobRunner, type JobRunner, type JobSpec } from './jobs.ts';

/** Reasons for attention the kit itself raises (the metric starts them at 0). */
const KIT_ATTENTION = ['event_parked', 'event_handler_failing', 'job_failing'] as const;

/**
 * What the kit opens for every subgraph: the base of its dependency bundle. A subgraph's
 * own bundle (`<Name>Deps`) extends it with its settings and clients, and is the one thing
 * its services, command handlers, consumers and jobs take (a request's context is the same
 * bundle plus the caller).
 */
export interface KitDeps<TSchema extends Record<string, unknown>> {
  name: ServiceName;
  config: SubgraphConfig;
  log: Logger;
  database: Database<TSchema>;
  /** `database.db`: the subgraph's own database. */
  db: MySql2Database<TSchema>;
  redis: Redis;
  nats: NatsConnection;
  verifier: TokenVerifier;
  /** This process's Prometheus metrics (served at `/metrics` on a listener of their own). */
  metrics: Metrics;
  /** Sends commands to other subgraphs on this deployment's subjects. */
  send: CommandSender;
  /** The outbox relay, when the schema has an outbox (the kit nudges it after every commit that wrote an event). */
  relay: OutboxRelay | null;
  /**
   * A case the code cannot settle by itself: logged as an error with `attention: reason`
   * and counted in `mall_attention_needed_total{reason}` for an alert rule.
   */
  attention(reason: string, details: Record<string, unknown>, message: string): void;
  /**
   * This process's own base URL (`http://host:port`) once it listens; throws before. For
   * callback URLs handed to outside services when no public URL is configured.
   */
  localUrl(): string;
}

/** What a request adds to the subgraph's bundle: who calls, its loaders, its log. */
export interface RequestParts<TLoaders> {
  /** The verified caller, or null for an anonymous request. */
  identity: Identity | null;
  /** DataLoaders, new for every request so nothing is cached across callers. */
  loaders: TLoaders;
  /** The subgraph's log, with the request id. */
  log: Logger;
  requestId: string;
  /** The client's device as the gateway passed it on (`X-Device-Id`), or null: a hint for abuse limits, never an identity. */
  deviceId: string | null;
}

/** What every resolver receives: the subgraph's bundle and the request's parts, built anew for each request. */
export type SubgraphContext<TDeps, TLoaders> = TDeps & RequestParts<TLoaders>;

/** Demo data sizes (`./mall start` loads the full demo, tests a small one). */
export interface SeedOptions {
  /** Products per leaf category of the demo catalog (default 16). */
  size?: number;
}

/** A subgraph's parts, free of I/O: `createSubgraph` supplies the connections and runs them. */
export interface SubgraphDefinition<TSchema extends Record<string, unknown>, TDeps extends KitDeps<TSchema>, TLoaders> {
  name: ServiceName;
  typeDefs: DocumentNode;
  /** Resolvers typed by the subgraph's codegen `Resolvers` type. */
  resolvers: object;
  /** Drizzle tables of the subgraph's own database (with the kit's `outbox`, `processedEvents`, `jobs`… it uses). */
  schema: TSchema;
  /** drizzle-kit migrations folder, applied at start. */
  migrationsFolder: string;
  /** The subgraph's bundle: the kit's parts plus its own settings (read from `base.config.variables`) and clients. No I/O beyond what they need to start. */
  deps(base: KitDeps<TSchema>): Promise<TDeps> | TDeps;
  createLoaders(deps: TDeps): TLoaders;
  /** NATS commands it answers, in queue group `<name>`. */
  commands?(deps: TDeps): CommandSpec[];
  /** Durable event consumers. */
  consumers?(deps: TDeps): ConsumerSpec<TSchema>[];
  /** Scheduled work, claimed once across replicas (the schema must include the kit's `jobs`). */
  jobs?(deps: TDeps): JobSpec[];
  /** Work every replica runs for itself (a refresh of in-memory keys); returns how to stop it. */
  start?(deps: TDeps): Promise<() => Promise<void>> | (() => Promise<void>);
  /**
   * Plain HTTP routes beside `/graphql` (an outside party's callbacks, such as payment
   * notifications), mounted on the same express app before it. Each route parses its own body.
   */
  routes?(app: Express, deps: TDeps): void;
  /** Loads demo data where there is none; says what it wrote, or null when data was there. */
  seed?(db: MySql2Database<TSchema>, options: SeedOptions): Promise<Record<string, number> | null>;
}

/** Any subgraph definition (the registry loads them without knowing their types). */
// `any`: a definition's schema, bundle and loaders are its own business; the registry only starts it.
export type AnySubgraphDefinition = SubgraphDefinition<any, any, any>;

export interface RunningSubgraph<TSchema extends Record<string, unknown>, TDeps extends KitDeps<TSchema> = KitDeps<TSchema>> {
  /** The subgraph's bundle (tests reach its database, relay and clients through it). */
  deps: TDeps;
  /** The job runner, when the subgraph has jobs (tests run due jobs at once with `runDue`). */
  jobs: JobRunner | null;
  /** Its durable consumers (tests wait for them to catch up). */
  consumers: EventConsumer[];
  httpServer: Server;
  /** Starts listening (default: the configured host and port); resolves to the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: refuses new work, finishes requests in flight, closes connections. Idempotent. */
  stop(): Promise<void>;
}

/** The kit's base parts for a subgraph: database (created and migrated), Redis, NATS, token verifier, metrics. */
async function openBase<TSchema extends Record<string, unknown>>(
  definition: Pick<SubgraphDefinition<TSchema, KitDeps<TSchema>, unknown>, 'name' | 'schema' | 'migrationsFolder'>,
  config: SubgraphConfig,
  log: Logger,
): Promise<{ base: KitDeps<TSchema>; setUrl(url: string): void }> {
  const database = await openDatabase({
    url: config.mysql.url,
    database: config.database,
    schema: definition.schema,
    poolSize: config.mysql.poolSize,
    migrationsFolder: definition.migrationsFolder,
    log,
  });
  const redis = createRedis(config.redisUrl, definition.name);
  redis.on('error', (error: Error) => log.warn({ err: error }, 'redis error'));
  const nats = await connectNats(config.natsUrl, `mall-${definition.name}`);
  const verifier = await createTokenVerifier(config.jwt);
  const metrics = createMetrics(definition.name);
  metrics.declareAttention(KIT_ATTENTION);
  let localUrl: string | null = null;
  const hasOutbox = Object.values(definition.schema).includes(outbox);
  const wiring: EventWiring<TSchema> = { db: database.db, nats, events: config.events, log };
  const base: KitDeps<TSchema> = {
    name: definition.name,
    config,
    log,
    database,
    db: database.db,
    redis,
    nats,
    verifier,
    metrics,
    send: commandSender(nats, config.events.prefix),
    relay: hasOutbox ? startOutboxRelay({ ...wiring, source: definition.name }) : null,
    attention(reason, details, message) {
      log.error({ ...details, attention: reason }, message);
      metrics.attention(reason);
    },
    localUrl: () => {
      if (!localUrl) throw new Error(`${definition.name} is not listening yet`);
      return localUrl;
    },
  };
  return { base, setUrl: (url) => void (localUrl = url) };
}

/**
 * Builds a subgraph server from its definition: opens its database (created and migrated),
 * Redis and NATS, builds its bundle, starts its outbox relay, command handlers, consumers
 * and jobs, and serves `POST /graphql` and `GET /health` on one express app (any body it
 * cannot read answered as JSON), and `GET /metrics` on the configured metrics listener.
 * Nothing listens until `listen()`.
 */
export async function createSubgraph<TSchema extends Record<string, unknown>, TDeps extends KitDeps<TSchema>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TDeps, TLoaders>,
  config: SubgraphConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<RunningSubgraph<TSchema, TDeps>> {
  const log = createLogger(definition.name, config.logLevel, options.logDestination);
  if (config.jwt.usingDevKey) log.warn('verifying tokens with the bundled development key');
  const { base, setUrl } = await openBase(definition, config, log);
  const deps = await definition.deps(base);
  const wiring: EventWiring<TSchema> = { db: deps.db, nats: deps.nats, events: config.events, log, attention: deps.attention };
  const subscriptions: Subscription[] = (definition.commands?.(deps) ?? []).map((spec) =>
    serveCommand(deps.nats, spec.contract, spec.handler, { queue: definition.name, log, prefix: config.events.prefix }),
  );
  const consumers = await Promise.all((definition.consumers?.(deps) ?? []).map((spec) => consumeEvents(wiring, spec)));
  const jobSpecs = definition.jobs?.(deps) ?? [];
  const jobs = jobSpecs.length > 0 ? await startJobRunner({ db: deps.db, log, attention: deps.attention, jobs: jobSpecs, pollMs: config.jobsPollMs }) : null;
  const stopOwn = (await definition.start?.(deps)) ?? (async () => {});

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const server = new ApolloServer<SubgraphContext<TDeps, TLoaders>>({
    schema: buildSubgraphSchema({
      typeDefs: definition.typeDefs,
      // Codegen's Resolvers type is stricter than Apollo's map; the schema build checks names.
      resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
    }),
    // No tracing backend reads ftv1 traces and no cache hints are set: both would only cost time.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      deps.metrics.plugin(),
    ],
    formatError: formatErrorFor(log),
    includeStacktraceInErrorResponses: false,
  });
  await server.start();

  let draining = false;
  app.get(
    '/health',
    healthHandler(
      definition.name,
      {
        mysql: () => deps.database.ping(),
        redis: () => deps.redis.ping(),
        nats: async () => {
          if (deps.nats.isClosed()) throw new Error('closed');
          await deps.nats.flush();
        },
      },
      () => draining,
    ),
  );
  definition.routes?.(app, deps);
  mountGraphQL(app, server, async (req) => {
    const identity = await identityFromAuthorization(req.headers.authorization, deps.verifier);
    const requestId = requestIdFrom(req);
    const context: SubgraphContext<TDeps, TLoaders> = { ...deps, identity, loaders: definition.createLoaders(deps), log: log.child({ requestId }), requestId, deviceId: deviceIdFrom(req) };
    return context;
  });
  app.use(jsonErrorHandler(log));

  let stopped: Promise<void> | undefined;
  return {
    deps,
    jobs,
    consumers,
    httpServer,
    async listen(port = config.port, host = config.host) {
      const url = await listenOn(httpServer, port, host);
      setUrl(url.replace(/\/graphql$/, ''));
      const metricsUrl = await deps.metrics.listen(config.metrics);
      log.info({ url, metricsUrl }, `${definition.name} subgraph ready`);
      return url;
    },
    stop() {
      stopped ??= (async () => {
        draining = true;
        await server.stop();
        const settle = (what: string) => (error: unknown) => log.error({ err: error }, `stopping ${what} failed`);
        await stopOwn().catch(settle('its own work'));
        await jobs?.stop().catch(settle('jobs'));
        await Promise.all(subscriptions.map((s) => s.drain().catch(settle('a command handler'))));
        await Promise.all(consumers.map((c) => c.stop().catch(settle('a consumer'))));
        await deps.relay?.stop().catch(settle('the outbox relay'));
        await Promise.allSettled([deps.database.close(), deps.redis.quit(), deps.nats.drain(), deps.metrics.close()]);
        log.info('stopped');
      })();
      return stopped;
    },
  };
}

/** A subgraph's whole `main`: config from the environment, listen, stop on SIGTERM/SIGINT. */
export async function runSubgraph<TSchema extends Record<string, unknown>, TDeps extends KitDeps<TSchema>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TDeps, TLoaders>,
): Promise<RunningSubgraph<TSchema, TDeps>> {
  const subgraph = await createSubgraph(definition, loadSubgraphConfig(definition.name));
  stopOnSignals(() => subgraph.stop(), subgraph.deps.log);
  await subgraph.listen();
  return subgraph;
}

const COMMON_SDL = new URL('../schema/common.graphql', import.meta.url);

/**
 * A subgraph's SDL: the kit's `schema/common.graphql` (the federation link and the types
 * every subgraph shares: DateTime, Money, PageInfo), then the subgraph's own `schema.graphql`.
 */
export function readSubgraphSdl(schemaFile: URL): string {
  return `${readFileSync(COMMON_SDL, 'utf8')}\n${readFileSync(schemaFile, 'utf8')}`;
}

/**
 * The files every subgraph keeps beside its `src/`: `schema.graphql` (with the shared SDL,
 * parsed) and the `drizzle/` migrations folder. `moduleUrl` is the subgraph definition's
 * `import.meta.url`.
 */
export function subgraphFiles(moduleUrl: string): { typeDefs: DocumentNode; migrationsFolder: string } {
  return {
    typeDefs: parse(readSubgraphSdl(new URL('../schema.graphql', moduleUrl))),
    migrationsFolder: new URL('../drizzle', moduleUrl).pathname,
  };
}
