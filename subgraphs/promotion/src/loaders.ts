import DataLoader from 'dataloader';
import { and, count, eq, inArray } from 'drizzle-orm';
import { loaderByKey } from '@mall/kit';
import type { PromotionDeps } from './context.ts';
import { couponTemplates, coupons } from './db/schema.ts';

/** Per request: templates by id, and how many of each template one member holds, one query per batch. */
export function createLoaders(deps: PromotionDeps) {
  return {
    template: loaderByKey(
      (ids: readonly number[]) => deps.db.select().from(couponTemplates).where(inArray(couponTemplates.id, [...ids])),
      (row) => row.id,
    ),
    /** Keyed `${memberId}:${templateId}`. */
    heldByMember: new DataLoader<string, number>(async (keys) => {
      const pairs = keys.map((key) => key.split(':').map(Number) as [number, number]);
      const counts = new Map<string, number>();
      for (const memberId of new Set(pairs.map(([m]) => m))) {
        const templateIds = pairs.filter(([m]) => m === memberId).map(([, t]) => t);
        const rows = await deps.db
          .select({ templateId: coupons.templateId, n: count() })
          .from(coupons)
          .where(and(eq(coupons.memberId, memberId), inArray(coupons.templateId, templateIds)))
          .groupBy(coupons.templateId);
        for (const row of rows) counts.set(`${memberId}:${row.templateId}`, row.n);
      }
      return keys.map((key) => counts.get(key) ?? 0);
    }),
  };
}

export type PromotionLoaders = ReturnType<typeof createLoaders>;
