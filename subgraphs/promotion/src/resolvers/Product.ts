import type { ProductResolvers } from '../generated/graphql.ts';
import { productGroupBuy } from '../services/groupBuys.ts';
import { openTeams } from '../services/groupTeams.ts';
import { couponsForProduct, productTags } from '../services/tags.ts';

export const Product: ProductResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  promotionTags: (product, _, ctx) => productTags(ctx, product.id),
  coupons: (product, _, ctx) => couponsForProduct(ctx, product.id),
  groupBuy: (product, _, ctx) => productGroupBuy(ctx, product.id),
  openTeams: (product, { first }, ctx) => openTeams(ctx, product.id, first),
};
