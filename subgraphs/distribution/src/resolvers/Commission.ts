import { cny } from '@mall/kit';
import type { CommissionLineResolvers, CommissionResolvers } from '../generated/graphql.ts';
import { maskedBuyer } from '../services/commissions.ts';

export const Commission: CommissionResolvers = {
  buyer: (c) => maskedBuyer(c.buyerId),
  paid: (c) => cny(c.paid),
  amount: (c) => cny(c.amount),
  settledAmount: (c) => (c.settledAmount === null ? null : cny(c.settledAmount)),
  lines: (c, _, ctx) => ctx.loaders.linesOf.load(c.id),
};

export const CommissionLine: CommissionLineResolvers = {
  sku: (l) => ({ id: String(l.skuId) }),
  product: (l) => ({ id: String(l.productId) }),
  paid: (l) => cny(l.paid),
  refunded: (l) => cny(l.refunded),
  amount: (l) => cny(l.amount),
};
