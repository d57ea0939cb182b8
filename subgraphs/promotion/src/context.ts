import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { PromotionConfig } from './config.ts';
import type { PromotionSchema } from './db/schema.ts';
import type { PromotionLoaders } from './loaders.ts';
import type { FlashAnnouncer } from './services/flashLive.ts';

/** Promotion's bundle: the kit's parts and its settings. */
export interface PromotionDeps extends KitDeps<PromotionSchema> {
  settings: PromotionConfig;
  /** Announces flash-sale changes, batched (`flash.changed`). */
  flashLive: FlashAnnouncer;
}
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

/** A SKU as promotion knows one: by id (catalog owns the rest). */
export interface SkuRef {
  id: string;
}

/** A product as promotion knows one: by id (catalog owns the rest). */
export interface ProductRef {
  id: string;
}

/** An order as promotion knows one: by id (order owns the rest). */
export interface OrderRef {
  id: string;
}
