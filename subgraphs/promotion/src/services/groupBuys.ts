import { and, asc, desc, eq, gt, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import { AppError, ErrorCode, MONEY_LIMITS, badInput, canManageShop, cents, intInRange, loadReference, notFound, parseId, requireRole, retryOnDeadlock, text, timeInput, tryParseId } from '@mall/kit';
import type { PromotionContext, PromotionDeps } from '../context.ts';
import { groupBuyActivities, groupBuyPrices, groupBuySeats, groupBuyTeams, type GroupBuyActivityRow, type GroupBuyPriceRow, type GroupBuyTeamRow } from '../db/schema.ts';
import type { GroupBuyInput } from '../generated/graphql.ts';

const HOUR_MS = 3_600_000;

/** Whether a group buy sells now: ACTIVE and inside its window. */
export const groupBuyRunning = (activity: Pick<GroupBuyActivityRow, 'status' | 'startsAt' | 'endsAt'>, now = new Date()) =>
  activity.status === 'ACTIVE' && activity.startsAt <= now && activity.endsAt > now;

/**
 * `createGroupBuy` (MERCHANT for their shop's product, or ADMIN): SKUs of one product at a
 * group price below their price (and an optional opener's price, 团长价, at most the group
 * price), a team size of 2–50, hours a team has to fill (1–72, from when its opener pays),
 * a per-member limit, the units it sells in all and its window; coupons off unless allowed;
 * virtual completion (虚拟成团) off unless a share of seats is set. A SKU is in at most one
 * group buy at a time (CONFLICT `OVERLAPPING_GROUP_BUY`).
 */
export async function createGroupBuy(ctx: PromotionContext, input: GroupBuyInput): Promise<GroupBuyActivityRow> {
  const caller = requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const name = text(input.name, 'input.name', 2, 40);
  const teamSize = intInRange(input.teamSize, 'input.teamSize', 2, 50);
  const hours = intInRange(input.hours, 'input.hours', 1, 72);
  const perMemberLimit = intInRange(input.perMemberLimit ?? 1, 'input.perMemberLimit', 1, 99);
  const quantity = intInRange(input.quantity, 'input.quantity', 1, 1_000_000);
  const startsAt = timeInput(input.startsAt ?? new Date(), 'input.startsAt')!;
  const endsAt = timeInput(input.endsAt, 'input.endsAt')!;
  if (endsAt <= startsAt) throw badInput('A group buy ends after it starts.', 'input.endsAt');
  if (endsAt.getTime() <= Date.now()) throw badInput('endsAt has passed.', 'input.endsAt');
  if (endsAt.getTime() - startsAt.getTime() > 366 * 24 * HOUR_MS) throw badInput('A group buy lasts at most a year.', 'input.endsAt');
  const virtualPercent = input.virtualPercent == null ? null : intInRange(input.virtualPercent, 'input.virtualPercent', 1, 99);
  if (input.skus.length < 1 || input.skus.length > 50) throw badInput('A group buy has 1 to 50 SKUs.', 'input.skus');
  const skuIds = input.skus.map((s, i) => parseId(s.skuId, 'Sku'));
  if (new Set(skuIds).size !== skuIds.length) throw badInput('A SKU is named twice.', 'input.skus');
  const { skus } = await ctx.send(catalog.skuSnapshots, { skuIds: skuIds.map(String) });
  const prices = input.skus.map((s, i) => {
    const sku = skus.find((k) => k.skuId === String(skuIds[i]));
    if (!sku || !canManageShop(caller, sku.shopId)) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${skuIds[i]} not found in your shop.`, { field: `input.skus.${i}.skuId` });
    const price = cents(s.price, `input.skus.${i}.price`, 1, MONEY_LIMITS.order);
    if (price >= sku.price) throw badInput(`A group price is below the SKU's price (${sku.price} cents).`, `input.skus.${i}.price`);
    const leaderPrice = s.leaderPrice == null ? null : cents(s.leaderPrice, `input.skus.${i}.leaderPrice`, 1, MONEY_LIMITS.order);
    if (leaderPrice !== null && leaderPrice > price) throw badInput('An opener’s price (团长价) is at most the group price.', `input.skus.${i}.leaderPrice`);
    return { sku, price, leaderPrice };
  });
  const first = prices[0]!.sku;
  if (prices.some((p) => p.sku.productId !== first.productId)) throw badInput('A group buy’s SKUs are of one product.', 'input.skus');
  // One group price per SKU at a time (a team's price would depend on which group buy it found):
  // checked with the SKUs' price rows locked, so two group buys of a SKU set at once cannot
  // both pass (the loser of the locks is a deadlock victim, run again, and sees the winner).
  const id = await retryOnDeadlock(() => ctx.db.transaction(async (tx) => {
    const overlapping = await tx
      .select({ id: groupBuyActivities.id })
      .from(groupBuyPrices)
      .innerJoin(groupBuyActivities, eq(groupBuyActivities.id, groupBuyPrices.activityId))
      .where(and(inArray(groupBuyPrices.skuId, skuIds), ne(groupBuyActivities.status, 'ENDED'), lt(groupBuyActivities.startsAt, endsAt), gt(groupBuyActivities.endsAt, startsAt)))
      .for('update');
    if (overlapping.length > 0) {
      throw new AppError(ErrorCode.CONFLICT, 'A SKU of it is in another group buy at the same time.', { reason: 'OVERLAPPING_GROUP_BUY', groupBuyId: String(overlapping[0]!.id) });
    }
    const [created] = await tx
      .insert(groupBuyActivities)
      .values({
        shopId: Number(first.shopId),
        productId: Number(first.productId),
        name,
        teamSize,
        hours,
        perMemberLimit,
        quantity,
        startsAt,
        endsAt,
        allowCoupons: input.allowCoupons === true,
        virtualPercent,
        createdBy: `${caller.role.toLowerCase()}:${caller.userId}`.slice(0, 40),
      })
      .$returningId();
    await tx.insert(groupBuyPrices).values(prices.map((p) => ({ activityId: created!.id, skuId: Number(p.sku.skuId), price: p.price, leaderPrice: p.leaderPrice, listPrice: p.sku.price })));
    return created!.id;
  }));
  return (await ctx.loaders.groupBuy.load(id))!;
}

/** The group buy for those who manage it (its shop's merchant, admins), else NOT_FOUND. */
async function managedGroupBuy(ctx: PromotionContext, id: string): Promise<GroupBuyActivityRow> {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const activity = await loadReference(ctx.loaders.groupBuy, id);
  if (!activity || !canManageShop(ctx.identity, activity.shopId)) throw notFound('GroupBuy', id);
  return activity;
}

/**
 * `setGroupBuyStatus`: PAUSED (no new teams), ACTIVE again, or ENDED for good. Teams
 * already forming keep their time, their joins and their outcome.
 */
export async function setGroupBuyStatus(ctx: PromotionContext, id: string, status: GroupBuyActivityRow['status']): Promise<GroupBuyActivityRow> {
  const activity = await managedGroupBuy(ctx, id);
  if (activity.status === 'ENDED' && status !== 'ENDED') throw new AppError(ErrorCode.CONFLICT, 'This group buy has ended.', { reason: 'ENDED' });
  await ctx.db.update(groupBuyActivities).set({ status }).where(eq(groupBuyActivities.id, activity.id));
  ctx.loaders.groupBuy.clear(activity.id);
  return (await ctx.loaders.groupBuy.load(activity.id))!;
}

/** A shop's group buys, newest first (its merchant, admins). */
export async function shopGroupBuys(ctx: PromotionContext, shopId: string | null | undefined): Promise<GroupBuyActivityRow[]> {
  const caller = requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const shop = shopId == null ? (caller.role === 'MERCHANT' ? tryParseId(caller.shopId ?? '') : null) : parseId(shopId, 'Shop');
  if (shop === null) throw badInput('Name the shop.', 'shopId');
  if (!canManageShop(caller, shop)) throw notFound('Shop', String(shop));
  const rows = await ctx.db.select().from(groupBuyActivities).where(eq(groupBuyActivities.shopId, shop)).orderBy(desc(groupBuyActivities.id)).limit(100);
  for (const row of rows) ctx.loaders.groupBuy.prime(row.id, row);
  return rows;
}

/** The terms a group-buy checkout is priced and seated by: the activity, the SKU's prices, the team joined (null: opening one). */
export interface GroupBuyTerms {
  activity: GroupBuyActivityRow;
  price: GroupBuyPriceRow;
  team: GroupBuyTeamRow | null;
  /** What one unit costs this buyer: the opener's price when opening a team (when set), else the group price. */
  unitPrice: number;
}

/**
 * The terms for a SKU: joining `teamId` (its activity must sell the SKU; the team's state is
 * checked when the seat is taken) or opening a team (the SKU's group buy running now). NOT_FOUND for an unknown team; CONFLICT
 * `ACTIVITY_CLOSED` when no group buy of the SKU sells now; BAD_USER_INPUT
 * `NOT_IN_ACTIVITY` for a SKU the team's group buy does not sell. The seat itself is taken
 * (and every limit checked under lock) by `takeSeat`.
 */
export async function groupBuyTerms(deps: Pick<PromotionDeps, 'db'>, skuId: number, teamId: number | null, now = new Date()): Promise<GroupBuyTerms> {
  let team: GroupBuyTeamRow | null = null;
  let activity: GroupBuyActivityRow | undefined;
  if (teamId !== null) {
    [team = null] = await deps.db.select().from(groupBuyTeams).where(eq(groupBuyTeams.id, teamId));
    if (!team) throw notFound('GroupBuyTeam', String(teamId));
    [activity] = await deps.db.select().from(groupBuyActivities).where(eq(groupBuyActivities.id, team.activityId));
  } else {
    [activity] = await deps.db
      .select({ activity: groupBuyActivities })
      .from(groupBuyPrices)
      .innerJoin(groupBuyActivities, eq(groupBuyActivities.id, groupBuyPrices.activityId))
      .where(and(eq(groupBuyPrices.skuId, skuId), eq(groupBuyActivities.status, 'ACTIVE'), lte(groupBuyActivities.startsAt, now), gt(groupBuyActivities.endsAt, now)))
      .orderBy(asc(groupBuyActivities.id))
      .limit(1)
      .then((rows) => rows.map((r) => r.activity));
  }
  // A team that formed keeps its time whatever its group buy does meanwhile (paused, ended, past its window); a new team needs it running.
  if (!activity || (team === null && !groupBuyRunning(activity, now))) throw new AppError(ErrorCode.CONFLICT, 'No group buy of this SKU is running now.', { reason: 'ACTIVITY_CLOSED' });
  const [price] = await deps.db.select().from(groupBuyPrices).where(and(eq(groupBuyPrices.activityId, activity.id), eq(groupBuyPrices.skuId, skuId)));
  if (!price) throw new AppError(ErrorCode.BAD_USER_INPUT, 'This team’s group buy does not sell this SKU.', { reason: 'NOT_IN_ACTIVITY', field: 'skuId' });
  return { activity, price, team, unitPrice: team === null ? (price.leaderPrice ?? price.price) : price.price };
}

/** `Product.groupBuy`: the product's group buy running now (or the next one to come), null when none. */
export async function productGroupBuy(ctx: PromotionContext, productId: string): Promise<GroupBuyActivityRow | null> {
  const id = tryParseId(productId);
  if (id === null) return null;
  const rows = await ctx.loaders.groupBuysOfProduct.load(id);
  const now = new Date();
  return rows.find((a) => groupBuyRunning(a, now)) ?? rows.find((a) => a.status === 'ACTIVE' && a.startsAt > now) ?? null;
}

/** Group buys' figures for their operators: teams by outcome, seats paid, what was refunded, and GMV; two queries for any number of them. */
export async function groupBuyFigures(deps: Pick<PromotionDeps, 'db'>, activityIds: readonly number[]) {
  const ids = [...activityIds];
  const teams = await deps.db
    .select({ activityId: groupBuyTeams.activityId, status: groupBuyTeams.status, virtual: groupBuyTeams.virtual, n: sql<string>`COUNT(*)` })
    .from(groupBuyTeams)
    .where(inArray(groupBuyTeams.activityId, ids))
    .groupBy(groupBuyTeams.activityId, groupBuyTeams.status, groupBuyTeams.virtual);
  const money = await deps.db
    .select({
      activityId: groupBuySeats.activityId,
      gmv: sql<string | null>`SUM(CASE WHEN ${groupBuySeats.status} = 'PAID' THEN ${groupBuySeats.paid} ELSE 0 END)`,
      refunded: sql<string | null>`SUM(CASE WHEN ${groupBuySeats.status} = 'REFUNDED' THEN ${groupBuySeats.paid} ELSE 0 END)`,
      seats: sql<string | null>`SUM(CASE WHEN ${groupBuySeats.status} = 'PAID' THEN 1 ELSE 0 END)`,
    })
    .from(groupBuySeats)
    .where(inArray(groupBuySeats.activityId, ids))
    .groupBy(groupBuySeats.activityId);
  return ids.map((id) => {
    const mine = teams.filter((t) => t.activityId === id);
    const countOf = (f: (t: (typeof teams)[number]) => boolean) => mine.filter(f).reduce((n, t) => n + Number(t.n), 0);
    const m = money.find((row) => row.activityId === id);
    return {
      teamsOpened: countOf((t) => t.status !== 'OPENING' && t.status !== 'CANCELLED'),
      teamsForming: countOf((t) => t.status === 'FORMING'),
      teamsSucceeded: countOf((t) => t.status === 'SUCCEEDED'),
      teamsSucceededVirtually: countOf((t) => t.status === 'SUCCEEDED' && t.virtual),
      teamsFailed: countOf((t) => t.status === 'FAILED'),
      seatsPaid: Number(m?.seats ?? 0),
      gmv: Number(m?.gmv ?? 0),
      refunded: Number(m?.refunded ?? 0),
    };
  });
}
export type GroupBuyFiguresView = Awaited<ReturnType<typeof groupBuyFigures>>[number];
