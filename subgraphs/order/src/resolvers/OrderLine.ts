import { cny } from '@mall/kit';
import type { OrderLineResolvers } from '../generated/graphql.ts';
import { lineDiscount } from '../services/orders.ts';

export const OrderLine: OrderLineResolvers = {
  sku: (line) => ({ __typename: 'Sku', id: String(line.skuId) }),
  unitPrice: (line) => cny(line.unitPrice),
  subtotal: (line) => cny(line.unitPrice * line.quantity),
  discount: async (line, _, ctx) => cny(await lineDiscount(ctx, line)),
  payable: async (line, _, ctx) => cny(line.unitPrice * line.quantity - (await lineDiscount(ctx, line))),
};
