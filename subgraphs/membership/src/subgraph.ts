import { runEvery, subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { serveMembershipCommands } from './commands.ts';
import { loadMembershipConfig } from './config.ts';
import type { MembershipParts } from './context.ts';
import { membershipSchema, type MembershipSchema } from './db/schema.ts';
import { createLoaders, type MembershipLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { expirePoints } from './services/points.ts';
import { createWechatClient } from './wechat/client.ts';

/** How often expired points are taken off balances. */
const EXPIRY_INTERVAL_MS = 10 * 60_000;

/** The membership subgraph: members, WeChat and staff login, tokens, levels, points, wallet, addresses. */
export const membershipSubgraph: SubgraphDefinition<MembershipSchema, MembershipLoaders, MembershipParts> = {
  name: 'membership',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: membershipSchema,
  createLoaders,
  async start(deps) {
    const config = loadMembershipConfig(deps.config.variables);
    const wechat = createWechatClient(config.wechat, deps.redis, deps.log);
    const subscriptions = serveMembershipCommands(deps.nats, deps.database.db, deps.log, deps.config.events.prefix);
    const expiry = runEvery('points expiry', EXPIRY_INTERVAL_MS, async () => {
      const members = await expirePoints(deps.database.db);
      if (members > 0) deps.log.info({ members }, 'expired points');
    }, deps.log);
    return {
      parts: { config, wechat },
      async stop() {
        await expiry.stop();
        await Promise.all(subscriptions.map((s) => s.drain()));
      },
    };
  },
};
