import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
// graphql's CommonJS build, the one Apollo Server, the gateway, graphql-ws and graphql-armor
// load. Node resolves `graphql` to it anyway, but a bundler such as vitest's would hand this
// module the ES build, and the schema validated here, armor's rules and the errors graphql-ws
// checks with `instanceof` must all come from one copy.
import { GraphQLError, Lexer, Source, TokenKind, getOperationAST, parse, specifiedRules, validate } from 'graphql/index.js';

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

/** The gateway's operation limits, one set for HTTP (through Apollo Server) and for the WebSocket. */
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
  /**
   * Parses and validates one operation as HTTP does, against the same limits, before anything
   * else reads it: the document, or the coded errors to answer instead. Tokens are counted
   * before the parser builds anything, so an over-long document costs no more than the limit.
   */
  check(schema: GraphQLSchema, query: string, operationName?: string | null): { document: DocumentNode } | { errors: GraphQLError[] };
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

const coded = (error: GraphQLError, code: string, message = error.message): GraphQLError =>
  new GraphQLError(message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    extensions: { ...error.extensions, code },
  });

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
  const hide = (message: string) => (options.hideSuggestions ? message.replace(/Did you mean ".+"\?/g, '[Suggestion hidden]').trim() : message);

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
    check(schema, query, operationName) {
      if (exceedsTokens(query, maxTokens)) {
        return { errors: [new GraphQLError(tokenMessage, { extensions: { code: LimitCode.VALIDATION_FAILED } })] };
      }
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return { errors: [coded(error, LimitCode.PARSE_FAILED)] };
      }
      const errors = validate(schema, document, [...specifiedRules, ...armor.validationRules]);
      if (errors.length > 0) return { errors: errors.map((error) => coded(error, LimitCode.VALIDATION_FAILED, hide(error.message))) };
      if (!getOperationAST(document, operationName)) {
        return { errors: [new GraphQLError('The operation to run could not be determined.', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })] };
      }
      return { document };
    },
  };
}
