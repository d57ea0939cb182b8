import { and, asc, count, desc, eq, inArray, lt } from 'drizzle-orm';
import { badInput, intInRange, pageNewestFirst, AppError, ErrorCode, type Connection } from '@mall/kit';
import type { MembershipDb } from '../context.ts';
import { members, rechargeRules, walletEntries, type RechargeRuleRow, type WalletEntryRow } from '../db/schema.ts';
import { lockMember, sameRequestOrConflict, type Tx } from './ledger.ts';

export interface WalletOutcome {
  entry: WalletEntryRow;
  balance: number;
  bonus: number;
  replayed: boolean;
}

type WalletKind = WalletEntryRow['kind'];

/** Entries written under `key` for `kinds`: a key is scoped to the member and the kind of entry. */
async function existingEntries(tx: Tx, memberId: number, key: string, kinds: WalletKind[]) {
  return tx
    .select()
    .from(walletEntries)
    .where(and(eq(walletEntries.memberId, memberId), eq(walletEntries.idempotencyKey, key), inArray(walletEntries.kind, kinds)));
}

async function append(tx: Tx, memberId: number, balanceBefore: number, entry: { kind: WalletKind; delta: number; key: string; reference?: string | null; note?: string | null }) {
  const balanceAfter = balanceBefore + entry.delta;
  if (balanceAfter < 0) {
    throw new AppError(ErrorCode.CONFLICT, 'The wallet balance is too low.', { reason: 'INSUFFICIENT_BALANCE' });
  }
  await tx.update(members).set({ walletBalance: balanceAfter }).where(eq(members.id, memberId));
  const [created] = await tx
    .insert(walletEntries)
    .values({ memberId, kind: entry.kind, delta: entry.delta, balanceAfter, idempotencyKey: entry.key, reference: entry.reference ?? null, note: entry.note ?? null })
    .$returningId();
  const [row] = await tx.select().from(walletEntries).where(eq(walletEntries.id, created!.id));
  return row!;
}

/** Pays `amount` cents from the wallet, once per key. Never below zero. */
export async function debitWallet(
  db: MembershipDb,
  input: { memberId: number; amount: number; idempotencyKey: string; reference?: string | null },
): Promise<WalletOutcome> {
  intInRange(input.amount, 'amount', 1, 100_000_000);
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, input.memberId);
    const [previous] = await existingEntries(tx, member.id, input.idempotencyKey, ['PAY']);
    if (previous) {
      sameRequestOrConflict(previous.delta === -input.amount, input.idempotencyKey);
      // A replay answers the first outcome, as it was then.
      return { entry: previous, balance: previous.balanceAfter, bonus: 0, replayed: true };
    }
    const entry = await append(tx, member.id, member.walletBalance, { kind: 'PAY', delta: -input.amount, key: input.idempotencyKey, reference: input.reference });
    return { entry, balance: entry.balanceAfter, bonus: 0, replayed: false };
  });
}

/** The bonus a recharge of `amount` earns: the rule with the highest threshold it reaches. */
export function bonusFor(rules: RechargeRuleRow[], amount: number): number {
  return rules.filter((r) => r.threshold <= amount).sort((a, b) => b.threshold - a.threshold)[0]?.bonus ?? 0;
}

/** Credits a refund, or a recharge plus its bonus (two entries under one key), once per key. */
export async function creditWallet(
  db: MembershipDb,
  input: { memberId: number; amount: number; kind: 'REFUND' | 'RECHARGE'; idempotencyKey: string; reference?: string | null },
): Promise<WalletOutcome> {
  intInRange(input.amount, 'amount', 1, 100_000_000);
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, input.memberId);
    const previous = await existingEntries(tx, member.id, input.idempotencyKey, input.kind === 'RECHARGE' ? ['RECHARGE', 'BONUS'] : ['REFUND']);
    const main = previous.find((e) => e.kind === input.kind);
    if (main) {
      sameRequestOrConflict(main.delta === input.amount, input.idempotencyKey);
      const bonusEntry = previous.find((e) => e.kind === 'BONUS');
      return { entry: main, balance: (bonusEntry ?? main).balanceAfter, bonus: bonusEntry?.delta ?? 0, replayed: true };
    }
    const entry = await append(tx, member.id, member.walletBalance, { kind: input.kind, delta: input.amount, key: input.idempotencyKey, reference: input.reference });
    let bonus = 0;
    let balance = entry.balanceAfter;
    if (input.kind === 'RECHARGE') {
      bonus = bonusFor(await tx.select().from(rechargeRules), input.amount);
      if (bonus > 0) {
        const bonusEntry = await append(tx, member.id, balance, { kind: 'BONUS', delta: bonus, key: input.idempotencyKey, reference: input.reference, note: '充值赠送' });
        balance = bonusEntry.balanceAfter;
      }
    }
    return { entry, balance, bonus, replayed: false };
  });
}

/** Newest first, keyset-paginated by entry id. */
export async function walletHistory(db: MembershipDb, memberId: number, first?: number | null, after?: string | null): Promise<Connection<WalletEntryRow>> {
  return pageNewestFirst(
    'wallet',
    { first, after },
    (limit, beforeId) =>
      db
        .select()
        .from(walletEntries)
        .where(and(eq(walletEntries.memberId, memberId), ...(beforeId === null ? [] : [lt(walletEntries.id, beforeId)])))
        .orderBy(desc(walletEntries.id))
        .limit(limit),
    async () => (await db.select({ n: count() }).from(walletEntries).where(eq(walletEntries.memberId, memberId)))[0]?.n ?? 0,
  );
}

export function listRechargeRules(db: MembershipDb): Promise<RechargeRuleRow[]> {
  return db.select().from(rechargeRules).orderBy(asc(rechargeRules.threshold));
}

/** Replaces every recharge bonus rule (e.g. 充100送10, 充500送80). */
export async function setRechargeRules(db: MembershipDb, rules: Array<{ threshold: number; bonus: number }>): Promise<RechargeRuleRow[]> {
  if (rules.length > 20) throw badInput('At most 20 recharge rules.', 'rules');
  rules.forEach((rule, i) => {
    intInRange(rule.threshold, `rules[${i}].threshold`, 1, 100_000_000);
    intInRange(rule.bonus, `rules[${i}].bonus`, 1, rule.threshold);
  });
  if (new Set(rules.map((r) => r.threshold)).size !== rules.length) throw badInput('Two rules have the same threshold.', 'rules');
  await db.transaction(async (tx) => {
    await tx.delete(rechargeRules);
    if (rules.length > 0) await tx.insert(rechargeRules).values(rules);
  });
  return listRechargeRules(db);
}
