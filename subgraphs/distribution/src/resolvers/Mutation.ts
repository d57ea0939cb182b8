import type { MutationResolvers } from '../generated/graphql.ts';
import { bindReferrer } from '../services/bindings.ts';
import { applyDistributor, decideDistributor } from '../services/distributors.ts';
import { createGrade, setCommissionRate, setGrade } from '../services/rates.ts';
import { setSettings } from '../services/settings.ts';
import { decideWithdrawal, requestWithdrawal } from '../services/withdrawals.ts';

export const Mutation: MutationResolvers = {
  setDistributionSettings: (_, { input }, ctx) => setSettings(ctx, input),
  applyDistributor: (_, __, ctx) => applyDistributor(ctx),
  decideDistributor: (_, { memberId, approve, note }, ctx) => decideDistributor(ctx, memberId, approve, note),
  bindReferrer: (_, { code, source }, ctx) => bindReferrer(ctx, code, source),
  setCommissionRate: (_, args, ctx) => setCommissionRate(ctx, args),
  createDistributorGrade: (_, args, ctx) => createGrade(ctx, args),
  setDistributorGrade: (_, { memberId, gradeId }, ctx) => setGrade(ctx, memberId, gradeId),
  requestWithdrawal: (_, args, ctx) => requestWithdrawal(ctx, args),
  decideWithdrawal: (_, { id, approve, note }, ctx) => decideWithdrawal(ctx, id, approve, note),
};
