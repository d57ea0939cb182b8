import type { StaffAccountResolvers } from '../generated/graphql.ts';

export const StaffAccount: StaffAccountResolvers = {
  shop: (staff) => (staff.shopId === null ? null : { __typename: 'Shop', id: String(staff.shopId) }),
};
