/** Payment's resolver types: the context, and the row types its GraphQL types map onto. */
export default {
  contextType: '../context.ts#PaymentContext',
  mappers: {
    Payment: '../db/schema.ts#PaymentRow',
    Refund: '../db/schema.ts#RefundRow',
    Member: '../context.ts#EntityRef',
    Order: '../context.ts#EntityRef',
    PaymentStart: '../services/payments.ts#StartedPayment',
    WechatPayParams: '@mall/wechat-pay#RequestPaymentParams',
    PaymentConnection: '@mall/kit#Connection<PaymentRow>',
  },
};
