import { eq } from 'drizzle-orm';
import { AppError, ErrorCode, MONEY_LIMITS, badInput, cents, intInRange, requireRole } from '@mall/kit';
import type { DistributionContext, DistributionDeps, DistributionTx } from '../context.ts';
import { settings, type SettingsRow } from '../db/schema.ts';
import type { DistributionSettingsInput } from '../generated/graphql.ts';

/** The rules before an admin sets any: members apply and an admin approves; the first share binds for good; one level at 10%. */
export const DEFAULT_SETTINGS: SettingsRow = {
  id: 1,
  eligibility: 'APPLICATION',
  spendThreshold: 0,
  bindRule: 'FIRST_TOUCH',
  lockDays: 0,
  levels: 1,
  level1Rate: 1000,
  level2Rate: 0,
  selfPurchase: false,
  withdrawMin: 100,
  withdrawFeeRate: 0,
  withdrawDailyCap: 2_000_000,
  withdrawApprovalAbove: 500_000,
  updatedBy: 'default',
  updatedAt: new Date(0),
};

/** Highest rate of one level, and of both together (basis points of what a line was paid). */
export const MAX_LEVEL_RATE = 3000;
export const MAX_TOTAL_RATE = 5000;

/** The rules now (in `tx` when given: read in the caller's transaction). */
export async function currentSettings(deps: Pick<DistributionDeps, 'db'> | { db: DistributionTx }): Promise<SettingsRow> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.id, 1));
  return row ?? DEFAULT_SETTINGS;
}

/**
 * `setDistributionSettings` (ADMIN). Two levels at most, refused with why: WeChat's rules for
 * mini-programs allow no more than two levels of distribution, and China's rules against
 * pyramid selling (禁止传销条例) forbid pay for recruiting, entry fees and pay by team size at
 * any depth — commission here is only ever a share of goods actually paid.
 */
export async function setSettings(ctx: DistributionContext, input: DistributionSettingsInput): Promise<SettingsRow> {
  const caller = requireRole(ctx.identity, 'ADMIN');
  if (!Number.isInteger(input.levels) || input.levels < 1) throw badInput('levels is 1 or 2.', 'input.levels');
  if (input.levels > 2) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      'At most two levels of distribution: WeChat allows no more than two levels in a mini-program, and China’s rules against pyramid selling (禁止传销条例) forbid paying for recruits or by team depth. Commission is a share of goods paid, for the buyer’s distributor and that distributor’s own.',
      { reason: 'TOO_MANY_LEVELS', field: 'input.levels', max: 2 },
    );
  }
  const level1Rate = intInRange(input.level1Rate, 'input.level1Rate', 0, MAX_LEVEL_RATE);
  const level2Rate = input.levels === 2 ? intInRange(input.level2Rate ?? 0, 'input.level2Rate', 0, MAX_LEVEL_RATE) : 0;
  if (level1Rate + level2Rate > MAX_TOTAL_RATE) throw badInput(`The two levels together take at most ${MAX_TOTAL_RATE} basis points.`, 'input.level2Rate');
  const lockDays = input.bindRule === 'FIRST_TOUCH_LOCK' ? intInRange(input.lockDays ?? 0, 'input.lockDays', 1, 365) : 0;
  const spendThreshold = input.eligibility === 'SPENDING' ? cents(input.spendThreshold ?? 0, 'input.spendThreshold', 1, MONEY_LIMITS.wallet) : 0;
  const withdrawMin = cents(input.withdrawMin ?? DEFAULT_SETTINGS.withdrawMin, 'input.withdrawMin', 1, MONEY_LIMITS.order);
  const withdrawFeeRate = intInRange(input.withdrawFeeRate ?? 0, 'input.withdrawFeeRate', 0, 1000);
  const withdrawDailyCap = cents(input.withdrawDailyCap ?? DEFAULT_SETTINGS.withdrawDailyCap, 'input.withdrawDailyCap', withdrawMin, MONEY_LIMITS.wallet);
  const withdrawApprovalAbove = cents(input.withdrawApprovalAbove ?? DEFAULT_SETTINGS.withdrawApprovalAbove, 'input.withdrawApprovalAbove', 0, MONEY_LIMITS.wallet);
  const row = {
    id: 1,
    withdrawMin,
    withdrawFeeRate,
    withdrawDailyCap,
    withdrawApprovalAbove,
    eligibility: input.eligibility,
    spendThreshold,
    bindRule: input.bindRule,
    lockDays,
    levels: input.levels,
    level1Rate,
    level2Rate,
    selfPurchase: input.selfPurchase === true,
    updatedBy: `admin:${caller.userId}`.slice(0, 40),
  };
  await ctx.db.insert(settings).values(row).onDuplicateKeyUpdate({ set: row });
  return currentSettings(ctx);
}
