import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { commands } from './commands.ts';
import { loadPromotionConfig } from './config.ts';
import { consumers } from './consumers.ts';
import type { PromotionDeps } from './context.ts';
import { promotionSchema, type PromotionSchema } from './db/schema.ts';
import { createLoaders, type PromotionLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { seedDemoPromotions } from './seed/demoPromotions.ts';

/** The promotion subgraph: coupon templates and the coupons members hold (activities, pricing and points follow). */
export const promotionSubgraph: SubgraphDefinition<PromotionSchema, PromotionDeps, PromotionLoaders> = {
  name: 'promotion',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: promotionSchema,
  deps: (base) => ({ ...base, settings: loadPromotionConfig(base.config.variables) }),
  createLoaders,
  commands,
  consumers,
  seed: (db) => seedDemoPromotions(db),
};

export type { PromotionDeps } from './context.ts';
export default promotionSubgraph;
