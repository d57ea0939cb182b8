import type { MySql2Database } from 'drizzle-orm/mysql2';
import { ConfigError, loadSubgraphConfig } from './config.ts';
import type { SubgraphDefinition } from './createSubgraph.ts';
import { openDatabase } from './db.ts';
import { createLogger } from './logger.ts';

/**
 * A subgraph's `seed` command: migrates its database, then runs `seed`, which loads
 * demo data only where there is none and says what it wrote. Refuses NODE_ENV=production.
 */
export async function runSeed<TSchema extends Record<string, unknown>, TLoaders, TParts>(
  definition: SubgraphDefinition<TSchema, TLoaders, TParts>,
  seed: (db: MySql2Database<TSchema>) => Promise<Record<string, number> | null>,
): Promise<void> {
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
    const written = await seed(database.db);
    if (written) log.info(written, 'demo data loaded');
    else log.info('data present; demo seed skipped');
  } finally {
    await database.close();
  }
}
