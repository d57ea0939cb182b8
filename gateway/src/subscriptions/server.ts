import type { Server } from 'node:http';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getArgumentValues,
  print,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, ErrorCode, MAX_BODY_BYTES, requestIdFrom, type Identity, type LiveField, type LiveRoute, type Logger, type NatsConnection, type Subscription, type TokenVerifier } from '@mall/kit';
import type { GatewayContext } from '../context.ts';
import type { LiveCatalog } from './live.ts';

/**
 * GraphQL subscriptions on the gateway's `/graphql` over graphql-ws (`@apollo/gateway`
 * plans none). Every gateway process subscribes to the mall's events on NATS (core
 * subscriptions: each replica receives every event); an event names an entity, and each
 * subscriber's whole selection is resolved through the supergraph, with the subscriber's
 * identity, as the query `order(id:)` / `sku(id:)` would be. Which fields exist, what they
 * answer with and where events go is declared by the subgraphs (`LiveCatalog`). Subscribers
 * with the same identity, selection and variables share one fetch per event.
 */

export interface SubscriptionServerOptions {
  httpServer: Server;
  /** Runs an operation through the gateway (planner, limits, subgraphs) as `context`'s caller. */
  execute(query: string, variables: Record<string, unknown>, context: GatewayContext): Promise<ExecutionResult>;
  /** The supergraph's API schema subscriptions are validated against. */
  schema(): GraphQLSchema;
  /** The live fields and event routes the subgraphs declare. */
  live: LiveCatalog;
  /**
   * Parses and validates an operation against the gateway's limits (as HTTP does): its
   * document, or the errors to answer instead. Runs before anything else reads the document.
   */
  check(schema: GraphQLSchema, query: string, operationName?: string | null): { document: DocumentNode } | { errors: GraphQLError[] };
  /** Largest WebSocket message accepted; a larger one closes the socket with 1009 (default: HTTP's body limit). */
  maxMessageBytes?: number;
  verifier: TokenVerifier;
  nats: NatsConnection;
  /** The deployment's subject prefix. */
  prefix: string;
  log: Logger;
  /** A socket with more than this many bytes not yet sent (in the socket or queued) is closed (default 1 MiB). */
  maxBufferedBytes?: number;
  /** Results waiting in one subscription before it is closed as too slow (default 1000). */
  maxQueued?: number;
  /** Subscriptions one connection may hold at once; more are refused (default 50). */
  maxSubscriptionsPerConnection?: number;
  /** How long a client may take to send `connection_init` (default 3 s). */
  connectionInitWaitMs?: number;
}

export interface SubscriptionServer {
  /** Connections and subscriptions open now. */
  stats(): { connections: number; subscriptions: number };
  /** Closes every socket with 1001 (going away), so clients reconnect to another replica. */
  stop(): Promise<void>;
}

/** Close codes besides graphql-ws's own (4403 Forbidden for a bad or expired token, 4408 init timeout). */
export const CloseCode = { GoingAway: 1001, TooLarge: 1009, TooSlow: 1013, Forbidden: 4403 } as const;

type Extra = {
  identity?: Identity | null;
  authorization?: string | null;
  expiry?: NodeJS.Timeout;
};

/** A result on its way to a subscriber, with its size on the wire (computed once per group). */
interface Sized {
  result: ExecutionResult;
  bytes: number;
}

const sized = (result: ExecutionResult): Sized => ({ result, bytes: Buffer.byteLength(JSON.stringify(result)) });

/** One live subscription: its derived query, its subscriber, and the results waiting to be sent. */
class Live {
  private queue: Sized[] = [];
  /** Bytes of the results in `queue`. */
  queuedBytes = 0;
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  done = false;
  readonly groupKey: string;
  readonly field: LiveField;
  /** The name the subscriber gave the field (its alias, or the field name). */
  readonly alias: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly context: GatewayContext;
  readonly socket: WebSocket;
  private readonly onEnd: (live: Live) => void;
  constructor(parts: {
    field: LiveField;
    alias: string;
    query: string;
    variables: Record<string, unknown>;
    context: GatewayContext;
    socket: WebSocket;
    onEnd: (live: Live) => void;
  }) {
    ({ field: this.field, alias: this.alias, query: this.query, variables: this.variables, context: this.context, socket: this.socket, onEnd: this.onEnd } = parts);
    const who = this.context.identity ? `${this.context.identity.role}:${this.context.identity.userId}:${this.context.identity.shopId ?? ''}` : 'anonymous';
    this.groupKey = `${who}\n${this.query}\n${JSON.stringify(this.variables)}`;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Hands a result to graphql-ws if it is waiting for one (it awaits each send), else queues it. */
  push(item: Sized): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item.result, done: false });
    } else {
      this.queue.push(item);
      this.queuedBytes += item.bytes;
    }
  }

  finish(): void {
    if (this.done) return;
    this.done = true;
    this.queue = [];
    this.queuedBytes = 0;
    this.onEnd(this);
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  iterator(): AsyncIterableIterator<ExecutionResult> {
    const next = (): Promise<IteratorResult<ExecutionResult>> => {
      const queued = this.queue.shift();
      if (queued) {
        this.queuedBytes -= queued.bytes;
        return Promise.resolve({ value: queued.result, done: false });
      }
      if (this.done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        this.waiting = resolve;
      });
    };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next,
      return: async () => {
        this.finish();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

/** The query that answers a subscription field's events: its selection on the entity's query field (`order(id:)`). */
function derivedQuery(document: DocumentNode, operation: OperationDefinitionNode, field: FieldNode, entity: string): string {
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const entityField: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: 'entity' },
    name: { kind: Kind.NAME, value: entity },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: '__entityId' } } }],
    directives: field.directives ?? [],
    ...(field.selectionSet ? { selectionSet: field.selectionSet } : {}),
  };
  // Only the variables the selection (and its fragments) still uses may be declared.
  const used = new Set<string>();
  for (const node of [entityField, ...fragments]) {
    visit(node, { Variable: (v) => void used.add(v.name.value) });
  }
  const variableDefinitions: VariableDefinitionNode[] = [
    { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: '__entityId' } }, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } } },
    ...(operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)),
  ];
  const query: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, name: { kind: Kind.NAME, value: 'SubscriptionEvent' }, variableDefinitions, directives: [], selectionSet: { kind: Kind.SELECTION_SET, selections: [entityField] } },
      ...fragments,
    ],
  };
  return print(query);
}

const errorResult = (error: AppError | GraphQLError): ExecutionResult => ({ errors: [error] });

export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const limits = { maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024, maxQueued: options.maxQueued ?? 1000 };
  const maxPerConnection = options.maxSubscriptionsPerConnection ?? 50;
  const topics = new Map<string, Set<Live>>();
  const lives = new Set<Live>();
  const bySocket = new Map<WebSocket, Set<Live>>();
  const log = options.log.child({ component: 'subscriptions' });

  function listen(live: Live, keys: string[]): void {
    lives.add(live);
    let own = bySocket.get(live.socket);
    if (!own) bySocket.set(live.socket, (own = new Set()));
    own.add(live);
    for (const key of keys) {
      let set = topics.get(key);
      if (!set) topics.set(key, (set = new Set()));
      set.add(live);
    }
  }
  function forget(live: Live): void {
    lives.delete(live);
    const own = bySocket.get(live.socket);
    if (own?.delete(live) && own.size === 0) bySocket.delete(live.socket);
    for (const [key, set] of topics) {
      if (set.delete(live) && set.size === 0) topics.delete(key);
    }
  }
  /**
   * Gives `live` its next result, unless its socket has fallen too far behind: what the socket
   * has not sent yet plus every result queued for its subscriptions passes the byte bound,
   * or this subscription has too many results waiting. Then all of the socket's subscriptions
   * end and it is closed (1013), so a client that does not read cannot grow the gateway.
   */
  function deliver(live: Live, item: Sized): void {
    if (live.done) return;
    const own = bySocket.get(live.socket) ?? new Set([live]);
    let backlog = live.socket.bufferedAmount;
    for (const other of own) backlog += other.queuedBytes;
    if (backlog <= limits.maxBufferedBytes && live.queued < limits.maxQueued) {
      live.push(item);
      return;
    }
    log.warn({ subscriptions: own.size, backlogBytes: backlog, queued: live.queued }, 'closing a subscriber that does not keep up');
    for (const other of [...own]) other.finish();
    live.socket.close(CloseCode.TooSlow, 'Subscriber too slow');
  }

  /** One entity fetched for one group of subscribers, turned into each one's result. */
  async function resolveFor(live: Live, entityId: string): Promise<{ result: ExecutionResult | null; visible: boolean }> {
    const answer = await options.execute(live.query, { ...live.variables, __entityId: entityId }, live.context);
    const entity = (answer.data as { entity?: unknown } | null | undefined)?.entity ?? null;
    if (entity === null && !answer.errors?.length) return { result: null, visible: false };
    return { result: { data: entity === null ? null : { [live.alias]: entity }, ...(answer.errors?.length ? { errors: answer.errors } : {}) }, visible: entity !== null };
  }

  // Events are handled one after another, so each subscriber sees them in the order they came;
  // within an event, each group of subscribers that select the same thing is fetched once.
  let chain: Promise<void> = Promise.resolve();
  async function onEvent(route: LiveRoute, type: string, data: Record<string, unknown>): Promise<void> {
    const routed = route.route(type, data);
    if (!routed) return;
    const reached = new Set<Live>();
    for (const key of routed.topics) for (const live of topics.get(key) ?? []) if (live.field.entity === routed.entity) reached.add(live);
    if (reached.size === 0) return;
    const groups = new Map<string, Live[]>();
    for (const live of reached) {
      const group = groups.get(live.groupKey);
      if (group) group.push(live);
      else groups.set(live.groupKey, [live]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        try {
          const { result } = await resolveFor(group[0]!, routed.id);
          if (!result) return;
          const item = sized(result);
          for (const live of group) deliver(live, item);
        } catch (error) {
          log.error({ err: error, type }, 'resolving a subscription event failed');
        }
      }),
    );
  }

  const subscriptions: Subscription[] = options.live.routes.flatMap((route) =>
    route.subjects.map((subject) => options.nats.subscribe(`${options.prefix}${subject}`, {
      callback: (error, msg) => {
        if (error) {
          log.error({ err: error }, 'event subscription failed');
          return;
        }
        let envelope: { type?: string; data?: Record<string, unknown> };
        try {
          envelope = msg.json();
        } catch {
          return;
        }
        if (typeof envelope.type !== 'string' || !envelope.data) return;
        chain = chain.then(() => onEvent(route, envelope.type!, envelope.data!));
      },
    })),
  );

  async function subscribe(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
    const context = args.contextValue as GatewayContext & { socket: WebSocket };
    const operation = args.document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
    );
    const fieldNode = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
    const spec = fieldNode ? options.live.fields.get(fieldNode.name.value) : undefined;
    const definition = fieldNode ? args.schema.getSubscriptionType()?.getFields()[fieldNode.name.value] : undefined;
    if (!operation || !fieldNode || !spec || !definition) {
      return errorResult(new AppError(ErrorCode.BAD_USER_INPUT, 'This subscription is not served.'));
    }
    let keys: string[];
    let fieldArgs: Record<string, unknown>;
    try {
      fieldArgs = getArgumentValues(definition, fieldNode, args.variableValues ?? {});
      keys = spec.topics(fieldArgs, context.identity);
    } catch (error) {
      return errorResult(error instanceof GraphQLError ? error : new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid subscription arguments.'));
    }
    const { socket, ...gatewayContext } = context;
    if ((bySocket.get(socket)?.size ?? 0) >= maxPerConnection) {
      return errorResult(new AppError(ErrorCode.BAD_USER_INPUT, `At most ${maxPerConnection} subscriptions per connection.`));
    }
    const live = new Live({
      field: spec,
      alias: fieldNode.alias?.value ?? fieldNode.name.value,
      query: derivedQuery(args.document, operation, fieldNode, spec.entity),
      variables: { ...(args.variableValues ?? {}) },
      context: gatewayContext,
      socket,
      onEnd: forget,
    });
    // Listen before reading the current state, so no change falls between the two.
    listen(live, keys);
    let firsts: Array<{ result: ExecutionResult | null; visible: boolean }>;
    try {
      firsts = await Promise.all(spec.initial(fieldArgs).map((id) => resolveFor(live, id)));
    } catch (error) {
      live.finish();
      log.error({ err: error }, 'reading the current state of a subscription failed');
      return errorResult(new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The current state could not be read; subscribe again.'));
    }
    if (spec.nullInitialIsForbidden && firsts.some((f) => !f.visible)) {
      live.finish();
      return errorResult(new AppError(ErrorCode.FORBIDDEN, 'You cannot watch this.'));
    }
    // The current state is what the client asked for, however large (up to 100 SKUs): it is
    // not held against the limits, which bound what piles up after it.
    for (const first of firsts) if (first.result) live.push({ result: first.result, bytes: 0 });
    return live.iterator();
  }

  // ws refuses a frame (or a message of fragments) over the bound as it arrives, with 1009,
  // before anything is buffered whole or parsed: the same bound as an HTTP body.
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: options.maxMessageBytes ?? MAX_BODY_BYTES });
  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      // Every operation on the socket, whatever its type, is held to the gateway's limits
      // before it is parsed further, validated or executed.
      onSubscribe: (_ctx, _id, payload) => {
        const schema = options.schema();
        const checked = options.check(schema, payload.query, payload.operationName);
        if ('errors' in checked) return checked.errors;
        return { schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables };
      },
      connectionInitWaitTimeout: options.connectionInitWaitMs ?? 3000,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = typeof params['authorization'] === 'string' ? params['authorization'] : typeof params['token'] === 'string' ? `Bearer ${params['token']}` : null;
        if (raw === null) {
          ctx.extra.identity = null;
          ctx.extra.authorization = null;
          return true;
        }
        const match = /^Bearer\s+(\S+)$/i.exec(raw);
        try {
          if (!match?.[1]) return false;
          const { identity, expiresAt } = await options.verifier.verifyWithExpiry(match[1]);
          ctx.extra.identity = identity;
          ctx.extra.authorization = `Bearer ${match[1]}`;
          // The connection lives as long as its token: then the client reconnects with a fresh one.
          const socket = ctx.extra.socket;
          ctx.extra.expiry = setTimeout(() => socket.close(CloseCode.Forbidden, 'Token expired'), Math.max(0, expiresAt.getTime() - Date.now()));
          ctx.extra.expiry.unref();
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        if (ctx.extra.expiry) clearTimeout(ctx.extra.expiry);
      },
      context: (ctx, id) => ({
        identity: ctx.extra.identity ?? null,
        authorization: ctx.extra.authorization ?? null,
        requestId: `${requestIdFrom(ctx.extra.request)}-${id}`,
        socket: ctx.extra.socket,
      }),
      // Queries and mutations sent over the socket run through the gateway like HTTP ones.
      execute: async (args) => {
        const { socket: _socket, ...context } = args.contextValue as GatewayContext & { socket: WebSocket };
        return options.execute(print(args.document), (args.variableValues ?? {}) as Record<string, unknown>, context);
      },
      subscribe,
    },
    wss,
  );
  // A socket's 'error' is a frame ws refused (over the size bound, malformed), and ws has closed
  // the socket with the matching code (1009, 1002) already. graphql-ws would print each one to
  // stderr with a stack trace as an internal error, so any client could fill the logs: one
  // line of ours instead. Registered after graphql-ws's own connection handler, so it replaces it.
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => log.warn({ code: error.code, reason: error.message }, 'refused a WebSocket frame'));
  });

  return {
    stats: () => ({ connections: wss.clients.size, subscriptions: lives.size }),
    async stop() {
      for (const socket of wss.clients) socket.close(CloseCode.GoingAway, 'Server shutting down');
      for (const live of [...lives]) live.finish();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await chain.catch(() => undefined);
    },
  };
}
