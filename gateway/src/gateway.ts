import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import {
  connectNats,
  createLogger,
  createMetrics,
  createTokenVerifier,
  formatErrorFor,
  identityFromAuthorization,
  jsonErrorHandler,
  listenOn,
  mountGraphQL,
  requestIdFrom,
  deviceIdFrom,
  loadGatewayConfig,
  stopOnSignals,
  type GatewayConfig,
  type Logger,
  type Metrics,
  type ServiceName,
} from '@mall/kit';
import type { GatewayContext } from './context.ts';
import { operationLimits } from './limits.ts';
import { SubgraphDataSource } from './SubgraphDataSource.ts';
import { loadLiveCatalog } from './subscriptions/live.ts';
import { startSubscriptionServer, type SubscriptionServer } from './subscriptions/server.ts';

export interface RunningGateway {
  httpServer: Server;
  log: Logger;
  /** The subgraphs composed into the supergraph, with the URLs this gateway calls. */
  subgraphs: Array<{ name: string; url: string }>;
  /** graphql-ws subscriptions on `/graphql`. */
  subscriptions: SubscriptionServer;
  /** This process's metrics; `metrics.url()` is where they are served once listening. */
  metrics: Metrics;
  listen(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Subgraph names and URLs as composed into the supergraph (`@join__graph(name:, url:)`). */
function subgraphsOf(supergraphSdl: string): Array<{ name: string; url: string }> {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => ({
    name: m[1]!,
    url: m[2]!,
  }));
}

/**
 * The public entry point: an Apollo gateway over the composed supergraph file.
 * Verifies the caller's token once (a bad token is a 401 before any subgraph is asked),
 * forwards it to the subgraphs, and serves `/graphql` (HTTP, and graphql-ws for
 * subscriptions) and `/health`, and `/metrics` on the configured metrics listener.
 */
export async function createGateway(config: GatewayConfig): Promise<RunningGateway> {
  const log = createLogger('gateway', config.logLevel);
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const subgraphs = subgraphsOf(supergraphSdl).map(({ name, url }) => ({
    name,
    url: config.subgraphUrls[name as ServiceName] ?? url,
  }));
  const urlOf = new Map(subgraphs.map((s) => [s.name, s.url]));
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, urlOf.get(name) ?? url ?? '', config.subgraphTimeoutMs),
  });
  const verifier = await createTokenVerifier(config.jwt);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const metrics = createMetrics('gateway');
  // Refuse abusive operations before planning them: too deep, too costly, too many
  // aliases, directives or tokens. Introspection (Sandbox, codegen) is exempt from depth and cost.
  // The WebSocket holds its operations to the same limits.
  const limits = operationLimits<GatewayContext>({ ...config.limits, hideSuggestions: config.env === 'production' });
  const formatError = formatErrorFor(log);
  let apiSchema: GraphQLSchema | null = null;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    ...limits.apollo,
    plugins: [
      ...limits.apollo.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metrics.plugin(),
      // Subscriptions are validated against the same API schema queries are planned on.
      {
        serverWillStart: async () => ({
          schemaDidLoadOrUpdate: ({ apiSchema: loaded }) => {
            apiSchema = loaded;
          },
        }),
      },
    ],
    formatError: (formatted, error) => formatError(limits.formatError(formatted, error), error),
  });
  await server.start();

  let draining = false;
  app.get('/health', async (_req, res) => {
    const statuses = await Promise.all(
      subgraphs.map(async ({ name, url }) => {
        try {
          const response = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(1500) });
          return [name, response.ok ? 'ok' : `unhealthy (${response.status})`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const allUp = statuses.every(([, status]) => status === 'ok');
    // The gateway itself is healthy while it runs: a subgraph being down degrades it but
    // taking the gateway out of a load balancer would not help.
    res.status(draining ? 503 : 200).json({
      status: draining ? 'draining' : allUp ? 'ok' : 'degraded',
      service: 'gateway',
      subgraphs: Object.fromEntries(statuses),
    });
  });
  mountGraphQL(app, server, async (req) => {
    const identity = await identityFromAuthorization(req.headers.authorization, verifier);
    return {
      identity,
      authorization: identity ? (req.headers.authorization ?? null) : null,
      requestId: requestIdFrom(req),
      deviceId: deviceIdFrom(req),
    };
  });
  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.use(jsonErrorHandler(log));

  const nats = await connectNats(config.natsUrl, 'mall-gateway');
  const subscriptions = startSubscriptionServer({
    httpServer,
    verifier,
    nats,
    prefix: config.events.prefix,
    log,
    live: await loadLiveCatalog(),
    ...config.subscribers,
    schema: () => {
      if (!apiSchema) throw new Error('the supergraph is not loaded yet');
      return apiSchema;
    },
    check: (schema, query, operationName) => limits.check(schema, query, operationName),
    async execute(query, variables, contextValue): Promise<ExecutionResult> {
      const response = await server.executeOperation<Record<string, unknown>>({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by subscriptions');
      return response.body.singleResult as ExecutionResult;
    },
  });

  let stopped: Promise<void> | undefined;
  return {
    httpServer,
    log,
    subgraphs,
    subscriptions,
    metrics,
    async listen(port = config.port, host = config.host) {
      const url = await listenOn(httpServer, port, host);
      const metricsUrl = await metrics.listen(config.metrics);
      log.info({ url, metricsUrl, subgraphs }, 'gateway ready');
      return url;
    },
    stop() {
      stopped ??= (async () => {
        draining = true;
        // Sockets first, with 1001, so clients reconnect to another replica at once.
        await subscriptions.stop();
        await server.stop();
        await nats.drain().catch(() => undefined);
        await metrics.close();
        log.info('stopped');
      })();
      return stopped;
    },
  };
}

/** The gateway's whole `main`. */
export async function runGateway(): Promise<RunningGateway> {
  const gateway = await createGateway(loadGatewayConfig());
  stopOnSignals(() => gateway.stop(), gateway.log);
  await gateway.listen();
  return gateway;
}
