import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { order as contracts } from '@mall/contracts';
import type { PlaceFlashOrderRequest } from '@mall/contracts/order';
import { products, skus } from '@mall/catalog/db';
import { sendCommand, type NatsConnection } from '@mall/kit';
import { eventsWritten, testNats, waitFor } from '@mall/test-kit';
import { orderLines } from '../src/db/schema.ts';
import { startOrderAlone, type OrderAlone } from './fixtures.ts';

/**
 * Flash-sale orders (`orders.flash.place`, sent by promotion for a winner's hold): one order
 * per hold at the flash price, paid within the flash window, never touching catalog's stock
 * (the session's units are promotion's to settle; its events carry `flash`).
 */
let t: OrderAlone;
let nats: NatsConnection;
beforeAll(async () => {
  t = await startOrderAlone({ ORDER_FLASH_PAYMENT_SECONDS: '2' });
  nats = await testNats();
});
afterAll(async () => {
  await nats?.drain();
  await t?.stop();
});

async function skuOf(price: number) {
  const [product] = await t.catalog.subgraph.deps.database.db.select({ id: products.id }).from(products).where(eq(products.shopId, 4)).orderBy(asc(products.id)).limit(1);
  return t.skuWith(product!.id, 20, price);
}
const place = (request: PlaceFlashOrderRequest) => sendCommand(nats, contracts.placeFlashOrder, request, { prefix: t.prefix });

describe('flash-sale orders', () => {
  it('places one order per hold at the flash price, and neither reserves nor releases catalog stock', async () => {
    const sku = await skuOf(9_900);
    const buyer = await t.member();
    const request = { holdId: String(700_000 + Math.floor(Math.random() * 100_000)), entryId: '7', memberId: String(buyer.memberId), addressId: null, skuId: String(sku.id), quantity: 2, listPrice: 9_900, flashPrice: 1_990 };
    const [first, again] = await Promise.all([place(request), place(request)]);
    expect(first.orderId).toBe(again.orderId);
    expect([first.replayed, again.replayed].sort()).toEqual([false, true]);
    expect(first.payable).toBe(3_980);
    const order = await t.orderRow(first.orderId);
    expect(order).toMatchObject({ status: 'PENDING_PAYMENT', goodsAmount: 19_800, discountAmount: 19_800 - 3_980, freightAmount: 0, payableAmount: 3_980, flash: { entryId: '7', holdId: request.holdId, quantity: 2 }, stockSettled: true });
    expect(order.expiresAt.getTime() - order.createdAt.getTime()).toBeLessThanOrEqual(3_000);
    const [line] = await t.order.subgraph.deps.db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(line!.discounts).toEqual([{ source: 'FLASH_SALE', couponId: null, activityId: null, label: '秒杀', amount: 19_800 - 3_980 }]);
    expect(await t.stockOf(sku.id)).toBe(20);

    // Unpaid past its window: cancelled, its event says which hold, and catalog is left alone.
    await waitFor('the flash order to expire', async () => (await t.orderRow(first.orderId)).status === 'CANCELLED', 10_000);
    const cancelled = (await eventsWritten<{ orderNo: string; flash?: unknown }>(t.order.subgraph.deps.db, 'order.cancelled')).filter((e) => e.orderNo === order.orderNo);
    expect(cancelled).toEqual([expect.objectContaining({ flash: { entryId: '7', holdId: request.holdId, quantity: 2 } })]);
    expect(t.sent.filter((s) => s.orderId === order.orderNo)).toEqual([]);
    expect(await t.stockOf(sku.id)).toBe(20);
  });

  it('takes a flash order’s payment without committing catalog stock', async () => {
    const sku = await skuOf(5_000);
    const buyer = await t.member();
    const placed = await place({ holdId: String(800_000 + Math.floor(Math.random() * 100_000)), entryId: '8', memberId: String(buyer.memberId), addressId: null, skuId: String(sku.id), quantity: 1, listPrice: 5_000, flashPrice: 990 });
    await t.publish('payment.succeeded', { paymentId: '1', paymentNo: `P${randomUUID().slice(0, 18)}`, purpose: 'ORDER', orderId: placed.orderId, memberId: String(buyer.memberId), method: 'WECHAT', amount: 990 });
    await waitFor('the flash order to be paid', async () => (await t.orderRow(placed.orderId)).status === 'PAID');
    expect(t.sent.filter((s) => s.orderId === placed.orderNo)).toEqual([]);
    expect(await t.stockOf(sku.id)).toBe(20);
    expect((await t.orderRow(placed.orderId)).stockSettled).toBe(true);
  });

  it('keeps a refusal for good: the hold never gets an order after it, and members cannot use flash keys', async () => {
    const sku = await skuOf(5_000);
    const buyer = await t.member();
    const [row] = await t.catalog.subgraph.deps.database.db.select({ productId: skus.productId }).from(skus).where(eq(skus.id, sku.id));
    await t.catalog.subgraph.deps.database.db.update(products).set({ status: 'OFF_SHELF' }).where(eq(products.id, row!.productId));
    const request = { holdId: String(900_000 + Math.floor(Math.random() * 90_000)), entryId: '9', memberId: String(buyer.memberId), addressId: null, skuId: String(sku.id), quantity: 1, listPrice: 5_000, flashPrice: 990 };
    await expect(place(request)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'UNAVAILABLE' } });
    await t.catalog.subgraph.deps.database.db.update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, row!.productId));
    await expect(place(request)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', reason: 'UNAVAILABLE' } });
    for (const squat of [`flash:${Number(request.holdId) + 1}`, `FLASH:${Number(request.holdId) + 1}`, `ｆｌａｓｈ:${Number(request.holdId) + 1}`]) {
      const squatted = await t.placeOrder(buyer.token, { idempotencyKey: squat, lines: [{ skuId: String(sku.id), quantity: 1 }] });
      expect(squatted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    }
  });

  it('refuses a flash price above the list price', async () => {
    const sku = await skuOf(5_000);
    await expect(place({ holdId: '900001', entryId: '9', memberId: '5999', addressId: null, skuId: String(sku.id), quantity: 1, listPrice: 5_000, flashPrice: 6_000 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
