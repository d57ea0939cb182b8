import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { MallResult } from './index.ts';

/**
 * Subscriptions over graphql-ws on the gateway's `/graphql` (`ws://` / `wss://`). The
 * access token goes in the connection's `connectionParams`, read again at every
 * (re)connection, so a refreshed token is used after the gateway ends a connection whose
 * token expired (close code 4403). On every (re)subscription the server answers
 * `orderUpdated` and `stockChanged` with the current state first: a client that was away
 * needs no catch-up query for them.
 */
export interface MallSubscriptionsOptions {
  /** e.g. `wss://mall.example.com/graphql` */
  url: string;
  /** The current access token (null for anonymous: `stockChanged` needs none). */
  token?: () => string | null | Promise<string | null>;
  /** A WebSocket class: the global one by default; `wxWebSocket(wx)` in a mini-program. */
  webSocketImpl?: unknown;
  /** Reconnection attempts after a lost connection (default 10, with graphql-ws's back-off). */
  retryAttempts?: number;
}

export function createMallSubscriptions(options: MallSubscriptionsOptions) {
  const client: Client = createClient({
    url: options.url,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    retryAttempts: options.retryAttempts ?? 10,
    // Also retry after the server closed on purpose (token expired, server going away).
    shouldRetry: () => true,
    connectionParams: async () => {
      const token = await options.token?.();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  return {
    client,
    /** Subscribes with a typed document; returns the function that ends the subscription. */
    subscribe<TData, TVariables extends Record<string, unknown>>(
      document: TypedDocumentNode<TData, TVariables>,
      variables: TVariables,
      sink: { next(result: MallResult<TData>): void; error?(error: unknown): void; complete?(): void },
    ): () => void {
      return client.subscribe<TData>(
        { query: print(document), variables },
        { next: (result) => sink.next(result as MallResult<TData>), error: (error) => sink.error?.(error), complete: () => sink.complete?.() },
      );
    },
    dispose: () => client.dispose(),
  };
}

/** The part of a mini-program's `SocketTask` (from `wx.connectSocket`) the adapter uses. */
interface SocketTaskLike {
  onOpen(callback: () => void): void;
  onClose(callback: (result: { code: number; reason: string }) => void): void;
  onError(callback: (result: { errMsg: string }) => void): void;
  onMessage(callback: (result: { data: string | ArrayBuffer }) => void): void;
  send(options: { data: string }): void;
  close(options: { code?: number; reason?: string }): void;
}

export interface WxSocketLike {
  connectSocket(options: { url: string; protocols?: string[]; header?: Record<string, string> }): SocketTaskLike;
}

/**
 * A WebSocket class over `wx.connectSocket`, for graphql-ws in a mini-program (which has no
 * global WebSocket): `createMallSubscriptions({ url, token, webSocketImpl: wxWebSocket(wx) })`.
 */
export function wxWebSocket(wx: WxSocketLike) {
  return class WxWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readyState = 0;
    readonly protocol: string;
    onopen: (() => void) | null = null;
    onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
    onerror: ((event: { message: string }) => void) | null = null;
    onmessage: ((event: { data: string }) => void) | null = null;
    private readonly task: SocketTaskLike;
    constructor(url: string, protocol?: string | string[]) {
      const protocols = protocol === undefined ? [] : Array.isArray(protocol) ? protocol : [protocol];
      this.protocol = protocols[0] ?? '';
      this.task = wx.connectSocket({ url, protocols });
      this.task.onOpen(() => {
        this.readyState = 1;
        this.onopen?.();
      });
      this.task.onClose(({ code, reason }) => {
        this.readyState = 3;
        this.onclose?.({ code, reason, wasClean: code === 1000 });
      });
      this.task.onError(({ errMsg }) => this.onerror?.({ message: errMsg }));
      this.task.onMessage(({ data }) => this.onmessage?.({ data: typeof data === 'string' ? data : new TextDecoder().decode(data) }));
    }
    send(data: string): void {
      this.task.send({ data });
    }
    close(code?: number, reason?: string): void {
      this.readyState = 2;
      this.task.close({ ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }) });
    }
  };
}
