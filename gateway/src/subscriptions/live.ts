import { loadLive, registry, type LiveField, type LiveRoute } from '@mall/kit';

/**
 * The live fields the gateway serves, gathered from every registered subgraph's
 * `src/live.ts` (the subgraph that owns an event declares its fields and routes; the
 * gateway holds no list of its own).
 */
export interface LiveCatalog {
  /** By subscription field name. */
  fields: Map<string, LiveField>;
  routes: LiveRoute[];
}

export async function loadLiveCatalog(): Promise<LiveCatalog> {
  const fields = new Map<string, LiveField>();
  const routes: LiveRoute[] = [];
  for (const { name } of registry) {
    const declared = await loadLive(name);
    if (!declared) continue;
    for (const [field, spec] of Object.entries(declared.fields ?? {})) {
      if (fields.has(field)) throw new Error(`live field ${field} is declared twice (again by ${name})`);
      fields.set(field, spec);
    }
    routes.push(...(declared.routes ?? []));
  }
  return { fields, routes };
}
