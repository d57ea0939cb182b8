import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { commands } from './commands.ts';
import type { CatalogDeps } from './context.ts';
import { catalogSchema, type CatalogSchema } from './db/schema.ts';
import { createLoaders, type CatalogLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { isCatalogEmpty, seedDemoCatalog } from './seed/seed.ts';

/** The catalog subgraph: shops, categories, products, SKUs and stock. No I/O until started. */
export const catalogSubgraph: SubgraphDefinition<CatalogSchema, CatalogDeps, CatalogLoaders> = {
  name: 'catalog',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: catalogSchema,
  deps: (base) => base,
  createLoaders,
  commands,
  seed: async (db, options) => ((await isCatalogEmpty(db)) ? { ...(await seedDemoCatalog(db, options.size)) } : null),
};

export default catalogSubgraph;
