import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteEventStream, errorCode, graphql, isolatedMessaging, startGateway, startSubgraph, type TestSubgraph } from '@mall/test-kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';

/**
 * The gateway's operation limits. A catalog is enough behind it.
 */

const messaging = isolatedMessaging();
let catalog: TestSubgraph<typeof catalogSubgraph.schema>;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  catalog = await startSubgraph(catalogSubgraph, messaging);
  await seedDemoCatalog(catalog.subgraph.deps.database.db, 1);
  gateway = await startGateway({ catalog: catalog.url }, messaging);
});
afterAll(async () => {
  await gateway?.stop();
  await catalog?.stop();
  await deleteEventStream(messaging.EVENTS_STREAM);
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
