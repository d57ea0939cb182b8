import type { Identity } from './auth.ts';

/**
 * Live fields: GraphQL subscriptions the gateway serves over graphql-ws. The subgraph that
 * owns an event declares them in its `src/live.ts` (the registry tells the gateway where),
 * so a new subgraph adds live fields without touching the gateway. A field names the entity
 * it answers with (the query field reading one by id, so every event is answered exactly
 * like that query, with the subscriber's own identity), the topics a subscriber listens on,
 * and what is sent first. A route maps an event of the mall's stream to an entity and the
 * topics it reaches. Topics are plain strings; `topic(entity, id)` is the convention for
 * "this one entity" (`order:12`), and fields may add audiences (`order@member:3`).
 */
export interface LiveField {
  /** The query field that reads one entity by id (`order` for `order(id:)`). */
  entity: string;
  /** Topics to listen on, from the arguments and the caller; throws an AppError to refuse. */
  topics(args: Record<string, unknown>, identity: Identity | null): string[];
  /** Entity ids answered at once: the current state, for a client that (re)connects. */
  initial(args: Record<string, unknown>): string[];
  /** When a first answer is null, the caller may not watch this (FORBIDDEN), rather than nothing exists yet. */
  nullInitialIsForbidden?: boolean;
}

/** Where an event goes: the entity it is about, and every topic that listens for it. */
export interface RoutedEvent {
  entity: string;
  id: string;
  topics: string[];
}

export interface LiveRoute {
  /** Event subjects it maps, without the deployment prefix (`order.>`). */
  subjects: string[];
  /** The entity and topics of one event, or null when no subscriber cares. */
  route(type: string, data: Record<string, unknown>): RoutedEvent | null;
}

/** What one subgraph's `src/live.ts` exports by default. */
export interface LiveDeclarations {
  /** By subscription field name, as declared in the subgraph's SDL. */
  fields?: Record<string, LiveField>;
  routes?: LiveRoute[];
}

export function defineLive(declarations: LiveDeclarations): LiveDeclarations {
  return declarations;
}

/** The topic of one entity (`order:12`). */
export const topic = (entity: string, id: string | number) => `${entity}:${id}`;

/**
 * The topics an event about one entity reaches: the entity's own (`order:12`), and its
 * audiences (`order@all` for admins, `order@member:<memberId>` and `order@shop:<shopId>`
 * when the event names them), which "my …" fields listen on.
 */
export function audienceTopics(entity: string, id: string, data: Record<string, unknown>): string[] {
  const topics = [topic(entity, id), `${entity}@all`];
  if (typeof data['memberId'] === 'string') topics.push(`${entity}@member:${data['memberId']}`);
  if (typeof data['shopId'] === 'string') topics.push(`${entity}@shop:${data['shopId']}`);
  return topics;
}
