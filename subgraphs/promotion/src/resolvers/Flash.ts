import { canManageShop, cny, loadReference } from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import type { FlashEntryRow } from '../db/schema.ts';
import type { FlashEntryFiguresResolvers, FlashEntryResolvers, FlashHoldResolvers, FlashSessionFiguresResolvers, FlashSessionResolvers } from '../generated/graphql.ts';
import { remainingNow } from '../services/flashBuy.ts';
import { remindedByCaller, sessionFigures, sessionStatus } from '../services/flashSessions.ts';

/** Attempts at an entry: the gate's count while it sells, the count kept at its end afterwards. */
const attemptsAt = async (ctx: PromotionContext, entry: FlashEntryRow) => (entry.status === 'ENDED' ? entry.attempts : (await ctx.loaders.gate.load(entry.id)).attempts);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export const FlashSession: FlashSessionResolvers = {
  __resolveReference: async (ref, ctx) => {
    const session = await loadReference(ctx.loaders.flashSession, ref.id);
    return session && (!session.cancelled || ctx.identity?.role === 'ADMIN') ? session : null;
  },
  status: (session) => sessionStatus(session),
  secondsToStart: (session) => Math.max(0, Math.ceil((session.startsAt.getTime() - Date.now()) / 1000)),
  remindedByMe: (session, _, ctx) => remindedByCaller(ctx, session),
  entries: async (session, _, ctx) => {
    const entries = await ctx.loaders.flashEntriesOf.load(session.id);
    return ctx.identity?.role === 'ADMIN' ? entries : entries.filter((e) => e.status === 'APPROVED' || e.status === 'ENDED' || canManageShop(ctx.identity, e.shopId));
  },
  figures: (session, _, ctx) => sessionFigures(ctx, session),
};

export const FlashSessionFigures: FlashSessionFiguresResolvers = {
  entries: ({ entries }) => entries.length,
  quantity: ({ entries }) => sum(entries.map((e) => e.quantity)),
  remaining: async ({ entries }, _, ctx) => sum(await Promise.all(entries.map((e) => remainingNow(ctx, e)))),
  attempts: async ({ entries }, _, ctx) => sum(await Promise.all(entries.map((e) => attemptsAt(ctx, e)))),
  winners: async ({ entries }, _, ctx) => sum(await Promise.all(entries.map((e) => ctx.loaders.flashWinners.load(e.id)))),
  held: ({ entries }) => sum(entries.map((e) => e.held)),
  sold: ({ entries }) => sum(entries.map((e) => e.sold)),
  released: ({ entries }) => sum(entries.map((e) => e.released)),
  refunded: ({ entries }) => sum(entries.map((e) => e.refunded)),
  gmv: ({ entries }) => cny(sum(entries.map((e) => e.gmv))),
  returnedAtEnd: ({ entries }) => (entries.some((e) => e.status === 'ENDED') ? sum(entries.map((e) => e.returnedAtEnd ?? 0)) : null),
};

export const FlashEntry: FlashEntryResolvers = {
  // Pending and rejected entries are for their shop's merchant and admins.
  __resolveReference: async (ref, ctx) => {
    const entry = await loadReference(ctx.loaders.flashEntry, ref.id);
    return entry && (entry.status === 'APPROVED' || entry.status === 'ENDED' || canManageShop(ctx.identity, entry.shopId)) ? entry : null;
  },
  session: async (entry, _, ctx) => (await ctx.loaders.flashSession.load(entry.sessionId))!,
  shop: (entry) => ({ id: String(entry.shopId) }),
  sku: (entry) => ({ id: String(entry.skuId) }),
  flashPrice: (entry) => cny(entry.flashPrice),
  listPrice: (entry) => cny(entry.listPrice),
  remaining: (entry, _, ctx) => remainingNow(ctx, entry),
  soldOut: async (entry, _, ctx) => entry.status === 'APPROVED' && (await remainingNow(ctx, entry)) === 0,
  figures: (entry, _, ctx) => (canManageShop(ctx.identity, entry.shopId) ? entry : null),
};

export const FlashEntryFigures: FlashEntryFiguresResolvers = {
  attempts: (entry, _, ctx) => attemptsAt(ctx, entry),
  winners: (entry, _, ctx) => ctx.loaders.flashWinners.load(entry.id),
  gmv: (entry) => cny(entry.gmv),
};

export const FlashHold: FlashHoldResolvers = {
  entry: async (hold, _, ctx) => (await ctx.loaders.flashEntry.load(hold.entryId))!,
  order: (hold) => (hold.orderId === null ? null : { id: String(hold.orderId) }),
};
