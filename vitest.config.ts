import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (*.test.ts: one subgraph or module against the real services)
 * and `e2e` (*.e2e.ts: the gateway and subgraphs together over HTTP).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    globalSetup: ['packages/test-kit/src/globalSetup.ts'],
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{packages,subgraphs,gateway}/**/test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['{packages,subgraphs,gateway}/**/test/**/*.e2e.ts'] },
      },
    ],
  },
});
