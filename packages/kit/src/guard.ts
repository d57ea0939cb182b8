import type { GraphQLResolveInfo } from 'graphql';
import { requireRole, requireIdentity, type Identity, type Role } from './auth.ts';

/**
 * Declarative access rules for resolvers: `guard(allow.member, resolver)` checks the
 * caller before the resolver runs, the same way in every subgraph. Rules that need the
 * entity (which shop owns this product?) run in the service, after loading it, with
 * `requireShopManager`.
 */
export type Rule = (identity: Identity | null) => void;

export const allow = {
  /** Any signed-in caller. */
  signedIn: (identity: Identity | null) => void requireIdentity(identity),
  /** Members (shoppers) only. */
  member: (identity: Identity | null) => void requireRole(identity, 'MEMBER'),
  /** Merchants and admins: back-office work; the service then checks the shop. */
  staff: (identity: Identity | null) => void requireRole(identity, 'MERCHANT', 'ADMIN'),
  /** Admins only. */
  admin: (identity: Identity | null) => void requireRole(identity, 'ADMIN'),
  /** Any of the given roles. */
  roles:
    (...roles: Role[]) =>
    (identity: Identity | null) =>
      void requireRole(identity, ...roles),
} satisfies Record<string, Rule | ((...roles: Role[]) => Rule)>;

type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult;

/** Wraps a resolver so `rule` passes before it runs (UNAUTHENTICATED or FORBIDDEN otherwise). */
export function guard<TResult, TParent, TContext extends { identity: Identity | null }, TArgs>(
  rule: Rule,
  resolver: ResolverFn<TResult, TParent, TContext, TArgs>,
): ResolverFn<TResult, TParent, TContext, TArgs> {
  return (parent, args, context, info) => {
    rule(context.identity);
    return resolver(parent, args, context, info);
  };
}
