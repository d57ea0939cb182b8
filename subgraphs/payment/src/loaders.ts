import { asc, inArray } from 'drizzle-orm';
import { loaderByKey, loaderOfMany } from '@mall/kit';
import type { PaymentDeps } from './context.ts';
import { payments, refunds } from './db/schema.ts';

/** Per-request loaders: every Payment/Refund reference and list goes through one of these. */
export function createLoaders({ db }: Pick<PaymentDeps, 'db'>) {
  return {
    payment: loaderByKey((ids: readonly number[]) => db.select().from(payments).where(inArray(payments.id, [...ids])), (r) => r.id),
    refund: loaderByKey((ids: readonly number[]) => db.select().from(refunds).where(inArray(refunds.id, [...ids])), (r) => r.id),
    paymentsOfOrder: loaderOfMany(
      (ids: readonly number[]) => db.select().from(payments).where(inArray(payments.orderId, [...ids])).orderBy(asc(payments.id)),
      (r) => r.orderId!,
    ),
    refundsOfPayment: loaderOfMany(
      (ids: readonly number[]) => db.select().from(refunds).where(inArray(refunds.paymentId, [...ids])).orderBy(asc(refunds.id)),
      (r) => r.paymentId,
    ),
  };
}

export type PaymentLoaders = ReturnType<typeof createLoaders>;
