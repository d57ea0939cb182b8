import { runSubgraph } from '@mall/kit';
import { paymentSubgraph } from './subgraph.ts';

await runSubgraph(paymentSubgraph);
