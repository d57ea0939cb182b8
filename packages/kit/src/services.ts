/**
 * The processes of the mall and their default ports: the one table that compose,
 * the gateway and `pnpm start` read. A subgraph listed here with `built: false`
 * does not exist yet and is skipped.
 */
export const services = [
  { name: 'catalog', port: 4001, built: true },
  { name: 'membership', port: 4002, built: true },
  { name: 'cart', port: 4003, built: true },
  { name: 'order', port: 4004, built: true },
  { name: 'payment', port: 4005, built: true },
  { name: 'promotion', port: 4006, built: false },
  { name: 'distribution', port: 4007, built: false },
] as const;

export type ServiceName = (typeof services)[number]['name'];

export const builtServices = services.filter((s) => s.built);

export function serviceByName(name: ServiceName): (typeof services)[number] {
  const found = services.find((s) => s.name === name);
  if (!found) throw new Error(`unknown service ${name}`);
  return found;
}

/** The URL a subgraph listens on by default, as composed into the supergraph. */
export function defaultSubgraphUrl(name: ServiceName): string {
  return `http://localhost:${serviceByName(name).port}/graphql`;
}
