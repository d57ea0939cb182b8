import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { consumers } from './consumers.ts';
import type { DistributionDeps } from './context.ts';
import { distributionSchema, type DistributionSchema } from './db/schema.ts';
import { createLoaders, type DistributionLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The distribution subgraph (分销): distributors, referral bindings, commissions and their balances. */
export const distributionSubgraph: SubgraphDefinition<DistributionSchema, DistributionDeps, DistributionLoaders> = {
  name: 'distribution',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: distributionSchema,
  deps: (base) => base,
  createLoaders,
  consumers,
};

export default distributionSubgraph;
