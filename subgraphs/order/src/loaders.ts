import { asc, inArray } from 'drizzle-orm';
import { loaderByKey, loaderOfMany } from '@mall/kit';
import type { OrderDeps } from './context.ts';
import { afterSales, orderLines, orders, orderStatusChanges } from './db/schema.ts';

export function createLoaders({ db }: Pick<OrderDeps, 'db'>) {
  return {
    order: loaderByKey((ids: readonly number[]) => db.select().from(orders).where(inArray(orders.id, [...ids])), (r) => r.id),
    linesOf: loaderOfMany(
      (ids: readonly number[]) => db.select().from(orderLines).where(inArray(orderLines.orderId, [...ids])).orderBy(asc(orderLines.id)),
      (r) => r.orderId,
    ),
    timelineOf: loaderOfMany(
      (ids: readonly number[]) => db.select().from(orderStatusChanges).where(inArray(orderStatusChanges.orderId, [...ids])).orderBy(asc(orderStatusChanges.id)),
      (r) => r.orderId,
    ),
    afterSalesOf: loaderOfMany(
      (ids: readonly number[]) => db.select().from(afterSales).where(inArray(afterSales.orderId, [...ids])).orderBy(asc(afterSales.id)),
      (r) => r.orderId,
    ),
  };
}

export type OrderLoaders = ReturnType<typeof createLoaders>;
