import { cny } from '@mall/kit';
import type { AfterSaleResolvers } from '../generated/graphql.ts';

export const AfterSale: AfterSaleResolvers = {
  amount: (afterSale) => cny(afterSale.amount),
  lines: async (afterSale, _, ctx) => {
    if (!afterSale.lines) return [];
    const lines = await ctx.loaders.linesOf.load(afterSale.orderId);
    return afterSale.lines.flatMap((l) => {
      const line = lines.find((x) => x.id === l.orderLineId);
      return line ? [{ line, quantity: l.quantity, amount: cny(l.amount), points: l.points }] : [];
    });
  },
};
