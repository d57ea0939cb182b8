import { commonScalars } from '@mall/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { AfterSale } from './AfterSale.ts';
import { Member } from './Member.ts';
import { Mutation } from './Mutation.ts';
import { Order, OrderConnection } from './Order.ts';
import { OrderLine } from './OrderLine.ts';
import { OrderStatusChange } from './OrderStatusChange.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { ...commonScalars, Query, Mutation, Member, Order, OrderConnection, AfterSale, OrderLine, OrderStatusChange };
