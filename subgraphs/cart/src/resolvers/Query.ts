import type { QueryResolvers } from '../generated/graphql.ts';
import { myCart } from '../services/cart.ts';

export const Query: QueryResolvers = {
  myCart: (_, __, ctx) => myCart(ctx),
};
