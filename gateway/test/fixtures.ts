import { startGateway, startSubgraph, type TestSubgraph } from '@mall/test-kit';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';

export interface TestSupergraph {
  catalog: TestSubgraph<typeof catalogSubgraph.schema>;
  gateway: Awaited<ReturnType<typeof startGateway>>;
  /** Stops the gateway, then every subgraph still running (dropping their databases). */
  stop(): Promise<void>;
}

/** Every built subgraph on its own fresh database (catalog with a small demo mall), and a gateway over them. */
export async function startSupergraph(productsPerLeaf = 3): Promise<TestSupergraph> {
  const catalog = await startSubgraph(catalogSubgraph);
  await seedDemoCatalog(catalog.subgraph.deps.database.db, productsPerLeaf);
  const gateway = await startGateway({ catalog: catalog.url });
  return {
    catalog,
    gateway,
    async stop() {
      await gateway.stop();
      await catalog.stop();
    },
  };
}
