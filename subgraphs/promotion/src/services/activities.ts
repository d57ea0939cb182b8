import { and, count, desc, eq, gt, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import {
  AppError,
  ErrorCode,
  MONEY_LIMITS,
  badInput,
  canManageShop,
  cents,
  commit,
  conflict,
  idList,
  intInRange,
  loadReference,
  notFound,
  pageNewestFirst,
  parseId,
  release,
  requireRole,
  requireShopManager,
  reserve,
  restore,
  text,
  timeInput,
  type Connection,
  type ReservationPool,
} from '@mall/kit';
import type { PromotionContext, PromotionDeps } from '../context.ts';
import { activities, type ActivityRow, type ActivityScope, type TierTerms, type PromotionSchema, type SkuSpecialPrice } from '../db/schema.ts';
import type { ActivityInput, ActivityStatus } from '../generated/graphql.ts';
import type { PricingActivity } from './pricing.ts';
import { discountRate, labelYuan } from './tags.ts';

const YEAR_MS = 366 * 86_400_000;

/** A tier's label: 满100减10, 满2件9折. */
export function tierLabel(tier: TierTerms): string {
  if (tier.minQuantity !== undefined) {
    return `满${tier.minQuantity}件${discountRate(tier.percentOff ?? 0)}折`;
  }
  return `满${labelYuan(tier.threshold ?? 0)}减${labelYuan(tier.amountOff ?? 0)}`;
}

/** An activity's short label (a product tag): its first tier, or 限时折扣. */
export function activityLabel(activity: Pick<ActivityRow, 'kind' | 'tiers'>): string {
  return activity.kind === 'SPECIAL_PRICE' ? '限时折扣' : tierLabel(activity.tiers[0]!);
}


/** Tiers checked: 1–5, each higher than the one before in what it asks and what it gives. */
function checkTiers(input: ActivityInput): TierTerms[] {
  const given = input.tiers ?? [];
  if (given.length < 1 || given.length > 5) throw badInput(`A ${input.kind} activity has 1–5 tiers.`, 'input.tiers');
  const tiers: TierTerms[] = given.map((t, i) => {
    const field = `input.tiers.${i}`;
    if (input.kind === 'FULL_REDUCTION') {
      if (t.threshold == null || t.amountOff == null || t.minQuantity != null || t.percentOff != null) throw badInput('A full reduction tier has a threshold and amountOff.', field);
      const threshold = cents(t.threshold, `${field}.threshold`, 1, MONEY_LIMITS.order);
      const amountOff = cents(t.amountOff, `${field}.amountOff`, 1, MONEY_LIMITS.order);
      if (amountOff >= threshold) throw badInput('amountOff must be below its threshold (满 X 减 Y takes less than X).', `${field}.amountOff`);
      return { threshold, amountOff };
    }
    if (t.minQuantity == null || t.percentOff == null || t.threshold != null || t.amountOff != null) throw badInput('A full discount tier has minQuantity and percentOff.', field);
    return { minQuantity: intInRange(t.minQuantity, `${field}.minQuantity`, 1, 999), percentOff: intInRange(t.percentOff, `${field}.percentOff`, 1, 99) };
  });
  for (let i = 1; i < tiers.length; i++) {
    const [before, tier] = [tiers[i - 1]!, tiers[i]!];
    const asks = (t: TierTerms) => t.threshold ?? t.minQuantity ?? 0;
    const gives = (t: TierTerms) => t.amountOff ?? t.percentOff ?? 0;
    if (asks(tier) <= asks(before) || gives(tier) <= gives(before)) throw badInput('Each tier asks for more and gives more than the one before it.', `input.tiers.${i}`);
  }
  return tiers;
}

/** Special prices checked against catalog: 1–200 SKUs of the shop, each below its price today. */
async function checkPrices(ctx: PromotionContext, shopId: number, input: ActivityInput): Promise<SkuSpecialPrice[]> {
  const given = input.specialPrices ?? [];
  if (given.length < 1 || given.length > 200) throw badInput('A SPECIAL_PRICE activity names 1–200 SKUs.', 'input.specialPrices');
  const skuIds = idList(given.map((p) => p.skuId), 'input.specialPrices', 1, 200);
  if (skuIds.length !== given.length) throw badInput('Each SKU has one special price.', 'input.specialPrices');
  const { skus } = await ctx.send(catalog.skuSnapshots, { skuIds });
  return given.map((p, i) => {
    const field = `input.specialPrices.${i}`;
    const sku = skus.find((s) => s.skuId === p.skuId);
    if (!sku || sku.shopId !== String(shopId)) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${p.skuId} not found in this shop.`, { field: `${field}.skuId` });
    const price = cents(p.price, `${field}.price`, 1, MONEY_LIMITS.order);
    if (price >= sku.price) throw badInput(`A special price is below the SKU's price (${sku.price} cents).`, `${field}.price`);
    return { skuId: sku.skuId, productId: sku.productId, price };
  });
}

/** Everything an activity input says, checked; nothing is written here. */
async function checkedValues(ctx: PromotionContext, shopId: number, input: ActivityInput) {
  const name = text(input.name, 'input.name', 2, 40);
  const description = input.description == null ? '' : text(input.description, 'input.description', 0, 200);
  const special = input.kind === 'SPECIAL_PRICE';
  if (special && input.tiers != null) throw badInput('A SPECIAL_PRICE activity has no tiers.', 'input.tiers');
  if (!special && input.specialPrices != null) throw badInput('Only a SPECIAL_PRICE activity has specialPrices.', 'input.specialPrices');
  const scope: ActivityScope = input.scope ?? 'ALL';
  const scopeIds = idList(input.scopeIds, 'input.scopeIds', 0, 100);
  const excludedProductIds = idList(input.excludedProductIds, 'input.excludedProductIds', 0, 100);
  if (special && (scope !== 'ALL' || scopeIds.length > 0 || excludedProductIds.length > 0)) throw badInput('A SPECIAL_PRICE activity’s scope is its SKUs.', 'input.scope');
  if (scope === 'ALL' && scopeIds.length > 0) throw badInput('An activity for the whole shop names no scopeIds.', 'input.scopeIds');
  if (scope !== 'ALL' && scopeIds.length === 0) throw badInput(`A ${scope} activity names what it applies to in scopeIds.`, 'input.scopeIds');
  const now = new Date();
  const startsAt = timeInput(input.startsAt, 'input.startsAt') ?? now;
  const endsAt = timeInput(input.endsAt, 'input.endsAt')!;
  if (endsAt <= startsAt) throw badInput('endsAt must come after startsAt.', 'input.endsAt');
  if (endsAt <= now) throw badInput('endsAt has passed.', 'input.endsAt');
  if (endsAt.getTime() - startsAt.getTime() > YEAR_MS) throw badInput('An activity lasts at most a year.', 'input.endsAt');
  const budget = input.budget == null ? null : cents(input.budget, 'input.budget', 1, 10_000_000_000);
  const tiers = special ? [] : checkTiers(input);
  const prices = special ? await checkPrices(ctx, shopId, input) : [];
  return { name, description, kind: input.kind, tiers, prices, scope, scopeIds, excludedProductIds, excludesCoupons: input.excludesCoupons ?? false, startsAt, endsAt, budget };
}

/** The shop an activity input is for: a merchant's own, or the one an admin names. */
function shopOf(ctx: PromotionContext, shopId: string | null | undefined): number {
  const caller = requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  if (shopId != null) {
    const id = parseId(shopId, 'Shop');
    requireShopManager(caller, id);
    return id;
  }
  if (caller.role === 'ADMIN') throw badInput('An admin names the shop the activity is for.', 'input.shopId');
  return parseId(caller.shopId ?? '', 'Shop');
}

/** `createActivity`: a merchant for their own shop, an admin for any shop. ACTIVE at once (running from `startsAt`). */
export async function createActivity(ctx: PromotionContext, input: ActivityInput): Promise<ActivityRow> {
  const shopId = shopOf(ctx, input.shopId);
  const values = await checkedValues(ctx, shopId, input);
  const caller = ctx.identity!;
  const [created] = await ctx.db
    .insert(activities)
    .values({ shopId, ...values, createdBy: `${caller.role.toLowerCase()}:${caller.userId}`.slice(0, 40) })
    .$returningId();
  return (await ctx.loaders.activity.load(created!.id))!;
}

/** The activity for those who manage it (its shop's merchant, admins), else NOT_FOUND. */
async function managedActivity(ctx: PromotionContext, id: string): Promise<ActivityRow> {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const activity = await loadReference(ctx.loaders.activity, id);
  if (!activity || !canManageShop(ctx.identity, activity.shopId)) throw notFound('Activity', id);
  return activity;
}

/**
 * `updateActivity`: new terms for an activity that has not started (one running, or over,
 * has priced orders: end it and create another). Its shop stays.
 */
export async function updateActivity(ctx: PromotionContext, id: string, input: ActivityInput): Promise<ActivityRow> {
  const activity = await managedActivity(ctx, id);
  if (input.shopId != null && parseId(input.shopId, 'Shop') !== activity.shopId) throw badInput('An activity stays in its shop.', 'input.shopId');
  const values = await checkedValues(ctx, activity.shopId, input);
  const now = new Date();
  // Conditional: an update racing its start (or an end) changes nothing.
  const [changed] = await ctx.db
    .update(activities)
    .set(values)
    .where(and(eq(activities.id, activity.id), gt(activities.startsAt, now), ne(activities.status, 'ENDED')));
  if (changed.affectedRows === 0) throw new AppError(ErrorCode.CONFLICT, 'This activity has started or ended: end it and create another.', { reason: 'ACTIVITY_STARTED' });
  ctx.loaders.activity.clear(activity.id);
  return (await ctx.loaders.activity.load(activity.id))!;
}

/** `setActivityStatus`: pause, resume or end; an ended activity stays ended. Orders already placed keep their price. */
export async function setActivityStatus(ctx: PromotionContext, id: string, status: ActivityStatus): Promise<ActivityRow> {
  const activity = await managedActivity(ctx, id);
  if (activity.status === status) return activity;
  if (activity.status === 'ENDED') throw conflict('This activity has ended for good.');
  const [changed] = await ctx.db.update(activities).set({ status }).where(and(eq(activities.id, activity.id), ne(activities.status, 'ENDED')));
  if (changed.affectedRows === 0) throw conflict('This activity has ended for good.');
  ctx.loaders.activity.clear(activity.id);
  return (await ctx.loaders.activity.load(activity.id))!;
}

/** Whether an activity prices carts now: active and within its window. */
export const isRunning = (a: ActivityRow, now = new Date()) => a.status === 'ACTIVE' && a.startsAt <= now && a.endsAt > now;

/** `activity(id)`: public while active and not over; otherwise for its shop's merchant and admins (null for others). */
export async function activityForCaller(ctx: PromotionContext, id: string | number): Promise<ActivityRow | null> {
  const activity = await loadReference(ctx.loaders.activity, id);
  if (!activity) return null;
  return (activity.status === 'ACTIVE' && activity.endsAt > new Date()) || canManageShop(ctx.identity, activity.shopId) ? activity : null;
}

/** `activities(shopId)`: a shop's activities, newest first: active ones not over for anyone; every one, by `status`, for its merchant and admins. */
export function shopActivities(ctx: PromotionContext, args: { shopId: string; status?: ActivityStatus | null; first?: number | null; after?: string | null }): Promise<Connection<ActivityRow>> {
  const shopId = parseId(args.shopId, 'Shop');
  const where: SQL[] = [eq(activities.shopId, shopId)];
  if (!canManageShop(ctx.identity, shopId)) where.push(eq(activities.status, 'ACTIVE'), gt(activities.endsAt, new Date()));
  else if (args.status) where.push(eq(activities.status, args.status));
  return pageNewestFirst(
    'activities',
    { first: args.first, after: args.after, max: 50, fallback: 20 },
    async (limit, beforeId) => {
      const rows = await ctx.db
        .select()
        .from(activities)
        .where(and(...where, ...(beforeId === null ? [] : [lt(activities.id, beforeId)])))
        .orderBy(desc(activities.id))
        .limit(limit);
      for (const row of rows) ctx.loaders.activity.prime(row.id, row);
      return rows;
    },
    async () => (await ctx.db.select({ n: count() }).from(activities).where(and(...where)))[0]!.n,
  );
}

/** The activities running now in these shops (one query). */
export async function runningActivities(deps: Pick<PromotionDeps, 'db'>, shopIds: readonly string[]): Promise<ActivityRow[]> {
  if (shopIds.length === 0) return [];
  const now = new Date();
  return deps.db
    .select()
    .from(activities)
    .where(and(inArray(activities.shopId, shopIds.map(Number)), eq(activities.status, 'ACTIVE'), lte(activities.startsAt, now), gt(activities.endsAt, now)));
}

/** An activity as the pricing engine weighs it. */
export function asPricingActivity(a: ActivityRow): PricingActivity {
  return {
    activityId: String(a.id),
    name: a.name,
    shopId: String(a.shopId),
    kind: a.kind,
    tiers: a.tiers,
    prices: a.prices,
    scope: a.scope,
    scopeIds: a.scopeIds,
    excludedProductIds: a.excludedProductIds,
    excludesCoupons: a.excludesCoupons,
    budgetLeft: a.budget === null ? null : Math.max(0, a.budget - a.held - a.spent),
  };
}

const exhausted = (resource: string) =>
  new AppError(ErrorCode.CONFLICT, `Activity ${resource} cannot take this order: its budget is used up, or it has stopped. Quote the checkout again.`, {
    reason: 'BUDGET_EXHAUSTED',
    activityId: resource,
  });

/**
 * Activities' budgets as a reservation pool (the kit's reservations): the resource is an
 * activity, the quantity the cents an order's price takes from it, the owner the order.
 * Taking is one conditional UPDATE (`held + spent + amount <= budget`, the activity running),
 * so concurrent checkouts never take more than the budget; committing moves the amount from
 * `held` to `spent` and counts the order; giving back frees it.
 */
const activityPool: ReservationPool<PromotionSchema> = {
  name: 'activity',
  async take(tx, resource, quantity) {
    const now = new Date();
    const [taken] = await tx
      .update(activities)
      .set({ held: sql`${activities.held} + ${quantity}` })
      .where(
        and(
          eq(activities.id, Number(resource)),
          eq(activities.status, 'ACTIVE'),
          lte(activities.startsAt, now),
          gt(activities.endsAt, now),
          sql`(${activities.budget} IS NULL OR ${activities.held} + ${activities.spent} + ${quantity} <= ${activities.budget})`,
        ),
      );
    if (taken.affectedRows !== 1) throw exhausted(resource);
  },
  async give(tx, resource, quantity) {
    await tx.update(activities).set({ held: sql`${activities.held} - ${quantity}` }).where(eq(activities.id, Number(resource)));
  },
  async commit(tx, resource, quantity) {
    await tx
      .update(activities)
      .set({ held: sql`${activities.held} - ${quantity}`, spent: sql`${activities.spent} + ${quantity}`, orders: sql`${activities.orders} + 1` })
      .where(eq(activities.id, Number(resource)));
  },
  async uncommit(tx, resource, quantity) {
    await tx
      .update(activities)
      .set({ held: sql`${activities.held} + ${quantity}`, spent: sql`${activities.spent} - ${quantity}`, orders: sql`${activities.orders} - 1` })
      .where(eq(activities.id, Number(resource)));
  },
};

/** `promotion.activities.reserve`: what an order's price takes from its shop's activities, held against their budgets. */
export async function reserveActivities(deps: Pick<PromotionDeps, 'db'>, owner: string, taken: Array<{ activityId: string; amount: number }>): Promise<{ replayed: boolean }> {
  const { replayed } = await reserve(deps.db, activityPool, owner, taken.map((t) => ({ resource: t.activityId, quantity: t.amount })));
  return { replayed };
}

/** `promotion.activities.release`: an order's hold given back (it ended unpaid, or its checkout failed). */
export async function releaseActivities(deps: Pick<PromotionDeps, 'db'>, owner: string): Promise<{ released: number; replayed: boolean }> {
  const { released, replayed } = await release(deps.db, activityPool, owner);
  return { released: released.length, replayed };
}

/** An order holding activity budgets was paid: what it took is spent. */
export async function activityOrderPaid(deps: Pick<PromotionDeps, 'db' | 'log'>, orderNo: string): Promise<void> {
  try {
    await commit(deps.db, activityPool, orderNo);
  } catch (error) {
    // Refunded in full (closed) and given back before this payment's event came here.
    if (error instanceof AppError && error.extensions['reason'] === 'RELEASED') return;
    throw error;
  }
}

/** An order holding activity budgets ended unpaid: the hold goes back. */
export async function activityOrderCancelled(deps: Pick<PromotionDeps, 'db' | 'log'>, orderNo: string): Promise<void> {
  try {
    await releaseActivities(deps, orderNo);
  } catch (error) {
    if (!(error instanceof AppError && error.extensions['reason'] === 'COMMITTED')) throw error;
    deps.log.warn({ orderNo }, 'a cancelled order’s activity budget was already spent; left spent');
  }
}

/** An order holding activity budgets was refunded in full before it shipped: what it took comes back to the budgets. */
export async function activityOrderClosed(deps: Pick<PromotionDeps, 'db' | 'log'>, orderNo: string): Promise<void> {
  await activityOrderPaid(deps, orderNo);
  await restore(deps.db, activityPool, orderNo);
}
