import { asc, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { loaderByKey, loaderOfMany } from '@mall/kit';
import { addresses, members, type MembershipSchema } from './db/schema.ts';

/** New for every request. */
export function createLoaders(db: MySql2Database<MembershipSchema>) {
  return {
    member: loaderByKey((ids: readonly number[]) => db.select().from(members).where(inArray(members.id, [...ids])), (r) => r.id),
    addressesOf: loaderOfMany(
      (ids: readonly number[]) =>
        db.select().from(addresses).where(inArray(addresses.memberId, [...ids])).orderBy(asc(addresses.id)),
      (r) => r.memberId,
    ),
  };
}

export type MembershipLoaders = ReturnType<typeof createLoaders>;
