import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { commands } from './commands.ts';
import { loadOrderConfig } from './config.ts';
import { consumers } from './consumers.ts';
import type { OrderDeps } from './context.ts';
import { orderSchema, type OrderSchema } from './db/schema.ts';
import { jobs } from './jobs.ts';
import { createLoaders, type OrderLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The order subgraph: checkout, orders and their life, auto-cancel, payments taken or refused, after-sales. */
export const orderSubgraph: SubgraphDefinition<OrderSchema, OrderDeps, OrderLoaders> = {
  name: 'order',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: orderSchema,
  deps: (base) => ({ ...base, settings: loadOrderConfig(base.config.variables) }),
  createLoaders,
  commands,
  consumers,
  jobs,
};

export default orderSubgraph;
