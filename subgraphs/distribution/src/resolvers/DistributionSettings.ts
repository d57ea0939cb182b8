import { cny } from '@mall/kit';
import type { CommissionRateResolvers, DistributionSettingsResolvers } from '../generated/graphql.ts';

export const DistributionSettings: DistributionSettingsResolvers = {
  spendThreshold: (s) => cny(s.spendThreshold),
  withdrawMin: (s) => cny(s.withdrawMin),
  withdrawDailyCap: (s) => cny(s.withdrawDailyCap),
  withdrawApprovalAbove: (s) => cny(s.withdrawApprovalAbove),
};

export const CommissionRate: CommissionRateResolvers = {
  product: (r) => (r.productId === null ? null : { id: String(r.productId) }),
  sku: (r) => (r.skuId === null ? null : { id: String(r.skuId) }),
};
