import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';
// graphql's CommonJS build, the one Apollo Server loads. Node resolves `graphql` to it anyway,
// but a bundler such as vitest's would hand this module the ES build, and Apollo's errors
// are only `instanceof` the GraphQLError of their own copy.
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql/index.js';

/** Codes of refused operations, the same ones Apollo Server answers over HTTP. */
export const LimitCode = { PARSE_FAILED: 'GRAPHQL_PARSE_FAILED', VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED' } as const;

export interface LimitOptions {
  maxDepth: number;
  maxCost: number;
  /** Tokens one document may have (default 2000). */
  maxTokens?: number;
  /** Mask graphql-js's "Did you mean …?" in refusals, so the schema cannot be guessed field by field. */
  hideSuggestions: boolean;
}

/** The gateway's operation limits, applied by Apollo Server. */
export interface OperationLimits<TContext extends BaseContext> {
  /** Spread into `new ApolloServer(...)`: graphql-armor's rules and plugins, and the parser's token cap. */
  apollo: {
    validationRules: ValidationRule[];
    plugins: ApolloServerPlugin<TContext>[];
    parseOptions: { maxTokens: number };
    allowBatchedHttpRequests: false;
    includeStacktraceInErrorResponses: false;
  };
  /**
   * First step of Apollo's `formatError`: the parser's abort on a document over the token
   * limit is answered as the validation failure it is (still a 400), like depth and aliases.
   */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/** True when `query` has more than `max` tokens; reads no more than `max + 1` of them. */
export function exceedsTokens(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    let count = 0;
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > max) return true;
  } catch {
    // A lexical error before the limit: the parser reports it as a syntax error.
  }
  return false;
}

export function operationLimits<TContext extends BaseContext>(options: LimitOptions): OperationLimits<TContext> {
  const maxTokens = options.maxTokens ?? 2000;
  // graphql-armor's own token limit throws from a plugin hook, which Apollo answers with a
  // 500 (and any syntax error with it): the parser's `maxTokens` aborts as early, as a 400.
  const armor = new ApolloArmor({
    maxDepth: { n: options.maxDepth, ignoreIntrospection: true },
    costLimit: { maxCost: options.maxCost, ignoreIntrospection: true },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.hideSuggestions },
  }).protect();
  const tokenMessage = `Token limit of ${maxTokens} exceeded.`;

  return {
    apollo: {
      validationRules: armor.validationRules,
      // graphql-armor's typings name @apollo/server's CommonJS build; the plugins are the same at runtime.
      plugins: armor.plugins as unknown as ApolloServerPlugin<TContext>[],
      parseOptions: { maxTokens },
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
    },
    formatError(formatted, error) {
      if (formatted.extensions?.['code'] !== LimitCode.PARSE_FAILED) return formatted;
      const source = error instanceof GraphQLError ? error.source?.body : undefined;
      if (source === undefined || !exceedsTokens(source, maxTokens)) return formatted;
      return { message: tokenMessage, extensions: { code: LimitCode.VALIDATION_FAILED } };
    },
  };
}
