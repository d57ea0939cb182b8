import { cny } from '@mall/kit';
import type { CartLineResolvers } from '../generated/graphql.ts';
import { linePricing } from '../services/cart.ts';

export const CartLine: CartLineResolvers = {
  sku: (line) => ({ __typename: 'Sku', id: String(line.skuId) }),
  unitPrice: async (line, _, ctx) => {
    const { unitPrice } = await linePricing(ctx, line);
    return unitPrice === null ? null : cny(unitPrice);
  },
  subtotal: async (line, _, ctx) => {
    const { subtotal } = await linePricing(ctx, line);
    return subtotal === null ? null : cny(subtotal);
  },
  problem: async (line, _, ctx) => (await linePricing(ctx, line)).problem,
  addedAt: (line) => line.createdAt,
};
