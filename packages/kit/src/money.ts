/** Money in the API: integer minor units and a currency code. The mall trades in CNY. */
export interface Money {
  amount: number;
  currency: string;
}

export const CURRENCY = 'CNY';

export function cny(amount: number): Money {
  return { amount, currency: CURRENCY };
}
