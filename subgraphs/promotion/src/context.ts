import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { PromotionSchema } from './db/schema.ts';
import type { PromotionLoaders } from './loaders.ts';

/** Promotion's bundle: the kit's parts (no settings or clients of its own yet). */
export type PromotionDeps = KitDeps<PromotionSchema>;
export type PromotionContext = SubgraphContext<PromotionDeps, PromotionLoaders>;
export type PromotionDb = PromotionDeps['db'];
export type PromotionTx = TransactionOf<PromotionSchema>;

/** A member as promotion knows one: by id (membership owns the rest). */
export interface MemberRef {
  id: string;
}

/** A shop as promotion knows one: by id (catalog owns the rest). */
export interface ShopRef {
  id: string;
}
