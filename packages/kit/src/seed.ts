import { ConfigError, loadSubgraphConfig } from './config.ts';
import type { AnySubgraphDefinition, SeedOptions } from './createSubgraph.ts';
import { openDatabase } from './db.ts';
import { createLogger } from './logger.ts';

/**
 * Loads a subgraph's demo data (`./mall start`, the `seed` container): migrates its
 * database, then runs its `seed`, which writes only where there is no data and says what
 * it wrote. Refuses NODE_ENV=production. A subgraph without `seed` is only migrated.
 */
export async function runSeed(definition: AnySubgraphDefinition, options: SeedOptions = {}): Promise<void> {
  const config = loadSubgraphConfig(definition.name);
  if (config.env === 'production') throw new ConfigError('Demo data is never loaded with NODE_ENV=production.');
  const log = createLogger(`${definition.name}-seed`, config.logLevel);
  const database = await openDatabase({
    url: config.mysql.url,
    database: config.database,
    schema: definition.schema,
    migrationsFolder: definition.migrationsFolder,
    log,
  });
  try {
    if (!definition.seed) return;
    const written = await definition.seed(database.db, options);
    if (written) log.info(written, 'demo data loaded');
    else log.info('data present; demo seed skipped');
  } finally {
    await database.close();
  }
}
