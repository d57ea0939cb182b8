import { allow, badInput, guard, parseId } from '@mall/kit';
import type { MutationResolvers } from '../generated/graphql.ts';
import { addAddress, deleteAddress, setDefaultAddress, updateAddress } from '../services/addresses.ts';
import { createStaffAccount, loginStaff, loginWithWechat } from '../services/auth.ts';
import { addGrowth, bindPhone, getMember, updateProfile } from '../services/members.ts';
import { earnPoints, spendPoints } from '../services/points.ts';
import { closeSession, rotateSession } from '../services/tokens.ts';
import { setRechargeRules } from '../services/wallet.ts';
import { members, staffAccounts } from '../db/schema.ts';
import { eq } from 'drizzle-orm';

function key(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length < 8 || trimmed.length > 100) throw badInput('idempotencyKey must be 8–100 characters.', 'idempotencyKey');
  return trimmed;
}

export const Mutation: MutationResolvers = {
  // The rest of a login's answer (member { phone points … }) is read as the one who just
  // logged in: the request came in anonymous, the payload belongs to the new session.
  loginWithWechat: async (_, { code }, ctx) => {
    const { member, isNewMember, ...session } = await loginWithWechat(ctx, code);
    ctx.identity = session.identity;
    return { ...session, member, staff: null, isNewMember };
  },
  loginStaff: async (_, { account, password }, ctx) => {
    const { staff, ...session } = await loginStaff(ctx, account, password);
    ctx.identity = session.identity;
    return { ...session, member: null, staff, isNewMember: false };
  },
  refreshSession: async (_, { refreshToken }, ctx) => {
    const session = await rotateSession(ctx.db, ctx.parts.config.tokens, refreshToken);
    ctx.identity = session.identity;
    const id = Number(session.identity.userId);
    const [member] = session.identity.role === 'MEMBER' ? await ctx.db.select().from(members).where(eq(members.id, id)) : [];
    const [staff] = session.identity.role === 'MEMBER' ? [] : await ctx.db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
    return { ...session, member: member ?? null, staff: staff ?? null, isNewMember: false };
  },
  logout: (_, { refreshToken }, ctx) => closeSession(ctx.db, refreshToken).then(() => true),
  updateProfile: guard(allow.member, (_, { input }, ctx) => updateProfile(ctx, input)),
  bindPhone: guard(allow.member, (_, { code }, ctx) => bindPhone(ctx, code)),
  addAddress: guard(allow.member, (_, { input }, ctx) => addAddress(ctx, input)),
  updateAddress: guard(allow.member, (_, { id, input }, ctx) => updateAddress(ctx, id, input)),
  setDefaultAddress: guard(allow.member, (_, { id }, ctx) => setDefaultAddress(ctx, id)),
  deleteAddress: guard(allow.member, (_, { id }, ctx) => deleteAddress(ctx, id)),
  adjustGrowth: guard(allow.admin, async (_, { memberId, delta, note, idempotencyKey }, ctx) => {
    if (delta === 0) throw badInput('delta must not be zero.', 'delta');
    const id = parseId(memberId, 'Member');
    await getMember(ctx, id);
    await addGrowth(ctx.db, { memberId: id, delta, idempotencyKey: key(idempotencyKey), note: note ?? '管理员调整' });
    ctx.loaders.member.clear(id);
    return getMember(ctx, id);
  }),
  adjustPoints: guard(allow.admin, async (_, { memberId, delta, note, idempotencyKey }, ctx) => {
    if (delta === 0) throw badInput('delta must not be zero.', 'delta');
    const id = parseId(memberId, 'Member');
    await getMember(ctx, id);
    const common = { memberId: id, points: Math.abs(delta), idempotencyKey: key(idempotencyKey), kind: 'ADJUST' as const, note: note ?? '管理员调整' };
    if (delta > 0) await earnPoints(ctx.db, { ...common, expiresAt: null });
    else await spendPoints(ctx.db, common);
    ctx.loaders.member.clear(id);
    return getMember(ctx, id);
  }),
  setRechargeRules: guard(allow.admin, (_, { rules }, ctx) => setRechargeRules(ctx.db, rules)),
  createStaffAccount: guard(allow.admin, (_, { input }, ctx) => createStaffAccount(ctx, input)),
};
