import { parseEnv, z, type Env } from '@mall/kit';

export interface PromotionConfig {
  /**
   * Freight of each shop's order, in cents (`ORDER_FREIGHT_CENTS`, the variable order read
   * before promotion priced its checkouts): what a shop without a freight template charges
   * (`freightFor`'s `flatFee`).
   */
  flatFreight: number;
  /** Flash-sale attempts one member may make at one SKU per second before the gate refuses them (`FLASH_BURST_PER_SECOND`, default 5). */
  flashBurstPerSecond: number;
  /** How often running flash sales' gates are compared with the database (`FLASH_RECONCILE_MS`, default 5 s). */
  flashReconcileMs: number;
}

export function loadPromotionConfig(env: Env): PromotionConfig {
  const values = parseEnv(
    {
      ORDER_FREIGHT_CENTS: z.coerce.number().int().min(0).max(100_000).default(0),
      FLASH_BURST_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(5),
      FLASH_RECONCILE_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    },
    env,
  );
  return { flatFreight: values.ORDER_FREIGHT_CENTS, flashBurstPerSecond: values.FLASH_BURST_PER_SECOND, flashReconcileMs: values.FLASH_RECONCILE_MS };
}
