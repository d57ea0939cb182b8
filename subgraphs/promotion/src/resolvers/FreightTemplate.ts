import { cny } from '@mall/kit';
import type { FreightEstimateResolvers, FreightRegionResolvers, FreightTemplateResolvers } from '../generated/graphql.ts';

export const FreightTemplate: FreightTemplateResolvers = {
  shop: (template) => ({ id: String(template.shopId) }),
  freeThreshold: (template) => (template.freeThreshold === null ? null : cny(template.freeThreshold)),
};

export const FreightRegion: FreightRegionResolvers = {
  firstFee: (region) => cny(region.firstFee),
  extraFee: (region) => cny(region.extraFee),
};

export const FreightEstimate: FreightEstimateResolvers = {
  fee: (estimate) => cny(estimate.fee),
};
