import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { catalog, events, membership, type order as orderContracts } from '@mall/contracts';
import { AppError, ErrorCode, isDuplicateKey, retryOnDeadlock } from '@mall/kit';
import type { SkuSnapshot } from '@mall/contracts/catalog';
import type { AddressSnapshot } from '@mall/contracts/membership';
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

/** What a hold's key already answered: its order, or the refusal it got for good. */
async function answeredFor(deps: Pick<OrderDeps, 'db'>, memberId: number, holdId: string): Promise<{ order: OrderRow } | { refusal: AppError } | null> {
  const [checkout] = await deps.db.select().from(checkouts).where(and(eq(checkouts.memberId, memberId), eq(checkouts.idempotencyKey, keyOf(holdId))));
  if (!checkout) return null;
  if (checkout.status === 'FAILED') {
    return { refusal: new AppError((checkout.errorCode as ErrorCode | null) ?? ErrorCode.CONFLICT, checkout.errorMessage ?? 'This flash-sale order was refused.', checkout.errorDetails ?? {}) };
  }
  const [order] = await deps.db.select().from(orders).where(eq(orders.checkoutId, checkout.id));
  if (order && order.flash?.holdId === holdId) return { order };
  // The key is taken by something else (a checkout still being placed, or not this hold's): refused for good.
  if (checkout.status === 'DONE' || (order && order.flash?.holdId !== holdId)) {
    return { refusal: new AppError(ErrorCode.CONFLICT, 'This flash-sale order cannot be placed under its key.', { reason: 'KEY_TAKEN' }) };
  }
  return null;
}

const DEFINITIVE: readonly ErrorCode[] = [ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.BAD_USER_INPUT];

/**
 * `orders.flash.place`: the order of a flash-sale winner, at the flash price (a `FLASH_SALE`
 * share of its line), free of freight, no coupons or points, payable within the flash window
 * (`ORDER_FLASH_PAYMENT_SECONDS`). One checkout row (status DONE, key `flash:<hold>`) and its
 * order are written in one transaction, so a hold has one order however often promotion
 * asks; a refusal for good (no address, the SKU off sale) is kept under the same key as a
 * FAILED checkout, so it stays the answer: a hold never gets an order after it was refused.
 * Its stock is the session's (`flash`, `stock_settled` from the start).
 */
export async function placeFlashOrder(deps: OrderDeps, request: PlaceFlashOrder): Promise<ReturnType<typeof answer>> {
  const memberId = Number(request.memberId);
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const before = await answeredFor(deps, memberId, request.holdId);
  if (before && 'order' in before) return answer(before.order, true);
  if (before) throw before.refusal;
  let address: AddressSnapshot;
  let sku: SkuSnapshot;
  try {
    if (request.flashPrice > request.listPrice) throw new AppError(ErrorCode.BAD_USER_INPUT, 'A flash price is at most the list price.', { field: 'flashPrice' });
    const [found, { skus }] = await Promise.all([
      deps.send(membership.getAddress, { memberId: request.memberId, ...(request.addressId ? { addressId: request.addressId } : {}) }),
      deps.send(catalog.skuSnapshots, { skuIds: [request.skuId] }),
    ]);
    address = found;
    const snapshot = skus[0];
    if (!snapshot) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${request.skuId} not found.`, { skuId: request.skuId });
    if (!snapshot.onSale) throw new AppError(ErrorCode.CONFLICT, `SKU ${snapshot.skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: snapshot.skuId });
    sku = snapshot;
  } catch (error) {
    if (!(error instanceof AppError && DEFINITIVE.includes(error.code))) throw error;
    // Refused for good: kept under the hold's key, so no later or parallel call places its order.
    try {
      await deps.db.insert(checkouts).values({
        memberId, idempotencyKey: keyOf(request.holdId), requestHash, plannedOrderNos: [], status: 'FAILED', ownerToken: null, stockReleased: true,
        errorCode: error.code, errorMessage: error.message.slice(0, 300), errorDetails: Object.fromEntries(Object.entries(error.extensions).filter(([k]) => k !== 'code')),
      });
    } catch (insertError) {
      if (!isDuplicateKey(insertError)) throw insertError;
      // A parallel call answered first: its answer stands (its order, if it placed one).
      const first = await answeredFor(deps, memberId, request.holdId);
      if (first && 'order' in first) return answer(first.order, true);
    }
    throw error;
  }
  const goods = request.listPrice * request.quantity;
  const payable = request.flashPrice * request.quantity;
  const discount = goods - payable;
  const expiresAt = new Date(Date.now() + deps.settings.flashPaymentWindowMs);
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
    // The same hold asked for twice at once: the first one's answer (its order, or its refusal).
    if (isDuplicateKey(error)) {
      const first = await answeredFor(deps, memberId, request.holdId);
      if (first && 'order' in first) return answer(first.order, true);
      if (first) throw first.refusal;
    }
    throw error;
  }
}
