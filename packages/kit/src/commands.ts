import { RequestError, TimeoutError, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { z } from 'zod';
import { AppError, ErrorCode } from './errors.ts';
import type { Logger } from './logger.ts';
import { EVENT_DOMAINS } from './registry.ts';

/**
 * Commands between subgraphs: NATS request/reply with one typed contract per subject,
 * validated with zod on both sides. A handler's AppError travels back with its code;
 * anything else is logged where it happened and answered INTERNAL_SERVER_ERROR.
 */
export interface CommandContract<TRequest extends z.ZodType, TResult extends z.ZodType> {
  subject: string;
  request: TRequest;
  result: TResult;
}

export function defineCommand<TRequest extends z.ZodType, TResult extends z.ZodType>(
  subject: string,
  request: TRequest,
  result: TResult,
): CommandContract<TRequest, TResult> {
  // JetStream answers a request on a stream subject itself (with a publish ack), so a
  // command must never live under an event domain.
  if (EVENT_DOMAINS.some((domain) => subject.startsWith(`${domain}.`))) {
    throw new Error(`command subject ${subject} lies under the event domain ${subject.split('.')[0]}.>`);
  }
  return { subject, request, result };
}

type Reply = { ok: true; result: unknown } | { ok: false; code: ErrorCode; message: string; extensions?: Record<string, unknown> };

const encoder = new TextEncoder();

/** A zod issue's path as the API names fields: `lines[0].quantity`. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '');
}

/** A command a subgraph answers, as it declares it; the kit serves it (`serveCommand`). */
export interface CommandSpec {
  contract: CommandContract<z.ZodType, z.ZodType>;
  handler: (request: unknown) => Promise<unknown>;
}

/** Declares the handler of `contract` (typed by the contract) for a subgraph's `commands`. */
export function command<TRequest extends z.ZodType, TResult extends z.ZodType>(
  contract: CommandContract<TRequest, TResult>,
  handler: (request: z.infer<TRequest>) => Promise<z.input<TResult>>,
): CommandSpec {
  // Sound: serveCommand hands the handler only requests the contract parsed.
  return { contract, handler: handler as (request: unknown) => Promise<unknown> };
}

/**
 * Answers `contract` on NATS in queue group `queue` (one replica handles each request).
 * Returns the subscription; drain or unsubscribe it on shutdown.
 */
export function serveCommand<TRequest extends z.ZodType, TResult extends z.ZodType>(
  nats: NatsConnection,
  contract: CommandContract<TRequest, TResult>,
  handler: (request: z.infer<TRequest>) => Promise<z.input<TResult>>,
  options: { queue: string; log: Logger; /** The deployment's subject prefix (config `events.prefix`). */ prefix?: string },
): Subscription {
  return nats.subscribe(`${options.prefix ?? ''}${contract.subject}`, {
    queue: options.queue,
    callback: (error, msg) => {
      if (error) {
        options.log.error({ err: error, subject: contract.subject }, 'command subscription failed');
        return;
      }
      void (async () => {
        let reply: Reply;
        try {
          const parsed = contract.request.safeParse(JSON.parse(msg.string()));
          if (!parsed.success) {
            const { issues } = parsed.error;
            reply = {
              ok: false,
              code: ErrorCode.BAD_USER_INPUT,
              message: `Invalid ${contract.subject} request: ${issues.map((i) => `${fieldPath(i.path)}: ${i.message}`).join('; ')}`,
              // Like a GraphQL refusal, it names the field at fault (the first one).
              ...(issues[0] && issues[0].path.length > 0 ? { extensions: { field: fieldPath(issues[0].path) } } : {}),
            };
          } else {
            reply = { ok: true, result: contract.result.parse(await handler(parsed.data)) };
          }
        } catch (caught) {
          if (caught instanceof AppError) {
            // The details a client may branch on (reason, skuId…) travel with the code.
            const { code: _code, http: _http, ...extensions } = caught.extensions;
            reply = { ok: false, code: caught.code, message: caught.message, extensions };
          } else {
            options.log.error({ err: caught, subject: contract.subject }, 'command failed');
            reply = { ok: false, code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal error.' };
          }
        }
        msg.respond(encoder.encode(JSON.stringify(reply)));
      })();
    },
  });
}

/**
 * Sends a command and returns its typed result. A refusal comes back as the handler's
 * AppError; no responder or no answer in time is SERVICE_UNAVAILABLE. A timed-out command
 * may still have been carried out: send it again with the same idempotency key.
 */
export async function sendCommand<TRequest extends z.ZodType, TResult extends z.ZodType>(
  nats: NatsConnection,
  contract: CommandContract<TRequest, TResult>,
  request: z.input<TRequest>,
  options: { timeoutMs?: number; /** The deployment's subject prefix (config `events.prefix`). */ prefix?: string } = {},
): Promise<z.infer<TResult>> {
  const payload = contract.request.parse(request);
  let answer: string;
  try {
    const msg = await nats.request(`${options.prefix ?? ''}${contract.subject}`, encoder.encode(JSON.stringify(payload)), { timeout: options.timeoutMs ?? 5000 });
    answer = msg.string();
  } catch (error) {
    if (error instanceof RequestError || error instanceof TimeoutError) {
      const noOne = error instanceof RequestError && error.isNoResponders();
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        noOne ? `No service answers ${contract.subject}.` : `${contract.subject} did not answer in time.`,
        { subject: contract.subject },
      );
    }
    throw error;
  }
  const reply = JSON.parse(answer) as Reply;
  if (!reply.ok) throw new AppError(reply.code, reply.message, reply.extensions ?? {});
  return contract.result.parse(reply.result);
}

/** `sendCommand` bound to a connection and the deployment's subject prefix. */
export type CommandSender = <TRequest extends z.ZodType, TResult extends z.ZodType>(
  contract: CommandContract<TRequest, TResult>,
  request: z.input<TRequest>,
  options?: { timeoutMs?: number },
) => Promise<z.infer<TResult>>;

export function commandSender(nats: NatsConnection, prefix: string): CommandSender {
  return (contract, request, options = {}) => sendCommand(nats, contract, request, { ...options, prefix });
}
