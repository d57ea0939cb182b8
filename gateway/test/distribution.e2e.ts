import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { allocate, jobs } from '@mall/kit';
import { orders } from '@mall/order/db';
import { as, graphql, tokenFor, waitFor } from '@mall/test-kit';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import { completeWechatRefunds, newShopper, payAndSettle, skuAt, type Shopper } from './shopping.ts';

/**
 * Distribution (分销) through the gateway: a member becomes a distributor and shares, a friend
 * binds and buys, the commission is pending, the order completes and its after-sale window
 * passes, the commission settles, part of the order is refunded and its share taken back,
 * and the distributor withdraws to the wallet.
 */
let supergraph: TestSupergraph;
let url: string;
beforeAll(async () => {
  supergraph = await startSupergraph({ seed: { size: 2 } });
  url = supergraph.gateway.url;
});
afterAll(async () => {
  await supergraph?.stop();
});

async function ask<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const answer = await graphql<T>(url, query, variables, { token });
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}
type Me = { me: { id: string; distributor: { code: string; status: string; team: { direct: number; indirect: number }; balances: Record<'pending' | 'available' | 'receivable' | 'withdrawn', { amount: number }>; commissions: Array<{ level: number; status: string; buyer: string; amount: { amount: number } }> } | null } };
const ME = '{ me { id distributor { code status team { direct indirect } balances { pending { amount } available { amount } receivable { amount } withdrawn { amount } } commissions { level status buyer amount { amount } } } } }';
const me = async (s: Shopper) => (await ask<Me>(ME, {}, s.token)).me;

describe('distribution through the gateway', () => {
  it('shares, binds, earns on a friend’s order, settles after the window, takes back a refund’s share, and withdraws to the wallet', async () => {
    const admin = await tokenFor(as.admin());
    await ask('mutation ($input: DistributionSettingsInput!) { setDistributionSettings(input: $input) { levels } }', {
      input: { eligibility: 'EVERYONE', bindRule: 'FIRST_TOUCH', levels: 2, level1Rate: 1000, level2Rate: 500 },
    }, admin);
    const [upper, sharer, friend] = await Promise.all([newShopper(supergraph), newShopper(supergraph), newShopper(supergraph)]);
    for (const s of [upper, sharer]) expect((await ask<{ applyDistributor: { status: string } }>('mutation { applyDistributor { status } }', {}, s.token)).applyDistributor.status).toBe('ACTIVE');
    const upperCode = (await me(upper)).distributor!.code;
    const code = (await me(sharer)).distributor!.code;
    await ask('mutation ($code: String!) { bindReferrer(code: $code, source: "shop") { source } }', { code: upperCode }, sharer.token);
    // The sharer's mini-program code for a product page, scene = their code: made once, then kept.
    const SHARE = '{ me { distributor { shareImage(page: "pages/product/index") } } }';
    const image = (await ask<{ me: { distributor: { shareImage: string } } }>(SHARE, {}, sharer.token)).me.distributor.shareImage;
    expect(image.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(image.slice('data:image/png;base64,'.length), 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
    const made = supergraph.wechat.calls.getwxacodeunlimit;
    expect(supergraph.wechat.codes.at(-1)).toEqual({ scene: code, page: 'pages/product/index' });
    expect((await ask<{ me: { distributor: { shareImage: string } } }>(SHARE, {}, sharer.token)).me.distributor.shareImage).toBe(image);
    expect(supergraph.wechat.calls.getwxacodeunlimit).toBe(made);
    const badPage = await graphql(url, '{ me { distributor { shareImage(page: "/pages/x") } } }', {}, { token: sharer.token });
    expect(badPage.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    // The friend opens the shared product page (scene = the code) and binds after logging in.
    const bound = await ask<{ bindReferrer: { distributor: { id: string; nickname: string } } }>('mutation ($code: String!) { bindReferrer(code: $code, source: "product:21") { distributor { id nickname } } }', { code }, friend.token);
    expect(bound.bindReferrer.distributor.id).toBe(sharer.memberId);
    expect((await me(sharer)).distributor!.team).toEqual({ direct: 1, indirect: 0 });
    expect((await me(upper)).distributor!.team).toEqual({ direct: 1, indirect: 1 });

    // Two lines; the friend pays.
    const [a, b] = await Promise.all([skuAt(supergraph, 21, 12_345), skuAt(supergraph, 22, 7_000)]);
    const placed = await ask<{ placeOrder: { orders: Array<{ id: string; shop: { id: string }; lines: Array<{ payable: { amount: number } }> }> } }>(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { orders { id shop { id } lines { payable { amount } } } } }',
      { input: { idempotencyKey: randomUUID(), lines: [{ skuId: String(a.id), quantity: 1 }, { skuId: String(b.id), quantity: 2 }], couponIds: [] } }, friend.token,
    );
    expect(placed.placeOrder.orders).toHaveLength(a.shopId === b.shopId ? 1 : 2);
    const order = placed.placeOrder.orders[0]!;
    const merchant = await tokenFor(as.merchant(Number(order.shop.id)));
    const payment = await payAndSettle(supergraph, friend, order.id);
    const paidLines = order.lines.map((l) => l.payable.amount);
    const level1 = paidLines.reduce((sum, paid) => sum + Math.floor((paid * 1000) / 10_000), 0);
    const level2 = paidLines.reduce((sum, paid) => sum + Math.floor((paid * 500) / 10_000), 0);
    const pending = await me(sharer);
    expect(pending.distributor!.balances.pending.amount).toBe(level1);
    expect(pending.distributor!.commissions[0]).toMatchObject({ level: 1, status: 'PENDING', amount: { amount: level1 } });
    expect(pending.distributor!.commissions[0]!.buyer).toMatch(/^会员\*{4}\d{2}$/);
    expect((await me(upper)).distributor!.balances.pending.amount).toBe(level2);
    // The buyer never sees who earned what; the shop's merchant does.
    const COMMISSIONS = 'query ($id: ID!) { order(id: $id) { commissions { level amount { amount } } } }';
    expect((await ask<{ order: { commissions: unknown } }>(COMMISSIONS, { id: order.id }, friend.token)).order.commissions).toBeNull();
    expect((await ask<{ order: { commissions: Array<{ level: number }> } }>(COMMISSIONS, { id: order.id }, merchant)).order.commissions.map((c) => c.level)).toEqual([1, 2]);

    // Shipped, received; the after-sale window passes (its job made due now): settled.
    await ask('mutation ($id: ID!) { shipOrder(id: $id, carrier: "顺丰", trackingNumber: "SF5005") { status } }', { id: order.id }, merchant);
    await ask('mutation ($id: ID!) { confirmReceipt(id: $id) { status } }', { id: order.id }, friend.token);
    const odb = supergraph.order.subgraph.deps.database.db;
    await waitFor('the settlement job', async () => (await odb.select().from(jobs).where(and(eq(jobs.name, 'order.settle'), eq(jobs.key, order.id)))).length === 1);
    // Seven days on: the order completed a week and a minute ago, its settlement due now.
    await odb.update(orders).set({ completedAt: new Date(Date.now() - 7 * 86_400_000 - 60_000) }).where(eq(orders.id, Number(order.id)));
    await odb.update(jobs).set({ dueAt: new Date() }).where(and(eq(jobs.name, 'order.settle'), eq(jobs.key, order.id)));
    await waitFor('the commission to settle', async () => (await me(sharer)).distributor!.balances.available.amount === level1, 20_000);
    expect((await me(sharer)).distributor!.balances.pending.amount).toBe(0);
    expect((await me(upper)).distributor!.balances.available.amount).toBe(level2);

    // The merchant refunds an amount afterwards (a compensation, no lines named): it lowers what
    // the goods cost, spread over the lines by what is left of each, and their share comes back
    // off the available balance.
    await ask('mutation ($p: ID!, $amount: Int!, $key: String!) { refundPayment(paymentId: $p, amount: $amount, reason: "补偿", idempotencyKey: $key) { status } }', { p: payment.id, amount: paidLines[1]!, key: randomUUID() }, merchant);
    await completeWechatRefunds(supergraph, payment.paymentNo);
    await supergraph.eventsSettled();
    const spread = allocate(paidLines[1]!, paidLines);
    const afterRefund = paidLines.reduce((sum, paid, i) => sum + Math.floor(((paid - spread[i]!) * 1000) / 10_000), 0);
    await waitFor('the refund’s share taken back', async () => (await me(sharer)).distributor!.balances.available.amount === afterRefund, 20_000);

    // Withdrawn to the wallet.
    const withdrawn = await ask<{ requestWithdrawal: { status: string; net: { amount: number } } }>('mutation ($amount: Cents!, $key: String!) { requestWithdrawal(amount: $amount, method: WALLET, idempotencyKey: $key) { status net { amount } } }', { amount: afterRefund, key: randomUUID() }, sharer.token);
    expect(withdrawn.requestWithdrawal).toEqual({ status: 'SUCCEEDED', net: { amount: afterRefund } });
    const wallet = await ask<{ me: { wallet: { balance: { amount: number }; history: { nodes: Array<{ kind: string }> } } } }>('{ me { wallet { balance { amount } history(first: 1) { nodes { kind } } } } }', {}, sharer.token);
    expect(wallet.me.wallet).toEqual({ balance: { amount: afterRefund }, history: { nodes: [{ kind: 'COMMISSION' }] } });
    expect((await me(sharer)).distributor!.balances).toMatchObject({ available: { amount: 0 }, withdrawn: { amount: afterRefund } });
  });
});
