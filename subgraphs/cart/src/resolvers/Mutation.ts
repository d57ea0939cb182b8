import type { MutationResolvers } from '../generated/graphql.ts';
import { addToCart, clearCart, removeFromCart, selectCartLines, setCartQuantity } from '../services/cart.ts';

export const Mutation: MutationResolvers = {
  addToCart: (_, { skuId, quantity }, ctx) => addToCart(ctx, skuId, quantity ?? 1),
  setCartQuantity: (_, { skuId, quantity }, ctx) => setCartQuantity(ctx, skuId, quantity),
  removeFromCart: (_, { skuIds }, ctx) => removeFromCart(ctx, skuIds),
  selectCartLines: (_, { skuIds, selected }, ctx) => selectCartLines(ctx, skuIds, selected),
  clearCart: (_, __, ctx) => clearCart(ctx),
};
