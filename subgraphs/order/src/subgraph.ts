import { commandSender, startOutboxRelay, type SubgraphDefinition, subgraphFiles } from '@mall/kit';
import { serveOrderCommands } from './commands.ts';
import { loadOrderConfig } from './config.ts';
import type { OrderParts } from './context.ts';
import { orderSchema, type OrderSchema } from './db/schema.ts';
import { createLoaders, type OrderLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { sweep } from './services/sweeper.ts';

/** The order subgraph: checkout, orders and their life, auto-cancel. */
export const orderSubgraph: SubgraphDefinition<OrderSchema, OrderLoaders, OrderParts> = {
  name: 'order',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: orderSchema,
  createLoaders,
  async start(deps) {
    const config = loadOrderConfig(deps.config.variables);
    const db = deps.database.db;
    const relay = startOutboxRelay({ db, nats: deps.nats, events: deps.config.events, log: deps.log });
    const send = commandSender(deps.nats, deps.config.events.prefix);
    const subscriptions = serveOrderCommands(deps.nats, db, send, relay, deps.log, deps.config.events.prefix);
    let sweeping: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      sweeping = sweep({ db, send, relay, log: deps.log, config }).catch((error: unknown) => deps.log.error({ err: error }, 'order sweep failed'));
    }, config.sweepIntervalMs);
    timer.unref();
    return {
      parts: { config, relay, send },
      async stop() {
        clearInterval(timer);
        await sweeping;
        await Promise.all(subscriptions.map((s) => s.drain()));
        await relay.stop();
      },
    };
  },
};
