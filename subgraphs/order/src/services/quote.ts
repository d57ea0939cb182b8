import type { SkuSnapshot } from '@mall/contracts/catalog';
import { AppError, ErrorCode, MONEY_LIMITS, allocate } from '@mall/kit';

/**
 * The one place prices are computed for a checkout. Today: catalog's SKU price, the
 * member level's discount (per mille of each shop's goods, allocated to its lines in whole
 * cents, once, so a later partial refund knows what each line really cost) and a flat
 * freight per order. When promotion exists, its quote (coupons, full reductions, flash
 * sales) plugs in here.
 */
export interface QuotedLine {
  sku: SkuSnapshot;
  quantity: number;
  subtotal: number;
  /** This line's share of the shop's discount. */
  discount: number;
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
    list.push({ sku, quantity, subtotal: sku.price * quantity, discount: 0 });
    byShop.set(sku.shopId, list);
  }
  return [...byShop.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([shopId, shopLines]) => {
      const goods = shopLines.reduce((sum, l) => sum + l.subtotal, 0);
      // Members pay their level's share of the goods, rounded to the cent in their favour.
      const discount = goods - Math.floor((goods * pricing.discountPermille) / 1000);
      const shares = allocate(discount, shopLines.map((l) => l.subtotal));
      const allocated = shopLines.map((line, i) => ({ ...line, discount: shares[i]! }));
      const payable = goods - discount + pricing.freight;
      // One payment takes at most this much (WeChat Pay's and the wallet's single payment):
      // refused before any stock is reserved or anything written.
      if (payable > MONEY_LIMITS.order) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, `An order may cost at most ${MONEY_LIMITS.order} cents; this one would cost ${payable}. Split it into smaller orders.`, {
          reason: 'ORDER_TOO_LARGE',
          field: 'input.lines',
          limit: MONEY_LIMITS.order,
        });
      }
      return { shopId, lines: allocated, goods, discount, freight: pricing.freight, payable };
    });
}
