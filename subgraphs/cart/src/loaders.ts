import DataLoader from 'dataloader';
import { catalog } from '@mall/contracts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import type { CartDeps } from './context.ts';

/** Per request: today's SKU snapshots from catalog, one command for all SKUs of the request. */
export function createLoaders(deps: CartDeps) {
  return {
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
