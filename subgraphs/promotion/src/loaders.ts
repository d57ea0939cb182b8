import DataLoader from 'dataloader';
import { and, asc, count, eq, gt, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import { loaderByKey } from '@mall/kit';
import type { PromotionDeps } from './context.ts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { activities, couponTemplates, coupons, flashEntries, flashHolds, flashReminders, flashSessions, freightTemplates, groupBuyActivities, groupBuyPrices, groupBuySeats, groupBuyTeams, type ActivityRow, type CouponTemplateRow, type FlashEntryRow, type FlashSessionRow, type GroupBuyActivityRow, type GroupBuyPriceRow, type GroupBuySeatRow, type GroupBuyTeamRow } from './db/schema.ts';
import { groupBuyFigures } from './services/groupBuys.ts';
import { openTeamsOf } from './services/groupTeams.ts';
import { runningActivities } from './services/activities.ts';
import { gateFigures } from './services/flashGate.ts';

export interface ProductFacts {
  productId: string;
  shopId: string;
  categoryIds: string[];
}

/** Per request: templates by id, shops' freight templates, and how many of each template one member holds, one query per batch. */
export function createLoaders(deps: PromotionDeps) {
  return {
    groupBuy: loaderByKey(
      (ids: readonly number[]) => deps.db.select().from(groupBuyActivities).where(inArray(groupBuyActivities.id, [...ids])),
      (row) => row.id,
    ),
    groupTeam: loaderByKey(
      (ids: readonly number[]) => deps.db.select().from(groupBuyTeams).where(inArray(groupBuyTeams.id, [...ids])),
      (row) => row.id,
    ),
    /** Group buys' SKU prices, by group buy. */
    groupPricesOf: new DataLoader<number, GroupBuyPriceRow[]>(async (ids) => {
      const rows = await deps.db.select().from(groupBuyPrices).where(inArray(groupBuyPrices.activityId, [...ids])).orderBy(asc(groupBuyPrices.skuId));
      return ids.map((id) => rows.filter((r) => r.activityId === id));
    }),
    /** Products' group buys not ended nor over, oldest first. */
    groupBuysOfProduct: new DataLoader<number, GroupBuyActivityRow[]>(async (productIds) => {
      const rows = await deps.db
        .select()
        .from(groupBuyActivities)
        .where(and(inArray(groupBuyActivities.productId, [...productIds]), inArray(groupBuyActivities.status, ['ACTIVE', 'PAUSED']), gt(groupBuyActivities.endsAt, new Date())))
        .orderBy(asc(groupBuyActivities.startsAt));
      return productIds.map((id) => rows.filter((r) => r.productId === id));
    }),
    /** Teams' paid seats, opener first (a share page's members). */
    groupMembersOf: new DataLoader<number, GroupBuySeatRow[]>(async (teamIds) => {
      const rows = await deps.db.select().from(groupBuySeats).where(and(inArray(groupBuySeats.teamId, [...teamIds]), eq(groupBuySeats.status, 'PAID'))).orderBy(asc(groupBuySeats.id));
      return teamIds.map((id) => rows.filter((r) => r.teamId === id).sort((a, b) => Number(b.leader) - Number(a.leader)));
    }),
    openTeamsOf: new DataLoader<number, GroupBuyTeamRow[]>((productIds) => openTeamsOf(deps, productIds)),
    groupFigures: new DataLoader<number, Awaited<ReturnType<typeof groupBuyFigures>>[number]>((ids) => groupBuyFigures(deps, ids)),
    template: loaderByKey(
      (ids: readonly number[]) => deps.db.select().from(couponTemplates).where(inArray(couponTemplates.id, [...ids])),
      (row) => row.id,
    ),
    flashSession: loaderByKey(
      (ids: readonly number[]) => deps.db.select().from(flashSessions).where(inArray(flashSessions.id, [...ids])),
      (row) => row.id,
    ),
    flashEntry: loaderByKey(
      (ids: readonly number[]) => deps.db.select().from(flashEntries).where(inArray(flashEntries.id, [...ids])),
      (row) => row.id,
    ),
    /** Sessions' entries, by session id: one query for every session a request shows. */
    flashEntriesOf: new DataLoader<number, FlashEntryRow[]>(async (sessionIds) => {
      const rows = await deps.db.select().from(flashEntries).where(inArray(flashEntries.sessionId, [...sessionIds])).orderBy(asc(flashEntries.id));
      return sessionIds.map((id) => rows.filter((r) => r.sessionId === id));
    }),
    /** SKUs' approved entries of sessions not over, soonest first: one query for every SKU of a page. */
    flashBySku: new DataLoader<number, Array<{ entry: FlashEntryRow; session: FlashSessionRow }>>(async (skuIds) => {
      const rows = await deps.db
        .select({ entry: flashEntries, session: flashSessions })
        .from(flashEntries)
        .innerJoin(flashSessions, eq(flashSessions.id, flashEntries.sessionId))
        .where(and(inArray(flashEntries.skuId, [...skuIds]), eq(flashEntries.status, 'APPROVED'), gt(flashSessions.endsAt, new Date()), eq(flashSessions.cancelled, false)))
        .orderBy(asc(flashSessions.startsAt));
      return skuIds.map((id) => rows.filter((r) => r.entry.skuId === id));
    }),
    /** Entries' gates in Redis (remaining units, attempts): one pipeline for every entry a request shows. */
    gate: new DataLoader<number, { remaining: number | null; attempts: number }>(async (entryIds) => gateFigures(deps, entryIds)),
    /** Keyed `${memberId}:${sessionId}`: whether the member asked to be reminded, one query per batch. */
    remindedBy: new DataLoader<string, boolean>(async (keys) => {
      const pairs = keys.map((key) => key.split(':').map(Number) as [number, number]);
      const found = new Set<string>();
      for (const memberId of new Set(pairs.map(([m]) => m))) {
        const sessionIds = pairs.filter(([m]) => m === memberId).map(([, id]) => id);
        const rows = await deps.db.select({ sessionId: flashReminders.sessionId }).from(flashReminders).where(and(eq(flashReminders.memberId, memberId), inArray(flashReminders.sessionId, sessionIds)));
        for (const row of rows) found.add(`${memberId}:${row.sessionId}`);
      }
      return keys.map((key) => found.has(key));
    }),
    /** Holds won per entry (figures), one query per batch. */
    flashWinners: new DataLoader<number, number>(async (entryIds) => {
      const rows = await deps.db.select({ entryId: flashHolds.entryId, n: count() }).from(flashHolds).where(inArray(flashHolds.entryId, [...entryIds])).groupBy(flashHolds.entryId);
      return entryIds.map((id) => rows.find((r) => r.entryId === id)?.n ?? 0);
    }),
    activity: loaderByKey(
      (ids: readonly number[]) => deps.db.select().from(activities).where(inArray(activities.id, [...ids])),
      (row) => row.id,
    ),
    /** The activities running now, by shop: one query for every shop a request asks about. */
    runningActivities: new DataLoader<string, ActivityRow[]>(async (shopIds) => {
      const rows = await runningActivities(deps, shopIds);
      return shopIds.map((shopId) => rows.filter((r) => String(r.shopId) === shopId));
    }),
    /** SKUs as catalog has them now (price, shop, product, categories): one command per 200 SKUs. */
    skuFacts: new DataLoader<string, SkuSnapshot | null>(
      async (ids) => {
        const { skus } = await deps.send(catalog.skuSnapshots, { skuIds: [...ids] });
        const byId = new Map(skus.map((s) => [s.skuId, s] as const));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { maxBatchSize: 200 },
    ),
    /** A shop's freight template by shop id (null: it has none). */
    freightTemplate: loaderByKey(
      (shopIds: readonly number[]) => deps.db.select().from(freightTemplates).where(inArray(freightTemplates.shopId, [...shopIds])),
      (row) => row.shopId,
    ),
    /** Keyed `${memberId}:${templateId}`. */
    heldByMember: new DataLoader<string, number>(async (keys) => {
      const pairs = keys.map((key) => key.split(':').map(Number) as [number, number]);
      const counts = new Map<string, number>();
      for (const memberId of new Set(pairs.map(([m]) => m))) {
        const templateIds = pairs.filter(([m]) => m === memberId).map(([, t]) => t);
        const rows = await deps.db
          .select({ templateId: coupons.templateId, n: count() })
          .from(coupons)
          .where(and(eq(coupons.memberId, memberId), inArray(coupons.templateId, templateIds)))
          .groupBy(coupons.templateId);
        for (const row of rows) counts.set(`${memberId}:${row.templateId}`, row.n);
      }
      return keys.map((key) => counts.get(key) ?? 0);
    }),
    /** Products' shops and category paths from catalog: one command per 200 products. */
    productFacts: new DataLoader<string, ProductFacts | null>(
      async (ids) => {
        const { products } = await deps.send(catalog.productFacts, { productIds: [...ids] });
        const byId = new Map(products.map((p) => [p.productId, p] as const));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { maxBatchSize: 200 },
    ),
    /**
     * What the coupon centre offers now, by shop (`platform` for the platform's): one query
     * for every shop a request asks about, the platform's included.
     */
    centreTemplates: new DataLoader<string, CouponTemplateRow[]>(async (keys) => {
      const now = new Date();
      const shopIds = keys.filter((k) => k !== 'platform').map(Number);
      const rows = await deps.db
        .select()
        .from(couponTemplates)
        .where(
          and(
            eq(couponTemplates.status, 'ACTIVE'),
            eq(couponTemplates.claimable, true),
            lte(couponTemplates.claimStartsAt, now),
            gt(couponTemplates.claimEndsAt, now),
            lt(couponTemplates.issued, couponTemplates.totalQuantity),
            shopIds.length > 0 ? or(isNull(couponTemplates.shopId), inArray(couponTemplates.shopId, shopIds)) : isNull(couponTemplates.shopId),
          ),
        );
      return keys.map((key) => rows.filter((r) => (key === 'platform' ? r.shopId === null : String(r.shopId) === key)));
    }),
  };
}

export type PromotionLoaders = ReturnType<typeof createLoaders>;
