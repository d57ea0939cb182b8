import { catalog } from '@mall/contracts';
import { serveCommand, type Logger, type NatsConnection, type OutboxRelay, type Subscription } from '@mall/kit';
import { inArray } from 'drizzle-orm';
import type { CatalogDb } from './loaders.ts';
import { products, shops, skus } from './db/schema.ts';
import { commitStock, releaseStock, reserveStock } from './services/stock.ts';

/** Answers catalog's NATS commands (stock and SKU snapshots) in queue group `catalog`. */
export function serveCatalogCommands(nats: NatsConnection, db: CatalogDb, relay: OutboxRelay, log: Logger, prefix: string): Subscription[] {
  const options = { queue: 'catalog', log, prefix };
  return [
    serveCommand(nats, catalog.skuSnapshots, async ({ skuIds }) => {
      const rows = await db.select().from(skus).where(inArray(skus.id, skuIds.map(Number)));
      const productRows = rows.length === 0 ? [] : await db.select().from(products).where(inArray(products.id, [...new Set(rows.map((r) => r.productId))]));
      const shopRows = productRows.length === 0 ? [] : await db.select().from(shops).where(inArray(shops.id, [...new Set(productRows.map((p) => p.shopId))]));
      return {
        skus: rows.flatMap((sku) => {
          const product = productRows.find((p) => p.id === sku.productId);
          const shop = shopRows.find((s) => s.id === product?.shopId);
          if (!product || !shop) return [];
          return [{
            skuId: String(sku.id),
            productId: String(product.id),
            shopId: String(shop.id),
            title: product.title,
            specText: sku.specs.map((s) => `${s.name}:${s.value}`).join(' '),
            image: sku.image ?? product.images[0] ?? null,
            price: sku.price,
            stock: sku.stock,
            onSale: product.status === 'ON_SHELF' && shop.status === 'OPEN',
            available: sku.stock > 0 && product.status === 'ON_SHELF' && shop.status === 'OPEN',
          }];
        }),
      };
    }, options),
    serveCommand(nats, catalog.reserveStock, async ({ orderId, lines }) => {
      const result = await reserveStock(db, orderId, lines);
      relay.nudge();
      return result;
    }, options),
    serveCommand(nats, catalog.releaseStock, async ({ orderId }) => {
      const result = await releaseStock(db, orderId);
      relay.nudge();
      return result;
    }, options),
    serveCommand(nats, catalog.commitStock, async ({ orderId }) => commitStock(db, orderId), options),
  ];
}
