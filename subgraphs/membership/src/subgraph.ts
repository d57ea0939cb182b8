import { subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { commands } from './commands.ts';
import { loadMembershipConfig } from './config.ts';
import { consumers } from './consumers.ts';
import type { MembershipDeps } from './context.ts';
import { membershipSchema, type MembershipSchema } from './db/schema.ts';
import { createLoaders, type MembershipLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { seedDemoMembership } from './seed/seed.ts';
import { expirePoints } from './services/points.ts';
import { createWechatClient } from './wechat/client.ts';

/** How often expired points are taken off balances. */
const EXPIRY_INTERVAL_MS = 10 * 60_000;

/** The membership subgraph: members, WeChat and staff login, tokens, levels, points, wallet, addresses. */
export const membershipSubgraph: SubgraphDefinition<MembershipSchema, MembershipDeps, MembershipLoaders> = {
  name: 'membership',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: membershipSchema,
  deps(base) {
    const settings = loadMembershipConfig(base.config.variables);
    return { ...base, settings, wechat: createWechatClient(settings.wechat, base.redis, base.log) };
  },
  createLoaders,
  commands,
  consumers,
  jobs: (deps) => [
    {
      name: 'points.expire',
      everyMs: EXPIRY_INTERVAL_MS,
      run: async () => {
        const members = await expirePoints(deps);
        if (members > 0) deps.log.info({ members }, 'expired points');
      },
    },
  ],
  seed: async (db) => {
    const written = await seedDemoMembership(db);
    return written.staff > 0 ? written : null;
  },
};

export default membershipSubgraph;
