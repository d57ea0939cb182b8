import { cny } from '@mall/kit';
import type { OrderLineResolvers } from '../generated/graphql.ts';
import { lineDiscount } from '../services/orders.ts';

export const OrderLine: OrderLineResolvers = {
  id: (line) => String(line.id),
  sku: (line) => ({ __typename: 'Sku', id: String(line.skuId) }),
  unitPrice: (line) => cny(line.unitPrice),
  subtotal: (line) => cny(line.unitPrice * line.quantity),
  discount: async (line, _, ctx) => cny(await lineDiscount(ctx, line)),
  points: (line) => line.points,
  discounts: async (line, _, ctx) => {
    if (line.discounts !== null) return line.discounts.map((d) => ({ source: d.source, couponId: d.couponId, activityId: d.activityId ?? null, label: d.label, amount: cny(d.amount) }));
    // Placed before promotions: the member level was all there was.
    const amount = await lineDiscount(ctx, line);
    return amount === 0 ? [] : [{ source: 'MEMBER_LEVEL' as const, couponId: null, activityId: null, label: '会员折扣', amount: cny(amount) }];
  },
  payable: async (line, _, ctx) => cny(line.unitPrice * line.quantity - (await lineDiscount(ctx, line))),
};
