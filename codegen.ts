import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * - Typed resolvers for every subgraph: federation-aware, with mappers from GraphQL
 *   types to the Drizzle row types the resolvers really return.
 * - The client SDK (`packages/client`): typed documents for the operations in
 *   `packages/client/operations/`, against the composed client API schema.
 * `pnpm codegen` writes them; CI fails when the committed output is stale.
 */
const resolverConfig = (contextType: string, mappers: Record<string, string>) => ({
  plugins: ['typescript', 'typescript-resolvers'],
  config: {
    federation: true,
    useTypeImports: true,
    enumsAsTypes: true,
    contextType,
    mappers,
    scalars: { DateTime: 'Date', ID: { input: 'string', output: 'string | number' }, _FieldSet: 'string' },
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    maybeValue: 'T | null',
    inputMaybeValue: 'T | null | undefined',
    resolverTypeWrapperSignature: 'T | Promise<T>',
    strictScalars: true,
  },
});

/** The federation link and shared types every subgraph's schema starts with. */
const COMMON_SDL = 'packages/kit/schema/common.graphql';

const config: CodegenConfig = {
  overwrite: true,
  hooks: {},
  generates: {
    'subgraphs/catalog/src/generated/graphql.ts': {
      schema: [COMMON_SDL, 'subgraphs/catalog/schema.graphql'],
      ...resolverConfig('../context.ts#CatalogContext', {
        Shop: '../db/schema.ts#ShopRow',
        Category: '../db/schema.ts#CategoryRow',
        Product: '../db/schema.ts#ProductRow',
        Sku: '../db/schema.ts#SkuRow',
        ProductConnection: '@mall/kit#Connection<ProductRow>',
      }),
    },
    'subgraphs/membership/src/generated/graphql.ts': {
      schema: [COMMON_SDL, 'subgraphs/membership/schema.graphql'],
      ...resolverConfig('../context.ts#MembershipContext', {
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
      }),
    },
    'subgraphs/order/src/generated/graphql.ts': {
      schema: [COMMON_SDL, 'subgraphs/order/schema.graphql'],
      ...resolverConfig('../context.ts#OrderContext', {
        Order: '../db/schema.ts#OrderRow',
        Member: '../context.ts#MemberRef',
        OrderLine: '../db/schema.ts#OrderLineRow',
        OrderStatusChange: '../db/schema.ts#OrderStatusChangeRow',
        AfterSale: '../db/schema.ts#AfterSaleRow',
        OrderConnection: '@mall/kit#Connection<OrderRow>',
      }),
    },
    'subgraphs/cart/src/generated/graphql.ts': {
      schema: [COMMON_SDL, 'subgraphs/cart/schema.graphql'],
      ...resolverConfig('../cart.ts#CartContext', {
        Cart: '../cart.ts#CartView',
        CartLine: '../schema.ts#CartLineRow',
        Member: '../cart.ts#MemberRef',
      }),
    },
    'subgraphs/payment/src/generated/graphql.ts': {
      schema: [COMMON_SDL, 'subgraphs/payment/schema.graphql'],
      ...resolverConfig('../context.ts#PaymentContext', {
        Payment: '../db/schema.ts#PaymentRow',
        Refund: '../db/schema.ts#RefundRow',
        Member: '../context.ts#EntityRef',
        Order: '../context.ts#EntityRef',
        PaymentStart: '../services/payments.ts#StartedPayment',
        WechatPayParams: '@mall/wechat-pay#RequestPaymentParams',
        PaymentConnection: '@mall/kit#Connection<PaymentRow>',
      }),
    },
    'packages/client/src/generated/': {
      schema: 'schema/api.graphql',
      documents: 'packages/client/operations/**/*.graphql',
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        importExtension: '.ts',
        scalars: { DateTime: 'string' },
        strictScalars: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
