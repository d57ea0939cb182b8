import { and, eq, inArray } from 'drizzle-orm';
import type { EventData } from '@mall/contracts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import { AppError, ErrorCode, badInput, conflict, forbidden, notFound, requireRole, retryOnDeadlock, tryParseId } from '@mall/kit';
import type { CartContext, CartTx } from '../context.ts';
import { cartLines, type CartLineRow } from '../db/schema.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 999;

/** A member's cart: their lines, resolved against today's catalog when selected. */
export interface CartView {
  memberId: number;
  lines: CartLineRow[];
}

async function cartOf(ctx: CartContext, memberId: number): Promise<CartView> {
  return { memberId, lines: await ctx.loaders.linesOf.load(memberId) };
}

/** The cart as a change left it: read again, whatever this request read before. */
async function changedCart(ctx: CartContext, memberId: number): Promise<CartView> {
  ctx.loaders.linesOf.clear(memberId);
  return cartOf(ctx, memberId);
}

/** The caller's own member id (MEMBER only). */
function callerMemberId(ctx: CartContext): number {
  return Number(requireRole(ctx.identity, 'MEMBER').userId);
}

/** The calling member's cart. */
export async function myCart(ctx: CartContext): Promise<CartView> {
  return cartOf(ctx, callerMemberId(ctx));
}

/** `Member.cart`: a member's cart is theirs and admins' to see (FORBIDDEN for anyone else). */
export async function memberCart(ctx: CartContext, memberIdText: string): Promise<CartView> {
  const caller = requireRole(ctx.identity, 'MEMBER', 'ADMIN');
  if (caller.role === 'MEMBER' && caller.userId !== memberIdText) throw forbidden('Only this member and admins can see their cart.');
  const memberId = tryParseId(memberIdText);
  return memberId === null ? { memberId: 0, lines: [] } : cartOf(ctx, memberId);
}

function skuIdOf(value: string): number {
  const id = tryParseId(value);
  if (id === null) throw notFound('Sku', value);
  return id;
}

/** The SKU ids of a list argument: no more than a cart can hold, each one an id that can exist. */
function skuIdsOf(values: string[]): number[] {
  if (values.length > MAX_LINES) throw badInput(`Name at most ${MAX_LINES} SKUs (a cart holds no more lines).`, 'skuIds');
  return values.map((id) => skuIdOf(id));
}

function quantityOf(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_QUANTITY) throw badInput(`quantity must be 1–${MAX_QUANTITY}.`, field);
  return value;
}

export async function addToCart(ctx: CartContext, skuIdText: string, quantity: number): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const skuId = skuIdOf(skuIdText);
  quantityOf(quantity, 'quantity');
  const sku = await ctx.loaders.sku.load(skuId);
  if (!sku) throw notFound('Sku', skuIdText);
  if (!sku.onSale) throw new AppError(ErrorCode.CONFLICT, `SKU ${skuIdText} is not for sale now.`, { reason: 'UNAVAILABLE' });
  await retryOnDeadlock(() => ctx.db.transaction(async (tx) => {
    const existing = await tx.select().from(cartLines).where(eq(cartLines.memberId, memberId)).for('update');
    const line = existing.find((l) => l.skuId === skuId);
    if (line) {
      const total = line.quantity + quantity;
      if (total > MAX_QUANTITY) throw badInput(`A line holds at most ${MAX_QUANTITY} units.`, 'quantity');
      await tx.update(cartLines).set({ quantity: total, selected: true }).where(eq(cartLines.id, line.id));
    } else {
      if (existing.length >= MAX_LINES) throw conflict(`A cart holds at most ${MAX_LINES} lines.`);
      await tx.insert(cartLines).values({ memberId, skuId, quantity });
    }
  }));
  return changedCart(ctx, memberId);
}

export async function setCartQuantity(ctx: CartContext, skuIdText: string, quantity: number): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const skuId = skuIdOf(skuIdText);
  quantityOf(quantity, 'quantity');
  const [result] = await ctx.db.update(cartLines).set({ quantity }).where(and(eq(cartLines.memberId, memberId), eq(cartLines.skuId, skuId)));
  if (result.affectedRows === 0) throw notFound('Cart line for SKU', skuIdText);
  return changedCart(ctx, memberId);
}

export async function removeFromCart(ctx: CartContext, skuIds: string[]): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const ids = skuIdsOf(skuIds);
  if (ids.length > 0) await ctx.db.delete(cartLines).where(and(eq(cartLines.memberId, memberId), inArray(cartLines.skuId, ids)));
  return changedCart(ctx, memberId);
}

export async function selectCartLines(ctx: CartContext, skuIds: string[], selected: boolean): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const ids = skuIdsOf(skuIds);
  if (ids.length > 0) await ctx.db.update(cartLines).set({ selected }).where(and(eq(cartLines.memberId, memberId), inArray(cartLines.skuId, ids)));
  return changedCart(ctx, memberId);
}

export async function clearCart(ctx: CartContext): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  await ctx.db.delete(cartLines).where(eq(cartLines.memberId, memberId));
  return changedCart(ctx, memberId);
}

export type Problem = 'SOLD_OUT' | 'NOT_ENOUGH_STOCK' | 'OFF_SHELF' | 'GONE';

/** What stands in the way of buying a line now. */
export function problemOf(line: CartLineRow, sku: SkuSnapshot | null): Problem | null {
  if (!sku) return 'GONE';
  if (!sku.onSale) return 'OFF_SHELF';
  if (sku.stock <= 0) return 'SOLD_OUT';
  if (sku.stock < line.quantity) return 'NOT_ENOUGH_STOCK';
  return null;
}

/** Today's price of a line and what stands in its way (null prices when the SKU is gone). */
export async function linePricing(ctx: CartContext, line: CartLineRow): Promise<{ unitPrice: number | null; subtotal: number | null; problem: Problem | null }> {
  const sku = await ctx.loaders.sku.load(line.skuId);
  return { unitPrice: sku?.price ?? null, subtotal: sku ? sku.price * line.quantity : null, problem: problemOf(line, sku) };
}

/** Units and total of the selected lines that can be bought now. */
export async function selectedTotals(ctx: CartContext, cart: CartView): Promise<{ quantity: number; total: number }> {
  let quantity = 0;
  let total = 0;
  for (const line of cart.lines.filter((l) => l.selected)) {
    const sku = await ctx.loaders.sku.load(line.skuId);
    if (sku && problemOf(line, sku) === null) {
      quantity += line.quantity;
      total += sku.price * line.quantity;
    }
  }
  return { quantity, total };
}

/** order.created of a checkout from the cart: its lines leave the cart (in the consumer's transaction). */
export async function removeOrderedLines(tx: CartTx, order: EventData<'order.created'>): Promise<void> {
  if (!order.fromCart) return;
  await tx
    .delete(cartLines)
    .where(and(eq(cartLines.memberId, Number(order.memberId)), inArray(cartLines.skuId, order.lines.map((l) => Number(l.skuId)))));
}
