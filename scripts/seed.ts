/**
 * `pnpm seed` (the `seed` container; `./mall start` does the same itself): migrates every
 * registered subgraph's database and loads its demo data where there is none.
 */
// By path, not `@mall/kit`: the image installs production dependencies only, and the root
// package's are all development ones.
import { loadSubgraph, registry, runSeed } from '../packages/kit/src/index.ts';

for (const { name } of registry) await runSeed(await loadSubgraph(name));
