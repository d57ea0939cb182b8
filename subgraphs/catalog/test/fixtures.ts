import { startSubgraph, type TestSubgraph } from '@mall/test-kit';
import type { CatalogDeps } from '../src/context.ts';
import type { CatalogSchema } from '../src/db/schema.ts';
import { seedDemoCatalog, type SeedCounts } from '../src/seed/seed.ts';
import { catalogSubgraph } from '../src/subgraph.ts';

/** The catalog subgraph on a fresh database, loaded with a small copy of the demo mall. */
export async function startCatalog(productsPerLeaf = 4): Promise<TestSubgraph<CatalogSchema, CatalogDeps> & { seeded: SeedCounts }> {
  const catalog = await startSubgraph(catalogSubgraph);
  const seeded = await seedDemoCatalog(catalog.subgraph.deps.database.db, productsPerLeaf);
  return { ...catalog, seeded };
}
