import { and, eq } from 'drizzle-orm';
import {
  conflict,
  forbidden,
  httpUrl,
  intInRange,
  isDuplicateKey,
  notFound,
  parseId,
  requireIdentity,
  text,
  type Identity,
} from '@mall/kit';
import type { MembershipContext, MembershipDb } from '../context.ts';
import { growthEntries, members, type MemberRow } from '../db/schema.ts';
import { levelFor } from './levels.ts';
import { lockMember, sameRequestOrConflict, type Tx } from './ledger.ts';

/** The calling member's own row. */
export async function me(ctx: MembershipContext): Promise<MemberRow> {
  const caller = requireIdentity(ctx.identity);
  if (caller.role !== 'MEMBER') throw forbidden('Only members have a member profile.');
  const member = await ctx.loaders.member.load(Number(caller.userId));
  if (!member) throw notFound('Member', caller.userId);
  return member;
}

/** True when `identity` may see `memberId`'s private data: the member themself, or an admin. */
export function canSeePrivate(identity: Identity | null, memberId: number): boolean {
  return !!identity && (identity.role === 'ADMIN' || (identity.role === 'MEMBER' && identity.userId === String(memberId)));
}

/** Guards a private field of a member: FORBIDDEN for anyone but its owner and admins. */
export function requirePrivate(identity: Identity | null, memberId: number): void {
  requireIdentity(identity);
  if (!canSeePrivate(identity, memberId)) throw forbidden('Only this member and admins can see this.');
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
  const phone = await ctx.parts.wechat.phoneNumber(code.trim());
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

/** Adds growth value once per key (from paid orders, or an admin's correction, which may be negative). */
export async function addGrowth(
  db: MembershipDb,
  input: { memberId: number; delta: number; idempotencyKey: string; note?: string | null },
): Promise<{ growth: number; replayed: boolean }> {
  intInRange(input.delta, 'delta', -10_000_000, 10_000_000);
  return db.transaction((tx) => applyGrowth(tx, input));
}

/** `addGrowth` inside a transaction of the caller's (an event consumer's). */
export async function applyGrowth(tx: Tx, input: { memberId: number; delta: number; idempotencyKey: string; note?: string | null }): Promise<{ growth: number; replayed: boolean }> {
  const member = await lockMember(tx, input.memberId);
  const [previous] = await tx
    .select()
    .from(growthEntries)
    .where(and(eq(growthEntries.memberId, member.id), eq(growthEntries.idempotencyKey, input.idempotencyKey)));
  if (previous) {
    sameRequestOrConflict(previous.delta === input.delta, input.idempotencyKey);
    return { growth: previous.balanceAfter, replayed: true };
  }
  const growth = member.growth + input.delta;
  if (growth < 0) throw conflict(`Growth cannot go below zero (it is ${member.growth}).`);
  await tx.update(members).set({ growth }).where(eq(members.id, member.id));
  await tx.insert(growthEntries).values({
    memberId: member.id,
    delta: input.delta,
    balanceAfter: growth,
    idempotencyKey: input.idempotencyKey,
    note: input.note ?? null,
  });
  return { growth, replayed: false };
}

/** Growth a paid order brings: one per whole yuan paid. */
export const growthForPaid = (payableCents: number) => Math.floor(payableCents / 100);

export { levelFor };
