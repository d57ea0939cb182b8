import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { CartSchema } from './db/schema.ts';
import type { CartLoaders } from './loaders.ts';

/** Cart's bundle: the kit's parts (cart has no settings or clients of its own). */
export type CartDeps = KitDeps<CartSchema>;
export type CartContext = SubgraphContext<CartDeps, CartLoaders>;
export type CartDb = CartDeps['db'];
export type CartTx = TransactionOf<CartSchema>;

/** A member as cart knows one: by id. */
export interface MemberRef {
  id: string;
}
