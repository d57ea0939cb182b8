/** Promotion's resolver types: the context, and the row types its GraphQL types map onto. */
export default {
  contextType: '../context.ts#PromotionContext',
  mappers: {
    CouponTemplate: '../db/schema.ts#CouponTemplateRow',
    Coupon: '../db/schema.ts#CouponRow',
    Member: '../context.ts#MemberRef',
    Shop: '../context.ts#ShopRef',
    Sku: '../context.ts#SkuRef',
    Product: '../context.ts#ProductRef',
    Quote: '../services/quote.ts#QuoteView',
    CouponTemplateConnection: '@mall/kit#Connection<CouponTemplateRow>',
    CouponConnection: '@mall/kit#Connection<CouponRow>',
    CouponCode: '../db/schema.ts#CouponCodeRow',
    CouponCodeConnection: '@mall/kit#Connection<CouponCodeRow>',
    FreightTemplate: '../db/schema.ts#FreightTemplateRow',
    FreightRegion: '../db/schema.ts#FreightRegionRow',
    FreightEstimate: '../services/freightTemplates.ts#FreightEstimateView',
  },
};
