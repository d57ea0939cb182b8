import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { as, errorCode, graphql, startGateway, startSubgraph, tokenFor } from '@mall/test-kit';
import { catalogSubgraph } from '@mall/catalog';
import { registry } from '@mall/kit';
import { createGateway } from '../src/gateway.ts';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';

let supergraph: TestSupergraph;
let catalog: TestSupergraph['catalog'];
let gateway: TestSupergraph['gateway'];

beforeAll(async () => {
  supergraph = await startSupergraph();
  ({ catalog, gateway } = supergraph);
});
afterAll(() => supergraph?.stop());

const PRODUCT_LIST = `{
  products(first: 20, sort: SALES_DESC) {
    nodes { id title priceRange { min { amount } } shop { id name } category { path { name } } skus { id specText price { amount } stock available } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('the supergraph through the gateway', () => {
  it('answers a product list exactly as the catalog does', async () => {
    const through = await graphql<{ products: { nodes: unknown[] } }>(gateway.url, PRODUCT_LIST);
    const direct = await graphql<{ products: { nodes: unknown[] } }>(catalog.url, PRODUCT_LIST);
    expect(through.errors).toBeUndefined();
    expect(through.data!.products.nodes).toHaveLength(20);
    expect(through.data).toEqual(direct.data);
  });

  it('passes the caller’s identity on, so merchants edit their own shop only', async () => {
    const rename = 'mutation ($t: String!) { updateProduct(id: "1", input: { title: $t }) { id title } }';
    const own = await graphql<{ updateProduct: { title: string } }>(gateway.url, rename, { t: '经网关修改的标题' }, { token: await tokenFor(as.merchant(1)) });
    expect(own.errors).toBeUndefined();
    expect(own.data!.updateProduct.title).toBe('经网关修改的标题');
    const other = await graphql(gateway.url, rename, { t: '别家商户' }, { token: await tokenFor(as.merchant(2)) });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const anonymous = await graphql(gateway.url, rename, { t: '匿名' }, { headers: { 'x-user-role': 'ADMIN' } });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const title = await graphql<{ product: { title: string } }>(gateway.url, '{ product(id: "1") { title } }');
    expect(title.data!.product.title).toBe('经网关修改的标题');
  });

  it('refuses a bad or expired token with 401 before asking any subgraph', async () => {
    let catalogRequests = 0;
    const count = () => catalogRequests++;
    catalog.subgraph.httpServer.on('request', count);
    const forged = await graphql(gateway.url, '{ shops { id } }', {}, { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' });
    expect(forged.status).toBe(401);
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
    const expired = await graphql(gateway.url, '{ shops { id } }', {}, { token: await tokenFor(as.admin(), -120) });
    expect(expired.status).toBe(401);
    expect(forged.errors![0]!.message).toMatch(/invalid/i);
    expect(expired.errors![0]!.message).toMatch(/expired/i);
    catalog.subgraph.httpServer.off('request', count);
    expect(catalogRequests).toBe(0);
  });

  it('refuses operations that are too deep or too costly, but not introspection', async () => {
    let deep = 'id';
    for (let i = 0; i < 12; i++) deep = `parent { ${deep} }`;
    const tooDeep = await graphql(gateway.url, `{ category(id: "3") { path { children { ${deep} } } } }`);
    expect(errorCode(tooDeep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.errors![0]!.message).toMatch(/depth/i);

    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: shops { id }`).join(' ');
    expect(errorCode(await graphql(gateway.url, `{ ${aliases} }`))).toBe('GRAPHQL_VALIDATION_FAILED');

    // Wide rather than deep: every field of every SKU of 14 aliased lists adds up past the cost limit.
    const wide = Array.from({ length: 14 }, (_, i) =>
      `p${i}: products(first: 100) { nodes { id title subtitle images status sales createdAt updatedAt
        priceRange { min { amount currency } max { amount currency } }
        shop { id name logo description status createdAt }
        category { id name icon sort path { id name } children { id name } }
        skus { id specText stock sales image available specs { name value } price { amount currency } originalPrice { amount currency } } } }`,
    ).join(' ');
    const costly = await graphql(gateway.url, `{ ${wide} }`);
    expect(errorCode(costly)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(costly.errors![0]!.message).toMatch(/cost/i);

    const introspection = await graphql<{ __schema: { types: unknown[] } }>(gateway.url, getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data!.__schema.types.length).toBeGreaterThan(20);
  });

  it('never passes a subgraph’s raw refusal on to the client', async () => {
    // A catalog that trusts another key refuses the token the gateway accepted, as when a
    // token expires between the two checks.
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const strict = await startSubgraph(catalogSubgraph, { JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const strictGateway = await startGateway(createGateway, { catalog: strict.url });
    try {
      const response = await graphql(strictGateway.url, '{ shops { id } }', {}, { token: await tokenFor(as.member()) });
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.errors![0]!.extensions!['response']).toBeUndefined();
      expect(JSON.stringify(response)).not.toContain(strict.url);
    } finally {
      await strictGateway.stop();
      await strict.stop();
    }
  });

  it('reports its subgraphs on /health', async () => {
    const response = await fetch(gateway.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    // Every subgraph of the registry, each answering.
    expect(await response.json()).toEqual({ status: 'ok', service: 'gateway', subgraphs: Object.fromEntries(registry.map((entry) => [entry.name, 'ok'])) });
  });

  it('serves Prometheus metrics of its operations apart from the public port, labelled by root field', async () => {
    // However many names clients make up, none becomes a label or pushes a real operation out.
    for (let i = 0; i < 205; i++) await graphql(gateway.url, `query Junk${i}x { __typename }`);
    await graphql(gateway.url, 'query ShopNames { shops { name } }');
    await graphql(gateway.url, '{ product(id: "x") { id } }');
    expect((await fetch(gateway.url.replace('/graphql', '/metrics'))).status).toBe(404);
    const metricsUrl = gateway.gateway.metrics.url()!;
    expect(new URL(metricsUrl).port).not.toBe(new URL(gateway.url).port);
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{service="gateway",operation="shops",type="query",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{service="gateway",operation="__typename",type="query",outcome="ok"\} (20[5-9]|2[1-9]\d|[3-9]\d\d)/);
    expect(text).toMatch(/graphql_errors_total\{code="NOT_FOUND",service="gateway"\} [1-9]/);
    expect(text).toMatch(/process_resident_memory_bytes\{service="gateway"\}/);
    expect(text).not.toMatch(/Junk|ShopNames/);
  });

  it('names the subgraph that is down with SERVICE_UNAVAILABLE', async () => {
    await catalog.stop();
    const response = await graphql(gateway.url, '{ shops { id } }');
    expect(errorCode(response)).toBe('SERVICE_UNAVAILABLE');
    expect(response.errors![0]!.message).toBe('The catalog service is unavailable; try again shortly.');
    const health = await fetch(gateway.url.replace('/graphql', '/health'));
    expect(await health.json()).toMatchObject({ status: 'degraded', subgraphs: { catalog: 'unreachable', membership: 'ok', cart: 'ok', order: 'ok' } });
  });
});
