import { pino, type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

/**
 * Errors as logged: a failed query's parameters (which may be a session key, a password
 * hash, a phone number) never reach a log line; the driver's own code and message do.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const withQuery = error as Error & { query?: string; params?: unknown; cause?: unknown };
  const cause = withQuery.cause as (Error & { code?: string; errno?: number; sqlState?: string; sqlMessage?: string }) | undefined;
  if ('params' in withQuery || 'query' in withQuery) {
    return {
      type: error.name,
      message: 'Failed query (parameters withheld)',
      query: typeof withQuery.query === 'string' ? withQuery.query.slice(0, 500) : undefined,
      cause: cause ? { code: cause.code, errno: cause.errno, sqlState: cause.sqlState, message: cause.sqlMessage ?? cause.message } : undefined,
      // The stack's first lines repeat the message, parameters included: keep the frames only.
      stack: error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8).join('\n'),
    };
  }
  return pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
}

/** Structured JSON logs on stdout (or `destination`), one logger per process, `service` on every line. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
    // Secrets never reach a log line, whatever object they ride in on.
    redact: {
      paths: [
        'req.headers.authorization', '*.authorization', 'password', '*.password', '*.token', '*.refreshToken', '*.accessToken',
        'session_key', 'sessionKey', '*.session_key', '*.sessionKey', '*.*.session_key', '*.*.sessionKey',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
