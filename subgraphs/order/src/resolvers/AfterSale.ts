import { cny } from '@mall/kit';
import type { AfterSaleResolvers } from '../generated/graphql.ts';

export const AfterSale: AfterSaleResolvers = {
  amount: (afterSale) => cny(afterSale.amount),
};
