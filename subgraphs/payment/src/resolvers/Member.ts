import type { MemberResolvers } from '../generated/graphql.ts';
import { listMemberPayments } from '../services/payments.ts';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: String(ref.id) }),
  payments: (member, args, ctx) => listMemberPayments(ctx, member.id, args),
};
