import { and, eq } from 'drizzle-orm';
import { appendLocked, lockAccount, type LedgerSpec } from '@mall/kit';
import type { DistributionTx } from '../context.ts';
import { distributors, ledgerEntries, type LedgerEntryRow } from '../db/schema.ts';

/**
 * A distributor's three balances as ledgers of the kit, over the distributor's row, sharing
 * one entries table (its `bucket`): each change appended with the balance after it, once
 * per key, the balance never below zero.
 */
type Bucket = LedgerEntryRow['bucket'];
const columns = { PENDING: distributors.pending, AVAILABLE: distributors.available, RECEIVABLE: distributors.receivable, WITHDRAWING: distributors.withdrawing, WITHDRAWN: distributors.withdrawn } as const;

function ledgerOf(bucket: Bucket): LedgerSpec<LedgerEntryRow> {
  return {
    name: 'Distributor',
    account: { table: distributors, id: distributors.memberId, balance: columns[bucket] },
    entries: { table: ledgerEntries, account: ledgerEntries.distributorId, key: ledgerEntries.key, kind: ledgerEntries.kind },
    row: (e) => ({ distributorId: e.account, bucket, kind: e.kind, delta: e.delta, balanceAfter: e.balanceAfter, key: e.key, commissionId: (e.extra?.['commissionId'] as number | undefined) ?? null }),
    read: (e) => ({ kind: e.kind, delta: e.delta, balanceAfter: e.balanceAfter }),
    refusal: () => ({ reason: 'INSUFFICIENT_BALANCE', message: `The distributor's ${bucket.toLowerCase()} balance cannot go below zero.` }),
  };
}

export interface BalanceChange {
  bucket: Bucket;
  kind: string;
  delta: number;
  commissionId?: number;
}

/**
 * Applies changes to one distributor's balances under their row's lock, in the caller's
 * transaction, all under one key (a step of a commission: its first use wins, a replay
 * changes nothing). Answers false for a replay.
 */
export async function changeBalances(tx: DistributionTx, distributorId: number, key: string, changes: BalanceChange[]): Promise<boolean> {
  const wanted = changes.filter((c) => c.delta !== 0);
  if (wanted.length === 0) return true;
  await lockAccount(tx, ledgerOf('PENDING'), distributorId);
  const [seen] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(entryOf(distributorId, key)).limit(1);
  if (seen) return false;
  for (const change of wanted) {
    const spec = ledgerOf(change.bucket);
    const before = await lockAccount(tx, spec, distributorId);
    await appendLocked(tx, spec, { account: distributorId, kind: change.kind, delta: change.delta, key, extra: { commissionId: change.commissionId } }, before);
  }
  return true;
}

const entryOf = (distributorId: number, key: string) => and(eq(ledgerEntries.distributorId, distributorId), eq(ledgerEntries.key, key));
