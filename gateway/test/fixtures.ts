import { startSupergraph as startTestSupergraph, type SupergraphOptions, type TestSupergraph as KitSupergraph } from '@mall/test-kit';
import { createGateway, type RunningGateway } from '../src/gateway.ts';

export type TestSupergraph = KitSupergraph<RunningGateway>;

/**
 * The whole mall for a journey test: test-kit's supergraph of every registered subgraph
 * (small demo data, fake WeChat and WeChat Pay), behind this package's production gateway.
 */
export function startSupergraph(options: Omit<SupergraphOptions<RunningGateway>, 'createGateway'> = {}): Promise<TestSupergraph> {
  return startTestSupergraph({ createGateway, ...options });
}
