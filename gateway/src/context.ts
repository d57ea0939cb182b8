import type { Identity } from '@mall/kit';

/** Per-request context of the gateway: who calls, and what to forward to subgraphs. */
export interface GatewayContext {
  identity: Identity | null;
  /** The client's `Authorization` header, forwarded only after it verified. */
  authorization: string | null;
  requestId: string;
  /** The client's `X-Device-Id` (checked by its form), passed on to subgraphs for abuse limits. */
  deviceId: string | null;
}
