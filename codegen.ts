import type { CodegenConfig } from '@graphql-codegen/cli';
import { registry } from './packages/kit/src/registry.ts';

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
    scalars: { DateTime: 'Date', Cents: 'number', ID: { input: 'string', output: 'string | number' }, _FieldSet: 'string' },
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    maybeValue: 'T | null',
    inputMaybeValue: 'T | null | undefined',
    resolverTypeWrapperSignature: 'T | Promise<T>',
    strictScalars: true,
  },
});

/** The federation link and shared types every subgraph's schema starts with. */
const COMMON_SDL = 'packages/kit/schema/common.graphql';

/** What each subgraph's `codegen.ts` says: its context type and mappers, relative to `src/generated/`. */
interface SubgraphCodegen {
  contextType: string;
  mappers: Record<string, string>;
}

// Every registered subgraph, in the registry's order (a new one needs only its own codegen.ts).
const subgraphs = await Promise.all(
  registry.map(async ({ name }) => {
    const own = (await import(`./subgraphs/${name}/codegen.ts`)) as { default: SubgraphCodegen };
    return [
      `subgraphs/${name}/src/generated/graphql.ts`,
      { schema: [COMMON_SDL, `subgraphs/${name}/schema.graphql`], ...resolverConfig(own.default.contextType, own.default.mappers) },
    ] as const;
  }),
);

const config: CodegenConfig = {
  overwrite: true,
  hooks: {},
  generates: {
    ...Object.fromEntries(subgraphs),
    'packages/client/src/generated/': {
      schema: 'schema/api.graphql',
      documents: 'packages/client/operations/**/*.graphql',
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        importExtension: '.ts',
        scalars: { DateTime: 'string', Cents: 'number' },
        strictScalars: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
