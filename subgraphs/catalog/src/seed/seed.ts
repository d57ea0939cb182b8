import { count } from 'drizzle-orm';
import type { CatalogDb } from '../context.ts';
import { categories, products, shops, skus, type SpecValue } from '../db/schema.ts';
import { specKeyOf } from '../services/skus.ts';
import { demoCategories, demoShops, type DemoLeaf } from './demoCatalog.ts';

/** mulberry32: a small fixed-seed generator, so the demo mall is the same on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

export async function isCatalogEmpty(db: CatalogDb): Promise<boolean> {
  const [shopCount] = await db.select({ n: count() }).from(shops);
  const [productCount] = await db.select({ n: count() }).from(products);
  return shopCount?.n === 0 && productCount?.n === 0;
}

/** Distinct spec combinations for `n` SKUs, taking values in a shuffled order. */
function skuSpecs(leaf: DemoLeaf, n: number, rand: ReturnType<typeof generator>): SpecValue[][] {
  const combos: SpecValue[][] = [[]];
  for (const spec of leaf.specs) {
    const next: SpecValue[][] = [];
    for (const combo of combos) for (const value of spec.values) next.push([...combo, { name: spec.name, value }]);
    combos.splice(0, combos.length, ...next);
  }
  for (let i = combos.length - 1; i > 0; i--) {
    const j = rand.int(0, i);
    [combos[i], combos[j]] = [combos[j]!, combos[i]!];
  }
  return combos.slice(0, Math.min(n, combos.length));
}

/** Rounds a price in cents to something a shop would print: ¥129.00, ¥89.90. */
function shopPrice(cents: number): number {
  return cents >= 10000 ? Math.round(cents / 1000) * 1000 - 100 : Math.round(cents / 100) * 100 - 10;
}

export interface SeedCounts {
  shops: number;
  categories: number;
  products: number;
  skus: number;
}

/**
 * Writes the demo mall (6 shops, a 3-level category tree, `productsPerLeaf` products in each
 * of 19 leaf categories, 2–4 SKUs each) in one transaction. Ids are explicit, so the same
 * product has the same id everywhere.
 */
export async function seedDemoCatalog(db: CatalogDb, productsPerLeaf = 16): Promise<SeedCounts> {
  const rand = generator(20261121);
  const epoch = Date.UTC(2026, 9, 1);
  const shopRows = demoShops.map((shop, i) => ({
    id: i + 1,
    name: shop.name,
    description: shop.description,
    logo: `https://picsum.photos/seed/mall-shop-${i + 1}/200/200`,
    createdAt: new Date(epoch - (demoShops.length - i) * 86_400_000),
  }));
  const categoryRows: Array<typeof categories.$inferInsert> = [];
  const productRows: Array<typeof products.$inferInsert> = [];
  const skuRows: Array<typeof skus.$inferInsert> = [];
  let productId = 0;
  let skuId = 0;
  for (const [rootIndex, root] of demoCategories.entries()) {
    const rootId = categoryRows.length + 1;
    categoryRows.push({ id: rootId, parentId: null, name: root.name, sort: rootIndex });
    for (const [middleIndex, middle] of root.children.entries()) {
      const middleId = categoryRows.length + 1;
      categoryRows.push({ id: middleId, parentId: rootId, name: middle.name, sort: middleIndex });
      for (const [leafIndex, leaf] of middle.leaves.entries()) {
        const leafId = categoryRows.length + 1;
        categoryRows.push({ id: leafId, parentId: middleId, name: leaf.name, sort: leafIndex });
        for (let i = 0; i < productsPerLeaf; i++) {
          productId += 1;
          const brand = rand.pick(leaf.brands);
          const noun = leaf.nouns[i % leaf.nouns.length]!;
          const feature = rand.pick(leaf.features);
          const base = shopPrice(rand.int(leaf.price[0], leaf.price[1]));
          const prices: number[] = [];
          for (const [k, specs] of skuSpecs(leaf, rand.int(2, 4), rand).entries()) {
            skuId += 1;
            const price = k === 0 ? base : shopPrice(base * (1 + rand.int(0, 30) / 100));
            prices.push(price);
            skuRows.push({
              id: skuId,
              productId,
              specs,
              specKey: specKeyOf(specs),
              price,
              originalPrice: rand.next() < 0.6 ? shopPrice(price * 1.3) : null,
              stock: rand.next() < 0.05 ? 0 : rand.int(5, 500),
              sales: rand.int(0, 3000),
            });
          }
          const title = `${brand} ${noun} ${feature}`;
          // About one in twenty is a draft that was never listed.
          const listed = rand.next() < 0.95;
          productRows.push({
            id: productId,
            shopId: leaf.shop + 1,
            categoryId: leafId,
            title,
            subtitle: `${rand.pick(leaf.features)} · ${rand.pick(['包邮', '7天无理由退货', '顺丰发货', '官方正品'])}`,
            images: [1, 2, 3].map((n) => `https://picsum.photos/seed/mall-p${productId}-${n}/800/800`),
            description: `${title}。${leaf.features.join('，')}。`,
            status: listed ? 'ON_SHELF' : 'OFF_SHELF',
            listedAt: listed ? new Date(epoch + productId * 3_600_000) : null,
            minPrice: Math.min(...prices),
            maxPrice: Math.max(...prices),
            createdAt: new Date(epoch + productId * 3_600_000),
            updatedAt: new Date(epoch + productId * 3_600_000),
          });
        }
      }
    }
  }
  // Product sales are the sum of their SKUs' sales, as the services keep them.
  for (const product of productRows) {
    product.sales = skuRows.filter((s) => s.productId === product.id).reduce((sum, s) => sum + (s.sales ?? 0), 0);
  }
  await db.transaction(async (tx) => {
    await tx.insert(shops).values(shopRows);
    await tx.insert(categories).values(categoryRows);
    for (let i = 0; i < productRows.length; i += 200) await tx.insert(products).values(productRows.slice(i, i + 200));
    for (let i = 0; i < skuRows.length; i += 500) await tx.insert(skus).values(skuRows.slice(i, i + 500));
  });
  return { shops: shopRows.length, categories: categoryRows.length, products: productRows.length, skus: skuRows.length };
}
