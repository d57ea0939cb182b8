import { commonScalars } from '@mall/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Category } from './Category.ts';
import { Mutation } from './Mutation.ts';
import { Product, ProductConnection } from './Product.ts';
import { Query } from './Query.ts';
import { Shop } from './Shop.ts';
import { Sku } from './Sku.ts';

export const resolvers: Resolvers = { ...commonScalars, Query, Mutation, Shop, Category, Product, ProductConnection, Sku };
