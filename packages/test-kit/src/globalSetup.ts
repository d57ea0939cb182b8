import { createConnection } from 'mysql2/promise';
import { loadSubgraphConfig } from '@mall/kit';

/**
 * Vitest global setup: drops test databases left by runs that died before their
 * cleanup (`test_<label>_<pid>_<suffix>` whose process is gone). Databases of a run
 * still going, in this process tree or another, are left alone.
 */
export default async function dropOrphanedTestDatabases(): Promise<void> {
  const connection = await createConnection({ uri: loadSubgraphConfig('catalog').mysql.url });
  try {
    const [rows] = await connection.query("SHOW DATABASES LIKE 'test\\_%'");
    for (const row of rows as Array<Record<string, string>>) {
      const name = Object.values(row)[0]!;
      const pid = Number(/^test_[a-z0-9]+_(\d+)_[0-9a-z]+$/.exec(name)?.[1]);
      if (!pid || isAlive(pid)) continue;
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await connection.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
