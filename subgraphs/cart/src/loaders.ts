import DataLoader from 'dataloader';
import { desc, inArray } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { loaderOfMany } from '@mall/kit';
import type { CartDeps } from './context.ts';
import { cartLines } from './db/schema.ts';

/** Per request: members' lines in one query, and today's SKU snapshots from catalog in one command for all SKUs of the request. */
export function createLoaders(deps: CartDeps) {
  return {
    // Several members' carts in one `_entities` request are one query, whose lines then
    // reach the SKU loader together (one command, not one per member). Newest first.
    linesOf: loaderOfMany(
      (memberIds: readonly number[]) => deps.db.select().from(cartLines).where(inArray(cartLines.memberId, [...memberIds])).orderBy(desc(cartLines.id)),
      (line) => line.memberId,
    ),
    // One command per 200 SKUs (the contract's limit), however many a request touches.
    sku: new DataLoader<number, SkuSnapshot | null>(
      async (ids) => {
        const { skus } = await deps.send(catalog.skuSnapshots, { skuIds: ids.map(String) });
        const byId = new Map(skus.map((sku) => [sku.skuId, sku] as const));
        return ids.map((id) => byId.get(String(id)) ?? null);
      },
      { maxBatchSize: 200 },
    ),
  };
}

export type CartLoaders = ReturnType<typeof createLoaders>;
