import { cny } from '@mall/kit';
import type { OrderLineResolvers } from '../generated/graphql.ts';

export const OrderLine: OrderLineResolvers = {
  sku: (line) => ({ __typename: 'Sku', id: String(line.skuId) }),
  unitPrice: (line) => cny(line.unitPrice),
  subtotal: (line) => cny(line.unitPrice * line.quantity),
  discount: (line) => cny(line.discountAmount),
  payable: (line) => cny(line.unitPrice * line.quantity - line.discountAmount),
};
