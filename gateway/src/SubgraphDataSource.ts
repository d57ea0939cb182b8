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
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status: number }): void {
    if (response === undefined || response.status >= 502) {
      const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        timedOut
          ? `The ${this.subgraphName} service did not answer in time; try again shortly.`
          : `The ${this.subgraphName} service is unavailable; try again shortly.`,
        { service: this.subgraphName },
      );
    }
    throw error;
  }
}
