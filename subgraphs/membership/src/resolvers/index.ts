import { commonScalars } from '@mall/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Address } from './Address.ts';
import { AuthPayload } from './AuthPayload.ts';
import { Member } from './Member.ts';
import { MemberLevel } from './MemberLevel.ts';
import { Mutation } from './Mutation.ts';
import { PointsAccount } from './PointsAccount.ts';
import { Query } from './Query.ts';
import { RechargeRule } from './RechargeRule.ts';
import { StaffAccount } from './StaffAccount.ts';
import { Wallet } from './Wallet.ts';
import { WalletEntry } from './WalletEntry.ts';

export const resolvers: Resolvers = {
  ...commonScalars,
  Query,
  Mutation,
  Member,
  PointsAccount,
  Wallet,
  MemberLevel,
  WalletEntry,
  RechargeRule,
  Address,
  StaffAccount,
  AuthPayload,
};
