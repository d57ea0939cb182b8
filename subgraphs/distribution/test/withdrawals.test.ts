import { describe, expect, it } from 'vitest';
import { membership } from '@mall/contracts';
import { AppError, ErrorCode } from '@mall/kit';
import { errorReason, graphql } from '@mall/test-kit';
import { sendWithdrawal, sweepWithdrawals } from '../src/services/withdrawals.ts';
import { command, useDistribution, type Member } from './fixtures.ts';

/**
 * Withdrawals of commission to the wallet, membership's wallet answered by the test: what it
 * credited, and members it refuses (gone) or cannot be reached for.
 */
const credited: Array<{ memberId: string; amount: number; idempotencyKey: string }> = [];
const refuse = new Set<string>();
const unreachable = new Set<string>();
const d = useDistribution(() => [
  command(membership.walletCredit, async (r) => {
    if (unreachable.has(r.memberId)) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'membership is down');
    if (refuse.has(r.memberId)) throw new AppError(ErrorCode.NOT_FOUND, `Member ${r.memberId} not found.`);
    const replayed = credited.some((c) => c.idempotencyKey === r.idempotencyKey);
    if (!replayed) credited.push({ memberId: r.memberId, amount: r.amount, idempotencyKey: r.idempotencyKey });
    return { entryId: '1', balance: r.amount, bonus: 0, replayed };
  }),
]);
const { ask, publish, newMember, rules, distributor, balancesOf, earn } = d;

const WITHDRAW = 'mutation ($amount: Cents!, $key: String!) { requestWithdrawal(amount: $amount, method: WALLET, idempotencyKey: $key) { id status amount { amount } fee { amount } net { amount } failureReason } }';
type Withdrawn = { requestWithdrawal: { id: string; status: string; amount: { amount: number }; fee: { amount: number }; net: { amount: number }; failureReason: string | null } };
let keys = 0;
const withdraw = (m: Member, amount: number, key = `wd-key-${++keys}-${m.id}`) => graphql<Withdrawn>(d.t.url, WITHDRAW, { amount, key }, { token: m.token });

async function earner(available: number): Promise<Member> {
  const seller = await newMember();
  const code = await distributor(seller);
  await earn(seller, code, available * 10); // 10%
  expect((await balancesOf(seller)).available).toBe(available);
  return seller;
}

describe('withdrawals to the wallet', () => {
  it('lets at most 3 of 20 concurrent withdrawals of 30% through, and the balances add up exactly', async () => {
    await rules({ levels: 1, withdrawFeeRate: 100 }); // 1% fee
    const seller = await earner(10_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => withdraw(seller, 3_000)));
    const done = results.filter((r) => r.data?.requestWithdrawal.status === 'SUCCEEDED');
    expect(done).toHaveLength(3);
    expect(new Set(results.filter((r) => !r.data).map(errorReason))).toEqual(new Set(['CONFLICT INSUFFICIENT_BALANCE']));
    expect(done[0]!.data!.requestWithdrawal).toMatchObject({ amount: { amount: 3_000 }, fee: { amount: 30 }, net: { amount: 2_970 } });
    expect(await balancesOf(seller)).toMatchObject({ available: 1_000, withdrawing: 0, withdrawn: 9_000 });
    expect(credited.filter((c) => c.memberId === String(seller.id)).map((c) => c.amount)).toEqual([2_970, 2_970, 2_970]);
    // The same key again answers the same withdrawal, nothing more.
    const key = 'same-key-withdrawal';
    const first = await withdraw(seller, 500, key);
    const again = await withdraw(seller, 500, key);
    expect(again.data?.requestWithdrawal.id).toBe(first.data?.requestWithdrawal.id);
    expect(errorReason(await withdraw(seller, 400, key))).toBe('CONFLICT');
    expect(await balancesOf(seller)).toMatchObject({ available: 500, withdrawn: 9_500 });
  });

  it('gives the money back once when the wallet refuses, and sends again when membership was unreachable', async () => {
    await rules({ levels: 1 });
    const gone = await earner(2_000);
    refuse.add(String(gone.id));
    const failed = await withdraw(gone, 1_500);
    expect(failed.data?.requestWithdrawal).toMatchObject({ status: 'FAILED', failureReason: expect.stringMatching(/not found/) });
    // Sent again by a late sweep or a second attempt: given back once, not twice.
    await sendWithdrawal(d.t.subgraph.deps, Number(failed.data!.requestWithdrawal.id));
    await sweepWithdrawals(d.t.subgraph.deps, 0);
    expect(await balancesOf(gone)).toMatchObject({ available: 2_000, withdrawing: 0, withdrawn: 0 });

    const later = await earner(2_000);
    unreachable.add(String(later.id));
    const waiting = await withdraw(later, 1_000);
    expect(waiting.data?.requestWithdrawal.status).toBe('PROCESSING');
    expect(await balancesOf(later)).toMatchObject({ available: 1_000, withdrawing: 1_000 });
    unreachable.delete(String(later.id));
    await sweepWithdrawals(d.t.subgraph.deps, 0);
    await sweepWithdrawals(d.t.subgraph.deps, 0);
    expect(await balancesOf(later)).toMatchObject({ available: 1_000, withdrawing: 0, withdrawn: 1_000 });
    expect(credited.filter((c) => c.memberId === String(later.id))).toHaveLength(1);
  });

  it('waits for an admin above the threshold, and refuses below the minimum or past the day’s cap', async () => {
    await rules({ levels: 1, withdrawMin: 500, withdrawApprovalAbove: 3_000, withdrawDailyCap: 8_000 });
    const seller = await earner(10_000);
    expect(errorReason(await withdraw(seller, 499))).toBe('BAD_USER_INPUT');
    const big = await withdraw(seller, 4_000);
    expect(big.data?.requestWithdrawal.status).toBe('REQUESTED');
    const queue = await ask<{ withdrawalQueue: Array<{ id: string }> }>('{ withdrawalQueue { id } }', {}, d.admin);
    expect(queue.withdrawalQueue.map((w) => w.id)).toContain(big.data!.requestWithdrawal.id);
    const rejected = await ask<{ decideWithdrawal: { status: string } }>('mutation ($id: ID!) { decideWithdrawal(id: $id, approve: false, note: "请先完善实名信息") { status } }', { id: big.data!.requestWithdrawal.id }, d.admin);
    expect(rejected.decideWithdrawal.status).toBe('REJECTED');
    expect(await balancesOf(seller)).toMatchObject({ available: 10_000, withdrawing: 0 });
    const approved = await withdraw(seller, 3_500);
    const sent = await ask<{ decideWithdrawal: { status: string } }>('mutation ($id: ID!) { decideWithdrawal(id: $id, approve: true) { status } }', { id: approved.data!.requestWithdrawal.id }, d.admin);
    expect(sent.decideWithdrawal.status).toBe('SUCCEEDED');
    // 3,500 of the day's 8,000 (a rejected one does not count): 4,500 more would pass it.
    expect((await withdraw(seller, 3_000)).data?.requestWithdrawal.status).toBe('SUCCEEDED');
    expect(errorReason(await withdraw(seller, 2_000))).toBe('CONFLICT DAILY_CAP_REACHED');
    expect(await balancesOf(seller)).toMatchObject({ available: 3_500, withdrawn: 6_500 });
  });

  it('turns a reversal larger than the available balance into a receivable, repaid from the next commission', async () => {
    await rules({ levels: 1 });
    const seller = await newMember();
    const code = await distributor(seller);
    const order = await earn(seller, code, 50_000); // 5,000 available
    await withdraw(seller, 4_500);
    // The whole order is refunded after settlement: 5,000 back, only 500 is there.
    await publish('order.refunded', { orderId: order.orderId, orderNo: order.orderNo, memberId: order.memberId, shopId: '1', refundNo: `RR${order.orderId}`, amount: 50_000, lines: [{ lineId: order.lineIds[0]!, amount: 50_000 }] });
    expect(await balancesOf(seller)).toMatchObject({ available: 0, receivable: 4_500, withdrawn: 4_500 });
    expect(errorReason(await withdraw(seller, 100))).toBe('CONFLICT INSUFFICIENT_BALANCE');
    // The next order's 1,200 pays what is owed first.
    await earn(seller, code, 12_000);
    expect(await balancesOf(seller)).toMatchObject({ available: 0, receivable: 3_300 });
    await earn(seller, code, 40_000);
    expect(await balancesOf(seller)).toMatchObject({ available: 700, receivable: 0 });
  });

  it('repays what the distributor owes from a withdrawal that comes back', async () => {
    await rules({ levels: 1, withdrawApprovalAbove: 1_000 });
    const seller = await newMember();
    const code = await distributor(seller);
    const order = await earn(seller, code, 50_000); // 5,000 available
    const held = await withdraw(seller, 4_500); // waits for an admin, held
    expect(held.data?.requestWithdrawal.status).toBe('REQUESTED');
    await publish('order.refunded', { orderId: order.orderId, orderNo: order.orderNo, memberId: order.memberId, shopId: '1', refundNo: `RB${order.orderId}`, amount: 50_000, lines: [{ lineId: order.lineIds[0]!, amount: 50_000 }] });
    expect(await balancesOf(seller)).toMatchObject({ available: 0, receivable: 4_500, withdrawing: 4_500 });
    await ask('mutation ($id: ID!) { decideWithdrawal(id: $id, approve: false, note: "退款冲回") { status } }', { id: held.data!.requestWithdrawal.id }, d.admin);
    // Back from the withdrawal: the 4,500 owed is repaid first, nothing left to take out.
    expect(await balancesOf(seller)).toMatchObject({ available: 0, receivable: 0, withdrawing: 0, withdrawn: 0 });
    expect(errorReason(await withdraw(seller, 100))).toBe('CONFLICT INSUFFICIENT_BALANCE');
  });

  it('lets a disabled distributor take out what they earned', async () => {
    await rules({ levels: 1 });
    const seller = await earner(1_000);
    await ask('mutation ($id: ID!) { decideDistributor(memberId: $id, approve: false, note: "停止推广") { status } }', { id: String(seller.id) }, d.admin);
    expect((await withdraw(seller, 1_000)).data?.requestWithdrawal.status).toBe('SUCCEEDED');
    expect(await balancesOf(seller)).toMatchObject({ available: 0, withdrawn: 1_000 });
  });
});
