import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@mall/kit';
import { catalogSchema, type CatalogSchema } from './db/schema.ts';
import { createLoaders, type CatalogLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The catalog subgraph's parts: shops, categories, products and SKUs. No I/O here. */
export const catalogSubgraph: SubgraphDefinition<CatalogSchema, CatalogLoaders> = {
  name: 'catalog',
  typeDefs: parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  schema: catalogSchema,
  migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
  createLoaders,
};
