/**
 * `pnpm test`: every test (vitest, projects unit + e2e) against the real MariaDB/MySQL,
 * Redis and NATS. Extra arguments go to vitest. Ends with one plain line
 * `N passed, N failed` taken from vitest's own JSON report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = '.vitest-report.json';
rmSync(report, { force: true });
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
  passed = summary.numPassedTests;
  failed = summary.numFailedTests;
  // A file that failed to load has no failed test of its own: count it, so red never reads as green.
  if (run.status !== 0 && failed === 0) failed = 1;
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
