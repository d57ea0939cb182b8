import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { catalog, events, membership } from '@mall/contracts';
import { AppError, ErrorCode, badInput, conflict, isDuplicateKey, requireRole, text } from '@mall/kit';
import type { OrderContext } from '../context.ts';
import { checkouts, orderLines, orders, orderStatusChanges, type OrderRow } from '../db/schema.ts';
import { orderEventData, scheduleExpiry } from './lifecycle.ts';
import { quote } from './quote.ts';

export interface PlaceOrderInput {
  idempotencyKey: string;
  addressId?: string | null;
  remark?: string | null;
  lines: Array<{ skuId: string; quantity: number }>;
  /** The lines are the cart's selected lines: they leave the cart once the orders exist. */
  fromCart?: boolean | null;
}

/**
 * An order number: 14 digits of Beijing time, the checkout id and the shop's place in it.
 * Unique because checkout ids are (a random suffix could collide and mix two buyers' stock).
 */
export function orderNoFor(checkoutId: number, shopIndex: number, now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${beijing}${String(checkoutId).padStart(8, '0')}${String(shopIndex).padStart(2, '0')}`;
}

async function ordersOf(ctx: OrderContext, checkoutId: number): Promise<OrderRow[]> {
  return ctx.db.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(orders.shopId);
}

/**
 * Places the orders of one checkout: one order per shop, stock reserved for every line or
 * none, the address snapshotted, amounts from `quote`. The idempotency key makes it safe
 * to retry: the same key and request return the same orders, even sent many times at once;
 * the same key with another request is CONFLICT.
 */
export async function placeOrder(ctx: OrderContext, input: PlaceOrderInput): Promise<OrderRow[]> {
  const memberId = Number(requireRole(ctx.identity, 'MEMBER').userId);
  const key = text(input.idempotencyKey, 'input.idempotencyKey', 8, 100);
  if (input.lines.length < 1 || input.lines.length > 50) throw badInput('An order has 1–50 lines.', 'input.lines');
  const merged = new Map<string, number>();
  for (const [i, line] of input.lines.entries()) {
    if (!/^[1-9][0-9]{0,14}$/.test(line.skuId)) throw badInput('skuId is not a SKU id.', `input.lines[${i}].skuId`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 999) {
      throw badInput('quantity must be 1–999.', `input.lines[${i}].quantity`);
    }
    merged.set(line.skuId, (merged.get(line.skuId) ?? 0) + line.quantity);
    if (merged.get(line.skuId)! > 999) throw badInput('At most 999 units of one SKU per order.', `input.lines[${i}].quantity`);
  }
  if (input.addressId != null && !/^[1-9][0-9]{0,14}$/.test(input.addressId)) throw badInput('addressId is not an address id.', 'input.addressId');
  const remark = input.remark == null ? '' : text(input.remark, 'input.remark', 0, 200);
  const lines = [...merged.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([skuId, quantity]) => ({ skuId, quantity }));
  const requestHash = createHash('sha256').update(JSON.stringify({ lines, addressId: input.addressId ?? null, remark, fromCart: input.fromCart === true })).digest('hex');

  // Claim the key. A concurrent or later call with it waits for, and returns, this one's outcome.
  let checkoutId: number;
  try {
    const [created] = await ctx.db.insert(checkouts).values({ memberId, idempotencyKey: key, requestHash, plannedOrderNos: [] }).$returningId();
    checkoutId = created!.id;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return awaitExisting(ctx, memberId, key, requestHash);
  }

  const planned: string[] = [];
  // Whether the orders were written: stock is given back only when they certainly were not.
  let committed: 'no' | 'unknown' | 'yes' = 'no';
  try {
    const send = ctx.send;
    const [address, level, snapshots] = await Promise.all([
      send(membership.getAddress, { memberId: String(memberId), ...(input.addressId ? { addressId: input.addressId } : {}) }),
      send(membership.memberLevel, { memberId: String(memberId) }),
      send(catalog.skuSnapshots, { skuIds: lines.map((l) => l.skuId) }),
    ]);
    const quoted = quote(
      lines.map((line) => {
        const sku = snapshots.skus.find((s) => s.skuId === line.skuId);
        if (!sku) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${line.skuId} not found.`, { skuId: line.skuId });
        if (!sku.onSale) throw new AppError(ErrorCode.CONFLICT, `SKU ${sku.skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: sku.skuId });
        return { sku, quantity: line.quantity };
      }),
      { discountPermille: level.discountPermille, freight: ctx.settings.freight },
    );
    const orderNos = quoted.map((_, i) => orderNoFor(checkoutId, i + 1));
    planned.push(...orderNos);
    await ctx.db.update(checkouts).set({ plannedOrderNos: orderNos }).where(eq(checkouts.id, checkoutId));

    // Stock for every shop's order, or none: a failure puts back what was taken.
    for (const [i, shop] of quoted.entries()) {
      await send(catalog.reserveStock, {
        orderId: orderNos[i]!,
        lines: shop.lines.map((l) => ({ skuId: l.sku.skuId, quantity: l.quantity })),
      });
    }

    const expiresAt = new Date(Date.now() + ctx.settings.paymentWindowMs);
    committed = 'unknown';
    await ctx.db.transaction(async (tx) => {
      for (const [i, shop] of quoted.entries()) {
        const [created] = await tx
          .insert(orders)
          .values({
            orderNo: orderNos[i]!,
            checkoutId,
            memberId,
            shopId: Number(shop.shopId),
            status: 'PENDING_PAYMENT',
            goodsAmount: shop.goods,
            discountAmount: shop.discount,
            freightAmount: shop.freight,
            payableAmount: shop.payable,
            address,
            remark,
            expiresAt,
          })
          .$returningId();
        await tx.insert(orderLines).values(
          shop.lines.map((l) => ({
            orderId: created!.id,
            skuId: Number(l.sku.skuId),
            productId: Number(l.sku.productId),
            title: l.sku.title.slice(0, 120),
            specText: l.sku.specText.slice(0, 400),
            image: l.sku.image,
            unitPrice: l.sku.price,
            quantity: l.quantity,
          })),
        );
        await tx.insert(orderStatusChanges).values({ orderId: created!.id, fromStatus: null, toStatus: 'PENDING_PAYMENT', actor: 'member', note: null });
        const [row] = await tx.select().from(orders).where(eq(orders.id, created!.id));
        await events.write(tx, 'order.created', { ...(await orderEventData(tx, row!, null)), fromCart: input.fromCart === true });
        await scheduleExpiry(tx, row!);
      }
      // Only a checkout still in progress completes: the sweeper may have given this one up.
      const [done] = await tx.update(checkouts).set({ status: 'DONE' }).where(and(eq(checkouts.id, checkoutId), eq(checkouts.status, 'PROCESSING')));
      if (done.affectedRows === 0) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The checkout took too long and was given up; place the order again.');
    });
    committed = 'yes';
    const placed = await ordersOf(ctx, checkoutId);
    ctx.log.info({ checkoutId, orders: placed.map((o) => o.orderNo) }, 'orders placed');
    return placed;
  } catch (error) {
    if (committed === 'yes') throw error;
    if (committed === 'unknown') {
      // The commit's answer was lost: the orders may exist. The sweeper settles it from the database.
      ctx.log.error({ err: error, checkoutId }, 'checkout outcome unknown; left to the sweeper');
      throw error;
    }
    await Promise.allSettled(planned.map((orderNo) => ctx.send(catalog.releaseStock, { orderId: orderNo })));
    const failure = error instanceof AppError ? error : null;
    const transient = !failure || failure.code === ErrorCode.SERVICE_UNAVAILABLE || failure.code === ErrorCode.INTERNAL_SERVER_ERROR;
    if (transient) {
      // Nothing about this request is wrong: free the key, so the client's retry runs afresh.
      await ctx.db.delete(checkouts).where(and(eq(checkouts.id, checkoutId), eq(checkouts.status, 'PROCESSING')));
    } else {
      await ctx.db
        .update(checkouts)
        .set({
          status: 'FAILED',
          errorCode: failure.code,
          errorMessage: failure.message.slice(0, 300),
          errorDetails: Object.fromEntries(Object.entries(failure.extensions).filter(([k]) => k !== 'code')),
        })
        .where(and(eq(checkouts.id, checkoutId), eq(checkouts.status, 'PROCESSING')));
    }
    throw error;
  }
}

/** Waits (up to 15 s) for the checkout holding this key to finish, and answers its outcome. */
async function awaitExisting(ctx: OrderContext, memberId: number, key: string, requestHash: string): Promise<OrderRow[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [existing] = await ctx.db.select().from(checkouts).where(and(eq(checkouts.memberId, memberId), eq(checkouts.idempotencyKey, key)));
    if (!existing) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The first attempt with this key failed on our side; try again.');
    if (existing.requestHash !== requestHash) throw conflict('This idempotency key was already used for a different order.');
    if (existing.status === 'DONE') return ordersOf(ctx, existing.id);
    if (existing.status === 'FAILED') {
      throw new AppError((existing.errorCode as ErrorCode | null) ?? ErrorCode.INTERNAL_SERVER_ERROR, existing.errorMessage ?? 'Checkout failed.', existing.errorDetails ?? {});
    }
    if (Date.now() > deadline) throw conflict('This checkout is still being placed; try again in a moment.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
