import type { CommandSender, OutboxRelay, SubgraphContext, TransactionOf } from '@mall/kit';
import type { OrderConfig } from './config.ts';
import type { OrderSchema } from './db/schema.ts';
import type { OrderLoaders } from './loaders.ts';

/** Order's long-lived parts. */
export interface OrderParts {
  config: OrderConfig;
  relay: OutboxRelay;
  /** Sends commands to catalog and membership on this deployment's subjects. */
  send: CommandSender;
}

export type OrderContext = SubgraphContext<OrderSchema, OrderLoaders, OrderParts>;
export type OrderDb = OrderContext['db'];
export type OrderTx = TransactionOf<OrderSchema>;

/** A member as order knows one: by id (membership owns the rest). */
export interface MemberRef {
  id: string;
}
