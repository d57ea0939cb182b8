import { and, count, desc, eq, lt, type SQL } from 'drizzle-orm';
import { catalog } from '@mall/contracts';
import {
  badInput,
  canManageShop,
  conflict,
  notFound,
  pageNewestFirst,
  requireIdentity,
  requireRole,
  text,
  tryParseId,
  type Connection,
  type Identity,
} from '@mall/kit';
import type { OrderContext, OrderDb } from '../context.ts';
import { orders, type OrderRow, type OrderStatus } from '../db/schema.ts';
import { illegal, transition } from './lifecycle.ts';

/** Who may see an order: its buyer, its shop's merchant, admins. */
export function canSee(identity: Identity | null, order: OrderRow): boolean {
  if (!identity) return false;
  if (identity.role === 'MEMBER') return identity.userId === String(order.memberId);
  return canManageShop(identity, order.shopId);
}

/** An order the caller may see; NOT_FOUND otherwise (its existence is nobody else's business). */
export async function visibleOrder(ctx: OrderContext, id: string | number): Promise<OrderRow> {
  requireIdentity(ctx.identity);
  const parsed = tryParseId(id);
  const order = parsed === null ? null : await ctx.loaders.order.load(parsed);
  if (!order || !canSee(ctx.identity, order)) throw notFound('Order', id);
  return order;
}

export async function listOrders(
  ctx: OrderContext,
  scope: { memberId?: number; shopId?: number },
  args: { status?: OrderStatus | null; first?: number | null; after?: string | null },
): Promise<Connection<OrderRow>> {
  const where: SQL[] = [];
  if (scope.memberId !== undefined) where.push(eq(orders.memberId, scope.memberId));
  if (scope.shopId !== undefined) where.push(eq(orders.shopId, scope.shopId));
  if (args.status) where.push(eq(orders.status, args.status));
  return pageNewestFirst(
    'orders',
    { first: args.first, after: args.after, max: 50, fallback: 10 },
    async (limit, beforeId) => {
      const rows = await ctx.db
        .select()
        .from(orders)
        .where(and(...where, ...(beforeId === null ? [] : [lt(orders.id, beforeId)])))
        .orderBy(desc(orders.id))
        .limit(limit);
      for (const row of rows) ctx.loaders.order.prime(row.id, row);
      return rows;
    },
    async () => (await ctx.db.select({ n: count() }).from(orders).where(and(...where)))[0]?.n ?? 0,
  );
}

async function reload(ctx: OrderContext, id: number): Promise<OrderRow> {
  ctx.loaders.order.clear(id);
  ctx.loaders.timelineOf.clear(id);
  const order = await ctx.loaders.order.load(id);
  if (!order) throw notFound('Order', id);
  return order;
}

/** Releases a cancelled order's stock and remembers it did; the sweeper retries when catalog could not be reached. */
export async function settleCancelledStock(db: OrderDb, send: OrderContext['parts']['send'], order: OrderRow): Promise<void> {
  await send(catalog.releaseStock, { orderId: order.orderNo });
  await db.update(orders).set({ stockSettled: true }).where(eq(orders.id, order.id));
}

/** The buyer cancels while the order waits for payment; its stock goes back. */
export async function cancelOrder(ctx: OrderContext, id: string, reason?: string | null): Promise<OrderRow> {
  const caller = requireRole(ctx.identity, 'MEMBER', 'ADMIN');
  const order = await visibleOrder(ctx, id);
  const note = reason == null ? '买家取消' : text(reason, 'reason', 1, 200);
  const cancelled = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    if (current!.status !== 'PENDING_PAYMENT') throw illegal(current!, 'CANCELLED');
    return transition(tx, current!, 'CANCELLED', { actor: caller.role === 'ADMIN' ? 'admin' : 'member', note, set: { cancelledAt: new Date(), cancelReason: note } });
  });
  if (!cancelled) throw conflict('The order changed meanwhile; reload it.');
  ctx.parts.relay.nudge();
  await settleCancelledStock(ctx.db, ctx.parts.send, cancelled).catch((error: unknown) => ctx.log.warn({ err: error }, 'stock release deferred to the sweeper'));
  return reload(ctx, order.id);
}

/** The shop's merchant ships a paid order. */
export async function shipOrder(ctx: OrderContext, id: string, carrier: string, trackingNumber: string): Promise<OrderRow> {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const order = await visibleOrder(ctx, id);
  const values = { carrier: text(carrier, 'carrier', 2, 40), trackingNumber: text(trackingNumber, 'trackingNumber', 4, 64) };
  if (!/^[A-Za-z0-9-]+$/.test(values.trackingNumber)) throw badInput('A tracking number has letters, digits and dashes.', 'trackingNumber');
  const shipped = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    return transition(tx, current!, 'SHIPPED', { actor: 'merchant', note: `${values.carrier} ${values.trackingNumber}`, set: { ...values, shippedAt: new Date() } });
  });
  if (!shipped) throw conflict('The order changed meanwhile; reload it.');
  ctx.parts.relay.nudge();
  return reload(ctx, order.id);
}

/** The buyer confirms receipt of a shipped order. */
export async function confirmReceipt(ctx: OrderContext, id: string): Promise<OrderRow> {
  requireRole(ctx.identity, 'MEMBER');
  const order = await visibleOrder(ctx, id);
  const completed = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    return transition(tx, current!, 'COMPLETED', { actor: 'member', note: '确认收货', set: { completedAt: new Date() } });
  });
  if (!completed) throw conflict('The order changed meanwhile; reload it.');
  ctx.parts.relay.nudge();
  return reload(ctx, order.id);
}
