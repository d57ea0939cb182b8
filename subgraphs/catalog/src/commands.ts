import { catalog } from '@mall/contracts';
import { command, type CommandSpec } from '@mall/kit';
import type { CatalogDeps } from './context.ts';
import { skuSnapshots } from './services/skus.ts';
import { commitStock, releaseStock, reserveStock, restockOrder } from './services/stock.ts';

/** Catalog's NATS commands: SKU snapshots and stock reservations. */
export function commands(deps: CatalogDeps): CommandSpec[] {
  return [
    command(catalog.skuSnapshots, async ({ skuIds }) => ({ skus: await skuSnapshots(deps, skuIds) })),
    command(catalog.reserveStock, ({ orderId, lines }) => reserveStock(deps, orderId, lines)),
    command(catalog.releaseStock, ({ orderId }) => releaseStock(deps, orderId)),
    command(catalog.commitStock, ({ orderId }) => commitStock(deps, orderId)),
    command(catalog.restock, ({ orderId }) => restockOrder(deps, orderId)),
  ];
}
