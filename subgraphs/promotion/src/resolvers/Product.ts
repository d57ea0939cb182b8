import type { ProductResolvers } from '../generated/graphql.ts';
import { couponsForProduct, productTags } from '../services/tags.ts';

export const Product: ProductResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  promotionTags: (product, _, ctx) => productTags(ctx, product.id),
  coupons: (product, _, ctx) => couponsForProduct(ctx, product.id),
};
