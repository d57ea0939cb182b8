import { cny } from '@mall/kit';
import type { WalletResolvers } from '../generated/graphql.ts';
import { walletHistory } from '../services/wallet.ts';

export const Wallet: WalletResolvers = {
  balance: (member) => cny(member.walletBalance),
  history: (member, { first, after }, ctx) => walletHistory(ctx.db, member.id, first, after),
};
