import { and, asc, count, desc, eq, lt } from 'drizzle-orm';
import { MONEY_LIMITS, appendLocked, badInput, cents, findEntry, intInRange, pageNewestFirst, postEntry, requireRole, type Connection, type LedgerSpec } from '@mall/kit';
import type { MembershipContext, MembershipDb, MembershipDeps } from '../context.ts';
import { members, rechargeRules, walletEntries, type RechargeRuleRow, type WalletEntryRow } from '../db/schema.ts';

export interface WalletOutcome {
  entry: WalletEntryRow;
  balance: number;
  bonus: number;
  replayed: boolean;
}

/** The wallet in cents: a ledger of the kit's over `members.wallet_balance`, never below 0 nor above the wallet limit. */
export const walletLedger: LedgerSpec<WalletEntryRow> = {
  name: 'Member',
  account: { table: members, id: members.id, balance: members.walletBalance },
  entries: { table: walletEntries, account: walletEntries.memberId, key: walletEntries.idempotencyKey, kind: walletEntries.kind },
  row: (e) => ({
    memberId: e.account,
    kind: e.kind as WalletEntryRow['kind'],
    delta: e.delta,
    balanceAfter: e.balanceAfter,
    idempotencyKey: e.key,
    reference: (e.extra?.['reference'] as string | null | undefined) ?? null,
    note: (e.extra?.['note'] as string | null | undefined) ?? null,
  }),
  read: (e) => ({ kind: e.kind, delta: e.delta, balanceAfter: e.balanceAfter }),
  max: MONEY_LIMITS.wallet,
  refusal: (delta) =>
    delta < 0
      ? { reason: 'INSUFFICIENT_BALANCE', message: 'The wallet balance is too low.' }
      : { reason: 'WALLET_LIMIT', message: `A wallet holds at most ${MONEY_LIMITS.wallet} cents.` },
};

/** Pays `amount` cents from the wallet, once per key (scoped to the member and PAY entries). Never below zero. */
export async function debitWallet(
  deps: Pick<MembershipDeps, 'db'>,
  input: { memberId: number; amount: number; idempotencyKey: string; reference?: string | null },
): Promise<WalletOutcome> {
  cents(input.amount, 'amount', 1, MONEY_LIMITS.order);
  const posted = await deps.db.transaction((tx) =>
    postEntry(tx, walletLedger, { account: input.memberId, kind: 'PAY', delta: -input.amount, key: input.idempotencyKey, extra: { reference: input.reference } }),
  );
  return { ...posted, bonus: 0 };
}

/** The bonus a recharge of `amount` earns: the rule with the highest threshold it reaches. */
export function bonusFor(rules: RechargeRuleRow[], amount: number): number {
  return rules.filter((r) => r.threshold <= amount).sort((a, b) => b.threshold - a.threshold)[0]?.bonus ?? 0;
}

/** Credits a refund, a commission withdrawn, or a recharge plus its bonus (two entries under one key), once per key. */
export async function creditWallet(
  deps: Pick<MembershipDeps, 'db'>,
  input: { memberId: number; amount: number; kind: 'REFUND' | 'RECHARGE' | 'COMMISSION'; idempotencyKey: string; reference?: string | null },
): Promise<WalletOutcome> {
  cents(input.amount, 'amount', 1, MONEY_LIMITS.order);
  return deps.db.transaction(async (tx) => {
    const main = await postEntry(tx, walletLedger, { account: input.memberId, kind: input.kind, delta: input.amount, key: input.idempotencyKey, extra: { reference: input.reference } });
    if (input.kind !== 'RECHARGE') return { ...main, bonus: 0 };
    if (main.replayed) {
      const [bonusEntry] = await findEntry(tx, walletLedger, input.memberId, input.idempotencyKey, ['BONUS']);
      return { ...main, balance: bonusEntry?.balanceAfter ?? main.balance, bonus: bonusEntry?.delta ?? 0 };
    }
    const bonus = bonusFor(await tx.select().from(rechargeRules), input.amount);
    if (bonus === 0) return { ...main, bonus: 0 };
    const bonusEntry = await appendLocked(tx, walletLedger, { account: input.memberId, kind: 'BONUS', delta: bonus, key: input.idempotencyKey, extra: { reference: input.reference, note: '充值赠送' } }, main.balance);
    return { ...main, balance: bonusEntry.balanceAfter, bonus };
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

/** Replaces every recharge bonus rule (e.g. 充100送10, 充500送80). Admins only. */
export async function setRechargeRules(ctx: MembershipContext, rules: Array<{ threshold: number; bonus: number }>): Promise<RechargeRuleRow[]> {
  requireRole(ctx.identity, 'ADMIN');
  const db = ctx.db;
  if (rules.length > 20) throw badInput('At most 20 recharge rules.', 'rules');
  rules.forEach((rule, i) => {
    intInRange(rule.threshold, `rules[${i}].threshold`, 1, MONEY_LIMITS.order);
    intInRange(rule.bonus, `rules[${i}].bonus`, 1, rule.threshold);
  });
  if (new Set(rules.map((r) => r.threshold)).size !== rules.length) throw badInput('Two rules have the same threshold.', 'rules');
  await db.transaction(async (tx) => {
    await tx.delete(rechargeRules);
    if (rules.length > 0) await tx.insert(rechargeRules).values(rules);
  });
  return listRechargeRules(db);
}
