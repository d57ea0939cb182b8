import { cny } from '@mall/kit';
import type { CartResolvers } from '../generated/graphql.ts';
import { selectedTotals } from '../services/cart.ts';

export const Cart: CartResolvers = {
  selectedQuantity: async (cart, _, ctx) => (await selectedTotals(ctx, cart)).quantity,
  selectedTotal: async (cart, _, ctx) => cny((await selectedTotals(ctx, cart)).total),
};
