import { commonScalars } from '@mall/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Member } from './Member.ts';
import { Mutation } from './Mutation.ts';
import { Order } from './Order.ts';
import { Payment } from './Payment.ts';
import { Query } from './Query.ts';
import { Refund } from './Refund.ts';

export const resolvers: Resolvers = { ...commonScalars, Query, Mutation, Member, Order, Payment, Refund };
