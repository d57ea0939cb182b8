import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { consumers } from './consumers.ts';
import type { DistributionDeps } from './context.ts';
import { distributionSchema, type DistributionSchema } from './db/schema.ts';
import { createLoaders, type DistributionLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { sweepWithdrawals } from './services/withdrawals.ts';

/** The distribution subgraph (分销): distributors, referral bindings, commissions, their balances and withdrawals. */
export const distributionSubgraph: SubgraphDefinition<DistributionSchema, DistributionDeps, DistributionLoaders> = {
  name: 'distribution',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: distributionSchema,
  deps: (base) => base,
  createLoaders,
  consumers,
  jobs: (deps) => [{ name: 'distribution.withdrawals', everyMs: 10_000, run: () => sweepWithdrawals(deps) }],
};

export default distributionSubgraph;
