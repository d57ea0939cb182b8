/** `pnpm seed` (run by `pnpm start`): migrates the catalog and loads the demo mall when the catalog is empty. */
import { runSeed } from '@mall/kit';
import { catalogSubgraph } from '../subgraph.ts';
import { isCatalogEmpty, seedDemoCatalog } from './seed.ts';

await runSeed(catalogSubgraph, async (db) => ((await isCatalogEmpty(db)) ? { ...(await seedDemoCatalog(db)) } : null));
