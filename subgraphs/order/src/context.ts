import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { OrderConfig } from './config.ts';
import type { OrderSchema } from './db/schema.ts';
import type { OrderLoaders } from './loaders.ts';

/** Order's bundle: the kit's parts and its settings. */
export interface OrderDeps extends KitDeps<OrderSchema> {
  settings: OrderConfig;
}

export type OrderContext = SubgraphContext<OrderDeps, OrderLoaders>;
export type OrderDb = OrderDeps['db'];
export type OrderTx = TransactionOf<OrderSchema>;

/** A member as order knows one: by id (membership owns the rest). */
export interface MemberRef {
  id: string;
}
