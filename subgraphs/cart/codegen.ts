/** Cart's resolver types: the context, and the row types its GraphQL types map onto. */
export default {
  contextType: '../context.ts#CartContext',
  mappers: {
    Cart: '../services/cart.ts#CartView',
    CartLine: '../db/schema.ts#CartLineRow',
    Member: '../context.ts#MemberRef',
  },
};
