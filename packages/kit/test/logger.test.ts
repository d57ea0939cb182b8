import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createLogger, dropDatabase, loadSubgraphConfig, openDatabase } from '../src/index.ts';

describe('logs', () => {
  it('never carry a failed query’s parameters or a named secret', async () => {
    const lines: string[] = [];
    const log = createLogger('test', 'info', { write: (line: string) => void lines.push(line) });
    const config = loadSubgraphConfig('catalog');
    const name = `test_kitlog_${process.pid}_${Date.now().toString(36)}`;
    const handle = await openDatabase({ url: config.mysql.url, database: name, schema: {} });
    try {
      await handle.db.execute(sql`SELECT * FROM no_such_table WHERE secret = ${'SESSION-KEY-abc123'}`);
    } catch (error) {
      log.error({ err: error }, 'query failed');
    } finally {
      await handle.close();
      await dropDatabase(config.mysql.url, name);
    }
    log.info({ session_key: 'SESSION-KEY-def456', user: { sessionKey: 'SESSION-KEY-ghi789', password: 'hunter2-hunter2' } }, 'login');
    const text = lines.join('');
    expect(text).toContain('no_such_table');
    expect(text).toMatch(/"errno":1146/);
    expect(text).not.toMatch(/SESSION-KEY|hunter2/);
  });
});
