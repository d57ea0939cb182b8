import { parseEnv, z, type Env } from '@mall/kit';

export interface PromotionConfig {
  /**
   * Freight of each shop's order, in cents (`ORDER_FREIGHT_CENTS`, the variable order read
   * before promotion priced its checkouts): what a shop without a freight template charges
   * (`freightFor`'s `flatFee`).
   */
  flatFreight: number;
}

export function loadPromotionConfig(env: Env): PromotionConfig {
  const values = parseEnv({ ORDER_FREIGHT_CENTS: z.coerce.number().int().min(0).max(100_000).default(0) }, env);
  return { flatFreight: values.ORDER_FREIGHT_CENTS };
}
