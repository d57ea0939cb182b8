/** `pnpm seed`: migrates the catalog database and loads the demo mall when the catalog is empty. */
import { createLogger, loadSubgraphConfig, openDatabase } from '@mall/kit';
import { catalogSubgraph } from '../subgraph.ts';
import { isCatalogEmpty, seedDemoCatalog } from './seed.ts';

const config = loadSubgraphConfig('catalog');
const log = createLogger('catalog-seed', config.logLevel);
const database = await openDatabase({
  url: config.mysql.url,
  database: config.database,
  schema: catalogSubgraph.schema,
  migrationsFolder: catalogSubgraph.migrationsFolder,
  log,
});
try {
  if (await isCatalogEmpty(database.db)) {
    const counts = await seedDemoCatalog(database.db);
    log.info(counts, 'demo catalog loaded');
  } else {
    log.info('catalog already has data; demo seed skipped');
  }
} finally {
  await database.close();
}
