import { cny } from '@mall/kit';
import type { WithdrawalResolvers } from '../generated/graphql.ts';

export const Withdrawal: WithdrawalResolvers = {
  distributor: (w) => ({ id: String(w.distributorId) }),
  amount: (w) => cny(w.amount),
  fee: (w) => cny(w.fee),
  net: (w) => cny(w.amount - w.fee),
};
