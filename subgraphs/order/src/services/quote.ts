import type { SkuSnapshot } from '@mall/contracts/catalog';

/**
 * The one place prices are computed for a checkout. Today: catalog's SKU price, the
 * member level's discount (per mille of the goods) and a flat freight per order. When
 * promotion exists, its quote (coupons, full reductions, flash sales) plugs in here.
 */
export interface QuotedLine {
  sku: SkuSnapshot;
  quantity: number;
  subtotal: number;
}

export interface ShopQuote {
  shopId: string;
  lines: QuotedLine[];
  goods: number;
  discount: number;
  freight: number;
  payable: number;
}

export function quote(
  lines: Array<{ sku: SkuSnapshot; quantity: number }>,
  pricing: { discountPermille: number; freight: number },
): ShopQuote[] {
  const byShop = new Map<string, QuotedLine[]>();
  for (const { sku, quantity } of lines) {
    const list = byShop.get(sku.shopId) ?? [];
    list.push({ sku, quantity, subtotal: sku.price * quantity });
    byShop.set(sku.shopId, list);
  }
  return [...byShop.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([shopId, shopLines]) => {
      const goods = shopLines.reduce((sum, l) => sum + l.subtotal, 0);
      // Members pay their level's share of the goods, rounded to the cent in their favour.
      const discount = goods - Math.floor((goods * pricing.discountPermille) / 1000);
      return { shopId, lines: shopLines, goods, discount, freight: pricing.freight, payable: goods - discount + pricing.freight };
    });
}
