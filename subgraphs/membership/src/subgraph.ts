import type { EventData } from '@mall/contracts';
import { AppError, consumeEvents, eventWiring, runEvery, subgraphFiles, type SubgraphDefinition } from '@mall/kit';
import { serveMembershipCommands } from './commands.ts';
import { loadMembershipConfig } from './config.ts';
import type { MembershipParts } from './context.ts';
import { membershipSchema, type MembershipSchema } from './db/schema.ts';
import { createLoaders, type MembershipLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { applyGrowth, growthForPaid } from './services/members.ts';
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
    // Growth accrues from paid orders, once per order however often order.paid is delivered.
    const paidOrders = await consumeEvents({
      ...eventWiring(deps),
      name: 'membership-order-paid',
      subject: 'order.paid',
      handle: async (tx, event) => {
        const data = event.data as EventData<'order.paid'>;
        const delta = growthForPaid(data.payable);
        if (delta < 1) return;
        try {
          await applyGrowth(tx, { memberId: Number(data.memberId), delta, idempotencyKey: `order-paid:${data.orderId}`, note: `订单${data.orderNo}` });
        } catch (error) {
          // An unknown member or a key already used differently will not change by retrying.
          if (error instanceof AppError) {
            deps.log.error({ err: error, orderId: data.orderId, memberId: data.memberId }, 'growth for a paid order could not be added');
            return;
          }
          throw error;
        }
      },
    });
    const expiry = runEvery('points expiry', EXPIRY_INTERVAL_MS, async () => {
      const members = await expirePoints(deps.database.db);
      if (members > 0) deps.log.info({ members }, 'expired points');
    }, deps.log);
    return {
      parts: { config, wechat },
      async stop() {
        await expiry.stop();
        await paidOrders.stop();
        await Promise.all(subscriptions.map((s) => s.drain()));
      },
    };
  },
};
