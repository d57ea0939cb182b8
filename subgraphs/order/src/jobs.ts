import type { JobSpec } from '@mall/kit';
import type { OrderDeps } from './context.ts';
import { autoComplete, expireOrder, settleOrder } from './services/lifecycle.ts';
import { sweep } from './services/sweeper.ts';

/** Order's timed work, each job run once across replicas (see services/sweeper.ts for what the pass does). */
export function jobs(deps: OrderDeps): JobSpec[] {
  return [
    { name: 'order.expire', run: ({ key }) => expireOrder(deps, Number(key)) },
    { name: 'order.autoComplete', run: ({ key }) => autoComplete(deps, Number(key)) },
    { name: 'order.settle', run: ({ key }) => settleOrder(deps, Number(key)) },
    { name: 'order.sweep', everyMs: deps.settings.sweepIntervalMs, run: async () => void (await sweep(deps)) },
  ];
}
