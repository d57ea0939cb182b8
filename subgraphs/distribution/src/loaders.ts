import DataLoader from 'dataloader';
import { count, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import { loaderByKey, loaderOfMany } from '@mall/kit';
import type { DistributionDeps } from './context.ts';
import { bindings, commissionLines, commissions, distributors, grades } from './db/schema.ts';

/** Per request: distributors, bindings, grades, commissions and their lines by id lists, and team counts, one query per batch. */
export function createLoaders(deps: DistributionDeps) {
  return {
    distributor: loaderByKey((ids: readonly number[]) => deps.db.select().from(distributors).where(inArray(distributors.memberId, [...ids])), (row) => row.memberId),
    binding: loaderByKey((ids: readonly number[]) => deps.db.select().from(bindings).where(inArray(bindings.memberId, [...ids])), (row) => row.memberId),
    grade: loaderByKey((ids: readonly number[]) => deps.db.select().from(grades).where(inArray(grades.id, [...ids])), (row) => row.id),
    commissionsOfOrder: loaderOfMany((ids: readonly number[]) => deps.db.select().from(commissions).where(inArray(commissions.orderId, [...ids])).orderBy(commissions.level), (row) => row.orderId),
    linesOf: loaderOfMany((ids: readonly number[]) => deps.db.select().from(commissionLines).where(inArray(commissionLines.commissionId, [...ids])).orderBy(commissionLines.id), (row) => row.commissionId),
    /** Members bound to each distributor (their direct team). */
    directTeam: new DataLoader<number, number>(async (ids) => {
      const rows = await deps.db.select({ distributorId: bindings.distributorId, n: count() }).from(bindings).where(inArray(bindings.distributorId, [...ids])).groupBy(bindings.distributorId);
      return ids.map((id) => rows.find((r) => r.distributorId === id)?.n ?? 0);
    }),
    /** Members bound to the members bound to each distributor. */
    indirectTeam: new DataLoader<number, number>(async (ids) => {
      const direct = alias(bindings, 'direct');
      const rows = await deps.db
        .select({ distributorId: direct.distributorId, n: count() })
        .from(bindings)
        .innerJoin(direct, eq(direct.memberId, bindings.distributorId))
        .where(inArray(direct.distributorId, [...ids]))
        .groupBy(direct.distributorId);
      return ids.map((id) => rows.find((r) => r.distributorId === id)?.n ?? 0);
    }),
  };
}

export type DistributionLoaders = ReturnType<typeof createLoaders>;
