import type { MutationResolvers } from '../generated/graphql.ts';
import { addAddress, deleteAddress, setDefaultAddress, updateAddress } from '../services/addresses.ts';
import { createStaffAccount, loginStaff, loginWithWechat, logout, refreshSession } from '../services/auth.ts';
import { adjustGrowth, bindPhone, updateProfile } from '../services/members.ts';
import { adjustPoints } from '../services/points.ts';
import { setRechargeRules } from '../services/wallet.ts';

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
    const result = await refreshSession(ctx, refreshToken);
    ctx.identity = result.identity;
    return result;
  },
  logout: (_, { refreshToken }, ctx) => logout(ctx, refreshToken),
  updateProfile: (_, { input }, ctx) => updateProfile(ctx, input),
  bindPhone: (_, { code }, ctx) => bindPhone(ctx, code),
  addAddress: (_, { input }, ctx) => addAddress(ctx, input),
  updateAddress: (_, { id, input }, ctx) => updateAddress(ctx, id, input),
  setDefaultAddress: (_, { id }, ctx) => setDefaultAddress(ctx, id),
  deleteAddress: (_, { id }, ctx) => deleteAddress(ctx, id),
  adjustGrowth: (_, args, ctx) => adjustGrowth(ctx, args),
  adjustPoints: (_, args, ctx) => adjustPoints(ctx, args),
  setRechargeRules: (_, { rules }, ctx) => setRechargeRules(ctx, rules),
  createStaffAccount: (_, { input }, ctx) => createStaffAccount(ctx, input),
};
