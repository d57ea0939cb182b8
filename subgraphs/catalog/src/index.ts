import { runSubgraph } from '@mall/kit';
import { catalogSubgraph } from './subgraph.ts';

await runSubgraph(catalogSubgraph);
