import { z } from '@mall/kit';

/** Every order event carries the order's state after the change. */
const orderEvent = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  memberId: z.string(),
  shopId: z.string(),
  status: z.enum(['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED']),
  payable: z.number().int(),
  lines: z.array(z.object({ skuId: z.string(), quantity: z.number().int() })),
  reason: z.string().nullable(),
  /** On order.created: the lines came from the buyer's cart (and leave it). */
  fromCart: z.boolean().optional(),
});

/** An approved after-sale: payment refunds `amount` of the order's payment. */
const afterSaleEvent = z.object({
  afterSaleId: z.string(),
  orderId: z.string(),
  orderNo: z.string(),
  memberId: z.string(),
  shopId: z.string(),
  type: z.enum(['REFUND_ONLY', 'RETURN_AND_REFUND']),
  amount: z.number().int(),
});

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
  'order.created': orderEvent,
  'order.paid': orderEvent,
  'order.cancelled': orderEvent,
  'order.shipped': orderEvent,
  'order.completed': orderEvent,
  'order.after_sale_approved': afterSaleEvent,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
