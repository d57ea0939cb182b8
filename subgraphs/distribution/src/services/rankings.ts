import { and, count, desc, eq, gt } from 'drizzle-orm';
import { AppError, ErrorCode, canSeeMember, intInRange, requireIdentity, type Identity } from '@mall/kit';
import type { DistributionContext } from '../context.ts';
import { bindings, distributors } from '../db/schema.ts';

export interface RankView {
  rank: number;
  memberId: number;
  /** Null for anyone but admins and the distributor themself. */
  settled: number | null;
  team: number | null;
}

/**
 * `distributorRanking(by)`: active distributors by commission settled so far (COMMISSION) or
 * by members bound to them (TEAM), at most 100; ties keep the earlier distributor first. For
 * distributors and admins; a distributor sees where everyone stands, but only their own
 * figures (another's commission is never theirs to see).
 */
export async function ranking(ctx: DistributionContext, by: 'COMMISSION' | 'TEAM', firstInput: number | null | undefined): Promise<RankView[]> {
  const caller = requireIdentity(ctx.identity);
  const first = intInRange(firstInput ?? 20, 'first', 1, 100);
  if (caller.role !== 'ADMIN') {
    const me = caller.role === 'MEMBER' ? await ctx.loaders.distributor.load(Number(caller.userId)) : null;
    if (me?.status !== 'ACTIVE') throw new AppError(ErrorCode.FORBIDDEN, 'Rankings are for distributors.', { reason: 'NOT_A_DISTRIBUTOR' });
  }
  if (by === 'COMMISSION') {
    const rows = await ctx.db
      .select({ memberId: distributors.memberId, settled: distributors.settledTotal })
      .from(distributors)
      .where(and(eq(distributors.status, 'ACTIVE'), gt(distributors.settledTotal, 0)))
      .orderBy(desc(distributors.settledTotal), distributors.appliedAt)
      .limit(first);
    const teams = await Promise.all(rows.map((r) => ctx.loaders.directTeam.load(r.memberId)));
    return rows.map((r, i) => shown(caller, { rank: i + 1, memberId: r.memberId, settled: r.settled, team: teams[i]! }));
  }
  const rows = await ctx.db
    .select({ memberId: distributors.memberId, settled: distributors.settledTotal, team: count(bindings.memberId) })
    .from(distributors)
    .innerJoin(bindings, eq(bindings.distributorId, distributors.memberId))
    .where(eq(distributors.status, 'ACTIVE'))
    .groupBy(distributors.memberId, distributors.settledTotal, distributors.appliedAt)
    .orderBy(desc(count(bindings.memberId)), distributors.appliedAt)
    .limit(first);
  return rows.map((r, i) => shown(caller, { rank: i + 1, memberId: r.memberId, settled: r.settled, team: r.team }));
}

/** A rank's figures for admins and the distributor themself only. */
const shown = (caller: Identity, rank: RankView): RankView => (canSeeMember(caller, rank.memberId) ? rank : { ...rank, settled: null, team: null });
