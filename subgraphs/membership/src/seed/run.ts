/** Run by `pnpm start`: migrates membership and loads the demo staff accounts and recharge rules when there are none. */
import { runSeed } from '@mall/kit';
import { membershipSubgraph } from '../subgraph.ts';
import { seedDemoMembership } from './seed.ts';

await runSeed(membershipSubgraph, async (db) => {
  const written = await seedDemoMembership(db);
  return written.staff > 0 ? written : null;
});
