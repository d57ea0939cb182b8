import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';

export type { NatsConnection, Subscription };

/** Connects to NATS (reconnecting forever once connected); `name` shows in the server's monitoring. */
export async function connectNats(servers: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: servers.split(',').map((s) => s.trim()),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
  });
}
