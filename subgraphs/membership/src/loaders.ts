import { asc, inArray } from 'drizzle-orm';
import { loaderByKey, loaderOfMany } from '@mall/kit';
import type { MembershipDeps } from './context.ts';
import { addresses, members } from './db/schema.ts';

/** New for every request. */
export function createLoaders({ db }: Pick<MembershipDeps, 'db'>) {
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
