import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export * from './generated/graphql.ts';

/** One GraphQL error as the mall sends it; `extensions.code` is stable. */
export interface MallGraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface MallResult<TData> {
  data?: TData | null;
  errors?: MallGraphQLError[];
}

/**
 * Sends a JSON body to the mall and returns the parsed answer. The default uses `fetch`;
 * in a mini-program pass one built on `wx.request` (see `wxTransport`).
 */
export type Transport = (request: { url: string; body: string; headers: Record<string, string> }) => Promise<unknown>;

export const fetchTransport: Transport = async ({ url, body, headers }) => {
  const response = await fetch(url, { method: 'POST', body, headers });
  return response.json();
};

/** The subset of the mini-program `wx` object that `wxTransport` uses. */
export interface WxLike {
  request(options: {
    url: string;
    method: 'POST';
    data: string;
    header: Record<string, string>;
    success(result: { data: unknown }): void;
    fail(error: { errMsg: string }): void;
  }): void;
}

/** A transport over `wx.request`, for WeChat mini-programs. */
export function wxTransport(wx: WxLike): Transport {
  return ({ url, body, headers }) =>
    new Promise((resolve, reject) =>
      wx.request({
        url,
        method: 'POST',
        data: body,
        header: headers,
        success: (result) => resolve(typeof result.data === 'string' ? JSON.parse(result.data) : result.data),
        fail: (error) => reject(new Error(error.errMsg)),
      }),
    );
}

export interface MallClientOptions {
  /** The gateway's `/graphql` URL. */
  url: string;
  /** Returns the current access token, or null for an anonymous call. */
  token?: () => string | null | undefined;
  transport?: Transport;
}

/** A typed client: `client.request(ProductListDocument, { first: 20 })` infers the result type. */
export function createMallClient(options: MallClientOptions) {
  const transport = options.transport ?? fetchTransport;
  return {
    async request<TData, TVariables extends Record<string, unknown>>(
      document: TypedDocumentNode<TData, TVariables>,
      ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
    ): Promise<MallResult<TData>> {
      const token = options.token?.();
      return (await transport({
        url: options.url,
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      })) as MallResult<TData>;
    },
  };
}

export type MallClient = ReturnType<typeof createMallClient>;
export * from './subscriptions.ts';
