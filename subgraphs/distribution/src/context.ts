import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { DistributionSchema } from './db/schema.ts';
import type { DistributionLoaders } from './loaders.ts';

/** Distribution's bundle: the kit's parts (its rules are the admin's settings, in its database). */
export type DistributionDeps = KitDeps<DistributionSchema>;
export type DistributionContext = SubgraphContext<DistributionDeps, DistributionLoaders>;
export type DistributionDb = DistributionDeps['db'];
export type DistributionTx = TransactionOf<DistributionSchema>;

/** A member as distribution knows one: by id (membership owns the rest). */
export interface MemberRef {
  id: string;
}

/** An order, by id (order owns it). */
export interface OrderRef {
  id: string;
}
