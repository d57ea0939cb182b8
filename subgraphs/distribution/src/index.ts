import { runSubgraph } from '@mall/kit';
import { distributionSubgraph } from './subgraph.ts';

await runSubgraph(distributionSubgraph);
