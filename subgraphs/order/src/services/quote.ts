import { createHash } from 'node:crypto';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { priceCheckout as priceCommand, type LineDiscount } from '@mall/contracts/promotion';
import { AppError, ErrorCode, MONEY_LIMITS } from '@mall/kit';
import type { OrderDeps } from '../context.ts';

/**
 * A checkout's price comes from promotion's pricing engine (`promotion.checkout.price`),
 * the one `quoteCheckout` uses, so the price shown is the price charged: coupons, the
 * member level and freight, every discount already allocated to the lines in whole cents
 * (what a later partial refund of a line goes by).
 */
export interface QuotedLine {
  sku: SkuSnapshot;
  quantity: number;
  subtotal: number;
  /** This line's share of the shop's discount. */
  discount: number;
  /** What took it, promotion by promotion. */
  discounts: LineDiscount[];
  /** Points that paid part of it. */
  points: number;
}

export interface ShopQuote {
  shopId: string;
  lines: QuotedLine[];
  goods: number;
  discount: number;
  freight: number;
  freightWaivedBy: string | null;
  payable: number;
  /** Points its lines took (held under its order number). */
  points: number;
  /** What each of its shop's activities took (held under its order number against their budgets). */
  activities: Array<{ activityId: string; amount: number }>;
}

export interface CheckoutPrice {
  shops: ShopQuote[];
  /** The member's coupons the price uses, with what each takes (reserved for the checkout). */
  coupons: Array<{ couponId: string; amount: number }>;
}

export async function priceCheckout(
  deps: Pick<OrderDeps, 'send'>,
  request: {
    memberId: number;
    lines: Array<{ sku: SkuSnapshot; quantity: number }>;
    levelPermille: number;
    couponIds: string[] | null;
    points: number | null;
    quoteId: string | null;
    provinceCode: string;
    /** A group-buy checkout: joining `teamId`, or opening a team (null). */
    groupBuy?: { teamId: string | null } | null;
  },
): Promise<CheckoutPrice> {
  const priced = await deps.send(priceCommand, {
    memberId: String(request.memberId),
    levelPermille: request.levelPermille,
    lines: request.lines.map(({ sku, quantity }) => ({ skuId: sku.skuId, productId: sku.productId, shopId: sku.shopId, categoryIds: sku.categoryIds, unitPrice: sku.price, quantity, weightGrams: sku.weightGrams })),
    couponIds: request.couponIds,
    points: request.points,
    quoteId: request.quoteId,
    provinceCode: request.provinceCode,
    ...(request.groupBuy ? { groupBuy: request.groupBuy } : {}),
  });
  const skuOf = new Map(request.lines.map((l) => [l.sku.skuId, l] as const));
  const shops = priced.shops.map((shop) => {
    // One payment takes at most this much (WeChat Pay's and the wallet's single payment):
    // refused before any stock is reserved or anything written.
    if (shop.payable > MONEY_LIMITS.order) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `An order may cost at most ${MONEY_LIMITS.order} cents; this one would cost ${shop.payable}. Split it into smaller orders.`, {
        reason: 'ORDER_TOO_LARGE',
        field: 'input.lines',
        limit: MONEY_LIMITS.order,
      });
    }
    return {
      shopId: shop.shopId,
      goods: shop.goods,
      discount: shop.discount,
      freight: shop.freight,
      freightWaivedBy: shop.freightWaivedBy,
      payable: shop.payable,
      points: shop.lines.reduce((sum, l) => sum + l.points, 0),
      activities: shop.activities ?? [],
      lines: shop.lines.map((line) => {
        const { sku, quantity } = skuOf.get(line.skuId)!;
        return { sku, quantity, subtotal: sku.price * quantity, discount: line.discount, discounts: line.discounts, points: line.points };
      }),
    };
  });
  return { shops, coupons: priced.coupons };
}

/**
 * Who holds each coupon the price uses: the orders it took from (their lines, or their
 * freight), and only those. A coupon of one order is that order's (its order number): spent
 * only if that order is paid. A coupon over several orders (a platform coupon) is held by
 * the checkout for exactly those orders (`<checkout>:<their indexes>`): spent when one of
 * them is paid, given back when all of them ended unpaid. Returns, by owner, its coupons
 * and the indexes of the orders it serves.
 */
export function couponHolders(price: CheckoutPrice, orderNos: readonly string[], checkoutOwner: string): Map<string, { couponIds: string[]; shops: number[] }> {
  const holders = new Map<string, { couponIds: string[]; shops: number[] }>();
  for (const c of price.coupons) {
    const shops = ordersServed(price, c.couponId);
    const set = shops.join('.');
    // Owners are at most 64 characters: a long set of orders is named by its digest.
    const owner = shops.length === 1 ? orderNos[shops[0]!]! : `${checkoutOwner}:${set.length <= 30 ? set : createHash('sha256').update(set).digest('hex').slice(0, 16)}`;
    const holder = holders.get(owner) ?? { couponIds: [], shops };
    holder.couponIds.push(c.couponId);
    holders.set(owner, holder);
  }
  return holders;
}

/**
 * The orders (shop indexes) a coupon serves: those whose lines it took from or whose
 * freight it waived. A coupon the engine applied took something somewhere; were it not,
 * every order would serve it.
 */
function ordersServed(price: CheckoutPrice, couponId: string): number[] {
  const served = price.shops.flatMap((s, i) => (s.freightWaivedBy === couponId || s.lines.some((l) => l.discounts.some((d) => d.couponId === couponId)) ? [i] : []));
  return served.length === 0 ? price.shops.map((_, i) => i) : served;
}

/**
 * Per coupon the price uses: what it takes and what the orders it serves cost, for its
 * template's figures.
 */
export function couponAmounts(price: CheckoutPrice): Array<{ couponId: string; discount: number; orderAmount: number }> {
  return price.coupons.map((c) => ({
    couponId: c.couponId,
    discount: c.amount,
    orderAmount: ordersServed(price, c.couponId).reduce((sum, i) => sum + price.shops[i]!.payable, 0),
  }));
}
