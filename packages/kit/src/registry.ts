import { existsSync } from 'node:fs';
import type { AnySubgraphDefinition } from './createSubgraph.ts';
import type { LiveDeclarations } from './live.ts';

/**
 * The subgraphs of the mall: the one list that composition, codegen, `./mall start`, the
 * gateway (URLs and live fields), docker-compose and the test supergraph read. Adding a
 * subgraph is its folder `subgraphs/<name>/` (shaped like the others, see
 * docs/architecture.md) plus one entry here.
 *
 * By convention a subgraph's folder holds `schema.graphql`, `drizzle/`, `codegen.ts` (its
 * resolver mappers), `src/index.ts` (its main), `src/subgraph.ts` (its definition, the
 * default export), when it serves subscription fields, `src/live.ts`, and when its container
 * needs more than every subgraph's settings, `compose.ts` (a `SubgraphCompose`).
 */
export const registry = [
  { name: 'catalog', port: 4001, events: ['stock'] },
  { name: 'membership', port: 4002, events: ['member'] },
  { name: 'cart', port: 4003, events: [] },
  { name: 'order', port: 4004, events: ['order'] },
  { name: 'payment', port: 4005, events: ['payment'] },
  { name: 'promotion', port: 4006, events: ['coupon', 'flash', 'groupbuy'] },
  { name: 'distribution', port: 4007, events: ['distribution'] },
] as const satisfies ReadonlyArray<RegistryEntry>;

export interface RegistryEntry {
  name: string;
  /** Default port (`<NAME>_PORT` overrides it). */
  port: number;
  /** Event domains the subgraph publishes (`order` for `order.paid`…): the stream captures `<domain>.>`. */
  events: readonly string[];
}

/** The gateway's default port (`GATEWAY_PORT` overrides it). */
export const GATEWAY_PORT = 4000;

/** A process serves `/metrics` by default on its port plus this (gateway 9400, catalog 9401…). */
export const METRICS_PORT_OFFSET = 5400;

/**
 * What a subgraph's container needs in docker-compose.yml beyond what `pnpm compose` gives
 * every subgraph (the shared environment, its port and metrics port, the health check, the
 * seed, Redis and NATS started first): the default export of an optional
 * `subgraphs/<name>/compose.ts`. It describes the development setup compose runs (the fakes,
 * development keys mounted); a deployment supplies its own values.
 */
export interface SubgraphCompose {
  /** Variables over the shared environment, in this order; a `note` is written above its variable as a comment. */
  environment?: Record<string, string | { value: string; note: string }>;
  /** Read-only bind mounts, `./file/in/the/repository:/path/in/the/container:ro` (keys the image must not hold). */
  volumes?: string[];
  /** Other application services (`wechat-fake`) that must have started first. */
  startsAfter?: string[];
}

export type ServiceName = (typeof registry)[number]['name'];

/** Every event domain of the mall; command subjects must lie outside them. */
export const EVENT_DOMAINS: readonly string[] = registry.flatMap((entry) => entry.events);

export function registryEntry(name: ServiceName): RegistryEntry {
  const found = registry.find((entry) => entry.name === name);
  if (!found) throw new Error(`unknown subgraph ${name}`);
  return found;
}

/** The URL a subgraph listens on by default, as composed into the supergraph. */
export function defaultSubgraphUrl(name: ServiceName): string {
  return `http://localhost:${registryEntry(name).port}/graphql`;
}

const ROOT = new URL('../../../', import.meta.url);

/** A file of a subgraph's folder, e.g. `subgraphFile('order', 'src/live.ts')`. */
export function subgraphFile(name: ServiceName, path: string): URL {
  return new URL(`subgraphs/${name}/${path}`, ROOT);
}

/** The repository's root folder (scripts and the test supergraph resolve files from it). */
export const repositoryRoot: URL = ROOT;

/** A registered subgraph's definition (`src/subgraph.ts`'s default export), loaded by path so nothing below the apps depends on them. */
export async function loadSubgraph(name: ServiceName): Promise<AnySubgraphDefinition> {
  const module = (await import(subgraphFile(name, 'src/subgraph.ts').href)) as { default?: AnySubgraphDefinition };
  if (!module.default) throw new Error(`subgraphs/${name}/src/subgraph.ts has no default export`);
  return module.default;
}

/** A registered subgraph's live fields (`src/live.ts`'s default export), or null when it declares none. */
export async function loadLive(name: ServiceName): Promise<LiveDeclarations | null> {
  const file = subgraphFile(name, 'src/live.ts');
  if (!existsSync(file)) return null;
  const module = (await import(file.href)) as { default?: LiveDeclarations };
  return module.default ?? null;
}
