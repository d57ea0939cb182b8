/** Catalog's resolver types: the context, and the row types its GraphQL types map onto. */
export default {
  contextType: '../context.ts#CatalogContext',
  mappers: {
    Shop: '../db/schema.ts#ShopRow',
    Category: '../db/schema.ts#CategoryRow',
    Product: '../db/schema.ts#ProductRow',
    Sku: '../db/schema.ts#SkuRow',
    ProductConnection: '@mall/kit#Connection<ProductRow>',
  },
};
