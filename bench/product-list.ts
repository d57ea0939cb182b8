/**
 * `pnpm bench` — product-list throughput, gateway vs. catalog directly, in one run.
 *
 * Starts a catalog subgraph and a gateway as child processes on 127.0.0.1 against a
 * fresh `bench_catalog` database loaded with the demo mall, then sends the same query
 * (20 products with their SKUs and shop) with autocannon: first straight to the catalog
 * (the baseline), then through the gateway. Prints requests/s, p50/p99 latency and the
 * gateway/direct ratios. Bounded: `--duration` seconds per target (default 10),
 * `--connections` (default 10). Nothing leaves localhost.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { dropDatabase, loadSubgraphConfig, openDatabase } from '@mall/kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { printTable, processes, waitHealthy, type Figures } from './lib.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'catalog-port': { type: 'string', default: '4101' },
    'gateway-port': { type: 'string', default: '4100' },
  },
});
const duration = Math.min(Math.max(Number(values.duration), 1), 120);
const connections = Math.min(Math.max(Number(values.connections), 1), 200);
const catalogPort = Number(values['catalog-port']);
const gatewayPort = Number(values['gateway-port']);
const database = 'bench_catalog';

const QUERY = `query ProductList {
  products(first: 20, sort: SALES_DESC) {
    nodes {
      id title subtitle images
      priceRange { min { amount currency } max { amount currency } }
      shop { id name }
      skus { id specText price { amount currency } stock available }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const env = {
  ...process.env,
  LOG_LEVEL: 'warn',
  CATALOG_DATABASE: database,
  CATALOG_PORT: String(catalogPort),
  GATEWAY_PORT: String(gatewayPort),
  // Nothing here scrapes metrics, and their default ports may be taken by a running `./mall start`.
  CATALOG_METRICS_PORT: 'off',
  GATEWAY_METRICS_PORT: 'off',
  CATALOG_URL: `http://127.0.0.1:${catalogPort}/graphql`,
};
const running = processes(env);

async function load(url: string): Promise<Figures> {
  const request = { url, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) };
  const check = (await (await fetch(url, request)).json()) as { data?: { products: { nodes: unknown[] } }; errors?: unknown };
  if (check.errors || check.data?.products.nodes.length !== 20) throw new Error(`unexpected answer from ${url}: ${JSON.stringify(check).slice(0, 300)}`);
  await autocannon({ ...request, connections, duration: 2 }); // warm-up
  const result = await autocannon({ ...request, connections, duration });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

const config = loadSubgraphConfig('catalog', env);
try {
  await dropDatabase(config.mysql.url, database);
  const db = await openDatabase({ url: config.mysql.url, database, schema: catalogSubgraph.schema, migrationsFolder: catalogSubgraph.migrationsFolder });
  const counts = await seedDemoCatalog(db.db);
  await db.close();
  running.start('subgraphs/catalog/src/index.ts', {});
  await waitHealthy(catalogPort);
  running.start('gateway/src/index.ts', {});
  await waitHealthy(gatewayPort);

  console.log(`product list: 20 products with SKUs and shop (${counts.products} products, ${counts.skus} SKUs in the database)`);
  console.log(`autocannon: ${connections} connections, ${duration}s per target after a 2s warm-up; node ${process.version}\n`);
  const direct = await load(`http://127.0.0.1:${catalogPort}/graphql`);
  const gateway = await load(`http://127.0.0.1:${gatewayPort}/graphql`);
  printTable([['catalog (direct)', direct], ['gateway', gateway]]);
  console.log(`\ngateway/direct: throughput ${(gateway.rps / direct.rps).toFixed(2)}x, p50 ${(gateway.p50 / direct.p50).toFixed(2)}x, p99 ${(gateway.p99 / direct.p99).toFixed(2)}x`);
} finally {
  await running.stop();
  await dropDatabase(config.mysql.url, database);
}
