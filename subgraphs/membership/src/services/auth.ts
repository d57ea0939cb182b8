import { eq } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { badInput, conflict, isDuplicateKey, requireRole, text, tryParseId, unauthenticated } from '@mall/kit';
import type { MembershipContext } from '../context.ts';
import { members, staffAccounts, wechatSessions, type MemberRow, type StaffRow } from '../db/schema.ts';
import { closeSession, openSession, rotateSession, type Session } from './tokens.ts';

/** What a login or refresh answers (the GraphQL `AuthPayload`). */
export interface AuthResult extends Session {
  member: MemberRow | null;
  staff: StaffRow | null;
  isNewMember: boolean;
}

/**
 * `wx.login` code → member session. The first login creates the member. The session key
 * WeChat returns is stored server-side only (for later encrypted-data flows).
 */
export async function loginWithWechat(ctx: MembershipContext, code: string): Promise<Session & { member: MemberRow; isNewMember: boolean }> {
  const wechat = await ctx.wechat.code2session(text(code, 'code', 1, 128));
  const [existing] = await ctx.db.select().from(members).where(eq(members.openid, wechat.openid));
  let isNewMember = false;
  if (!existing) {
    try {
      // The member and `member.registered` together (promotion's welcome coupons follow it).
      await ctx.db.transaction(async (tx) => {
        const [created] = await tx.insert(members).values({ openid: wechat.openid, unionid: wechat.unionid, nickname: '微信用户' }).$returningId();
        await events.write(tx, 'member.registered', { memberId: String(created!.id) });
      });
      isNewMember = true;
    } catch (error) {
      // Two first logins of one user at once: the other one created the member.
      if (!isDuplicateKey(error)) throw error;
    }
  } else if (wechat.unionid && existing.unionid !== wechat.unionid) {
    await ctx.db.update(members).set({ unionid: wechat.unionid }).where(eq(members.id, existing.id));
  }
  const [member] = await ctx.db.select().from(members).where(eq(members.openid, wechat.openid));
  await ctx.db
    .insert(wechatSessions)
    .values({ memberId: member!.id, sessionKey: wechat.sessionKey })
    .onDuplicateKeyUpdate({ set: { sessionKey: wechat.sessionKey } });
  ctx.log.info({ memberId: member!.id, isNewMember }, 'member logged in with WeChat');
  const session = await openSession(ctx.db, ctx.settings.tokens, { kind: 'MEMBER', id: member!.id });
  return { ...session, member: member!, isNewMember };
}

/** Verifying against this when the account does not exist keeps both answers equally slow. */
const DUMMY_HASH = await argonHash('no-such-account-password');

/**
 * Account + password login for merchants and admins. Every try first takes one attempt
 * (under the account's row lock, so parallel guesses each take one); after
 * `STAFF_LOCK_ATTEMPTS` tries without success the account locks for `STAFF_LOCK_MINUTES`,
 * and a lock that has run out starts the count again. An unknown account, a wrong password
 * and a locked account get the same answer after the same argon2 work.
 */
export async function loginStaff(ctx: MembershipContext, account: string, password: string): Promise<Session & { staff: StaffRow }> {
  const refused = () =>
    unauthenticated('Account or password is wrong, or the account is locked for a while after repeated failures.');
  // Past the longest password an account can have, nothing can match: the same answer, no argon2 work on megabytes.
  if (password.length > 128) throw refused();
  const name = account.trim().toLowerCase();
  const [staff] = name.length > 0 && name.length <= 32 ? await ctx.db.select().from(staffAccounts).where(eq(staffAccounts.account, name)) : [];
  if (!staff) {
    await argonVerify(DUMMY_HASH, password);
    throw refused();
  }
  const { attempts, minutes } = ctx.settings.staffLock;
  const allowed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(staffAccounts).where(eq(staffAccounts.id, staff.id)).for('update');
    const now = Date.now();
    if (!row || (row.lockedUntil && row.lockedUntil.getTime() > now)) return false;
    const tries = (row.lockedUntil ? 0 : row.failedAttempts) + 1;
    await tx
      .update(staffAccounts)
      .set({ failedAttempts: tries, lockedUntil: tries >= attempts ? new Date(now + minutes * 60_000) : null })
      .where(eq(staffAccounts.id, staff.id));
    return true;
  });
  const passwordOk = await argonVerify(staff.passwordHash, password);
  if (!allowed || !passwordOk) {
    ctx.log.warn({ staffId: staff.id, locked: !allowed }, 'staff login refused');
    throw refused();
  }
  await ctx.db.update(staffAccounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staffAccounts.id, staff.id));
  const session = await openSession(ctx.db, ctx.settings.tokens, { kind: 'STAFF', id: staff.id });
  return { ...session, staff };
}

export interface NewStaff {
  account: string;
  password: string;
  role: 'MERCHANT' | 'ADMIN';
  shopId?: string | null;
}

/** `createStaffAccount`: admins create merchant and admin accounts. */
export async function createStaffAccount(ctx: MembershipContext, input: NewStaff): Promise<StaffRow> {
  requireRole(ctx.identity, 'ADMIN');
  return insertStaffAccount(ctx, input);
}

/** Writes a staff account (also the demo seed's); merchants are bound to one shop. Passwords are argon2id hashes. */
export async function insertStaffAccount(ctx: Pick<MembershipContext, 'db'>, input: NewStaff): Promise<StaffRow> {
  const account = text(input.account, 'input.account', 3, 32).toLowerCase();
  if (!/^[a-z0-9_.-]+$/.test(account)) throw badInput('An account name uses letters, digits, ".", "_" and "-".', 'input.account');
  if (input.password.length < 10 || input.password.length > 128) throw badInput('A password has 10–128 characters.', 'input.password');
  if (input.role === 'MERCHANT' && tryParseId(input.shopId ?? '') === null) {
    throw badInput('A merchant account needs the id of its shop.', 'input.shopId');
  }
  try {
    const [created] = await ctx.db
      .insert(staffAccounts)
      .values({
        account,
        passwordHash: await argonHash(input.password),
        role: input.role,
        shopId: input.role === 'MERCHANT' ? Number(input.shopId) : null,
      })
      .$returningId();
    const [row] = await ctx.db.select().from(staffAccounts).where(eq(staffAccounts.id, created!.id));
    return row!;
  } catch (error) {
    if (isDuplicateKey(error)) throw conflict(`The account ${account} already exists.`);
    throw error;
  }
}

/** `refreshSession`: a new pair for a refresh token (which is spent), with who it belongs to. */
export async function refreshSession(ctx: MembershipContext, refreshToken: string): Promise<AuthResult> {
  const session = await rotateSession(ctx.db, ctx.settings.tokens, text(refreshToken, 'refreshToken', 1, 200));
  const id = Number(session.identity.userId);
  const [member] = session.identity.role === 'MEMBER' ? await ctx.db.select().from(members).where(eq(members.id, id)) : [];
  const [staff] = session.identity.role === 'MEMBER' ? [] : await ctx.db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
  return { ...session, member: member ?? null, staff: staff ?? null, isNewMember: false };
}

/** `logout`: ends the refresh token's session. */
export async function logout(ctx: MembershipContext, refreshToken: string): Promise<boolean> {
  await closeSession(ctx.db, text(refreshToken, 'refreshToken', 1, 200));
  return true;
}
