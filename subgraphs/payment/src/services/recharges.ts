import { membership, type EventData } from '@mall/contracts';
import { AppError, ErrorCode, cancelJob, scheduleJob } from '@mall/kit';
import type { PaymentDeps, PaymentTx } from '../context.ts';

/** What the job `recharge.credit` carries: the recharge to credit to the wallet. */
interface RechargeCredit {
  memberId: string;
  amount: number;
  paymentNo: string;
}

const isCredit = (payload: unknown): payload is RechargeCredit =>
  typeof payload === 'object' && payload !== null && typeof (payload as RechargeCredit).memberId === 'string' && Number.isSafeInteger((payload as RechargeCredit).amount) && typeof (payload as RechargeCredit).paymentNo === 'string';

/**
 * payment.succeeded of a recharge, in payment's consumer: the wallet credit is scheduled as a
 * job in the consumer's transaction (so it is never lost), and sent to membership right after
 * the commit; no transaction waits on membership. The job retries what does not get through.
 */
export async function acceptRecharge(deps: PaymentDeps, tx: PaymentTx, payment: EventData<'payment.succeeded'>): Promise<(() => Promise<void>) | undefined> {
  if (payment.purpose !== 'RECHARGE') return undefined;
  const credit: RechargeCredit = { memberId: payment.memberId, amount: payment.amount, paymentNo: payment.paymentNo };
  await scheduleJob(tx, { name: 'recharge.credit', key: payment.paymentNo, dueAt: new Date(Date.now() + 30_000), payload: credit });
  return async () => {
    await creditRecharge(deps, credit);
    await cancelJob(deps.db, 'recharge.credit', credit.paymentNo);
  };
}

/**
 * Credits a recharge (with the bonus rule) through membership's idempotent wallet credit,
 * keyed by the payment number, so sending it twice credits once. A refusal will not change
 * by asking again: a person looks at it (an outage is retried).
 */
export async function creditRecharge(deps: PaymentDeps, payload: unknown): Promise<void> {
  if (!isCredit(payload)) throw new Error('recharge.credit job without a recharge');
  try {
    await deps.send(membership.walletCredit, {
      memberId: payload.memberId,
      amount: payload.amount,
      kind: 'RECHARGE',
      idempotencyKey: `recharge:${payload.paymentNo}`,
      reference: payload.paymentNo,
    });
  } catch (error) {
    if (error instanceof AppError && error.code !== ErrorCode.SERVICE_UNAVAILABLE && error.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      deps.attention('recharge_credit_refused', { err: error, paymentNo: payload.paymentNo }, 'membership refused a recharge credit');
      return;
    }
    throw error;
  }
}
