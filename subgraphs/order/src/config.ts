import { parseEnv, z, type Env } from '@mall/kit';

export interface OrderConfig {
  /** How long an order waits for payment before it is cancelled (default 15 minutes). */
  paymentWindowMs: number;
  /** How long a flash-sale order waits for payment (default 5 minutes): its units go back to the session after. */
  flashPaymentWindowMs: number;
  /** Shipped orders complete by themselves after this long (default 7 days). */
  autoCompleteMs: number;
  /** How often the sweeper looks for expired orders and unfinished work (default 5 s). */
  sweepIntervalMs: number;
  /** After-sale stays open this long after completion (default 7 days). */
  afterSaleWindowMs: number;
  /** How long a checkout's owner holds it between steps before a retry or the sweep may take it over (default 15 s). */
  checkoutLeaseMs: number;
  /** How long a retry waits for a checkout in progress before answering CHECKOUT_IN_PROGRESS (default 5 s, under the gateway's timeout). */
  checkoutWaitMs: number;
}

export function loadOrderConfig(env: Env): OrderConfig {
  const values = parseEnv(
    {
      ORDER_PAYMENT_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(15 * 60),
      ORDER_FLASH_PAYMENT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(5 * 60),
      ORDER_AUTO_COMPLETE_DAYS: z.coerce.number().min(0.0001).max(60).default(7),
      ORDER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
      ORDER_AFTER_SALE_DAYS: z.coerce.number().min(0).max(90).default(7),
      ORDER_CHECKOUT_LEASE_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
      ORDER_CHECKOUT_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    },
    env,
  );
  return {
    paymentWindowMs: values.ORDER_PAYMENT_SECONDS * 1000,
    flashPaymentWindowMs: values.ORDER_FLASH_PAYMENT_SECONDS * 1000,
    autoCompleteMs: values.ORDER_AUTO_COMPLETE_DAYS * 86_400_000,
    sweepIntervalMs: values.ORDER_SWEEP_INTERVAL_MS,
    afterSaleWindowMs: values.ORDER_AFTER_SALE_DAYS * 86_400_000,
    checkoutLeaseMs: values.ORDER_CHECKOUT_LEASE_MS,
    checkoutWaitMs: values.ORDER_CHECKOUT_WAIT_MS,
  };
}
