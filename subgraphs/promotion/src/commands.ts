import { promotion } from '@mall/contracts';
import { command, type CommandSpec } from '@mall/kit';
import type { PromotionDeps } from './context.ts';
import { commitCoupons, releaseCoupons, reserveCoupons } from './services/reservations.ts';

/** Promotion's NATS commands: a checkout's coupons reserved, released and committed. */
export function commands(deps: PromotionDeps): CommandSpec[] {
  return [
    command(promotion.reserveCoupons, ({ owner, memberId, couponIds }) => reserveCoupons(deps, owner, Number(memberId), couponIds)),
    command(promotion.releaseCoupons, ({ owner }) => releaseCoupons(deps, owner)),
    command(promotion.commitCoupons, ({ owner }) => commitCoupons(deps, owner)),
  ];
}
