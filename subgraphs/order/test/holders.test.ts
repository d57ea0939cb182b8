import { describe, expect, it } from 'vitest';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import type { LineDiscount } from '@mall/contracts/promotion';
import { couponHolders, type CheckoutPrice, type ShopQuote } from '../src/services/quote.ts';

/** Which order holds which coupon: only the orders a coupon took from, so none is spent for another's payment. */

const sku = { skuId: '1', productId: '1', shopId: '1', title: '', specText: '', image: null, price: 1000, stock: 1, weightGrams: 0, onSale: true, available: true, categoryIds: [] } satisfies SkuSnapshot;
const coupon = (couponId: string, amount: number): LineDiscount => ({ source: 'COUPON', couponId, label: couponId, amount });
function shop(discounts: LineDiscount[], freightWaivedBy: string | null = null): ShopQuote {
  const discount = discounts.reduce((sum, d) => sum + d.amount, 0);
  return { shopId: '1', goods: 1000, discount, freight: 0, freightWaivedBy, payable: 1000 - discount, points: 0, activities: [], lines: [{ sku, quantity: 1, subtotal: 1000, discount, discounts, points: 0 }] };
}
const orderNos = ['O1', 'O2', 'O3'];

describe('coupon holders', () => {
  it('gives a coupon of one order to that order, and one over several to exactly those orders', () => {
    const price: CheckoutPrice = {
      shops: [shop([coupon('shopA', 100), coupon('X', 50)]), shop([coupon('X', 30), coupon('Y', 20)]), shop([coupon('Y', 10)], 'ship')],
      coupons: [{ couponId: 'shopA', amount: 100 }, { couponId: 'X', amount: 80 }, { couponId: 'Y', amount: 30 }, { couponId: 'ship', amount: 600 }],
    };
    const holders = couponHolders(price, orderNos, 'checkout:7');
    expect(Object.fromEntries(holders)).toEqual({
      O1: { couponIds: ['shopA'], shops: [0] },
      'checkout:7:0.1': { couponIds: ['X'], shops: [0, 1] },
      'checkout:7:1.2': { couponIds: ['Y'], shops: [1, 2] },
      O3: { couponIds: ['ship'], shops: [2] },
    });
  });

  it('holds a platform coupon whose share on one shop rounded to nothing by the other orders only', () => {
    const price: CheckoutPrice = { shops: [shop([coupon('P', 99)]), shop([]), shop([coupon('P', 1)])], coupons: [{ couponId: 'P', amount: 100 }] };
    expect(Object.fromEntries(couponHolders(price, orderNos, 'checkout:8'))).toEqual({ 'checkout:8:0.2': { couponIds: ['P'], shops: [0, 2] } });
  });

  it('names a long set of orders by a digest that fits an owner', () => {
    const shops = Array.from({ length: 30 }, () => shop([coupon('P', 1)]));
    const [owner] = couponHolders({ shops, coupons: [{ couponId: 'P', amount: 30 }] }, shops.map((_, i) => `O${i}`), 'checkout:12345678').keys();
    expect(owner!.length).toBeLessThanOrEqual(64);
    expect(owner).toMatch(/^checkout:12345678:[0-9a-f]{16}$/);
  });
});
