import { cny } from '@mall/kit';
import type { CommissionRateResolvers, DistributionSettingsResolvers } from '../generated/graphql.ts';

export const DistributionSettings: DistributionSettingsResolvers = {
  spendThreshold: (s) => cny(s.spendThreshold),
};

export const CommissionRate: CommissionRateResolvers = {
  product: (r) => (r.productId === null ? null : { id: String(r.productId) }),
  sku: (r) => (r.skuId === null ? null : { id: String(r.skuId) }),
};
