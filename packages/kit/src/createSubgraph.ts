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
import { loadSubgraphConfig, type SubgraphConfig } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import { createRedis, type Redis } from './redis.ts';
import { connectNats, type NatsConnection } from './nats.ts';
import { createLogger, type DestinationStream, type Logger } from './logger.ts';
import { createTokenVerifier, identityFromAuthorization, type Identity, type TokenVerifier } from './auth.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { formatErrorFor, healthHandler, jsonErrorHandler, listenOn, mountGraphQL, requestIdFrom, stopOnSignals } from './http.ts';
import type { ServiceName } from './services.ts';

/** Long-lived parts of a running subgraph, shared by every request. */
export interface SubgraphDeps<TSchema extends Record<string, unknown>> {
  config: SubgraphConfig;
  log: Logger;
  database: Database<TSchema>;
  redis: Redis;
  nats: NatsConnection;
  verifier: TokenVerifier;
  /** This process's Prometheus metrics (served at `/metrics` on a listener of their own). */
  metrics: Metrics;
  /**
   * This process's own base URL (`http://host:port`) once it listens; throws before. For
   * callback URLs handed to outside services when no public URL is configured.
   */
  localUrl(): string;
}

/** What every resolver receives: built anew for each request. */
export interface SubgraphContext<TSchema extends Record<string, unknown>, TLoaders, TParts = NoParts> {
  /** The verified caller, or null for an anonymous request. */
  identity: Identity | null;
  /** DataLoaders, new for every request so nothing is cached across callers. */
  loaders: TLoaders;
  db: MySql2Database<TSchema>;
  deps: SubgraphDeps<TSchema>;
  /** The subgraph's own long-lived parts (clients, issuers), from its `start` hook. */
  parts: TParts;
  log: Logger;
  requestId: string;
}

/** The parts of a subgraph that has no `start` hook. */
export type NoParts = Record<string, never>;

/** What a subgraph's `start` hook returns: its parts, and how to stop them. */
export interface StartedParts<TParts> {
  parts: TParts;
  /** Runs first on shutdown, before the connections close (unsubscribe, stop workers). */
  stop(): Promise<void>;
}

/** A subgraph's parts, free of I/O: `createSubgraph` supplies the connections. */
export interface SubgraphDefinition<TSchema extends Record<string, unknown>, TLoaders, TParts = NoParts> {
  name: ServiceName;
  typeDefs: DocumentNode;
  /** Resolvers typed by the subgraph's codegen `Resolvers` type. */
  resolvers: object;
  /** Drizzle tables of the subgraph's own database. */
  schema: TSchema;
  /** drizzle-kit migrations folder, applied at start. */
  migrationsFolder: string;
  createLoaders(db: MySql2Database<TSchema>, parts: TParts): TLoaders;
  /**
   * Builds the subgraph's long-lived parts once the connections are open: its own config
   * (read from `deps.config.variables`), clients of outside services, NATS command handlers,
   * background workers. Omit it when there are none.
   */
  start?(deps: SubgraphDeps<TSchema>): Promise<StartedParts<TParts>>;
  /**
   * Plain HTTP routes beside `/graphql` (an outside party's callbacks, such as payment
   * notifications), mounted on the same express app before it. Each route parses its own body.
   */
  routes?(app: Express, deps: SubgraphDeps<TSchema>, parts: TParts): void;
}

export interface RunningSubgraph<TSchema extends Record<string, unknown>, TParts = unknown> {
  deps: SubgraphDeps<TSchema>;
  /** What the subgraph's `start` hook built (tests stop and restart pieces of it). */
  parts: TParts;
  httpServer: Server;
  /** Starts listening (default: the configured host and port); resolves to the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Graceful stop: refuses new work, finishes requests in flight, closes connections. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Builds a subgraph server from its definition: opens its database (created and migrated),
 * Redis and NATS, and serves `POST /graphql` and `GET /health` on one express app, and `GET /metrics`
 * on the configured metrics listener. Nothing listens until `listen()`.
 */
export async function createSubgraph<TSchema extends Record<string, unknown>, TLoaders, TParts = NoParts>(
  definition: SubgraphDefinition<TSchema, TLoaders, TParts>,
  config: SubgraphConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<RunningSubgraph<TSchema, TParts>> {
  const log = createLogger(definition.name, config.logLevel, options.logDestination);
  if (config.jwt.usingDevKey) log.warn('verifying tokens with the bundled development key');
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
  let localUrl: string | null = null;
  const metrics = createMetrics(definition.name);
  const deps: SubgraphDeps<TSchema> = {
    config,
    log,
    database,
    redis,
    nats,
    verifier,
    metrics,
    localUrl: () => {
      if (!localUrl) throw new Error(`${definition.name} is not listening yet`);
      return localUrl;
    },
  };
  const started: StartedParts<TParts> = definition.start
    ? await definition.start(deps)
    : { parts: {} as TParts, stop: async () => {} };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const server = new ApolloServer<SubgraphContext<TSchema, TLoaders, TParts>>({
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
      metrics.plugin(),
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
        mysql: () => database.ping(),
        redis: () => redis.ping(),
        nats: async () => {
          if (nats.isClosed()) throw new Error('closed');
          await nats.flush();
        },
      },
      () => draining,
    ),
  );
  definition.routes?.(app, deps, started.parts);
  mountGraphQL(app, server, async (req) => {
    const identity = await identityFromAuthorization(req.headers.authorization, verifier);
    const requestId = requestIdFrom(req);
    return {
      identity,
      loaders: definition.createLoaders(database.db, started.parts),
      db: database.db,
      deps,
      parts: started.parts,
      log: log.child({ requestId }),
      requestId,
    };
  });
  app.use(jsonErrorHandler(log));

  let stopped: Promise<void> | undefined;
  return {
    deps,
    parts: started.parts,
    httpServer,
    async listen(port = config.port, host = config.host) {
      const url = await listenOn(httpServer, port, host);
      localUrl = url.replace(/\/graphql$/, '');
      const metricsUrl = await metrics.listen(config.metrics);
      log.info({ url, metricsUrl }, `${definition.name} subgraph ready`);
      return url;
    },
    stop() {
      stopped ??= (async () => {
        draining = true;
        await server.stop();
        await started.stop().catch((error: unknown) => log.error({ err: error }, 'stopping parts failed'));
        await Promise.allSettled([database.close(), redis.quit(), nats.drain(), metrics.close()]);
        log.info('stopped');
      })();
      return stopped;
    },
  };
}

/** A subgraph's whole `main`: config from the environment, listen, stop on SIGTERM/SIGINT. */
export async function runSubgraph<TSchema extends Record<string, unknown>, TLoaders, TParts = NoParts>(
  definition: SubgraphDefinition<TSchema, TLoaders, TParts>,
): Promise<RunningSubgraph<TSchema>> {
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
