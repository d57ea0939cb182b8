import { eq } from 'drizzle-orm';
import type { EventData } from '@mall/contracts';
import {
  AppError,
  badInput,
  canSeeMember,
  conflict,
  forbidden,
  httpUrl,
  INT_MAX,
  intInRange,
  isDuplicateKey,
  loadReference,
  notFound,
  parseId,
  postEntry,
  requireIdentity,
  requireRole,
  text,
  type Identity,
  type LedgerSpec,
} from '@mall/kit';
import type { MembershipContext, MembershipDeps, MembershipTx } from '../context.ts';
import { growthEntries, members, type MemberRow } from '../db/schema.ts';
import { levelFor } from './levels.ts';

type GrowthEntryRow = typeof growthEntries.$inferSelect;

/** Growth (it decides the level) as a ledger of the kit's over `members.growth`, never below zero. */
const growthLedger: LedgerSpec<GrowthEntryRow> = {
  name: 'Member',
  account: { table: members, id: members.id, balance: members.growth },
  entries: { table: growthEntries, account: growthEntries.memberId, key: growthEntries.idempotencyKey },
  row: (e) => ({ memberId: e.account, delta: e.delta, balanceAfter: e.balanceAfter, idempotencyKey: e.key, note: (e.extra?.['note'] as string | null | undefined) ?? null }),
  read: (e) => ({ kind: 'GROWTH', delta: e.delta, balanceAfter: e.balanceAfter }),
  // `Member.growth` is an Int: growth past it could be written but never read.
  max: INT_MAX,
  refusal: (delta) =>
    delta < 0
      ? { reason: 'GROWTH_BELOW_ZERO', message: 'Growth cannot go below zero.' }
      : { reason: 'GROWTH_LIMIT', message: `Growth cannot go above ${INT_MAX}.` },
};

/** The calling member's own row. */
export async function me(ctx: MembershipContext): Promise<MemberRow> {
  const caller = requireIdentity(ctx.identity);
  if (caller.role !== 'MEMBER') throw forbidden('Only members have a member profile.');
  const member = await ctx.loaders.member.load(Number(caller.userId));
  if (!member) throw notFound('Member', caller.userId);
  return member;
}


/** A member whose private fields the caller may read: FORBIDDEN for anyone but its owner and admins. */
export function privateMember(ctx: Pick<MembershipContext, 'identity'>, member: MemberRow): MemberRow {
  requireIdentity(ctx.identity);
  if (!canSeeMember(ctx.identity, member.id)) throw forbidden('Only this member and admins can see this.');
  return member;
}

/** A member reference (`_entities`): its public fields are anyone's. */
export function memberReference(ctx: MembershipContext, id: string | number): Promise<MemberRow | null> {
  return loadReference(ctx.loaders.member, id);
}

/** `member(id)`: admins only. */
export function memberForAdmin(ctx: MembershipContext, id: string): Promise<MemberRow | null> {
  requireRole(ctx.identity, 'ADMIN');
  return loadReference(ctx.loaders.member, id);
}

export async function getMember(ctx: MembershipContext, id: string | number): Promise<MemberRow> {
  const member = await ctx.loaders.member.load(parseId(id, 'Member'));
  if (!member) throw notFound('Member', id);
  return member;
}

export async function updateProfile(ctx: MembershipContext, input: { nickname?: string | null; avatar?: string | null }): Promise<MemberRow> {
  const member = await me(ctx);
  const changes: Partial<typeof members.$inferInsert> = {};
  if (input.nickname != null) changes.nickname = text(input.nickname, 'input.nickname', 1, 32);
  if (input.avatar !== undefined) changes.avatar = input.avatar === null ? null : httpUrl(input.avatar, 'input.avatar');
  if (Object.keys(changes).length > 0) await ctx.db.update(members).set(changes).where(eq(members.id, member.id));
  ctx.loaders.member.clear(member.id);
  return getMember(ctx, member.id);
}

/** Binds the phone number WeChat vouches for (the phone-number button's code). */
export async function bindPhone(ctx: MembershipContext, code: string): Promise<MemberRow> {
  const member = await me(ctx);
  const phone = await ctx.wechat.phoneNumber(text(code, 'code', 1, 128));
  const number = phone.countryCode === '86' ? phone.purePhoneNumber : `+${phone.countryCode}${phone.purePhoneNumber}`;
  try {
    await ctx.db.update(members).set({ phone: number }).where(eq(members.id, member.id));
  } catch (error) {
    if (isDuplicateKey(error)) throw conflict('This phone number is bound to another member.');
    throw error;
  }
  ctx.loaders.member.clear(member.id);
  return getMember(ctx, member.id);
}

/** Adds growth once per key, inside `tx` (an event consumer's, or a transaction of its own). */
export async function applyGrowth(
  tx: MembershipTx,
  input: { memberId: number; delta: number; idempotencyKey: string; note?: string | null },
): Promise<{ growth: number; level: string; replayed: boolean }> {
  intInRange(input.delta, 'delta', -10_000_000, 10_000_000);
  const posted = await postEntry(tx, growthLedger, { account: input.memberId, kind: 'GROWTH', delta: input.delta, key: input.idempotencyKey, extra: { note: input.note ?? null } });
  return { growth: posted.balance, level: levelFor(posted.balance).code, replayed: posted.replayed };
}

/** `membership.growth.add`: growth from another subgraph, once per key. */
export function addGrowth(deps: Pick<MembershipDeps, 'db'>, input: { memberId: number; delta: number; idempotencyKey: string; note?: string | null }) {
  return deps.db.transaction((tx) => applyGrowth(tx, input));
}

/** An admin's correction (`adjustGrowth`), which may be negative. */
export async function adjustGrowth(ctx: MembershipContext, input: { memberId: string; delta: number; note?: string | null; idempotencyKey: string }): Promise<MemberRow> {
  requireRole(ctx.identity, 'ADMIN');
  if (input.delta === 0) throw badInput('delta must not be zero.', 'delta');
  const memberId = parseId(input.memberId, 'Member');
  await addGrowth(ctx, {
    memberId,
    delta: input.delta,
    idempotencyKey: text(input.idempotencyKey, 'idempotencyKey', 8, 100),
    note: input.note == null ? '管理员调整' : text(input.note, 'note', 1, 200),
  });
  ctx.loaders.member.clear(memberId);
  return getMember(ctx, memberId);
}

/** Growth a paid order brings: one per whole yuan paid. */
export const growthForPaid = (payableCents: number) => Math.floor(payableCents / 100);

/** order.paid, in membership's consumer: the order's growth, once per order. */
export async function growthForPaidOrder(deps: Pick<MembershipDeps, 'log'>, tx: MembershipTx, order: EventData<'order.paid'>): Promise<void> {
  const delta = growthForPaid(order.payable);
  if (delta < 1) return;
  try {
    await applyGrowth(tx, { memberId: Number(order.memberId), delta, idempotencyKey: `order-paid:${order.orderId}`, note: `订单${order.orderNo}` });
  } catch (error) {
    // An unknown member or a key already used differently will not change by retrying.
    if (error instanceof AppError) {
      deps.log.error({ err: error, orderId: order.orderId, memberId: order.memberId }, 'growth for a paid order could not be added');
      return;
    }
    throw error;
  }
}

/** `membership.level.get`: the member's level and the share of the goods they pay. */
export async function levelOfMember(deps: Pick<MembershipDeps, 'db'>, memberId: number): Promise<{ level: string; discountPermille: number }> {
  const [member] = await deps.db.select({ growth: members.growth }).from(members).where(eq(members.id, memberId));
  if (!member) throw notFound('Member', memberId);
  const level = levelFor(member.growth);
  return { level: level.code, discountPermille: level.discountPermille };
}

/** `membership.member.payer`: the openid WeChat Pay charges. */
export async function payerOf(deps: Pick<MembershipDeps, 'db'>, memberId: number): Promise<{ openid: string }> {
  const [member] = await deps.db.select({ openid: members.openid }).from(members).where(eq(members.id, memberId));
  if (!member) throw notFound('Member', memberId);
  return { openid: member.openid };
}

export { levelFor };
