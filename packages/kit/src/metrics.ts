import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one process: Node's defaults (CPU, memory, event loop lag, GC)
 * plus GraphQL operations by root field, type and outcome, and error counts by code. They are
 * served on a listener of their own (`listen`), apart from the public port.
 */
export interface Metrics {
  registry: Registry;
  /** Apollo plugin that times every operation and counts errors by `extensions.code`. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
  /**
   * Serves `GET /metrics` (Prometheus text format) on its own HTTP listener, so a deployment
   * keeps it off the public port; `null` serves nothing. Port 0 takes a free port. Resolves
   * to the URL scrapers use.
   */
  listen(at: MetricsAddress | null): Promise<string | null>;
  /** Where `/metrics` is served, or null while not listening. */
  url(): string | null;
  /** Stops the listener (idempotent). */
  close(): Promise<void>;
  /**
   * Counts a case the code cannot settle by itself (`mall_attention_needed_total{reason}`),
   * for an alert rule; the caller logs the details.
   */
  attention(reason: string): void;
  /** Starts the given reasons' series at 0, so an alert on their increase sees the first one after a start. */
  declareAttention(reasons: readonly string[]): void;
}

/** Where a process serves its metrics. */
export interface MetricsAddress {
  port: number;
  host: string;
}

/**
 * The `operation` label: the operation's root field (`products`, `_entities`, `__schema`), or
 * the first of its root fields by name and a `+` when it selects several (`products+`);
 * `unknown` for an operation that did not validate. Operation names are the client's to
 * choose, and junk ones would crowd out real ones; the root fields of a validated operation
 * are the schema's, so the schema bounds the number of series.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined, document: DocumentNode | undefined): string {
  if (!operation) return 'unknown';
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document?.definitions ?? []) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  const [first, ...more] = [...names].sort();
  if (first === undefined) return 'unknown';
  return more.length > 0 ? `${first}+` : first;
}

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time to answer one GraphQL operation, from parsed request to response.',
    labelNames: ['operation', 'type', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors sent to clients, by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const attention = new Counter({
    name: 'mall_attention_needed_total',
    help: 'Cases the code could not settle by itself and a person must look at, by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  let server: Server | null = null;
  let url: string | null = null;
  return {
    registry,
    plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
      return {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async willSendResponse({ operation, document, errors: sent }) {
              const seconds = Number(process.hrtime.bigint() - started) / 1e9;
              duration.observe(
                { operation: operationLabel(operation, document), type: operation?.operation ?? 'unknown', outcome: sent?.length ? 'error' : 'ok' },
                seconds,
              );
              for (const error of sent ?? []) errors.inc({ code: String(error.extensions?.['code'] ?? 'UNKNOWN') });
            },
          };
        },
      };
    },
    attention(reason) {
      attention.inc({ reason });
    },
    declareAttention(reasons) {
      for (const reason of reasons) attention.inc({ reason }, 0);
    },
    async listen(at) {
      if (!at || server) return url;
      const listener = createServer((req, res) => {
        if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          () => res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected\n'),
        );
      });
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(at.port, at.host, () => {
          listener.off('error', reject);
          resolve();
        });
      });
      server = listener;
      const { port } = listener.address() as AddressInfo;
      url = `http://${at.host.includes(':') ? `[${at.host}]` : at.host}:${port}/metrics`;
      return url;
    },
    url: () => url,
    async close() {
      const listener = server;
      server = null;
      url = null;
      if (!listener) return;
      // Scrapers keep their connections open; they would hold close() until they time out.
      listener.closeAllConnections();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
