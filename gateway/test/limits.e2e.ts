import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import WebSocket from 'ws';
import { deleteEventStream, errorCode, graphql, isolatedMessaging, startGateway, startSubgraph, type TestGateway, type TestSubgraph } from '@mall/test-kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { createGateway, type RunningGateway } from '../src/gateway.ts';

/**
 * The gateway's limits hold for every way in: HTTP and the WebSocket, queries and
 * subscriptions, and bodies it cannot read. A catalog is enough behind it.
 */

const messaging = isolatedMessaging();
let catalog: TestSubgraph<typeof catalogSubgraph.schema>;
let gateway: TestGateway<RunningGateway>;
/** Requests the catalog received: a refused operation must never reach a subgraph. */
let catalogRequests = 0;

beforeAll(async () => {
  catalog = await startSubgraph(catalogSubgraph, messaging);
  await seedDemoCatalog(catalog.subgraph.deps.database.db, 1);
  gateway = await startGateway(createGateway, { catalog: catalog.url }, messaging);
  catalog.subgraph.httpServer.on('request', () => void catalogRequests++);
});
afterAll(async () => {
  await gateway?.stop();
  await catalog?.stop();
  await deleteEventStream(messaging.EVENTS_STREAM);
});

interface Frame {
  type: string;
  id?: string;
  payload?: unknown;
}

/** A graphql-transport-ws connection spoken by hand, so a test sees every frame and the close code. */
async function rawSocket() {
  const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const frames: Frame[] = [];
  let closed: number | undefined;
  socket.on('message', (data) => void frames.push(JSON.parse(String(data)) as Frame));
  socket.on('close', (code) => void (closed = code));
  // Writing the rest of a message the server has refused may fail (EPIPE): the close code is what counts.
  socket.on('error', () => undefined);
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await expect.poll(() => frames.some((f) => f.type === 'connection_ack'), { timeout: 5000 }).toBe(true);
  return {
    socket,
    frames,
    closeCode: () => closed,
    subscribe(id: string, query: string, variables: Record<string, unknown> = {}) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    },
    /** The first `next` or `error` frame for `id`. */
    async answer(id: string): Promise<Frame> {
      await expect.poll(() => frames.some((f) => f.id === id && (f.type === 'next' || f.type === 'error')), { timeout: 5000 }).toBe(true);
      return frames.find((f) => f.id === id && (f.type === 'next' || f.type === 'error'))!;
    },
  };
}

const codesOf = (frame: Frame) => (frame.payload as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code);

let deep = 'id';
for (let i = 0; i < 12; i++) deep = `parent { ${deep} }`;
const SKU = { ids: ['1'] };

describe('operation limits on the WebSocket', () => {
  it('closes a connection whose message is over 1 MiB with 1009, before reading it, and keeps serving', async () => {
    const big = await rawSocket();
    // 11 MB of SKU ids in one anonymous subscribe message.
    const ids = `"1",`.repeat(2_750_000);
    big.subscribe('big', `subscription { stockChanged(skuIds: [${ids}]) { id } }`);
    await expect.poll(() => big.closeCode(), { timeout: 15_000 }).toBe(1009);
    expect(big.frames.filter((f) => f.id === 'big')).toEqual([]);

    // The gateway still answers, over HTTP and over a new socket.
    const http = await graphql<{ __typename: string }>(gateway.url, '{ __typename }');
    expect(http.data).toEqual({ __typename: 'Query' });
    const next = await rawSocket();
    next.subscribe('stock', 'subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { id } }', SKU);
    expect(await next.answer('stock')).toMatchObject({ type: 'next', payload: { data: { stockChanged: { id: '1' } } } });
    next.socket.close();
  });

  it('refuses subscriptions over the depth, alias, token, directive and cost limits before any subgraph is asked', async () => {
    const client = await rawSocket();
    const before = catalogRequests;
    const over = {
      depth: `subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { product { category { ${deep} } } } }`,
      aliases: `subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { ${Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ')} } }`,
      tokens: `subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { ${'id '.repeat(2100)} } }`,
      directives: `subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { ${'id @include(if: true) '.repeat(21)} } }`,
      cost: `subscription ($ids: [ID!]!) { stockChanged(skuIds: $ids) { product { skus { product { skus { product { skus { product { skus {
        ${'id stock sales specText image available price { amount currency } originalPrice { amount currency } specs { name value } '.repeat(10)}
      } } } } } } } } } }`,
    };
    for (const [id, query] of Object.entries(over)) client.subscribe(id, query, SKU);
    for (const id of Object.keys(over)) {
      const answer = await client.answer(id);
      expect({ id, type: answer.type, codes: codesOf(answer) }).toEqual({ id, type: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] });
    }
    expect((await client.answer('tokens')).payload).toEqual([{ message: 'Token limit of 2000 exceeded.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    expect(gateway.gateway.subscriptions.stats().subscriptions).toBe(0);
    expect(catalogRequests).toBe(before);
    expect(client.closeCode()).toBeUndefined();
    client.socket.close();
  });

  it('holds queries sent over the socket to the same limits, and answers a syntax error without closing', async () => {
    const client = await rawSocket();
    const before = catalogRequests;
    client.subscribe('tokens', `{ shops { ${'id '.repeat(2100)} } }`);
    client.subscribe('aliases', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: shops { id }`).join(' ')} }`);
    client.subscribe('syntax', 'subscription { stockChanged(');
    for (const id of ['tokens', 'aliases']) {
      const answer = await client.answer(id);
      expect({ id, type: answer.type, codes: codesOf(answer) }).toEqual({ id, type: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] });
    }
    const syntax = await client.answer('syntax');
    expect({ type: syntax.type, codes: codesOf(syntax) }).toEqual({ type: 'error', codes: ['GRAPHQL_PARSE_FAILED'] });
    expect(catalogRequests).toBe(before);
    // The connection is still good for what is within the limits.
    client.subscribe('shops', '{ shops { id } }');
    expect(await client.answer('shops')).toMatchObject({ type: 'next', payload: { data: { shops: expect.any(Array) } } });
    expect(client.closeCode()).toBeUndefined();
    client.socket.close();
  });
});

describe('operation limits over HTTP', () => {
  it('answers a query over the token limit 400 GRAPHQL_VALIDATION_FAILED, and a syntax error 400 GRAPHQL_PARSE_FAILED', async () => {
    const long = await graphql(gateway.url, `{ shops { ${'id '.repeat(2100)} } }`);
    expect({ status: long.status, code: errorCode(long), message: long.errors?.[0]?.message }).toEqual({
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'Token limit of 2000 exceeded.',
    });
    const broken = await graphql(gateway.url, '{ shops { id ');
    expect({ status: broken.status, code: errorCode(broken) }).toEqual({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    // Within the limit, the same selection is answered.
    const fine = await graphql<{ shops: unknown[] }>(gateway.url, `{ shops { ${'id '.repeat(100)} } }`);
    expect(fine.errors).toBeUndefined();
  });
});

describe('bodies the gateway cannot read', () => {
  const post = (body: string) => fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers JSON with a stable code, never an error page with a stack trace or file paths', async () => {
    const tooLarge = await post(JSON.stringify({ query: `{ shops { id } } #${'x'.repeat(2 * 1024 * 1024)}` }));
    const malformed = await post('{"query": "{ shops { id } }"');
    for (const [response, status, code] of [
      [tooLarge, 413, 'PAYLOAD_TOO_LARGE'],
      [malformed, 400, 'BAD_REQUEST'],
    ] as const) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      expect(text).not.toMatch(/<html|<pre|\bat \w|node_modules|\/src\//i);
      expect({ status: response.status, body: JSON.parse(text) as unknown }).toEqual({
        status,
        body: { errors: [{ message: expect.any(String), extensions: { code } }] },
      });
    }
  });
});
