import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients may branch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** A request refused before GraphQL read it: a body that is not JSON, say. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A request body over its route's limit. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A request body in an encoding or charset the server does not read. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A GraphQL error whose code and message are meant for the client. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
  }
}

/** Bad input; `field` names the argument path at fault, e.g. `input.skus[1].price`. */
export const badInput = (message: string, field?: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const unauthenticated = (message = 'You must be signed in to do this.') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id?: string | number) =>
  new AppError(ErrorCode.NOT_FOUND, id === undefined ? `${what} not found.` : `${what} ${id} not found.`);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);

/**
 * The same error with an HTTP status for the whole response. Only for errors raised
 * before execution (a bad token in the context function): a resolver's error must
 * not turn a partly successful response into a failed HTTP request.
 */
export function withHttpStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}
