import type { Request, Response } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one process: Node's defaults (CPU, memory, event loop lag, GC)
 * plus GraphQL operations by name, type and outcome, and error counts by code.
 */
export interface Metrics {
  registry: Registry;
  /** Apollo plugin that times every operation and counts errors by `extensions.code`. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
  /** `GET /metrics` in the Prometheus text format. */
  handler(req: Request, res: Response): Promise<void>;
  /**
   * Counts a case the code cannot settle by itself (`mall_attention_needed_total{reason}`),
   * for an alert rule; the caller logs the details.
   */
  attention(reason: string): void;
  /** Starts the given reasons' series at 0, so an alert on their increase sees the first one after a start. */
  declareAttention(reasons: readonly string[]): void;
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
  // Operation names come from clients: keep the first 200 as labels, the rest as "other",
  // so no client can grow the number of series without bound.
  const names = new Set<string>();
  const nameLabel = (name: string | null | undefined) => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= 200 || !/^\w{1,64}$/.test(name)) return 'other';
    names.add(name);
    return name;
  };
  return {
    registry,
    plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
      return {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async willSendResponse({ operation, operationName, errors: sent }) {
              const seconds = Number(process.hrtime.bigint() - started) / 1e9;
              duration.observe(
                { operation: nameLabel(operationName), type: operation?.operation ?? 'unknown', outcome: sent?.length ? 'error' : 'ok' },
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
    async handler(_req, res) {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    },
  };
}
