import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { AppError, ErrorCode } from '@mall/kit';
import type { GatewayContext } from './context.ts';

/**
 * Sends one subgraph request: forwards the caller's already verified bearer token (each
 * subgraph verifies it again) and the request id, bounds the wait, and turns a subgraph
 * that cannot be reached into a SERVICE_UNAVAILABLE error that names it.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraphName: string;

  constructor(name: string, url: string, timeoutMs: number) {
    const fetcher = ((input: string, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
    super({ url, fetcher });
    this.subgraphName = name;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // Only the gateway decides what reaches a subgraph: nothing else of the client's headers passes.
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set('x-request-id', context.requestId);
    if (context.deviceId) headers.set('x-device-id', context.deviceId);
  }

  /**
   * Failed subgraph calls become errors fit for clients: Apollo's own carry the subgraph's
   * URL and raw body in `extensions.response`, which must not leave the gateway.
   */
  override didEncounterError(error: Error, _request: unknown, response?: { status: number }): void {
    const status = response?.status;
    if (status === 401) {
      // The token passed the gateway but not the subgraph: it expired in between.
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Access token has expired.');
    }
    if (status === undefined || status >= 500) {
      const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        timedOut
          ? `The ${this.subgraphName} service did not answer in time; try again shortly.`
          : `The ${this.subgraphName} service is unavailable; try again shortly.`,
        { service: this.subgraphName },
      );
    }
    // Any other refusal means the gateway sent something the subgraph could not take:
    // a fault of ours, logged and masked as INTERNAL_SERVER_ERROR.
    throw new Error(`${this.subgraphName} answered HTTP ${status}: ${error.message}`);
  }
}
