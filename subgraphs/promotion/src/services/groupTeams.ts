import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { events } from '@mall/contracts';
import { AppError, ErrorCode, commit, intInRange, release, requireRole, reserve, restore, scheduleJob, tryParseId, type ReservationPool } from '@mall/kit';
import type { PromotionContext, PromotionDeps, PromotionTx } from '../context.ts';
import { groupBuyActivities, groupBuySeats, groupBuyTeams, type GroupBuySeatRow, type GroupBuyTeamRow, type PromotionSchema } from '../db/schema.ts';
import { groupBuyRunning, groupBuyTerms } from './groupBuys.ts';

/**
 * Group-buy teams and their seats. A seat is taken by an order's checkout before anything is
 * charged, as a reservation of the kit (pool `groupbuy`, owner the order number, resource the
 * group buy, quantity its units): taking is one conditional UPDATE of the group buy's units
 * (`used + q <= quantity`, running), which also locks its row, so every seat of one group buy
 * is taken one after the other and the team's seats, the member's limit and "not twice in a
 * team" are checked under that lock. Seats are given back when the order ends unpaid, is
 * dropped at the team's deadline, or is refunded in full (the units return to the group buy).
 */
const HOUR_MS = 3_600_000;
/**
 * The deadline is decided this long after a team's time runs out: nobody may join after it,
 * but a payment made just before it, whose event is still on its way, still counts.
 */
export const DEADLINE_GRACE_MS = 60_000;

/**
 * The resource of a seat: the group buy's id for an opener (`<id>`: the group buy must be
 * running), `<id>:join` for a joiner (a team that formed keeps its time to the end, whatever
 * its group buy does meanwhile: paused, ended or past its window, only the units count).
 */
const seatResource = (activityId: number, joining: boolean) => (joining ? `${activityId}:join` : String(activityId));
const activityOf = (resource: string) => Number(resource.split(':')[0]);

const seatPool: ReservationPool<PromotionSchema> = {
  name: 'groupbuy',
  async take(tx, resource, quantity) {
    const now = new Date();
    const id = activityOf(resource);
    const joining = resource.endsWith(':join');
    const running = and(eq(groupBuyActivities.status, 'ACTIVE'), sql`${groupBuyActivities.startsAt} <= ${now}`, gt(groupBuyActivities.endsAt, now));
    const [taken] = await tx
      .update(groupBuyActivities)
      .set({ used: sql`${groupBuyActivities.used} + ${quantity}` })
      .where(and(eq(groupBuyActivities.id, id), ...(joining ? [] : [running]), sql`${groupBuyActivities.used} + ${quantity} <= ${groupBuyActivities.quantity}`));
    if (taken.affectedRows === 1) return;
    const [activity] = await tx.select().from(groupBuyActivities).where(eq(groupBuyActivities.id, id));
    if (activity && (joining || groupBuyRunning(activity, now))) throw new AppError(ErrorCode.CONFLICT, 'This group buy has no units left.', { reason: 'SOLD_OUT' });
    throw new AppError(ErrorCode.CONFLICT, 'This group buy is not running now.', { reason: 'ACTIVITY_CLOSED' });
  },
  async give(tx, resource, quantity) {
    await tx.update(groupBuyActivities).set({ used: sql`${groupBuyActivities.used} - ${quantity}` }).where(eq(groupBuyActivities.id, activityOf(resource)));
  },
};

const refuse = (reason: string, message: string) => new AppError(ErrorCode.CONFLICT, message, { reason });
const teamChanged = (tx: PromotionTx, teamId: number) => events.write(tx, 'groupbuy.team.updated', { teamId: String(teamId) });

/** A team still taking seats: its opener paid, its time not run out, not ended. */
const forming = (team: GroupBuyTeamRow, now = new Date()) => team.status === 'FORMING' && team.expiresAt !== null && team.expiresAt > now;

/**
 * `promotion.groupbuy.seat.take`: a seat for an order (`owner`), opening a team or joining
 * one; idempotent by owner. See the contract for the refusals.
 */
export async function takeSeat(
  deps: Pick<PromotionDeps, 'db'>,
  request: { owner: string; memberId: string; skuId: string; quantity: number; teamId: string | null },
): Promise<{ teamId: string; seatId: string; replayed: boolean }> {
  const memberId = Number(request.memberId);
  const teamId = request.teamId === null ? null : Number(request.teamId);
  const terms = await groupBuyTerms(deps, Number(request.skuId), teamId);
  const { activity } = terms;
  if (request.quantity > activity.perMemberLimit) throw refuse('LIMIT_REACHED', `One member buys at most ${activity.perMemberLimit} of this group buy.`);
  let seat: { teamId: number; seatId: number } | null = null;
  const { replayed } = await reserve(deps.db, seatPool, request.owner, [{ resource: seatResource(activity.id, teamId !== null), quantity: request.quantity }], async (tx) => {
    // Run again after a lost race, this attempt's seat is the only one.
    seat = null;
    // The group buy's row is locked (its units taken above): seats of it are taken one at a time.
    const [mine] = await tx
      .select({ units: sql<string | null>`SUM(${groupBuySeats.quantity})` })
      .from(groupBuySeats)
      .where(and(eq(groupBuySeats.activityId, activity.id), eq(groupBuySeats.memberId, memberId), inArray(groupBuySeats.status, ['HELD', 'PAID'])));
    if (Number(mine?.units ?? 0) + request.quantity > activity.perMemberLimit) throw refuse('LIMIT_REACHED', `One member buys at most ${activity.perMemberLimit} of this group buy.`);
    let team: number;
    if (teamId === null) {
      const [created] = await tx
        .insert(groupBuyTeams)
        .values({ activityId: activity.id, productId: activity.productId, leaderMemberId: memberId, size: activity.teamSize, status: 'OPENING', seatsTaken: 1 })
        .$returningId();
      team = created!.id;
    } else {
      const [current] = await tx.select().from(groupBuyTeams).where(eq(groupBuyTeams.id, teamId)).for('update');
      if (current!.status === 'OPENING') throw refuse('TEAM_NOT_OPEN', 'This team opens once its opener has paid.');
      if (!forming(current!)) throw refuse('TEAM_ENDED', 'This team has ended.');
      if (current!.seatsTaken >= current!.size) throw refuse('TEAM_FULL', 'This team is full.');
      const [already] = await tx
        .select({ id: groupBuySeats.id })
        .from(groupBuySeats)
        .where(and(eq(groupBuySeats.teamId, teamId), eq(groupBuySeats.memberId, memberId), inArray(groupBuySeats.status, ['HELD', 'PAID'])));
      if (already) throw refuse('ALREADY_IN_TEAM', 'You are in this team already.');
      await tx.update(groupBuyTeams).set({ seatsTaken: sql`${groupBuyTeams.seatsTaken} + 1` }).where(eq(groupBuyTeams.id, teamId));
      team = teamId;
    }
    const [created] = await tx
      .insert(groupBuySeats)
      .values({ teamId: team, activityId: activity.id, memberId, skuId: Number(request.skuId), quantity: request.quantity, leader: teamId === null, owner: request.owner })
      .$returningId();
    await teamChanged(tx, team);
    seat = { teamId: team, seatId: created!.id };
  });
  if (replayed || !seat) {
    const [row] = await deps.db.select().from(groupBuySeats).where(eq(groupBuySeats.owner, request.owner));
    // Replayed: the first take's seat (another member's, SKU's or team's under the same owner is refused).
    const same = row && row.memberId === memberId && row.skuId === Number(request.skuId) && (teamId === null ? row.leader : row.teamId === teamId);
    if (!same) throw refuse('RESERVED_OTHERWISE', `${request.owner} took another seat.`);
    seat = { teamId: row.teamId, seatId: row.id };
  }
  const taken: { teamId: number; seatId: number } = seat;
  return { teamId: String(taken.teamId), seatId: String(taken.seatId), replayed };
}

/**
 * A seat freed (its checkout failed, its order ended unpaid or was dropped, or it was
 * refunded in full): counted off its team while the team is open. An opener's seat freed
 * before they paid cancels the team (nobody could join it yet).
 */
async function seatFreed(tx: PromotionTx, owner: string, status: 'RELEASED' | 'REFUNDED', refunded?: number): Promise<void> {
  const [seat] = await tx.select().from(groupBuySeats).where(eq(groupBuySeats.owner, owner));
  if (!seat || seat.status === 'RELEASED' || seat.status === 'REFUNDED') return;
  // A refunded seat keeps what it paid (the figures' refunded amount).
  await tx.update(groupBuySeats).set({ status, ...(refunded === undefined ? {} : { paid: refunded }) }).where(eq(groupBuySeats.id, seat.id));
  const [team] = await tx.select().from(groupBuyTeams).where(eq(groupBuyTeams.id, seat.teamId)).for('update');
  if (!team || (team.status !== 'OPENING' && team.status !== 'FORMING')) return;
  const paid = seat.status === 'PAID' ? 1 : 0;
  const cancelled = team.status === 'OPENING' && seat.leader;
  await tx
    .update(groupBuyTeams)
    .set({ seatsTaken: sql`${groupBuyTeams.seatsTaken} - 1`, seatsPaid: sql`${groupBuyTeams.seatsPaid} - ${paid}`, ...(cancelled ? { status: 'CANCELLED' as const, endedAt: new Date() } : {}) })
    .where(eq(groupBuyTeams.id, team.id));
  await teamChanged(tx, team.id);
}

/** `promotion.groupbuy.seat.release`: a checkout that failed gives its seat back. CONFLICT `COMMITTED` once its order was paid. */
export async function releaseSeat(deps: Pick<PromotionDeps, 'db'>, owner: string): Promise<{ released: number; replayed: boolean }> {
  const { released, replayed } = await release(deps.db, seatPool, owner, (tx) => seatFreed(tx, owner, 'RELEASED'));
  return { released: released.length, replayed };
}

/** The kept seats' owners of a team (its paid seats). */
async function paidOwners(tx: PromotionTx, teamId: number): Promise<string[]> {
  const rows = await tx.select({ owner: groupBuySeats.owner }).from(groupBuySeats).where(and(eq(groupBuySeats.teamId, teamId), eq(groupBuySeats.status, 'PAID'))).orderBy(asc(groupBuySeats.id));
  return rows.map((r) => r.owner);
}

/** A team ends: SUCCEEDED (its paid seats' orders proceed) or FAILED (every order of it is cancelled or refunded by order). */
async function endTeam(tx: PromotionTx, team: GroupBuyTeamRow, outcome: 'SUCCEEDED' | 'FAILED', virtual = false): Promise<void> {
  const [activity] = await tx.select({ shopId: groupBuyActivities.shopId }).from(groupBuyActivities).where(eq(groupBuyActivities.id, team.activityId));
  await tx.update(groupBuyTeams).set({ status: outcome, virtual, endedAt: new Date() }).where(eq(groupBuyTeams.id, team.id));
  const kept = outcome === 'SUCCEEDED' ? await paidOwners(tx, team.id) : [];
  await events.write(tx, outcome === 'SUCCEEDED' ? 'groupbuy.team.succeeded' : 'groupbuy.team.failed', { teamId: String(team.id), activityId: String(team.activityId), shopId: String(activity!.shopId), kept });
  await teamChanged(tx, team.id);
}

/**
 * order.paid of a group-buy order: its seat is paid. The opener's payment opens the team
 * (its time runs from now; its deadline is a job of the kit, once across replicas); the last
 * seat's payment makes the team succeed.
 */
export async function groupOrderPaid(deps: Pick<PromotionDeps, 'db' | 'log'>, orderNo: string, payable: number): Promise<void> {
  try {
    await commit(deps.db, seatPool, orderNo, async (tx) => {
      await tx.update(groupBuySeats).set({ status: 'PAID', paid: payable }).where(and(eq(groupBuySeats.owner, orderNo), eq(groupBuySeats.status, 'HELD')));
      const [seat] = await tx.select().from(groupBuySeats).where(eq(groupBuySeats.owner, orderNo));
      if (!seat) return;
      const [team] = await tx.select().from(groupBuyTeams).where(eq(groupBuyTeams.id, seat.teamId)).for('update');
      if (!team || (team.status !== 'OPENING' && team.status !== 'FORMING')) return;
      const [activity] = await tx.select({ hours: groupBuyActivities.hours }).from(groupBuyActivities).where(eq(groupBuyActivities.id, team.activityId));
      const now = new Date();
      const opening = team.status === 'OPENING' && seat.leader;
      const expiresAt = opening ? new Date(now.getTime() + activity!.hours * HOUR_MS) : team.expiresAt;
      await tx
        .update(groupBuyTeams)
        .set({ seatsPaid: sql`${groupBuyTeams.seatsPaid} + 1`, ...(opening ? { status: 'FORMING' as const, openedAt: now, expiresAt } : {}) })
        .where(eq(groupBuyTeams.id, team.id));
      if (opening) await scheduleJob(tx, { name: 'groupbuy.team.deadline', key: String(team.id), dueAt: new Date(expiresAt!.getTime() + DEADLINE_GRACE_MS) });
      if (team.seatsPaid + 1 >= team.size) await endTeam(tx, { ...team, status: 'FORMING' }, 'SUCCEEDED');
      else await teamChanged(tx, team.id);
    });
  } catch (error) {
    // The seat was freed first (dropped at the deadline): order refunds the payment, its team having ended without it.
    if (error instanceof AppError && error.extensions['reason'] === 'RELEASED') return;
    throw error;
  }
}

/** order.cancelled of a group-buy order (ended unpaid): its seat is freed, for someone else to take. */
export async function groupOrderCancelled(deps: Pick<PromotionDeps, 'db' | 'log'>, orderNo: string): Promise<void> {
  try {
    await releaseSeat(deps, orderNo);
  } catch (error) {
    if (!(error instanceof AppError && error.extensions['reason'] === 'COMMITTED')) throw error;
    deps.log.warn({ orderNo }, 'a cancelled group-buy order’s seat was paid; left paid');
  }
}

/**
 * order.closed of a group-buy order (refunded in full before it shipped): its units go back
 * to the group buy, its seat is freed while the team forms (what it paid kept as refunded).
 * Never counted paid first, even when its payment's event has not come yet: a refunded seat
 * neither opens nor fills a team (the payment's event, when it comes, finds it released).
 */
export async function groupOrderClosed(deps: Pick<PromotionDeps, 'db' | 'log'>, orderNo: string, payable: number): Promise<void> {
  await restore(deps.db, seatPool, orderNo, (tx) => seatFreed(tx, orderNo, 'REFUNDED', payable));
}

/**
 * The job `groupbuy.team.deadline` (a minute after the team's time ran out, for payments on
 * their way): a team still forming succeeds
 * virtually when its group buy allows it and at least that share of its seats is paid, and
 * fails otherwise; its unpaid seats are dropped (their units back). Run again (a crash
 * between the steps), it drops what is still held.
 */
export async function teamDeadline(deps: Pick<PromotionDeps, 'db' | 'log'>, teamId: number, now = new Date()): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [team] = await tx.select().from(groupBuyTeams).where(eq(groupBuyTeams.id, teamId)).for('update');
    if (!team || team.status !== 'FORMING') return;
    if (team.expiresAt && team.expiresAt > now) throw new Error(`team ${teamId} has time left`);
    const [activity] = await tx.select({ virtualPercent: groupBuyActivities.virtualPercent }).from(groupBuyActivities).where(eq(groupBuyActivities.id, team.activityId));
    const share = activity?.virtualPercent ?? null;
    const virtual = share !== null && team.seatsPaid > 0 && team.seatsPaid * 100 >= team.size * share;
    await endTeam(tx, team, virtual ? 'SUCCEEDED' : 'FAILED', virtual);
  });
  const held = await deps.db.select({ owner: groupBuySeats.owner }).from(groupBuySeats).where(and(eq(groupBuySeats.teamId, teamId), eq(groupBuySeats.status, 'HELD')));
  for (const { owner } of held) {
    try {
      await releaseSeat(deps, owner);
    } catch (error) {
      // Paid in the meantime: order refunds it (the team ended without it).
      if (!(error instanceof AppError && error.extensions['reason'] === 'COMMITTED')) throw error;
    }
  }
  deps.log.info({ teamId, dropped: held.length }, 'group-buy team deadline');
}

/** `Product.openTeams` (去参团): the product's teams still taking seats, those ending soonest first (one query for every product of a request). */
export async function openTeams(ctx: PromotionContext, productId: string, first: number | null | undefined): Promise<GroupBuyTeamRow[]> {
  const id = tryParseId(productId);
  if (id === null) return [];
  const limit = intInRange(first ?? 10, 'first', 1, 50);
  const rows = (await ctx.loaders.openTeamsOf.load(id)).slice(0, limit);
  for (const row of rows) ctx.loaders.groupTeam.prime(row.id, row);
  return rows;
}

/** Products' teams still taking seats, those ending soonest first, at most 50 each. */
export async function openTeamsOf(deps: Pick<PromotionDeps, 'db'>, productIds: readonly number[]): Promise<GroupBuyTeamRow[][]> {
  const rows = await deps.db
    .select()
    .from(groupBuyTeams)
    .where(and(inArray(groupBuyTeams.productId, [...productIds]), eq(groupBuyTeams.status, 'FORMING'), gt(groupBuyTeams.expiresAt, new Date()), sql`${groupBuyTeams.seatsTaken} < ${groupBuyTeams.size}`))
    .orderBy(asc(groupBuyTeams.expiresAt))
    // A product page asks for one product: its 50 ending soonest, however many teams form.
    .limit(productIds.length === 1 ? 50 : 50 * 200);
  return productIds.map((id) => rows.filter((r) => r.productId === id).slice(0, 50));
}

/** The calling member's seats, newest first, with their teams. */
export async function mySeats(ctx: PromotionContext, first: number | null | undefined): Promise<GroupBuySeatRow[]> {
  const memberId = Number(requireRole(ctx.identity, 'MEMBER').userId);
  const limit = intInRange(first ?? 20, 'first', 1, 100);
  return ctx.db.select().from(groupBuySeats).where(eq(groupBuySeats.memberId, memberId)).orderBy(desc(groupBuySeats.id)).limit(limit);
}

/** Seconds a team has left (0 once over, or before its opener paid: its time has not started). */
export const secondsLeft = (team: GroupBuyTeamRow, now = Date.now()) =>
  team.status === 'FORMING' && team.expiresAt ? Math.max(0, Math.ceil((team.expiresAt.getTime() - now) / 1000)) : 0;
