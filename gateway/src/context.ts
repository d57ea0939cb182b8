import type { Identity } from '@mall/kit';

/** Per-request context of the gateway: who calls, and what to forward to subgraphs. */
export interface GatewayContext {
  identity: Identity | null;
  /** The client's `Authorization` header, forwarded only after it verified. */
  authorization: string | null;
  requestId: string;
}
