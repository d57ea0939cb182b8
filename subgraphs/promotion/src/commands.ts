import { promotion } from '@mall/contracts';
import { command, type CommandSpec } from '@mall/kit';
import type { PromotionDeps } from './context.ts';
import { releaseActivities, reserveActivities } from './services/activities.ts';
import { releaseSeat, takeSeat } from './services/groupTeams.ts';
import { priceCheckout } from './services/quote.ts';
import { commitCoupons, releaseCoupons, reserveCoupons } from './services/reservations.ts';

/** Promotion's NATS commands: a checkout priced; its coupons reserved, released and committed; its orders' activity budgets reserved and released; a group-buy order's seat taken and released. */
export function commands(deps: PromotionDeps): CommandSpec[] {
  return [
    command(promotion.priceCheckout, (request) => priceCheckout(deps, request)),
    command(promotion.reserveCoupons, ({ owner, memberId, couponIds, amounts }) => reserveCoupons(deps, owner, Number(memberId), couponIds, amounts)),
    command(promotion.releaseCoupons, ({ owner }) => releaseCoupons(deps, owner)),
    command(promotion.commitCoupons, ({ owner }) => commitCoupons(deps, owner)),
    command(promotion.reserveActivities, ({ owner, activities }) => reserveActivities(deps, owner, activities)),
    command(promotion.releaseActivities, ({ owner }) => releaseActivities(deps, owner)),
    command(promotion.takeSeat, (request) => takeSeat(deps, request)),
    command(promotion.releaseSeat, ({ owner }) => releaseSeat(deps, owner)),
  ];
}
