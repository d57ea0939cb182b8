import { describe, expect, it, vi } from 'vitest';
import { graphql, startSubgraph } from '@mall/test-kit';
import { catalogSubgraph } from '../src/subgraph.ts';

describe('subgraph lifecycle (kit)', () => {
  it('creates and migrates its database, reports health, and stops cleanly', async () => {
    const catalog = await startSubgraph(catalogSubgraph);
    const healthUrl = catalog.url.replace('/graphql', '/health');
    const health = await fetch(healthUrl);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', service: 'catalog', checks: { mysql: 'ok', redis: 'ok', nats: 'ok' } });

    // Sessions run in UTC whatever the server's zone, so column defaults agree with mysql2.
    const [zones] = await catalog.subgraph.deps.database.pool.query('SELECT @@session.time_zone AS zone');
    expect(zones).toEqual([{ zone: '+00:00' }]);

    // The migrations ran: the tables exist and answer.
    const empty = await graphql<{ shops: unknown[]; categories: unknown[] }>(catalog.url, '{ shops { id } categories { id } }');
    expect(empty.data).toEqual({ shops: [], categories: [] });

    const requests = Array.from({ length: 10 }, () => graphql(catalog.url, '{ products(first: 5) { nodes { id } } }'));
    const responses = await Promise.all(requests);
    expect(responses.every((r) => r.status === 200 && !r.errors)).toBe(true);

    const { deps } = catalog.subgraph;
    await Promise.all([catalog.subgraph.stop(), catalog.subgraph.stop()]);
    await expect(fetch(healthUrl)).rejects.toThrow();
    await expect(deps.database.ping()).rejects.toThrow();
    expect(deps.nats.isClosed()).toBe(true);
    await vi.waitFor(() => expect(deps.redis.status).toBe('end'));
    await catalog.stop();
  });

  it('masks unexpected errors as INTERNAL_SERVER_ERROR without leaking details', async () => {
    const catalog = await startSubgraph(catalogSubgraph);
    try {
      // Break the database under the running server: the SQL error must not reach the client.
      await catalog.subgraph.deps.database.pool.query('DROP TABLE products');
      const response = await graphql(catalog.url, '{ products { nodes { id } } }');
      expect(response.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(response.errors![0]!.message).toBe('Internal server error.');
      expect(JSON.stringify(response.errors)).not.toMatch(/doesn't exist|select|sql|test_catalog/i);
    } finally {
      await catalog.stop();
    }
  });
});
