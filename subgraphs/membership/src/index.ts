import { runSubgraph } from '@mall/kit';
import { membershipSubgraph } from './subgraph.ts';

await runSubgraph(membershipSubgraph);
