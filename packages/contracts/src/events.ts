import { z } from '@mall/kit';

/** Payloads of the mall's events, by type (the subject without the deployment prefix). */
export const eventSchemas = {
  'stock.changed': z.object({
    skuId: z.string(),
    productId: z.string(),
    /** Stock after the change. */
    stock: z.number().int(),
    /** Units added (positive) or taken (negative). */
    change: z.number().int(),
    reason: z.enum(['RESERVED', 'RELEASED', 'SET', 'ADJUSTED']),
    orderId: z.string().nullable(),
  }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
