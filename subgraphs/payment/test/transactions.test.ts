import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { as, errorCode, waitFor } from '@mall/test-kit';
import { jobs, payments, processedEvents, refunds } from '../src/db/schema.ts';
import { sweep } from '../src/services/sweeper.ts';
import { newMember, paidOrder, payOrder, startPayment, type TestPayment } from './fixtures.ts';

/**
 * Nothing of payment waits on the network inside a transaction: whenever payment waits for
 * membership, no transaction of its database is open. Membership is stalled (it receives a
 * wallet command and answers only when the test says) or gone (no responder), and while a
 * command is outstanding the test samples innodb_trx for payment's connections.
 */

let payment: TestPayment;

beforeAll(async () => {
  payment = await startPayment();
});
afterAll(() => payment?.close());

const arrived = (key: string) => waitFor(`membership to receive the command keyed ${key}`, () => payment.membership.received.some((r) => r.idempotencyKey === key));
const creditsOf = (key: string) => payment.membership.entries.filter((e) => e.idempotencyKey === key);
const rechargeJob = async (paymentNo: string) =>
  (await payment.deps.db.select().from(jobs).where(and(eq(jobs.name, 'recharge.credit'), eq(jobs.key, paymentNo))))[0];

/** While a command payment sent is held by membership: no transaction stays open across payment's pause, twice over. */
async function expectNoTransactionHeldOpen(): Promise<void> {
  for (let sample = 0; sample < 2; sample++) expect(await payment.transactionsHeldOpen()).toEqual([]);
}

/** A wallet recharge of `amount` by a new member, WeChat Pay's prepay placed; not paid yet. */
async function startedRecharge(amount: number): Promise<{ memberId: string; paymentNo: string }> {
  const memberId = newMember();
  const started = await payment.query<{ rechargeWallet: { payment: { paymentNo: string } } }>(
    'mutation ($amount: Int!) { rechargeWallet(amount: $amount) { payment { paymentNo } } }',
    { amount },
    as.member(memberId),
  );
  if (!started.data) throw new Error(JSON.stringify(started.errors));
  return { memberId, paymentNo: started.data.rechargeWallet.payment.paymentNo };
}

// Defect 12: the recharge consumer sent membership's credit inside its event transaction,
// holding it open for as long as membership took to answer (up to 5 s).
describe('a recharge credit', () => {
  it('is sent with no transaction open, and credited once when a slow membership answers', async () => {
    const { memberId, paymentNo } = await startedRecharge(10_000);
    const stall = payment.membership.stallWallet();
    try {
      expect(await payment.post(payment.wechatPay.pay(paymentNo))).toBe(204);
      await arrived(`recharge:${paymentNo}`);
      await expectNoTransactionHeldOpen();
      // What is outstanding is safe: the credit is a job, committed before it was sent.
      expect(await rechargeJob(paymentNo)).toMatchObject({ payload: { memberId, amount: 10_000, paymentNo } });
    } finally {
      stall.release();
    }
    await waitFor('the credit', () => creditsOf(`recharge:${paymentNo}`).length > 0);
    // Had the answer come after payment stopped waiting, the job sends it again: once more, under the same key.
    await payment.subgraph.jobs!.runDue(new Date(Date.now() + 60_000));
    await waitFor('the recharge job to be done', async () => (await rechargeJob(paymentNo)) === undefined);
    expect(creditsOf(`recharge:${paymentNo}`)).toEqual([expect.objectContaining({ memberId, kind: 'RECHARGE', amount: 10_000 })]);
    expect(payment.membership.wallets.get(memberId)).toBe(10_000);
  });

  it('is retried by its job while membership does not answer, and credited once when it does', async () => {
    const { memberId, paymentNo } = await startedRecharge(5000);
    await payment.membership.walletDown();
    try {
      expect(await payment.post(payment.wechatPay.pay(paymentNo))).toBe(204);
      // The consumer applied the event and its follow-up found no responder.
      await waitFor('the event applied and its follow-up over', async () => {
        const applied = await payment.deps.db.select().from(processedEvents).where(eq(processedEvents.consumer, 'payment-recharge-credit'));
        return applied.length > 0 && payment.subgraph.consumers.every((c) => c.idle()) && (await rechargeJob(paymentNo)) !== undefined;
      });
      expect(await rechargeJob(paymentNo)).toMatchObject({ attempts: 0, payload: { memberId, amount: 5000, paymentNo } });
      // Due later: run now, it fails again (no responder) and stays for another try.
      await payment.subgraph.jobs!.runDue(new Date(Date.now() + 60_000));
      expect(await rechargeJob(paymentNo)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('membership.wallet.credit') });
    } finally {
      await payment.membership.walletUp();
    }
    expect(creditsOf(`recharge:${paymentNo}`)).toEqual([]);
    await payment.subgraph.jobs!.runDue(new Date(Date.now() + 3_600_000));
    expect(await rechargeJob(paymentNo)).toBeUndefined();
    // The notification again (WeChat Pay retries) settles nothing new and credits nothing more.
    expect(await payment.post(payment.wechatPay.pay(paymentNo))).toBe(204);
    expect(creditsOf(`recharge:${paymentNo}`)).toEqual([expect.objectContaining({ memberId, kind: 'RECHARGE', amount: 5000 })]);
    expect(payment.membership.wallets.get(memberId)).toBe(5000);
  });
});

describe('every other wait on membership', () => {
  /**
   * Runs `start` with membership stalled; once a new command keyed `prefix…` is held, checks
   * that no transaction is open, then lets membership answer. Resolves to what `start` did.
   */
  async function stalledAt<T>(prefix: string, start: () => Promise<T>): Promise<T> {
    const before = payment.membership.received.length;
    const stall = payment.membership.stallWallet();
    let running: Promise<T> | undefined;
    try {
      running = start();
      await waitFor(`membership to receive a command keyed ${prefix}…`, () => payment.membership.received.slice(before).some((r) => r.idempotencyKey.startsWith(prefix)));
      await expectNoTransactionHeldOpen();
    } finally {
      stall.release();
    }
    return running;
  }
  const refundOf = async (paymentId: string) => (await payment.deps.db.select().from(refunds).where(eq(refunds.paymentId, Number(paymentId))))[0];

  it('payOrder BALANCE debits after its transaction commits', async () => {
    const info = payment.order.place(newMember(), 1990);
    payment.membership.wallets.set(info.memberId, 1990);
    const paid = await stalledAt('pay:', () => payOrder(payment, info, 'BALANCE'));
    expect(paid.data!.payOrder.payment.status).toBe('SUCCEEDED');
  });

  it('the sweeper retries an unconfirmed wallet debit with no transaction open', async () => {
    const info = payment.order.place(newMember(), 1290);
    payment.membership.wallets.set(info.memberId, 1290);
    await payment.membership.walletDown();
    const unanswered = await payOrder(payment, info, 'BALANCE').finally(() => payment.membership.walletUp());
    expect(errorCode(unanswered)).toBe('SERVICE_UNAVAILABLE');
    const [pending] = await payment.deps.db.select().from(payments).where(eq(payments.orderId, Number(info.orderId)));
    expect(pending!.status).toBe('PENDING');
    await stalledAt(`pay:${pending!.paymentNo}`, () => sweep(payment.deps, new Date(Date.now() + 60_000)));
    const [settled] = await payment.deps.db.select().from(payments).where(eq(payments.id, pending!.id));
    expect(settled!.status).toBe('SUCCEEDED');
  });

  it('refundPayment credits a wallet payment after its transaction commits', async () => {
    const { payment: paid } = await paidOrder(payment, 2000, 'BALANCE');
    const refunded = await stalledAt('refund:', () =>
      payment.query<{ refundPayment: { status: string } }>(
        'mutation ($id: ID!, $key: String!) { refundPayment(paymentId: $id, amount: 500, reason: "差价退还", idempotencyKey: $key) { status } }',
        { id: paid.id, key: randomUUID() },
        as.merchant(3),
      ),
    );
    expect(refunded.data!.refundPayment.status).toBe('SUCCEEDED');
  });

  it("order's payment_refused and after_sale_approved are refunded after the consumer's transaction commits", async () => {
    const refused = await paidOrder(payment, 3000, 'BALANCE');
    await stalledAt('refund:', () =>
      payment.publish('order.payment_refused', { orderId: refused.info.orderId, orderNo: refused.info.orderNo, paymentId: refused.payment.id, paymentNo: refused.payment.paymentNo, reason: 'ORDER_CANCELLED' }),
    );
    await waitFor('the refused payment refunded', async () => (await refundOf(refused.payment.id))?.status === 'SUCCEEDED');

    const sold = await paidOrder(payment, 3000, 'BALANCE');
    await stalledAt('refund:', () =>
      payment.publish('order.after_sale_approved', {
        afterSaleId: '41',
        orderId: sold.info.orderId,
        orderNo: sold.info.orderNo,
        memberId: sold.info.memberId,
        shopId: sold.info.shopId,
        type: 'REFUND_ONLY',
        amount: 800,
        paymentRef: sold.payment.paymentNo,
      }),
    );
    await waitFor('the after-sale refunded', async () => (await refundOf(sold.payment.id))?.status === 'SUCCEEDED');
    expect(payment.membership.wallets.get(refused.info.memberId)).toBe(3000);
    expect(payment.membership.wallets.get(sold.info.memberId)).toBe(800);
  });
});
