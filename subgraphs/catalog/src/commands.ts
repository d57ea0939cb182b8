import { catalog } from '@mall/contracts';
import { command, type CommandSpec } from '@mall/kit';
import type { CatalogDeps } from './context.ts';
import { productFacts, skuSnapshots } from './services/skus.ts';
import { commitStock, releaseStock, reserveStock, restockOrder, returnStock } from './services/stock.ts';

/** Catalog's NATS commands: SKU snapshots, product facts for promotion, and stock reservations. */
export function commands(deps: CatalogDeps): CommandSpec[] {
  return [
    command(catalog.skuSnapshots, async ({ skuIds }) => ({ skus: await skuSnapshots(deps, skuIds) })),
    command(catalog.productFacts, async ({ productIds }) => ({ products: await productFacts(deps, productIds) })),
    command(catalog.reserveStock, ({ orderId, lines }) => reserveStock(deps, orderId, lines)),
    command(catalog.releaseStock, ({ orderId }) => releaseStock(deps, orderId)),
    command(catalog.commitStock, ({ orderId }) => commitStock(deps, orderId)),
    command(catalog.restock, ({ orderId }) => restockOrder(deps, orderId)),
    command(catalog.returnStock, ({ key, skuId, quantity, sales }) => returnStock(deps, key, skuId, quantity, sales)),
  ];
}
