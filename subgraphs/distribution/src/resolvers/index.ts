import { commonScalars } from '@mall/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Commission, CommissionLine } from './Commission.ts';
import { CommissionRate, DistributionSettings } from './DistributionSettings.ts';
import { Distributor, DistributorBalances, DistributorTeam } from './Distributor.ts';
import { DistributorRank } from './DistributorRank.ts';
import { Member } from './Member.ts';
import { Mutation } from './Mutation.ts';
import { Order } from './Order.ts';
import { Query } from './Query.ts';
import { ReferralBinding } from './ReferralBinding.ts';
import { Withdrawal } from './Withdrawal.ts';

export const resolvers: Resolvers = { ...commonScalars, Query, Mutation, Member, Order, Distributor, DistributorTeam, DistributorBalances, Commission, CommissionLine, ReferralBinding, DistributionSettings, CommissionRate, Withdrawal, DistributorRank };
