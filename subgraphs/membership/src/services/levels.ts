/**
 * Member levels by growth value, with the discount checkout applies (per mille of the
 * price: 950 means members pay 95%).
 */
export const LEVELS = [
  { code: 'REGULAR', name: '普通会员', minGrowth: 0, discountPermille: 1000 },
  { code: 'SILVER', name: '白银会员', minGrowth: 1000, discountPermille: 980 },
  { code: 'GOLD', name: '黄金会员', minGrowth: 5000, discountPermille: 950 },
  { code: 'DIAMOND', name: '钻石会员', minGrowth: 20000, discountPermille: 900 },
] as const;

export type Level = (typeof LEVELS)[number];

export function levelFor(growth: number): Level {
  return [...LEVELS].reverse().find((level) => growth >= level.minGrowth) ?? LEVELS[0];
}

/** The next level up, or null at the top. */
export function nextLevel(level: Level): Level | null {
  return LEVELS[LEVELS.findIndex((l) => l.code === level.code) + 1] ?? null;
}
