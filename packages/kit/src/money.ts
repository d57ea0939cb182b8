import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors.ts';

/**
 * Money is integer cents (fen) everywhere: storage (BIGINT), events, commands and the API.
 * In GraphQL an amount is the `Cents` scalar, a JSON number exact up to 2^53 − 1 (GraphQL's
 * `Int` is 32-bit, which a cart of expensive lines passes). What may be charged is bounded
 * far below that, and every path checks the bounds before it writes:
 */
export const MONEY_LIMITS = {
  /** Highest price of one unit: ¥1,000,000.00. */
  unitPrice: 100_000_000,
  /** Most units of one SKU in a line. */
  quantity: 999,
  /** Highest payable of one order (what WeChat Pay's and the wallet's single payments take): ¥1,000,000.00. */
  order: 100_000_000,
  /** Highest wallet balance: ¥100,000,000.00. */
  wallet: 10_000_000_000,
} as const;

/** Money in the API: integer minor units and a currency code. The mall trades in CNY. */
export interface Money {
  amount: number;
  currency: string;
}

export const CURRENCY = 'CNY';

export function cny(amount: number): Money {
  return { amount, currency: CURRENCY };
}

function safeCents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError(`Cents must be a whole number of cents within ±${Number.MAX_SAFE_INTEGER} (got ${String(value)}).`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** `Cents`: a whole number of cents, exact in JSON up to 2^53 − 1. Shared by every subgraph. */
export const Cents = new GraphQLScalarType<number, number>({
  name: 'Cents',
  description: 'A whole number of cents (fen, 1/100 yuan), exact up to ±9007199254740991.',
  serialize: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`Cents cannot represent ${String(value)}`);
    return value;
  },
  parseValue: safeCents,
  parseLiteral: (node) => {
    if (node.kind !== Kind.INT) throw new GraphQLError('Cents must be a whole number.', { extensions: { code: 'BAD_USER_INPUT' } });
    return safeCents(Number(node.value));
  },
});

/** An amount of cents within [min, max]: BAD_USER_INPUT naming the field otherwise. */
export function cents(value: number, field: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw badInput(`${field} must be a whole number of cents from ${min} to ${max} (got ${value}).`, field);
  }
  return value;
}

/**
 * Splits `amount` cents over `weights` (a line's subtotal, a shop's goods) in proportion,
 * in whole cents that always sum to exactly `amount`: each share is rounded down, and the
 * cents left go one each to the largest remainders (ties to the earlier line). The same
 * input always gives the same split, so a discount is allocated to lines once and stays.
 * A zero weight gets nothing, unless every weight is zero (then the split is even).
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`allocate: amount ${amount} is not a whole number of cents`);
  if (weights.length === 0) {
    if (amount !== 0) throw new RangeError('allocate: an amount needs at least one line');
    return [];
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('allocate: weights must be whole numbers ≥ 0');
  const sign = amount < 0 ? -1n : 1n;
  const total = BigInt(Math.abs(amount));
  const even = weights.every((w) => w === 0);
  const big = weights.map((w) => BigInt(even ? 1 : w));
  const sum = big.reduce((a, b) => a + b, 0n);
  // Exact integer arithmetic: amount × weight passes 2^53 for large carts.
  const shares = big.map((w) => (total * w) / sum);
  const remainders = big.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    if (big[i] === 0n) continue;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map((share) => Number(share * sign));
}
