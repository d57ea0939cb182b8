import { commit, release, reserve, type ReservationPool } from '@mall/kit';
import type { MembershipDeps } from '../context.ts';
import type { MembershipSchema } from '../db/schema.ts';
import { earnPointsIn, spendPointsIn } from './points.ts';

/**
 * Points held for unpaid orders, over the kit's reservations: pool `points`, the owner an
 * order number, the resource the member, the quantity the points. Taking spends them from
 * the member's ledger (SPEND, key `hold:<order>`) under the member's row lock, so two
 * checkouts cannot spend the same points; giving back earns them again (EARN, key
 * `hold-back:<order>`, valid to the end of next year like any points earned now); a
 * release that comes first leaves the owner RELEASED, so a late hold is refused.
 */
const pointsPool: ReservationPool<MembershipSchema> = {
  name: 'points',
  async take(tx, resource, quantity, owner) {
    await spendPointsIn(tx, { memberId: Number(resource), points: quantity, idempotencyKey: `hold:${owner}`, reference: owner, note: '订单积分抵扣' });
  },
  async give(tx, resource, quantity, owner) {
    await earnPointsIn(tx, { memberId: Number(resource), points: quantity, idempotencyKey: `hold-back:${owner}`, reference: owner, note: '订单未支付，积分退回' });
  },
};

const total = (lines: Array<{ quantity: number }>) => lines.reduce((sum, l) => sum + l.quantity, 0);

export async function holdPoints(deps: Pick<MembershipDeps, 'db'>, owner: string, memberId: number, points: number): Promise<{ points: number; replayed: boolean }> {
  const { lines, replayed } = await reserve(deps.db, pointsPool, owner, [{ resource: String(memberId), quantity: points }]);
  return { points: total(lines), replayed };
}

export async function releasePoints(deps: Pick<MembershipDeps, 'db'>, owner: string): Promise<{ points: number; replayed: boolean }> {
  const { released, replayed } = await release(deps.db, pointsPool, owner);
  return { points: total(released), replayed };
}

export async function commitPoints(deps: Pick<MembershipDeps, 'db'>, owner: string): Promise<{ points: number; replayed: boolean }> {
  const { committed, replayed } = await commit(deps.db, pointsPool, owner);
  return { points: total(committed), replayed };
}
