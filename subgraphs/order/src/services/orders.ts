import { and, count, desc, eq, lt, type SQL } from 'drizzle-orm';
import {
  allocate,
  badInput,
  canManageShop,
  conflict,
  forbidden,
  notFound,
  pageNewestFirst,
  requireIdentity,
  requireRole,
  text,
  tryParseId,
  type Connection,
  type Identity,
} from '@mall/kit';
import type { OrderContext } from '../context.ts';
import { orders, type OrderLineRow, type OrderRow, type OrderStatus } from '../db/schema.ts';
import { illegal, scheduleAutoComplete, scheduleSettlement, settleCancelledStock, transition } from './lifecycle.ts';
import { groupBuyHold } from './groupOrders.ts';

/**
 * A line's share of its order's discount. Orders placed before shares were stored (every
 * line 0, the order's discount not) get theirs allocated the same way checkout does now:
 * deterministic, so a line always shows the same share, and the shares add up.
 */
export async function lineDiscount(ctx: OrderContext, line: OrderLineRow): Promise<number> {
  if (line.discountAmount !== 0) return line.discountAmount;
  const order = await ctx.loaders.order.load(line.orderId);
  if (!order || order.discountAmount === 0) return 0;
  const lines = await ctx.loaders.linesOf.load(order.id);
  if (lines.some((l) => l.discountAmount !== 0)) return 0;
  const shares = allocate(order.discountAmount, lines.map((l) => l.unitPrice * l.quantity));
  return shares[lines.findIndex((l) => l.id === line.id)] ?? 0;
}

/** Nothing, part or all of what the order was paid refunded. */
export function refundStateOf(order: Pick<OrderRow, 'refundedAmount' | 'payableAmount'>): 'NONE' | 'PARTIAL' | 'FULL' {
  if (order.refundedAmount <= 0) return 'NONE';
  return order.refundedAmount >= order.payableAmount ? 'FULL' : 'PARTIAL';
}

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

/** `order(id)`: the order when the caller may see it, else null. */
export async function orderForCaller(ctx: OrderContext, id: string): Promise<OrderRow | null> {
  requireIdentity(ctx.identity);
  const parsed = tryParseId(id);
  const order = parsed === null ? null : await ctx.loaders.order.load(parsed);
  return order && canSee(ctx.identity, order) ? order : null;
}

/** An order reference (`_entities`): null for anyone who may not see it. */
export async function orderReference(ctx: OrderContext, id: string | number): Promise<OrderRow | null> {
  const parsed = tryParseId(id);
  const order = parsed === null ? null : await ctx.loaders.order.load(parsed);
  return order && canSee(ctx.identity, order) ? order : null;
}

type ListArgs = { status?: OrderStatus | null; first?: number | null; after?: string | null };

/** `myOrders`: the calling member's orders. */
export function myOrders(ctx: OrderContext, args: ListArgs): Promise<Connection<OrderRow>> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  return listOrders(ctx, { memberId: Number(caller.userId) }, args);
}

/** `shopOrders`: the calling merchant's shop's orders. */
export function shopOrders(ctx: OrderContext, args: ListArgs): Promise<Connection<OrderRow>> {
  const caller = requireRole(ctx.identity, 'MERCHANT');
  return listOrders(ctx, { shopId: Number(caller.shopId) }, args);
}

/** `Member.orders`: the member themself and admins (FORBIDDEN for anyone else). */
export function memberOrders(ctx: OrderContext, memberId: string, args: ListArgs): Promise<Connection<OrderRow>> {
  const caller = requireRole(ctx.identity, 'MEMBER', 'ADMIN');
  if (caller.role === 'MEMBER' && caller.userId !== memberId) throw forbidden('Only this member and admins can see their orders.');
  const id = tryParseId(memberId);
  return listOrders(ctx, { memberId: id ?? 0 }, args);
}

async function listOrders(
  ctx: OrderContext,
  scope: { memberId?: number; shopId?: number },
  args: ListArgs,
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
  await settleCancelledStock(ctx, cancelled).catch((error: unknown) => ctx.log.warn({ err: error }, 'stock release deferred to the sweep'));
  return reload(ctx, order.id);
}

/** The shop's merchant ships a paid order (a group-buy order once its team succeeded). */
export async function shipOrder(ctx: OrderContext, id: string, carrier: string, trackingNumber: string): Promise<OrderRow> {
  requireRole(ctx.identity, 'MERCHANT', 'ADMIN');
  const order = await visibleOrder(ctx, id);
  const values = { carrier: text(carrier, 'carrier', 2, 40), trackingNumber: text(trackingNumber, 'trackingNumber', 4, 64) };
  if (!/^[A-Za-z0-9-]+$/.test(values.trackingNumber)) throw badInput('A tracking number has letters, digits and dashes.', 'trackingNumber');
  const shipped = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    const held = groupBuyHold(current!);
    if (held) throw held;
    const shippedAt = new Date();
    const changed = await transition(tx, current!, 'SHIPPED', { actor: 'merchant', note: `${values.carrier} ${values.trackingNumber}`, set: { ...values, shippedAt } });
    if (changed) await scheduleAutoComplete(tx, ctx, changed, shippedAt);
    return changed;
  });
  if (!shipped) throw conflict('The order changed meanwhile; reload it.');
  return reload(ctx, order.id);
}

/** The buyer confirms receipt of a shipped order. */
export async function confirmReceipt(ctx: OrderContext, id: string): Promise<OrderRow> {
  requireRole(ctx.identity, 'MEMBER');
  const order = await visibleOrder(ctx, id);
  const completed = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(orders).where(eq(orders.id, order.id)).for('update');
    const done = await transition(tx, current!, 'COMPLETED', { actor: 'member', note: '确认收货', set: { completedAt: new Date() } });
    if (done) await scheduleSettlement(tx, ctx, done);
    return done;
  });
  if (!completed) throw conflict('The order changed meanwhile; reload it.');
  return reload(ctx, order.id);
}
