import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { consumers } from './consumers.ts';
import type { CartDeps } from './context.ts';
import { cartSchema, type CartSchema } from './db/schema.ts';
import { createLoaders, type CartLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The cart subgraph: one cart per member, lines pointing at catalog's SKUs. */
export const cartSubgraph: SubgraphDefinition<CartSchema, CartDeps, CartLoaders> = {
  name: 'cart',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: cartSchema,
  deps: (base) => base,
  createLoaders,
  consumers,
};

export default cartSubgraph;
