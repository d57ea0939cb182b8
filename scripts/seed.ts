/**
 * `pnpm seed` (the `seed` container; `./mall start` does the same itself): migrates every
 * registered subgraph's database and loads its demo data where there is none.
 */
import { loadSubgraph, registry, runSeed } from '@mall/kit';

for (const { name } of registry) await runSeed(await loadSubgraph(name));
