import { DateTime } from '@mall/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Address, AuthPayload, MemberLevel, PointsEntry, RechargeRule, StaffAccount, WalletEntry } from './types.ts';
import { Member, PointsAccount, Wallet } from './Member.ts';
import { Mutation } from './Mutation.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Member,
  PointsAccount,
  Wallet,
  MemberLevel,
  PointsEntry,
  WalletEntry,
  RechargeRule,
  Address,
  StaffAccount,
  AuthPayload,
};
