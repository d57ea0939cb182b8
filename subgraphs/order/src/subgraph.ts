import { commandSender, consumeEvents, eventWiring, runEvery, startOutboxRelay, type SubgraphDefinition, subgraphFiles } from '@mall/kit';
import type { EventData } from '@mall/contracts';
import { serveOrderCommands } from './commands.ts';
import { loadOrderConfig } from './config.ts';
import type { OrderParts } from './context.ts';
import { orderSchema, type OrderSchema } from './db/schema.ts';
import { createLoaders, type OrderLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { paymentSucceededHandler } from './services/payments.ts';
import { sweep } from './services/sweeper.ts';

/** The order subgraph: checkout, orders and their life, auto-cancel, payments taken or refused. */
export const orderSubgraph: SubgraphDefinition<OrderSchema, OrderLoaders, OrderParts> = {
  name: 'order',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: orderSchema,
  createLoaders,
  async start(deps) {
    const config = loadOrderConfig(deps.config.variables);
    const db = deps.database.db;
    const relay = startOutboxRelay(eventWiring(deps));
    const send = commandSender(deps.nats, deps.config.events.prefix);
    const subscriptions = serveOrderCommands(deps.nats, db, send, relay, deps.log, deps.config.events.prefix);
    // Payments reach orders through the outbox: applied once per payment.succeeded, however often it is delivered.
    const onPayment = paymentSucceededHandler(db, send, deps.log, () => relay.nudge());
    const payments = await consumeEvents({
      ...eventWiring(deps),
      name: 'order-payment-succeeded',
      subject: 'payment.succeeded',
      handle: (tx, event) => onPayment(tx, event.data as EventData<'payment.succeeded'>),
    });
    const sweeper = runEvery('order sweep', config.sweepIntervalMs, () => sweep({ db, send, relay, log: deps.log, config }), deps.log);
    return {
      parts: { config, relay, send },
      async stop() {
        await sweeper.stop();
        await Promise.all(subscriptions.map((s) => s.drain()));
        await payments.stop();
        await relay.stop();
      },
    };
  },
};
