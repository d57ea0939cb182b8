import { cny } from '@mall/kit';
import type {
  AddressResolvers,
  AuthPayloadResolvers,
  MemberLevelResolvers,
  PointsEntryResolvers,
  RechargeRuleResolvers,
  StaffAccountResolvers,
  WalletEntryResolvers,
} from '../generated/graphql.ts';
import { nextLevel } from '../services/levels.ts';

export const MemberLevel: MemberLevelResolvers = {
  discountPermille: (level) => level.discountPermille,
  nextLevelGrowth: (level) => nextLevel(level)?.minGrowth ?? null,
};

export const PointsEntry: PointsEntryResolvers = {};

export const WalletEntry: WalletEntryResolvers = {
  amount: (entry) => cny(entry.delta),
  balanceAfter: (entry) => cny(entry.balanceAfter),
};

export const RechargeRule: RechargeRuleResolvers = {
  threshold: (rule) => cny(rule.threshold),
  bonus: (rule) => cny(rule.bonus),
};

export const Address: AddressResolvers = {
  region: (address) => address.regionText,
};

export const StaffAccount: StaffAccountResolvers = {
  shop: (staff) => (staff.shopId === null ? null : { __typename: 'Shop', id: String(staff.shopId) }),
};

export const AuthPayload: AuthPayloadResolvers = {
  tokenType: () => 'Bearer',
};
