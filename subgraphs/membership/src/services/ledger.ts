import { eq } from 'drizzle-orm';
import { conflict, notFound, type TransactionOf } from '@mall/kit';
import { members, type MemberRow, type MembershipSchema } from '../db/schema.ts';

export type Tx = TransactionOf<MembershipSchema>;

/**
 * Locks the member row for the rest of the transaction. Every ledger write of one member
 * (wallet, points, growth) takes this lock first, so writes of one member go one at a
 * time: an idempotency key is checked and used under the lock, and a balance is read,
 * checked and changed with nobody in between.
 */
export async function lockMember(tx: Tx, memberId: number): Promise<MemberRow> {
  const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  if (!member) throw notFound('Member', memberId);
  return member;
}

/** A replayed key must carry the same request; anything else is a CONFLICT. */
export function sameRequestOrConflict(matches: boolean, key: string): void {
  if (!matches) throw conflict(`Idempotency key ${key} was already used for a different request.`);
}
