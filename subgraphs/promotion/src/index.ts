import { runSubgraph } from '@mall/kit';
import { promotionSubgraph } from './subgraph.ts';

await runSubgraph(promotionSubgraph);
