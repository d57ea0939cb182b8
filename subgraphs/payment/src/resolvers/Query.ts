import type { QueryResolvers } from '../generated/graphql.ts';
import { paymentForCaller } from '../services/payments.ts';

export const Query: QueryResolvers = {
  payment: (_, { id }, ctx) => paymentForCaller(ctx, id),
};
