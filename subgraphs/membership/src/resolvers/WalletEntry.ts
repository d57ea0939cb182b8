import { cny } from '@mall/kit';
import type { WalletEntryResolvers } from '../generated/graphql.ts';

export const WalletEntry: WalletEntryResolvers = {
  amount: (entry) => cny(entry.delta),
  balanceAfter: (entry) => cny(entry.balanceAfter),
};
