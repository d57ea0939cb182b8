import type { AddressResolvers } from '../generated/graphql.ts';

export const Address: AddressResolvers = {
  region: (address) => address.regionText,
};
