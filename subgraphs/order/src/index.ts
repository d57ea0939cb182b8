import { runSubgraph } from '@mall/kit';
import { orderSubgraph } from './subgraph.ts';

await runSubgraph(orderSubgraph);
