import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.ts';
import type { Logger } from './logger.ts';

export type HealthCheck = () => Promise<unknown>;

/**
 * `GET /health`: 200 with every check `ok`, else 503 naming what failed. While the
 * process is shutting down it answers 503 so a load balancer stops sending work.
 */
export function healthHandler(service: string, checks: Record<string, HealthCheck>, isDraining: () => boolean) {
  return async (_req: Request, res: Response) => {
    const results: Record<string, string> = {};
    let healthy = !isDraining();
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          results[name] = 'ok';
        } catch (error) {
          healthy = false;
          results[name] = error instanceof Error ? error.message : String(error);
        }
      }),
    );
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : isDraining() ? 'draining' : 'degraded', service, checks: results });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Apollo `formatError`: errors meant for clients (a GraphQLError with a code other than
 * INTERNAL_SERVER_ERROR) pass unchanged; anything else is logged and masked.
 */
export function formatErrorFor(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.['code'];
    const meantForClient =
      (original instanceof GraphQLError && code !== ErrorCode.INTERNAL_SERVER_ERROR) ||
      (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR);
    if (meantForClient) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits; a stop that hangs is cut off
 * after `graceMs` (default 10 s) with exit code 1.
 */
export function stopOnSignals(stop: () => Promise<void>, log: Logger, graceMs = 10_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** Starts `server` listening; resolves to its GraphQL URL (the real port when `port` is 0). */
export async function listenOn(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/graphql`;
}

/** The caller's `x-request-id` when it is sane, else a new one: logs of one request share it. */
export function requestIdFrom(req: Pick<IncomingMessage, 'headers'>): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
}

/**
 * The client's device as it names itself (`X-Device-Id`, 8–64 letters, digits, `_.:-`), or
 * null: a hint for abuse limits (a flash sale's per-device limit), never an identity.
 */
export function deviceIdFrom(req: Pick<IncomingMessage, 'headers'>): string | null {
  const header = req.headers['x-device-id'];
  return typeof header === 'string' && /^[\w.:-]{8,64}$/.test(header) ? header : null;
}

/** The largest GraphQL request accepted, over HTTP (a JSON body) and as one WebSocket message: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What `jsonErrorHandler` answers for the errors body parsers raise, by their `type`. */
const bodyErrors: Record<string, { status: number; code: ErrorCode; message: string }> = {
  'entity.too.large': { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large.' },
  'entity.parse.failed': { status: 400, code: ErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON.' },
  'encoding.unsupported': { status: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'The request body’s content encoding is not supported.' },
  'charset.unsupported': { status: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'The request body’s charset is not supported.' },
};

/**
 * Express error handler, mounted after every route: what fails before GraphQL sees a request
 * (a body over its limit, malformed JSON) is answered as GraphQL-shaped JSON with a stable
 * `extensions.code` (413 PAYLOAD_TOO_LARGE, 400 BAD_REQUEST, 415 UNSUPPORTED_MEDIA_TYPE),
 * never express's HTML page, whose stack trace names the server's files. Anything else is
 * logged and answered 500 INTERNAL_SERVER_ERROR.
 */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    // Too late for another answer: express closes the connection.
    if (res.headersSent) return next(error);
    const fields = (typeof error === 'object' && error !== null ? error : {}) as { type?: unknown; status?: unknown; expose?: unknown };
    const known = typeof fields.type === 'string' ? bodyErrors[fields.type] : undefined;
    const clientStatus = typeof fields.status === 'number' && fields.status >= 400 && fields.status < 500 && fields.expose === true ? fields.status : null;
    const answer =
      known ??
      (clientStatus === null
        ? { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error.' }
        : { status: clientStatus, code: ErrorCode.BAD_REQUEST, message: 'The request could not be read.' });
    if (answer.status >= 500) log.error({ err: error }, 'unexpected error in an HTTP handler');
    res.status(answer.status).json({ errors: [{ message: answer.message, extensions: { code: answer.code } }] });
  };
}

/**
 * Serves `server` on `POST /graphql` (JSON bodies up to `MAX_BODY_BYTES`), building each
 * request's context with `context`. One place for what the gateway and every subgraph mount
 * alike; `jsonErrorHandler` after it answers the bodies it cannot read.
 */
export function mountGraphQL<TContext extends BaseContext>(
  app: Express,
  server: ApolloServer<TContext>,
  context: (req: Request) => Promise<TContext>,
): void {
  app.use('/graphql', express.json({ limit: MAX_BODY_BYTES }), expressMiddleware(server, { context: ({ req }) => context(req) }));
}
