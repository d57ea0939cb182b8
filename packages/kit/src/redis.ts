import { Redis } from 'ioredis';

export type { Redis };

/** One ioredis client; keys are prefixed `mall:<service>:` so services never collide. */
export function createRedis(url: string, service: string): Redis {
  return new Redis(url, {
    keyPrefix: `mall:${service}:`,
    lazyConnect: false,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    connectionName: `mall-${service}`,
  });
}
