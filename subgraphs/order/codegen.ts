/** Order's resolver types: the context, and the row types its GraphQL types map onto. */
export default {
  contextType: '../context.ts#OrderContext',
  mappers: {
    Order: '../db/schema.ts#OrderRow',
    Member: '../context.ts#MemberRef',
    OrderLine: '../db/schema.ts#OrderLineRow',
    OrderStatusChange: '../db/schema.ts#OrderStatusChangeRow',
    AfterSale: '../db/schema.ts#AfterSaleRow',
    OrderConnection: '@mall/kit#Connection<OrderRow>',
  },
};
