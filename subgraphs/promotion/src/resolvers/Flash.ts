import { canManageShop, cny, loadReference } from '@mall/kit';
import type { FlashEntryFiguresResolvers, FlashEntryResolvers, FlashHoldResolvers, FlashSessionResolvers } from '../generated/graphql.ts';
import { remainingNow } from '../services/flashBuy.ts';
import { remindedByCaller, sessionStatus } from '../services/flashSessions.ts';

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
  attempts: async (entry, _, ctx) => (entry.status === 'ENDED' ? entry.attempts : (await ctx.loaders.gate.load(entry.id)).attempts),
  winners: (entry, _, ctx) => ctx.loaders.flashWinners.load(entry.id),
  gmv: (entry) => cny(entry.gmv),
};

export const FlashHold: FlashHoldResolvers = {
  entry: async (hold, _, ctx) => (await ctx.loaders.flashEntry.load(hold.entryId))!,
  order: (hold) => (hold.orderId === null ? null : { id: String(hold.orderId) }),
};
