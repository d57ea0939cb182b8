import { pino, type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

/** Structured JSON logs on stdout (or `destination`), one logger per process, `service` on every line. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
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
