import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { graphql } from '@mall/test-kit';
import { products, skus } from '@mall/catalog/db';
import { addresses } from '@mall/membership/db';
import type { TestSupergraph } from './fixtures.ts';

/** Shopping steps the payment tests share: a new member, a SKU priced as needed, an order of it. */

export interface Shopper {
  token: string;
  memberId: string;
  openid: string;
}

/** A new member with a default address, logged in through the gateway. */
export async function newShopper(supergraph: TestSupergraph): Promise<Shopper> {
  const openid = `o${randomUUID().replace(/-/g, '').slice(0, 27)}`;
  const code = supergraph.wechat.loginCode({ openid });
  const login = await graphql<{ loginWithWechat: { accessToken: string; member: { id: string } } }>(
    supergraph.gateway.url, 'mutation ($code: String!) { loginWithWechat(code: $code) { accessToken member { id } } }', { code },
  );
  const { accessToken, member } = login.data!.loginWithWechat;
  await supergraph.membership.subgraph.deps.database.db.insert(addresses).values({
    memberId: Number(member.id), recipient: '测试买家', phone: '13800000000', provinceCode: '440000', cityCode: '440300',
    districtCode: '440305', regionText: '广东省 深圳市 南山区', detail: '科技园 1 号', isDefault: true,
  });
  return { token: accessToken, memberId: member.id, openid };
}

/** SKU `productId`'s first SKU, on the shelf, plenty in stock, at `price` cents. */
export async function skuAt(supergraph: TestSupergraph, productId: number, price: number): Promise<{ id: number; shopId: number }> {
  const db = supergraph.catalog.subgraph.deps.database.db;
  await db.update(products).set({ status: 'ON_SHELF' }).where(eq(products.id, productId));
  const [sku] = await db.select().from(skus).where(eq(skus.productId, productId)).limit(1);
  await db.update(skus).set({ stock: 100_000, price, originalPrice: null }).where(eq(skus.id, sku!.id));
  const [product] = await db.select().from(products).where(eq(products.id, productId));
  return { id: sku!.id, shopId: product!.shopId };
}

export interface PlacedOrder {
  id: string;
  orderNo: string;
  payable: number;
}

/** One unit of `skuId`, ordered by `shopper`. */
export async function orderOne(supergraph: TestSupergraph, shopper: Shopper, skuId: number): Promise<PlacedOrder> {
  const placed = await graphql<{ placeOrder: { orders: Array<{ id: string; orderNo: string; amounts: { payable: { amount: number } } }> } }>(
    supergraph.gateway.url,
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id orderNo amounts { payable { amount } } } } }',
    // No coupon (a new member's welcome coupons arrive when they arrive): the order costs the list price less the level.
    { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(skuId), quantity: 1 }], couponIds: [] } },
    { token: shopper.token },
  );
  if (!placed.data) throw new Error(`placeOrder failed: ${JSON.stringify(placed.errors)}`);
  const order = placed.data.placeOrder.orders[0]!;
  return { id: order.id, orderNo: order.orderNo, payable: order.amounts.payable.amount };
}

export const PAY_ORDER = `mutation ($orderId: ID!, $method: PaymentMethod!) {
  payOrder(orderId: $orderId, method: $method) {
    payment { id paymentNo status method amount { amount } }
    wechatPay { timeStamp nonceStr package signType paySign }
  }
}`;

export interface PayOrderData {
  payOrder: {
    payment: { id: string; paymentNo: string; status: string; method: string; amount: { amount: number } };
    wechatPay: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } | null;
  };
}

export async function payOrder(supergraph: TestSupergraph, shopper: Shopper, orderId: string, method: 'WECHAT' | 'BALANCE' | 'DEV') {
  return graphql<PayOrderData>(supergraph.gateway.url, PAY_ORDER, { orderId, method }, { token: shopper.token });
}

/** The payment subgraph's notification URL of `kind`. */
export function notifyUrl(supergraph: TestSupergraph, kind: 'transaction' | 'refund'): string {
  return supergraph.payment.url.replace(/\/graphql$/, `/notify/wechatpay/${kind}`);
}

/** Sends a notification request (as the fake built it, or tampered); resolves to our answer's status. */
export async function post(request: { url: string; headers: Record<string, string>; body: string }): Promise<number> {
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  await response.arrayBuffer();
  return response.status;
}

/** Completes every refund WeChat Pay holds for `paymentNo` and delivers the notifications. */
export async function completeWechatRefunds(supergraph: TestSupergraph, paymentNo: string): Promise<number[]> {
  const pending = [...supergraph.wechatPay.refunds.values()].filter((r) => r.out_trade_no === paymentNo && r.status === 'PROCESSING');
  return Promise.all(pending.map((r) => post(supergraph.wechatPay.completeRefund(r.out_refund_no))));
}

/**
 * Pays an order the way a buyer does in development (DEV: the fake WeChat Pay takes the money
 * and notifies payment, as WeChat Pay would), then waits until every event has been applied,
 * so the order is PAID when this returns.
 */
export async function payAndSettle(supergraph: TestSupergraph, shopper: Shopper, orderId: string): Promise<PayOrderData['payOrder']['payment']> {
  const paid = await payOrder(supergraph, shopper, orderId, 'DEV');
  if (!paid.data) throw new Error(`payOrder failed: ${JSON.stringify(paid.errors)}`);
  await supergraph.eventsSettled();
  return paid.data.payOrder.payment;
}
