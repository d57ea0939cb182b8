import { events } from '@mall/contracts';
import type { ConsumerSpec } from '@mall/kit';
import type { PromotionDeps } from './context.ts';
import type { PromotionSchema } from './db/schema.ts';
import { welcomeMember } from './services/grants.ts';

/** Promotion's durable consumers: a new member's welcome coupons. */
export function consumers(deps: PromotionDeps): ConsumerSpec<PromotionSchema>[] {
  return [
    events.consumer('member.registered', {
      name: 'promotion-welcome',
      handle: async (tx, member) => void (await welcomeMember(deps, tx, Number(member.memberId))),
    }),
  ];
}
