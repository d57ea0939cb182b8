import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { catalog, events, membership, type order as orderContracts } from '@mall/contracts';
import { AppError, ErrorCode, isDuplicateKey, retryOnDeadlock } from '@mall/kit';
import type { OrderDeps } from '../context.ts';
import { checkouts, orderLines, orders, orderStatusChanges, type OrderRow } from '../db/schema.ts';
import { orderNoFor } from './checkout.ts';
import { orderEventData, scheduleExpiry } from './lifecycle.ts';

type PlaceFlashOrder = orderContracts.PlaceFlashOrderRequest;

/** The checkout key of a flash-sale hold: one order per hold, however often it is asked for. */
const keyOf = (holdId: string) => `flash:${holdId}`;

function answer(order: OrderRow, replayed: boolean) {
  return { orderId: String(order.id), orderNo: order.orderNo, payable: order.payableAmount, expiresAt: order.expiresAt.toISOString(), replayed };
}

async function placedFor(deps: Pick<OrderDeps, 'db'>, memberId: number, holdId: string): Promise<OrderRow | null> {
  const [checkout] = await deps.db.select().from(checkouts).where(and(eq(checkouts.memberId, memberId), eq(checkouts.idempotencyKey, keyOf(holdId))));
  if (!checkout) return null;
  const [order] = await deps.db.select().from(orders).where(eq(orders.checkoutId, checkout.id));
  return order ?? null;
}

/**
 * `orders.flash.place`: the order of a flash-sale winner, at the flash price (a `FLASH_SALE`
 * share of its line), free of freight, no coupons or points, payable within the flash window
 * (`ORDER_FLASH_PAYMENT_SECONDS`). One checkout row (status DONE, key `flash:<hold>`) and its
 * order are written in one transaction, so a hold has one order however often promotion
 * asks; its stock is the session's (`flash`, `stock_settled` from the start).
 */
export async function placeFlashOrder(deps: OrderDeps, request: PlaceFlashOrder): Promise<ReturnType<typeof answer>> {
  const memberId = Number(request.memberId);
  const existing = await placedFor(deps, memberId, request.holdId);
  if (existing) return answer(existing, true);
  if (request.flashPrice > request.listPrice) throw new AppError(ErrorCode.BAD_USER_INPUT, 'A flash price is at most the list price.', { field: 'flashPrice' });
  const [address, { skus }] = await Promise.all([
    deps.send(membership.getAddress, { memberId: request.memberId, ...(request.addressId ? { addressId: request.addressId } : {}) }),
    deps.send(catalog.skuSnapshots, { skuIds: [request.skuId] }),
  ]);
  const sku = skus[0];
  if (!sku) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${request.skuId} not found.`, { skuId: request.skuId });
  if (!sku.onSale) throw new AppError(ErrorCode.CONFLICT, `SKU ${sku.skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: sku.skuId });
  const goods = request.listPrice * request.quantity;
  const payable = request.flashPrice * request.quantity;
  const discount = goods - payable;
  const expiresAt = new Date(Date.now() + deps.settings.flashPaymentWindowMs);
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  try {
    const order = await retryOnDeadlock(() =>
      deps.db.transaction(async (tx) => {
        const [checkout] = await tx
          .insert(checkouts)
          .values({ memberId, idempotencyKey: keyOf(request.holdId), requestHash, plannedOrderNos: [], status: 'DONE', ownerToken: null, stockReleased: true })
          .$returningId();
        const orderNo = orderNoFor(checkout!.id, 1);
        await tx.update(checkouts).set({ plannedOrderNos: [orderNo] }).where(eq(checkouts.id, checkout!.id));
        const [created] = await tx
          .insert(orders)
          .values({
            orderNo,
            checkoutId: checkout!.id,
            memberId,
            shopId: Number(sku.shopId),
            status: 'PENDING_PAYMENT',
            goodsAmount: goods,
            discountAmount: discount,
            freightAmount: 0,
            payableAmount: payable,
            address,
            remark: '',
            couponHolds: [],
            points: 0,
            flash: { entryId: request.entryId, holdId: request.holdId, quantity: request.quantity },
            // The session's units, not the shelf's: nothing to reserve, commit or release in catalog.
            stockSettled: true,
            expiresAt,
          })
          .$returningId();
        await tx.insert(orderLines).values({
          orderId: created!.id,
          skuId: Number(sku.skuId),
          productId: Number(sku.productId),
          title: sku.title.slice(0, 120),
          specText: sku.specText.slice(0, 400),
          image: sku.image,
          unitPrice: request.listPrice,
          quantity: request.quantity,
          discountAmount: discount,
          discounts: discount > 0 ? [{ source: 'FLASH_SALE', couponId: null, activityId: null, label: '秒杀', amount: discount }] : [],
          points: 0,
        });
        await tx.insert(orderStatusChanges).values({ orderId: created!.id, fromStatus: null, toStatus: 'PENDING_PAYMENT', actor: 'member', note: '秒杀' });
        const [row] = await tx.select().from(orders).where(eq(orders.id, created!.id));
        await events.write(tx, 'order.created', { ...(await orderEventData(tx, row!, null)), fromCart: false });
        await scheduleExpiry(tx, row!);
        return row!;
      }),
    );
    deps.log.info({ orderNo: order.orderNo, holdId: request.holdId }, 'flash-sale order placed');
    return answer(order, false);
  } catch (error) {
    // The same hold asked for twice at once: the first one's order.
    if (isDuplicateKey(error)) {
      const first = await placedFor(deps, memberId, request.holdId);
      if (first) return answer(first, true);
    }
    throw error;
  }
}
