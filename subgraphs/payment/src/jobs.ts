import type { JobSpec } from '@mall/kit';
import type { PaymentDeps } from './context.ts';
import { creditRecharge } from './services/recharges.ts';
import { sweep } from './services/sweeper.ts';

/** Payment's scheduled work, each job run once across replicas. */
export function jobs(deps: PaymentDeps): JobSpec[] {
  return [
    { name: 'payment.sweep', everyMs: deps.settings.sweepIntervalMs, run: async () => void (await sweep(deps)) },
    { name: 'recharge.credit', run: ({ payload }) => creditRecharge(deps, payload) },
  ];
}
