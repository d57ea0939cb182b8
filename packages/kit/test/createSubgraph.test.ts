import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import express from 'express';
import { parse } from 'graphql';
import { createSubgraph, dropDatabase, loadSubgraphConfig, type KitDeps, type RunningSubgraph, type SubgraphDefinition } from '../src/index.ts';

/**
 * What every process built by `createSubgraph` answers alike: bodies it cannot read, and
 * metrics. A small subgraph of its own, with a raw-body route like payment's notifications.
 */

const definition: SubgraphDefinition<Record<string, never>, KitDeps<Record<string, never>>, null> = {
  name: 'catalog',
  typeDefs: parse('type Query { hello: String, shop: Shop } type Shop { name: String }'),
  resolvers: { Query: { hello: () => 'hi', shop: () => ({ name: 'a shop' }) } },
  schema: {},
  migrationsFolder: new URL('./fixtures/migrations', import.meta.url).pathname,
  deps: (base) => base,
  createLoaders: () => null,
  routes(app) {
    app.post('/notify', express.raw({ type: () => true, limit: '64kb' }), (_req, res) => void res.status(204).end());
  },
};

const run = randomBytes(4).toString('hex');
const config = loadSubgraphConfig('catalog', {
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  CATALOG_DATABASE: `test_kitserve_${process.pid}_${run}`,
  CATALOG_METRICS_PORT: '0',
  SUBJECT_PREFIX: `t${run}.`,
  EVENTS_STREAM: `TEST_${run}`,
});
let subgraph: RunningSubgraph<Record<string, never>>;
let url: string;

beforeAll(async () => {
  subgraph = await createSubgraph(definition, config);
  url = await subgraph.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await subgraph?.stop();
  await dropDatabase(config.mysql.url, config.database);
});

const base = () => url.replace(/\/graphql$/, '');
const post = (path: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${base()}${path}`, { method: 'POST', headers, body });
const graphql = (query: string) => post('/graphql', JSON.stringify({ query }));

describe('a request body the process cannot read', () => {
  it('is answered with JSON and a stable code, on /graphql and on its own routes, never with an error page', async () => {
    const cases = [
      { response: await post('/graphql', JSON.stringify({ query: `{ hello } #${'x'.repeat(2 * 1024 * 1024)}` })), status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { response: await post('/graphql', '{"query": "{ hello }"'), status: 400, code: 'BAD_REQUEST' },
      { response: await post('/graphql', '{"query": "{ hello }"}', { 'content-type': 'application/json; charset=latin1' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { response: await post('/notify', Buffer.alloc(100 * 1024, 'a'), { 'content-type': 'application/json' }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
    ];
    for (const { response, status, code } of cases) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      // No stack frames, file paths or markup: what express's default page shows.
      expect(text).not.toMatch(/<html|<pre|\bat \w|node_modules|\/src\//i);
      expect({ status: response.status, body: JSON.parse(text) as unknown }).toEqual({
        status,
        body: { errors: [{ message: expect.any(String), extensions: { code } }] },
      });
    }
    // Within the limits the same routes work.
    expect((await post('/notify', Buffer.alloc(1024, 'a'))).status).toBe(204);
    expect(await (await graphql('{ hello }')).json()).toEqual({ data: { hello: 'hi' } });
  });
});

describe('metrics', () => {
  it('are served on a listener of their own, not on the public port, which keeps /health', async () => {
    const metricsUrl = subgraph.deps.metrics.url();
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl!).port).not.toBe(new URL(url).port);
    expect((await fetch(`${base()}/metrics`)).status).toBe(404);
    expect((await fetch(`${base()}/health`)).status).toBe(200);
    const scraped = await fetch(metricsUrl!);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/process_resident_memory_bytes\{service="catalog"\}/);
  });

  it('label operations by their root fields, so names clients choose cannot crowd out real ones', async () => {
    for (let i = 0; i < 205; i++) await graphql(`query Junk${i}x { hello }`);
    await graphql('query ShopName { shop { name } }');
    await graphql('{ hello shop { name } }');
    const text = await subgraph.deps.metrics.registry.metrics();
    const count = (operation: string) =>
      Number(new RegExp(`^graphql_operation_duration_seconds_count\\{service="catalog",operation="${operation.replace('+', '\\+')}",type="query",outcome="ok"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(count('hello')).toBeGreaterThanOrEqual(205);
    expect(count('shop')).toBe(1);
    expect(count('hello+')).toBe(1);
    expect(text).not.toMatch(/Junk|ShopName/);
    const labels = new Set([...text.matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
    expect([...labels].sort()).toEqual(['hello', 'hello+', 'shop']);
  });
});
