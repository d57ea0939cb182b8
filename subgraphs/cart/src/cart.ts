import DataLoader from 'dataloader';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { catalog } from '@mall/contracts';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import {
  AppError,
  ErrorCode,
  badInput,
  conflict,
  cny,
  forbidden,
  notFound,
  requireRole,
  retryOnDeadlock,
  tryParseId,
  type CommandSender,
  type SubgraphContext,
} from '@mall/kit';
import { cartLines, type CartLineRow, type CartSchema } from './schema.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 999;

export interface CartParts {
  send: CommandSender;
}

/** Per request: today's SKU snapshots from catalog, one command for all SKUs of the request. */
export function createLoaders(_db: MySql2Database<CartSchema>, parts: CartParts) {
  const send = parts.send;
  return {
    // One command per 200 SKUs (the contract's limit), however many a request touches.
    sku: new DataLoader<number, SkuSnapshot | null>(
      async (ids) => {
        const { skus } = await send(catalog.skuSnapshots, { skuIds: ids.map(String) });
        return ids.map((id) => skus.find((s) => s.skuId === String(id)) ?? null);
      },
      { maxBatchSize: 200 },
    ),
  };
}

export type CartLoaders = ReturnType<typeof createLoaders>;
export type CartContext = SubgraphContext<CartSchema, CartLoaders, CartParts>;

/** A member as cart knows one: by id. */
export interface MemberRef {
  id: string;
}

/** A member's cart: their lines, resolved against today's catalog when selected. */
export interface CartView {
  memberId: number;
  lines: CartLineRow[];
}

export async function cartOf(ctx: CartContext, memberId: number): Promise<CartView> {
  const lines = await ctx.db.select().from(cartLines).where(eq(cartLines.memberId, memberId)).orderBy(desc(cartLines.id));
  return { memberId, lines };
}

/** The caller's own member id (MEMBER only). */
export function callerMemberId(ctx: CartContext): number {
  return Number(requireRole(ctx.identity, 'MEMBER').userId);
}

/** A member's cart is theirs and admins' to see. */
export function requireCartReader(ctx: CartContext, memberId: number): void {
  const caller = requireRole(ctx.identity, 'MEMBER', 'ADMIN');
  if (caller.role === 'MEMBER' && caller.userId !== String(memberId)) throw forbidden('Only this member and admins can see their cart.');
}

function skuIdOf(value: string, field: string): number {
  const id = tryParseId(value);
  if (id === null) throw notFound('Sku', value);
  void field;
  return id;
}

function quantityOf(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_QUANTITY) throw badInput(`quantity must be 1–${MAX_QUANTITY}.`, field);
  return value;
}

export async function addToCart(ctx: CartContext, skuIdText: string, quantity: number): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const skuId = skuIdOf(skuIdText, 'skuId');
  quantityOf(quantity, 'quantity');
  const sku = await ctx.loaders.sku.load(skuId);
  if (!sku) throw notFound('Sku', skuIdText);
  if (!sku.onSale) throw new AppError(ErrorCode.CONFLICT, `${sku.title} is not for sale now.`, { reason: 'UNAVAILABLE' });
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
  return cartOf(ctx, memberId);
}

export async function setCartQuantity(ctx: CartContext, skuIdText: string, quantity: number): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const skuId = skuIdOf(skuIdText, 'skuId');
  quantityOf(quantity, 'quantity');
  const [result] = await ctx.db.update(cartLines).set({ quantity }).where(and(eq(cartLines.memberId, memberId), eq(cartLines.skuId, skuId)));
  if (result.affectedRows === 0) throw notFound('Cart line for SKU', skuIdText);
  return cartOf(ctx, memberId);
}

export async function removeFromCart(ctx: CartContext, skuIds: string[]): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const ids = skuIds.map((id) => skuIdOf(id, 'skuIds'));
  if (ids.length > 0) await ctx.db.delete(cartLines).where(and(eq(cartLines.memberId, memberId), inArray(cartLines.skuId, ids)));
  return cartOf(ctx, memberId);
}

export async function selectCartLines(ctx: CartContext, skuIds: string[], selected: boolean): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  const ids = skuIds.map((id) => skuIdOf(id, 'skuIds'));
  if (ids.length > 0) await ctx.db.update(cartLines).set({ selected }).where(and(eq(cartLines.memberId, memberId), inArray(cartLines.skuId, ids)));
  return cartOf(ctx, memberId);
}

export async function clearCart(ctx: CartContext): Promise<CartView> {
  const memberId = callerMemberId(ctx);
  await ctx.db.delete(cartLines).where(eq(cartLines.memberId, memberId));
  return cartOf(ctx, memberId);
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

export { cny };
