import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { commands } from './commands.ts';
import { loadPromotionConfig } from './config.ts';
import { consumers } from './consumers.ts';
import type { PromotionDeps } from './context.ts';
import { promotionSchema, type PromotionSchema } from './db/schema.ts';
import { createLoaders, type PromotionLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { seedDemoPromotions } from './seed/demoPromotions.ts';
import { flashAnnouncer } from './services/flashLive.ts';
import { endSession, reconcileGates, sweepHolds } from './services/flashBuy.ts';
import { teamDeadline } from './services/groupTeams.ts';

/** The promotion subgraph: coupons, shop activities, freight, the pricing engine, points at checkout, flash sales, group buys. */
export const promotionSubgraph: SubgraphDefinition<PromotionSchema, PromotionDeps, PromotionLoaders> = {
  name: 'promotion',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: promotionSchema,
  deps: (base) => ({ ...base, settings: loadPromotionConfig(base.config.variables), flashLive: flashAnnouncer(base) }),
  createLoaders,
  commands,
  consumers,
  jobs: (deps) => [
    { name: 'flash.session.end', run: async ({ key }) => endSession(deps, Number(key)) },
    { name: 'flash.reconcile', everyMs: deps.settings.flashReconcileMs, run: async () => void (await reconcileGates(deps)) },
    { name: 'flash.holds', everyMs: 10_000, run: () => sweepHolds(deps) },
    { name: 'groupbuy.team.deadline', run: async ({ key }) => teamDeadline(deps, Number(key)) },
  ],
  seed: (db) => seedDemoPromotions(db),
};

export type { PromotionDeps } from './context.ts';
export default promotionSubgraph;
