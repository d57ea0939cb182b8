/** `pnpm --filter @mall/membership seed`: migrates membership and loads the demo staff accounts when there are none. */
import { ConfigError, createLogger, loadSubgraphConfig, openDatabase } from '@mall/kit';
import { membershipSubgraph } from '../subgraph.ts';
import { seedDemoMembership } from './seed.ts';

const config = loadSubgraphConfig('membership');
if (config.env === 'production') throw new ConfigError('The demo seed does not run with NODE_ENV=production.');
const log = createLogger('membership-seed', config.logLevel);
const database = await openDatabase({
  url: config.mysql.url,
  database: config.database,
  schema: membershipSubgraph.schema,
  migrationsFolder: membershipSubgraph.migrationsFolder,
  log,
});
try {
  const seeded = await seedDemoMembership(database.db);
  log.info(seeded, seeded.staff > 0 ? 'demo staff accounts and recharge rules loaded' : 'staff accounts exist; demo seed skipped');
} finally {
  await database.close();
}
