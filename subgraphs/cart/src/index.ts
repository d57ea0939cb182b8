import { runSubgraph } from '@mall/kit';
import { cartSubgraph } from './subgraph.ts';

await runSubgraph(cartSubgraph);
