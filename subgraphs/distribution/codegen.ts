/** Distribution's resolver types: the context, and the row types its GraphQL types map onto. */
export default {
  contextType: '../context.ts#DistributionContext',
  mappers: {
    Member: '../context.ts#MemberRef',
    Order: '../context.ts#OrderRef',
    Distributor: '../db/schema.ts#DistributorRow',
    DistributorBalances: '../db/schema.ts#DistributorRow',
    DistributorTeam: '../db/schema.ts#DistributorRow',
    ReferralBinding: '../db/schema.ts#BindingRow',
    Commission: '../db/schema.ts#CommissionRow',
    CommissionLine: '../db/schema.ts#CommissionLineRow',
    DistributionSettings: '../db/schema.ts#SettingsRow',
    CommissionRate: '../db/schema.ts#RateOverrideRow',
    Withdrawal: '../db/schema.ts#WithdrawalRow',
    DistributorRank: '../services/rankings.ts#RankView',
    DistributorGrade: '../db/schema.ts#GradeRow',
  },
};
