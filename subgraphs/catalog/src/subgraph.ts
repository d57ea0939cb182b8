import { eventWiring, startOutboxRelay, type SubgraphDefinition, subgraphFiles } from '@mall/kit';
import { serveCatalogCommands } from './commands.ts';
import type { CatalogParts } from './context.ts';
import { catalogSchema, type CatalogSchema } from './db/schema.ts';
import { createLoaders, type CatalogLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The catalog subgraph: shops, categories, products, SKUs and stock. No I/O until `start`. */
export const catalogSubgraph: SubgraphDefinition<CatalogSchema, CatalogLoaders, CatalogParts> = {
  name: 'catalog',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: catalogSchema,
  createLoaders,
  async start(deps) {
    const relay = startOutboxRelay(eventWiring(deps));
    const subscriptions = serveCatalogCommands(deps.nats, deps.database.db, relay, deps.log, deps.config.events.prefix);
    return {
      parts: { relay },
      async stop() {
        await Promise.all(subscriptions.map((s) => s.drain()));
        await relay.stop();
      },
    };
  },
};
