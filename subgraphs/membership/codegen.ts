/** Membership's resolver types: the context, and the row types its GraphQL types map onto. */
export default {
  contextType: '../context.ts#MembershipContext',
  mappers: {
    Member: '../db/schema.ts#MemberRow',
    Address: '../db/schema.ts#AddressRow',
    PointsEntry: '../db/schema.ts#PointsEntryRow',
    WalletEntry: '../db/schema.ts#WalletEntryRow',
    StaffAccount: '../db/schema.ts#StaffRow',
    RechargeRule: '../db/schema.ts#RechargeRuleRow',
    PointsAccount: '../db/schema.ts#MemberRow',
    Wallet: '../db/schema.ts#MemberRow',
    MemberLevel: '../services/levels.ts#Level',
    AuthPayload: '../services/auth.ts#AuthResult',
    PointsEntryConnection: '@mall/kit#Connection<PointsEntryRow>',
    WalletEntryConnection: '@mall/kit#Connection<WalletEntryRow>',
  },
};
