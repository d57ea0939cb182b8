import { cny } from '@mall/kit';
import type { RechargeRuleResolvers } from '../generated/graphql.ts';

export const RechargeRule: RechargeRuleResolvers = {
  threshold: (rule) => cny(rule.threshold),
  bonus: (rule) => cny(rule.bonus),
};
