import type { ReferralBindingResolvers } from '../generated/graphql.ts';

export const ReferralBinding: ReferralBindingResolvers = {
  distributor: (b) => ({ id: String(b.distributorId) }),
};
