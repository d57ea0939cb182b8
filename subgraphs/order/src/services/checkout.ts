import { createHash, randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { catalog, events, membership, promotion } from '@mall/contracts';
import { AppError, ErrorCode, badInput, checkoutLines, conflict, idList, intInRange, isDuplicateKey, requireRole, retryOnDeadlock, text, tryParseId } from '@mall/kit';
import type { OrderContext, OrderDeps } from '../context.ts';
import { checkouts, orderLines, orders, orderStatusChanges, type CheckoutRow, type OrderRow } from '../db/schema.ts';
import { orderEventData, scheduleExpiry } from './lifecycle.ts';
import { couponAmounts, couponHolders, priceCheckout } from './quote.ts';

export interface PlaceOrderInput {
  idempotencyKey: string;
  addressId?: string | null;
  remark?: string | null;
  lines: Array<{ skuId: string; quantity: number }>;
  /** The lines are the cart's selected lines: they leave the cart once the orders exist. */
  fromCart?: boolean | null;
  /** The member's coupons to use (none: `[]`); omitted: the quote's, or the best combination. */
  couponIds?: readonly string[] | null;
  /** A `quoteCheckout` answer's id: the checkout is charged exactly that, or refused naming what changed. */
  quoteId?: string | null;
  /** Points to spend; omitted: the quote's, else none. */
  points?: number | null;
  /** A group-buy order (`openGroupBuy`, `joinGroupBuy`): one line at the group price, with a seat in a team (`teamId`) or opening one (null). */
  groupBuy?: { teamId: string | null } | null;
}

/**
 * An order number: 14 digits of Beijing time, the checkout id and the shop's place in it.
 * Unique because checkout ids are (a random suffix could collide and mix two buyers' stock).
 */
export function orderNoFor(checkoutId: number, shopIndex: number, now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${beijing}${String(checkoutId).padStart(8, '0')}${String(shopIndex).padStart(2, '0')}`;
}

async function ordersOf(deps: Pick<OrderDeps, 'db'>, checkoutId: number): Promise<OrderRow[]> {
  return deps.db.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(orders.shopId);
}

/** This attempt no longer owns its checkout (its lease ran out and another took it over): it must stop. */
class LostCheckout extends AppError {
  constructor() {
    super(ErrorCode.SERVICE_UNAVAILABLE, 'The checkout took too long and was taken over; place the order again with the same key.', { reason: 'CHECKOUT_TAKEN_OVER' });
  }
}

/** A join refused as its orders were being written: its team ended meanwhile (nothing was written). */
class TeamEnded extends AppError {
  constructor() {
    super(ErrorCode.CONFLICT, 'This team has ended.', { reason: 'TEAM_ENDED' });
  }
}

const leaseFrom = (deps: Pick<OrderDeps, 'settings'>, now = Date.now()) => new Date(now + deps.settings.checkoutLeaseMs);

/**
 * A checkout inserted by a replica from before leases (no owner token: it never renews)
 * is taken over only five minutes after it began, however its lease column reads.
 */
const PRE_LEASE_GRACE_MS = 5 * 60_000;
const leaseRunOut = (now: Date) =>
  or(and(isNotNull(checkouts.ownerToken), lt(checkouts.leaseUntil, now)), and(isNull(checkouts.ownerToken), lt(checkouts.createdAt, new Date(now.getTime() - PRE_LEASE_GRACE_MS))))!;
const hasRunOut = (checkout: CheckoutRow, now = Date.now()) =>
  checkout.ownerToken === null ? checkout.createdAt.getTime() < now - PRE_LEASE_GRACE_MS : checkout.leaseUntil.getTime() <= now;

/** Extends the lease of a checkout this attempt owns; LostCheckout when it does not any more. */
async function renew(deps: Pick<OrderDeps, 'db' | 'settings'>, checkoutId: number, token: string): Promise<void> {
  const [renewed] = await retryOnDeadlock(() =>
    deps.db
      .update(checkouts)
      .set({ leaseUntil: leaseFrom(deps) })
      .where(and(eq(checkouts.id, checkoutId), eq(checkouts.ownerToken, token), eq(checkouts.status, 'PROCESSING'))),
  );
  if (renewed.affectedRows === 0) throw new LostCheckout();
}

/**
 * Releases the stock of every order number a checkout planned, and the coupons, points,
 * activity budgets and group-buy seat it holds; true once catalog, membership and promotion
 * confirmed each.
 */
async function releasePlanned(deps: Pick<OrderDeps, 'send' | 'log'>, checkout: Pick<CheckoutRow, 'id' | 'plannedOrderNos' | 'couponHolds' | 'holdsPoints' | 'holdsActivities' | 'holdsSeat'>): Promise<boolean> {
  const results = await Promise.allSettled([
    ...checkout.plannedOrderNos.map((orderNo) => deps.send(catalog.releaseStock, { orderId: orderNo })),
    ...(checkout.holdsPoints ? checkout.plannedOrderNos.map((orderNo) => deps.send(membership.releasePoints, { owner: orderNo })) : []),
    ...(checkout.holdsActivities ? checkout.plannedOrderNos.map((orderNo) => deps.send(promotion.releaseActivities, { owner: orderNo })) : []),
    ...(checkout.couponHolds ?? []).map((owner) => deps.send(promotion.releaseCoupons, { owner })),
    ...(checkout.holdsSeat ? checkout.plannedOrderNos.map((orderNo) => deps.send(promotion.releaseSeat, { owner: orderNo })) : []),
  ]);
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) deps.log.warn({ checkoutId: checkout.id, failed: failed.length, err: (failed[0] as PromiseRejectedResult).reason }, 'stock or coupons of a checkout not released yet; retried until they are');
  return failed.length === 0;
}

/**
 * Places the orders of one checkout: one order per shop, priced by promotion's engine (the
 * coupons named, the quote's, or the best), the coupons held for the checkout and stock
 * reserved for every line, or nothing; the address snapshotted. The idempotency key makes it safe
 * to retry: the same key and request return the same orders, even sent many times at once;
 * the same key with another request is CONFLICT. A checkout is owned by the attempt that
 * claimed its key, under a lease it renews at every step; when its process dies, the lease
 * runs out and the next retry (or the sweep) takes it over: it finds the orders if they
 * were written, else gives the stock back and places the order afresh. A retry never waits
 * longer than `ORDER_CHECKOUT_WAIT_MS` (under the gateway's timeout): then it answers
 * CONFLICT `CHECKOUT_IN_PROGRESS`, to be sent again.
 */
export async function placeOrder(ctx: OrderContext, input: PlaceOrderInput): Promise<OrderRow[]> {
  const memberId = Number(requireRole(ctx.identity, 'MEMBER').userId);
  const key = text(input.idempotencyKey, 'input.idempotencyKey', 8, 100);
  // Printable ASCII only (the key column compares case- and width-insensitively), and never
  // `flash:…`: flash-sale orders are keyed `flash:<hold>` under the same member.
  if (!/^[\x21-\x7e]+$/.test(key)) throw badInput('An idempotency key is printable ASCII (letters, digits, punctuation).', 'input.idempotencyKey');
  if (key.toLowerCase().startsWith('flash:')) throw badInput('An idempotency key may not start with "flash:".', 'input.idempotencyKey');
  // In SKU order, so the same lines in another order are the same request.
  const lines = checkoutLines(input.lines).sort((a, b) => Number(a.skuId) - Number(b.skuId));
  if (input.addressId != null && tryParseId(input.addressId) === null) throw badInput('addressId is not an address id.', 'input.addressId');
  const remark = input.remark == null ? '' : text(input.remark, 'input.remark', 0, 200);
  const couponIds = input.couponIds == null ? null : idList(input.couponIds, 'input.couponIds', 0, 10).sort((a, b) => Number(a) - Number(b));
  const quoteId = input.quoteId == null ? null : text(input.quoteId, 'input.quoteId', 1, 64);
  const points = input.points == null ? null : intInRange(input.points, 'input.points', 0, 10_000_000);
  const groupBuy = input.groupBuy ?? null;
  if (groupBuy && (lines.length !== 1 || input.fromCart === true)) throw badInput('A group-buy order has one line, not from the cart.', 'input.lines');
  const request = { memberId, lines, addressId: input.addressId ?? null, remark, fromCart: input.fromCart === true, couponIds, quoteId, points, groupBuy };
  // Coupons, quote and group buy only when given: a key used before they existed hashes as it did then.
  const hashed = {
    lines,
    addressId: request.addressId,
    remark,
    fromCart: request.fromCart,
    ...(couponIds === null ? {} : { couponIds }),
    ...(quoteId === null ? {} : { quoteId }),
    ...(points === null ? {} : { points }),
    ...(groupBuy === null ? {} : { groupBuy }),
  };
  const requestHash = createHash('sha256').update(JSON.stringify(hashed)).digest('hex');

  const deadline = Date.now() + ctx.settings.checkoutWaitMs;
  for (;;) {
    // Claim the key. A concurrent or later call with it waits for, and returns, this one's outcome.
    const token = randomUUID();
    let checkoutId: number | null = null;
    try {
      // Inserts and deletes of keys next to each other can pick a deadlock victim (gap locks of
      // the unique index); the victim's statement was rolled back, so it is run again.
      const [created] = await retryOnDeadlock(() =>
        ctx.db.insert(checkouts).values({ memberId, idempotencyKey: key, requestHash, plannedOrderNos: [], ownerToken: token, leaseUntil: leaseFrom(ctx) }).$returningId(),
      );
      checkoutId = created!.id;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    if (checkoutId !== null) return runCheckout(ctx, checkoutId, token, request);

    const [existing] = await ctx.db.select().from(checkouts).where(and(eq(checkouts.memberId, memberId), eq(checkouts.idempotencyKey, key)));
    if (!existing) continue; // freed in between: claim it again
    if (existing.requestHash !== requestHash) throw conflict('This idempotency key was already used for a different order.');
    if (existing.status === 'DONE') return ordersOf(ctx, existing.id);
    if (existing.status === 'FAILED') {
      throw new AppError((existing.errorCode as ErrorCode | null) ?? ErrorCode.CONFLICT, existing.errorMessage ?? 'Checkout failed.', existing.errorDetails ?? {});
    }
    if (hasRunOut(existing)) {
      // Its owner is gone: finish what it left (its orders, or its stock back), then claim afresh.
      const recovered = await recoverCheckout(ctx, existing);
      if (recovered === 'done') return ordersOf(ctx, existing.id);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new AppError(ErrorCode.CONFLICT, 'This checkout is still being placed; send it again in a moment with the same key.', { reason: 'CHECKOUT_IN_PROGRESS' });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface CheckoutRequest {
  memberId: number;
  lines: Array<{ skuId: string; quantity: number }>;
  addressId: string | null;
  remark: string;
  fromCart: boolean;
  couponIds: string[] | null;
  quoteId: string | null;
  points: number | null;
  groupBuy: { teamId: string | null } | null;
}

/** The owner of a checkout's coupons in promotion. */
export const couponOwnerOf = (checkoutId: number) => `checkout:${checkoutId}`;

/** One attempt at a claimed checkout, owned under `token`. */
async function runCheckout(ctx: OrderContext, checkoutId: number, token: string, request: CheckoutRequest): Promise<OrderRow[]> {
  const planned: string[] = [];
  let couponHolds: string[] = [];
  let holdsPoints = false;
  let holdsActivities = false;
  let holdsSeat = false;
  // Whether the orders were written: stock is given back only when they certainly were not.
  let committed: 'no' | 'unknown' | 'yes' = 'no';
  try {
    const send = ctx.send;
    const [address, level, snapshots] = await Promise.all([
      send(membership.getAddress, { memberId: String(request.memberId), ...(request.addressId ? { addressId: request.addressId } : {}) }),
      send(membership.memberLevel, { memberId: String(request.memberId) }),
      send(catalog.skuSnapshots, { skuIds: request.lines.map((l) => l.skuId) }),
    ]);
    const price = await priceCheckout(ctx, {
      memberId: request.memberId,
      levelPermille: level.discountPermille,
      couponIds: request.couponIds,
      points: request.points,
      quoteId: request.quoteId,
      provinceCode: address.provinceCode,
      groupBuy: request.groupBuy,
      lines: request.lines.map((line) => {
        const sku = snapshots.skus.find((s) => s.skuId === line.skuId);
        if (!sku) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${line.skuId} not found.`, { skuId: line.skuId });
        if (!sku.onSale) throw new AppError(ErrorCode.CONFLICT, `SKU ${sku.skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: sku.skuId });
        return { sku, quantity: line.quantity };
      }),
    });
    const quoted = price.shops;
    const orderNos = quoted.map((_, i) => orderNoFor(checkoutId, i + 1));
    const holders = couponHolders(price, orderNos, couponOwnerOf(checkoutId));
    const owners = [...holders.keys()].sort();
    const holdsOf = (i: number) => owners.flatMap((owner) => (holders.get(owner)!.shops.includes(i) ? [{ owner, orders: holders.get(owner)!.shops.length }] : []));
    const withPoints = quoted.some((shop) => shop.points > 0);
    const withActivities = quoted.some((shop) => shop.activities.length > 0);
    // Recorded (while still owned) before any stock or coupon is taken under them: whoever
    // recovers this checkout knows what to give back.
    const [recorded] = await retryOnDeadlock(() =>
      ctx.db
        .update(checkouts)
        .set({ plannedOrderNos: orderNos, couponHolds: owners, holdsPoints: withPoints, holdsActivities: withActivities, holdsSeat: request.groupBuy !== null, leaseUntil: leaseFrom(ctx) })
        .where(and(eq(checkouts.id, checkoutId), eq(checkouts.ownerToken, token), eq(checkouts.status, 'PROCESSING'))),
    );
    if (recorded.affectedRows === 0) throw new LostCheckout();
    planned.push(...orderNos);
    couponHolds = owners;
    holdsPoints = withPoints;
    holdsActivities = withActivities;
    holdsSeat = request.groupBuy !== null;

    // A group-buy seat before anything else: a full team refuses the join before any coupon,
    // point or unit is taken (the seat is held under the order's number).
    let groupTeamId: number | null = null;
    if (request.groupBuy) {
      const line = request.lines[0]!;
      const seat = await send(promotion.takeSeat, { owner: orderNos[0]!, memberId: String(request.memberId), skuId: line.skuId, quantity: line.quantity, teamId: request.groupBuy.teamId });
      groupTeamId = Number(seat.teamId);
      await renew(ctx, checkoutId, token);
    }

    // The coupons and the activities' budgets first (one conditional update each in
    // promotion): of checkouts racing for one coupon or the last of a budget, the losers are
    // refused before they take any stock. At once (each owner's coupons, and each order's
    // budgets, are a reservation of their own); the lease was renewed just above.
    const amounts = couponAmounts(price);
    await Promise.all([
      ...owners.map((owner) => {
        const { couponIds } = holders.get(owner)!;
        return send(promotion.reserveCoupons, { owner, memberId: String(request.memberId), couponIds, amounts: amounts.filter((a) => couponIds.includes(a.couponId)) });
      }),
      ...quoted.flatMap((shop, i) => (shop.activities.length === 0 ? [] : [send(promotion.reserveActivities, { owner: orderNos[i]!, activities: shop.activities })])),
    ]);
    // Points, per order (an order that ends unpaid gives back its own): CONFLICT
    // INSUFFICIENT_POINTS when the member has too few, and what was held goes back.
    for (const [i, shop] of quoted.entries()) {
      if (shop.points === 0) continue;
      await send(membership.holdPoints, { owner: orderNos[i]!, memberId: String(request.memberId), points: shop.points });
      await renew(ctx, checkoutId, token);
    }

    // Stock for every shop's order, or none: a failure puts back what was taken.
    for (const [i, shop] of quoted.entries()) {
      await send(catalog.reserveStock, {
        orderId: orderNos[i]!,
        lines: shop.lines.map((l) => ({ skuId: l.sku.skuId, quantity: l.quantity })),
      });
      await renew(ctx, checkoutId, token);
    }

    const expiresAt = new Date(Date.now() + ctx.settings.paymentWindowMs);
    committed = 'unknown';
    // A deadlock victim was rolled back whole: running it again is safe.
    await retryOnDeadlock(() => ctx.db.transaction(async (tx) => {
      // Only the owner of a checkout still in progress completes it (the row lock also makes
      // a concurrent take-over wait for this transaction, and then find it DONE).
      const [done] = await tx
        .update(checkouts)
        .set({ status: 'DONE' })
        .where(and(eq(checkouts.id, checkoutId), eq(checkouts.ownerToken, token), eq(checkouts.status, 'PROCESSING')));
      if (done.affectedRows === 0) throw new LostCheckout();
      // A join whose team ended while it was being placed (its seat dropped at the deadline,
      // the team's outcome applied to its other orders): refused, so no order of an ended team
      // is written after the outcome. The orders of the team are locked: the outcome's
      // consumer, which locks them too, comes before this (and it sees that) or after (and it
      // finds this order and ends it).
      if (groupTeamId !== null && request.groupBuy?.teamId) {
        const mates = await tx.select({ state: orders.groupState }).from(orders).where(eq(orders.groupTeamId, groupTeamId)).for('update');
        if (mates.some((m) => m.state !== 'FORMING')) throw new TeamEnded();
      }
      for (const [i, shop] of quoted.entries()) {
        const [created] = await tx
          .insert(orders)
          .values({
            orderNo: orderNos[i]!,
            checkoutId,
            memberId: request.memberId,
            shopId: Number(shop.shopId),
            status: 'PENDING_PAYMENT',
            goodsAmount: shop.goods,
            discountAmount: shop.discount,
            freightAmount: shop.freight,
            payableAmount: shop.payable,
            address,
            remark: request.remark,
            couponHolds: holdsOf(i),
            points: shop.points,
            activityHold: shop.activities.length > 0,
            ...(groupTeamId === null ? {} : { groupTeamId, groupState: 'FORMING' as const }),
            expiresAt,
          })
          .$returningId();
        await tx.insert(orderLines).values(
          shop.lines.map((l) => ({
            orderId: created!.id,
            skuId: Number(l.sku.skuId),
            productId: Number(l.sku.productId),
            title: l.sku.title.slice(0, 120),
            specText: l.sku.specText.slice(0, 400),
            image: l.sku.image,
            unitPrice: l.sku.price,
            quantity: l.quantity,
            discountAmount: l.discount,
            discounts: l.discounts,
            points: l.points,
          })),
        );
        await tx.insert(orderStatusChanges).values({ orderId: created!.id, fromStatus: null, toStatus: 'PENDING_PAYMENT', actor: 'member', note: null });
      }
      // Once all of them exist (an event counts the checkout's orders).
      for (const row of await tx.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(orders.id)) {
        await events.write(tx, 'order.created', { ...(await orderEventData(tx, row, null)), fromCart: request.fromCart });
        await scheduleExpiry(tx, row);
      }
    }));
    committed = 'yes';
    const placed = await ordersOf(ctx, checkoutId);
    ctx.log.info({ checkoutId, orders: placed.map((o) => o.orderNo) }, 'orders placed');
    return placed;
  } catch (error) {
    if (committed === 'yes' || error instanceof LostCheckout) throw error; // a take-over settles it
    if (committed === 'unknown' && !(error instanceof TeamEnded)) {
      // The commit's answer was lost: the orders may exist. Whoever recovers the checkout
      // looks in the database; its lease ends now, so that is the next retry or sweep.
      ctx.log.error({ err: error, checkoutId }, 'checkout outcome unknown; left to recovery');
      await expireLease(ctx, checkoutId, token).catch(() => undefined);
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The order may or may not have been placed; send it again with the same key to find out.', { reason: 'CHECKOUT_OUTCOME_UNKNOWN' });
    }
    const released = planned.length === 0 || (await releasePlanned(ctx, { id: checkoutId, plannedOrderNos: planned, couponHolds, holdsPoints, holdsActivities, holdsSeat }));
    const failure = error instanceof AppError ? error : null;
    const transient = !failure || failure.code === ErrorCode.SERVICE_UNAVAILABLE || failure.code === ErrorCode.INTERNAL_SERVER_ERROR;
    if (transient) {
      // Nothing about this request is wrong: free the key, so the client's retry runs
      // afresh, but only once its stock is surely back; else recovery finishes the release.
      if (released) await retryOnDeadlock(() => ctx.db.delete(checkouts).where(and(eq(checkouts.id, checkoutId), eq(checkouts.ownerToken, token), eq(checkouts.status, 'PROCESSING'))));
      else await expireLease(ctx, checkoutId, token).catch(() => undefined);
      // Whatever broke (a deadlock that kept coming back, a neighbour's internal error) is
      // not the buyer's doing, and the checkout has been undone: they may send it again.
      if (!failure || failure.code === ErrorCode.INTERNAL_SERVER_ERROR) {
        ctx.log.error({ err: error, checkoutId }, 'checkout interrupted; undone, the client may retry');
        throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The checkout was interrupted; send it again with the same key.', { reason: 'CHECKOUT_INTERRUPTED' });
      }
    } else {
      // A refusal (out of stock, not for sale, too large) is the key's answer for good.
      await ctx.db
        .update(checkouts)
        .set({
          status: 'FAILED',
          stockReleased: released,
          errorCode: failure.code,
          errorMessage: failure.message.slice(0, 300),
          errorDetails: Object.fromEntries(Object.entries(failure.extensions).filter(([k]) => k !== 'code')),
        })
        .where(and(eq(checkouts.id, checkoutId), eq(checkouts.ownerToken, token), eq(checkouts.status, 'PROCESSING')));
    }
    throw error;
  }
}

/** Ends this attempt's lease at once, so recovery (a retry, the sweep) takes the checkout over. */
async function expireLease(deps: Pick<OrderDeps, 'db'>, checkoutId: number, token: string): Promise<void> {
  await deps.db.update(checkouts).set({ leaseUntil: new Date() }).where(and(eq(checkouts.id, checkoutId), eq(checkouts.ownerToken, token), eq(checkouts.status, 'PROCESSING')));
}

/**
 * Settles a checkout whose owner is gone (its lease ran out): takes it over (a conditional
 * update, so of two recoverers one wins, and the old owner can no longer complete it), then
 * either finds its orders (DONE) or gives back every unit its planned order numbers hold and
 * frees its key (the kit's reservations refuse any late reservation under those numbers).
 * 'busy' when someone else holds it; throws SERVICE_UNAVAILABLE when catalog could not
 * confirm the release (the lease then lapses again and the next recovery retries).
 */
export async function recoverCheckout(deps: Pick<OrderDeps, 'db' | 'send' | 'log' | 'settings'>, checkout: CheckoutRow): Promise<'done' | 'freed' | 'busy'> {
  const token = randomUUID();
  const [taken] = await retryOnDeadlock(() =>
    deps.db
      .update(checkouts)
      .set({ ownerToken: token, leaseUntil: leaseFrom(deps) })
      .where(and(eq(checkouts.id, checkout.id), eq(checkouts.status, 'PROCESSING'), leaseRunOut(new Date()))),
  );
  if (taken.affectedRows === 0) {
    const [now] = await deps.db.select().from(checkouts).where(eq(checkouts.id, checkout.id));
    return now?.status === 'DONE' ? 'done' : 'busy';
  }
  const [current] = await deps.db.select().from(checkouts).where(eq(checkouts.id, checkout.id));
  if ((await deps.db.select({ id: orders.id }).from(orders).where(eq(orders.checkoutId, checkout.id)).limit(1)).length > 0) {
    await deps.db.update(checkouts).set({ status: 'DONE' }).where(and(eq(checkouts.id, checkout.id), eq(checkouts.ownerToken, token)));
    return 'done';
  }
  if (!(await releasePlanned(deps, current!))) {
    await expireLease(deps, checkout.id, token);
    throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The interrupted checkout could not give its stock back yet; try again shortly.', { reason: 'CHECKOUT_RECOVERING' });
  }
  await retryOnDeadlock(() => deps.db.delete(checkouts).where(and(eq(checkouts.id, checkout.id), eq(checkouts.ownerToken, token), eq(checkouts.status, 'PROCESSING'))));
  deps.log.info({ checkoutId: checkout.id, released: current!.plannedOrderNos }, 'interrupted checkout recovered: stock back, key free');
  return 'freed';
}

/**
 * The sweep's part of checkouts: abandoned ones (lease run out) are recovered, and refused
 * ones whose stock was not confirmed released get it released. Returns how many it settled.
 */
export async function sweepCheckouts(deps: Pick<OrderDeps, 'db' | 'send' | 'log' | 'settings'>, now = new Date()): Promise<number> {
  let settled = 0;
  const abandoned = await deps.db.select().from(checkouts).where(and(eq(checkouts.status, 'PROCESSING'), leaseRunOut(now))).limit(50);
  for (const checkout of abandoned) {
    try {
      if ((await recoverCheckout(deps, checkout)) !== 'busy') settled++;
    } catch (error) {
      deps.log.warn({ err: error, checkoutId: checkout.id }, 'interrupted checkout not recovered yet');
    }
  }
  const unreleased = await deps.db.select().from(checkouts).where(and(eq(checkouts.status, 'FAILED'), eq(checkouts.stockReleased, false))).limit(50);
  for (const checkout of unreleased) {
    if (await releasePlanned(deps, checkout)) {
      await deps.db.update(checkouts).set({ stockReleased: true }).where(eq(checkouts.id, checkout.id));
      settled++;
    }
  }
  return settled;
}
