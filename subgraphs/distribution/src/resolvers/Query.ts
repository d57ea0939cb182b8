import type { QueryResolvers } from '../generated/graphql.ts';
import { applications } from '../services/distributors.ts';
import { ranking } from '../services/rankings.ts';
import { commissionRates } from '../services/rates.ts';
import { currentSettings } from '../services/settings.ts';
import { withdrawalQueue } from '../services/withdrawals.ts';

export const Query: QueryResolvers = {
  distributorRanking: (_, { by, first }, ctx) => ranking(ctx, by, first),
  distributionSettings: (_, __, ctx) => currentSettings(ctx),
  distributorApplications: (_, { first }, ctx) => applications(ctx, first),
  commissionRates: (_, __, ctx) => commissionRates(ctx),
  withdrawalQueue: (_, { first }, ctx) => withdrawalQueue(ctx, first),
};
