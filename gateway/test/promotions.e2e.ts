import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { products } from '@mall/catalog/db';
import { as, graphql, tokenFor, waitFor } from '@mall/test-kit';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { completeWechatRefunds, newShopper, payOrder, skuAt } from './shopping.ts';

/**
 * The promotions journey of issue 11, as a mini-program makes it through the gateway: a
 * member claims a shop coupon and a platform coupon, sees a product's tags and price, gets
 * a quote that explains a shop's 满减 taken (and its next tier), a coupon's threshold not
 * reached and the best coupons, places
 * the order with them and some points, pays, and gets a refund of part of one line that
 * takes back exactly that line's share.
 */
let supergraph: TestSupergraph;
let url: string;
beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
});
afterAll(() => supergraph?.stop());

type Amount = { amount: number };
const ask = async <T,>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const answer = await graphql<T>(url, query, variables, token ? { token } : {});
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!;
};

describe('a shopper’s checkout with promotions, through the gateway', () => {
  it('claims, quotes, orders with coupons and points, pays, and gets a line refunded exactly', async () => {
    // Two products of one shop, and that shop's merchant.
    const all = await supergraph.catalog.subgraph.deps.database.db.select({ id: products.id, shopId: products.shopId }).from(products);
    const shopId = all.find((p) => all.filter((q) => q.shopId === p.shopId).length >= 2)!.shopId;
    const [first, second] = all.filter((p) => p.shopId === shopId);
    const shirt = await skuAt(supergraph, first!.id, 12_900);
    const socks = await skuAt(supergraph, second!.id, 2_500);
    const merchant = await tokenFor(as.merchant(shopId));
    const admin = await tokenFor(as.admin());
    const CREATE = 'mutation ($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }';
    const shopCoupon = (await ask<{ createCouponTemplate: { id: string } }>(CREATE, { input: { name: '满150减20', kind: 'AMOUNT_OFF', threshold: 15_000, amountOff: 2_000, validDays: 7, totalQuantity: 100 } }, merchant)).createCouponTemplate.id;
    const platformCoupon = (await ask<{ createCouponTemplate: { id: string } }>(CREATE, { input: { name: '平台满100减15', kind: 'AMOUNT_OFF', threshold: 10_000, amountOff: 1_500, validDays: 7, totalQuantity: 100 } }, admin)).createCouponTemplate.id;
    const farCoupon = (await ask<{ createCouponTemplate: { id: string } }>(CREATE, { input: { name: '满500减60', kind: 'AMOUNT_OFF', threshold: 50_000, amountOff: 6_000, validDays: 7, totalQuantity: 100 } }, merchant)).createCouponTemplate.id;
    // The shop's own 满减, for everyone, no coupon needed.
    const activity = (await ask<{ createActivity: { id: string } }>(
      'mutation ($input: ActivityInput!) { createActivity(input: $input) { id } }',
      { input: { name: '店铺满减', kind: 'FULL_REDUCTION', tiers: [{ threshold: 10_000, amountOff: 1_000 }, { threshold: 30_000, amountOff: 4_000 }], endsAt: new Date(Date.now() + 86_400_000).toISOString(), budget: 100_000 } },
      merchant,
    )).createActivity.id;

    const buyer = await newShopper(supergraph);
    await supergraph.eventsSettled(); // the demo's welcome coupon arrives
    await ask('mutation ($m: ID!, $k: String!) { adjustPoints(memberId: $m, delta: 1000, idempotencyKey: $k) { id } }', { m: buyer.memberId, k: randomUUID() }, admin);
    for (const id of [shopCoupon, platformCoupon, farCoupon]) await ask('mutation ($id: ID!) { claimCoupon(templateId: $id) { id } }', { id }, buyer.token);

    // The product page: its tags and price.
    const page = await ask<{ product: { promotionTags: string[]; skus: Array<{ id: string; price: Amount; promotions: Array<{ kind: string; label: string }> }> } }>(
      'query ($id: ID!) { product(id: $id) { promotionTags skus { id price { amount } promotions { kind label } } } }', { id: String(first!.id) }, buyer.token,
    );
    expect(page.product.skus.find((s) => s.id === String(shirt.id))!.promotions).toEqual(expect.arrayContaining([{ kind: 'FULL_REDUCTION', label: '满100减10' }, { kind: 'COUPON', label: '满150减20' }]));
    expect(page.product.promotionTags[0]).toBe('满100减10');
    expect(page.product.promotionTags).toContain('满150减20');
    expect(page.product.skus.find((s) => s.id === String(shirt.id))!.price.amount).toBe(12_900);

    // The quote: 1 shirt + 2 pairs of socks (¥179), the shop's 满减, the best coupons, and why the far one does not apply.
    const lines = [{ skuId: String(shirt.id), quantity: 1 }, { skuId: String(socks.id), quantity: 2 }];
    const quote = (await ask<{ quoteCheckout: { id: string; goods: Amount; discount: Amount; payable: Amount; points: { used: number; max: number }; activities: Array<{ activity: { id: string }; amount: Amount; message: string }>; applied: Array<{ coupon: { template: { name: string } }; amount: Amount }>; notApplied: Array<{ coupon: { template: { name: string } }; reason: string; missing: Amount | null; message: string }> } }>(
      `query ($input: QuoteInput!) { quoteCheckout(input: $input) { id goods { amount } discount { amount } payable { amount } points { used max }
        activities { activity { id } amount { amount } message }
        applied { coupon { template { name } } amount { amount } } notApplied { coupon { template { name } } reason missing { amount } message } } }`,
      { input: { lines, points: 500 } }, buyer.token,
    )).quoteCheckout;
    expect(quote.goods.amount).toBe(17_900);
    expect(quote.activities).toEqual([{ activity: { id: activity }, amount: { amount: 1_000 }, message: '已减 ¥10.00，再买 ¥121.00 可享 满300减40' }]);
    expect(quote.applied.map((a) => [a.coupon.template.name, a.amount.amount])).toEqual([['满150减20', 2_000], ['平台满100减15', 1_500]]);
    // Coupons' thresholds are read after the shop's 满减 (¥169 left).
    expect(quote.notApplied).toContainEqual({ coupon: { template: { name: '满500减60' } }, reason: 'THRESHOLD_NOT_REACHED', missing: { amount: 50_000 - 16_900 }, message: '再买 ¥331.00 可用 满500减60' });
    // The welcome coupon (a platform 满100减10) would apply, but one platform coupon is used: the better one.
    expect(quote.notApplied).toContainEqual(expect.objectContaining({ coupon: { template: { name: '新人专享 满100减10' } }, reason: 'NOT_STACKABLE' }));
    expect(quote.points.used).toBe(500);
    const goodsAfterCoupons = 17_900 - 1_000 - quote.applied.reduce((sum, a) => sum + a.amount.amount, 0);
    expect(quote.payable.amount).toBe(goodsAfterCoupons - 500);

    // The order, at exactly the quote.
    const placed = (await ask<{ placeOrder: { orders: Array<{ id: string; amounts: { payable: Amount }; lines: Array<{ id: string; quantity: number; payable: Amount; points: number; discounts: Array<{ source: string; label: string; amount: Amount }> }> }> } }>(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id amounts { payable { amount } } lines { id quantity payable { amount } points discounts { source label amount { amount } } } } } }',
      { input: { idempotencyKey: randomUUID(), lines, quoteId: quote.id } }, buyer.token,
    )).placeOrder.orders;
    expect(placed).toHaveLength(1);
    const order = placed[0]!;
    expect(order.amounts.payable.amount).toBe(quote.payable.amount);
    for (const line of order.lines) expect(line.discounts.map((d) => d.source)).toEqual(expect.arrayContaining(['ACTIVITY', 'COUPON']));
    const paid = await payOrder(supergraph, buyer, order.id, 'DEV');
    expect(paid.errors).toBeUndefined();
    await supergraph.eventsSettled();
    const figures = await ask<{ activity: { discountGiven: Amount; orders: number } }>('query ($id: ID!) { activity(id: $id) { discountGiven { amount } orders } }', { id: activity }, merchant);
    expect(figures.activity).toEqual({ discountGiven: { amount: 1_000 }, orders: 1 });
    const held = await ask<{ me: { points: { balance: number }; coupons: { nodes: Array<{ template: { name: string } }> } } }>('query { me { points { balance } coupons(status: USED) { nodes { template { name } } } } }', {}, buyer.token);
    expect(held.me.points.balance).toBe(500);
    expect(held.me.coupons.nodes.map((c) => c.template.name).sort()).toEqual(quote.applied.map((a) => a.coupon.template.name).sort());

    // One pair of socks back: half of what the socks line cost after its coupon shares and points.
    const socksLine = order.lines.find((l) => l.quantity === 2)!;
    const refund = (await ask<{ requestAfterSale: { id: string; amount: Amount; points: number } }>(
      'mutation ($id: ID!, $lines: [AfterSaleLineInput!]) { requestAfterSale(orderId: $id, type: REFUND_ONLY, lines: $lines, reason: "多买了一双") { id amount { amount } points } }',
      { id: order.id, lines: [{ orderLineId: socksLine.id, quantity: 1 }] }, buyer.token,
    )).requestAfterSale;
    expect(refund.amount.amount).toBe(Math.floor(socksLine.payable.amount / 2));
    expect(refund.points).toBe(Math.floor(socksLine.points / 2));
    await ask('mutation ($id: ID!) { decideAfterSale(id: $id, approve: true) { status } }', { id: refund.id }, merchant);
    await supergraph.eventsSettled();
    await completeWechatRefunds(supergraph, paid.data!.payOrder.payment.paymentNo);
    await waitFor('the refund to be made', async () => {
      const seen = await ask<{ order: { refunded: Amount; afterSales: Array<{ status: string }> } }>('query ($id: ID!) { order(id: $id) { refunded { amount } afterSales { status } } }', { id: order.id }, buyer.token);
      return seen.order.afterSales[0]!.status === 'REFUNDED' && seen.order.refunded.amount === refund.amount.amount;
    }, 15_000);
    await supergraph.eventsSettled();
    expect((await ask<{ me: { points: { balance: number } } }>('query { me { points { balance } } }', {}, buyer.token)).me.points.balance).toBe(500 + refund.points);
  });
});
