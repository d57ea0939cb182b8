import { allocate } from '@mall/kit';
import type { ActivityKind, ActivityScope, TierTerms, CouponKind, CouponScope } from '../db/schema.ts';

/**
 * The pricing engine: what a cart costs after every promotion, line by line, with why each
 * promotion took what it took or did not apply. A pure function of its inputs (no I/O), so
 * the quote a shopper sees and the price an order is placed at are the same computation.
 *
 * Stacking order (docs/architecture.md, "Pricing"): each step works on what the steps
 * before it left of each line.
 *
 * 0.  a group buy's price (拼团价, the opener's 团长价): its SKU's line takes no special price
 *     and no shop activity, and no coupon unless the group buy allows them;
 * 0a. special prices (限时折扣): a SKU's lowest special price of its shop's activities;
 * 0b. shop activities (满减, 满件折): per shop, at most one per line, the one taking most
 *     first; lines an activity that `excludesCoupons` took are in no coupon's scope;
 * 1. shop coupon: at most one per shop, on its shop's lines in scope;
 * 2. platform coupon: at most one per order, on the lines in its scope across shops;
 * 3. member level: the level's share of each shop's goods after coupons;
 * 4. points (`applyPoints`, after the coupons are chosen): part of the goods left, up to the
 *    rule's share;
 * 5. freight: each shop's freight (its template, read on its goods after step 3, so 满 X
 *    包邮 counts what the buyer pays for goods before points), waived by a free-shipping
 *    coupon whose threshold its lines in scope reach after step 3 (one per order, shop's or
 *    platform's).
 *
 * Thresholds are read on the lines in scope as the earlier steps left them (a platform 满减
 * counts what remains after the shop coupons). Every discount is split over the lines it
 * covers in whole cents with the kit's `allocate` (largest remainder), so the lines'
 * shares always add up to the discount. Percent discounts are rounded down to the cent.
 */

export interface PricingLine {
  skuId: string;
  productId: string;
  shopId: string;
  /** The product's category and its ancestors (for CATEGORIES scopes). */
  categoryIds: readonly string[];
  unitPrice: number;
  quantity: number;
  /** One unit's shipping weight (freight by weight); 0 when unknown. */
  weightGrams?: number;
}

/** A coupon as the engine weighs it: the member's coupon with its template's terms. */
export interface PricingCoupon {
  couponId: string;
  name: string;
  /** The template's shop; null for a platform coupon. */
  shopId: string | null;
  kind: CouponKind;
  threshold: number;
  amountOff: number | null;
  percentOff: number | null;
  maxOff: number | null;
  scope: CouponScope;
  scopeIds: readonly string[];
  excludedProductIds: readonly string[];
  validFrom: Date;
  validUntil: Date;
  /** The coupon's state: only an UNUSED one can be used (LOCKED: held by another order). */
  status: 'UNUSED' | 'LOCKED' | 'USED' | 'EXPIRED';
  /** The member already uses as many coupons of its template as one member may. */
  limitReached?: boolean;
}

export interface PricingInput {
  lines: readonly PricingLine[];
  /** The member's coupons to weigh. */
  coupons: readonly PricingCoupon[];
  /** `auto`: the best combination; otherwise exactly these coupon ids (none: no coupon). */
  choose: 'auto' | readonly string[];
  /** What the member pays of their goods after coupons, per mille (1000: no level discount). */
  levelPermille: number;
  /** The shops' activities running now (automatic: no member chooses them). */
  activities?: readonly PricingActivity[];
  /** A group-buy checkout: its SKU's lines at the group price. */
  groupBuy?: PricingGroupBuy;
  /** Freight of each shop's order, before a free-shipping coupon, for its goods after steps 0–3. */
  freightOf: (shopId: string, goods: number) => number;
  now: Date;
}

/** A group buy as the engine weighs it: the price one unit of its SKU costs in it. */
export interface PricingGroupBuy {
  activityId: string;
  name: string;
  skuId: string;
  price: number;
  /** No coupon may take from its line (the group buy does not allow them). */
  excludesCoupons: boolean;
}

/** A shop activity as the engine weighs it. */
export interface PricingActivity {
  activityId: string;
  name: string;
  shopId: string;
  kind: ActivityKind;
  /** FULL_REDUCTION / FULL_DISCOUNT tiers, lowest first. */
  tiers: readonly TierTerms[];
  /** SPECIAL_PRICE: the SKUs' prices. */
  prices: readonly { skuId: string; price: number }[];
  scope: ActivityScope;
  scopeIds: readonly string[];
  excludedProductIds: readonly string[];
  excludesCoupons: boolean;
  /** What is left of its budget (null: no budget). */
  budgetLeft: number | null;
}

export type DiscountSource =
  | { kind: 'GROUP_BUY'; activityId: string; name: string }
  | { kind: 'ACTIVITY'; activityId: string; name: string }
  | { kind: 'COUPON'; couponId: string; name: string }
  | { kind: 'MEMBER_LEVEL' }
  | { kind: 'POINTS' };

export interface LineDiscount {
  source: DiscountSource;
  amount: number;
}

export interface PricedLine extends PricingLine {
  subtotal: number;
  discounts: LineDiscount[];
  /** Points that paid part of it (step 4). */
  points?: number;
  /** Subtotal less every discount. */
  payable: number;
}

export interface PricedShop {
  shopId: string;
  lines: PricedLine[];
  goods: number;
  discount: number;
  freight: number;
  /** The free-shipping coupon that waived this shop's freight. */
  freightWaivedBy: string | null;
  payable: number;
}

export type NotAppliedReason = 'THRESHOLD_NOT_REACHED' | 'NOT_IN_SCOPE' | 'NOTHING_LEFT' | 'EXPIRED' | 'NOT_STARTED' | 'NOT_USABLE' | 'LIMIT_REACHED' | 'NOT_STACKABLE';

export interface AppliedCoupon {
  couponId: string;
  name: string;
  kind: CouponKind;
  /** Cents it took off the goods (for FREE_SHIPPING: the freight it waived). */
  amount: number;
}

export interface NotAppliedCoupon {
  couponId: string;
  name: string;
  reason: NotAppliedReason;
  /** THRESHOLD_NOT_REACHED: cents the lines in scope still lack. */
  missing: number | null;
}

export interface AppliedActivity {
  activityId: string;
  name: string;
  kind: ActivityKind;
  amount: number;
  /** A higher tier within reach: what its lines still lack (cents, or pieces for FULL_DISCOUNT). */
  next: { missing: number | null; missingQuantity: number | null; tier: TierTerms } | null;
}

export interface NotAppliedActivity {
  activityId: string;
  name: string;
  /** THRESHOLD_NOT_REACHED, NOT_IN_SCOPE, NOTHING_LEFT, LIMIT_REACHED (its budget is used up), NOT_STACKABLE (its lines took another activity). */
  reason: NotAppliedReason;
  missing: number | null;
  missingQuantity: number | null;
}

export interface Quote {
  shops: PricedShop[];
  goods: number;
  discount: number;
  freight: number;
  payable: number;
  applied: AppliedCoupon[];
  notApplied: NotAppliedCoupon[];
  activities: AppliedActivity[];
  notAppliedActivities: NotAppliedActivity[];
}

/** Lines' amounts as the steps so far left them, by line index. */
type Amounts = number[];

/** What a promotion's scope is made of (a coupon template's, later an activity's). */
export interface Scope {
  /** The owner's shop; null for the platform's. */
  shopId: string | null;
  scope: CouponScope;
  scopeIds: readonly string[];
  excludedProductIds: readonly string[];
}

/**
 * Whether a scope covers a SKU (or, with `skuId` null, a product as a whole: a SKUS scope
 * covers it when it names any of its SKUs, which a product alone cannot tell, so it does not).
 * A shop's promotion never covers another shop's goods.
 */
export function covers(scope: Scope, item: { skuId: string | null; productId: string; shopId: string; categoryIds: readonly string[] }): boolean {
  if (scope.shopId !== null && item.shopId !== scope.shopId) return false;
  if (scope.excludedProductIds.includes(item.productId)) return false;
  switch (scope.scope) {
    case 'ALL':
      return true;
    case 'SHOP':
      return scope.scopeIds.includes(item.shopId);
    case 'CATEGORIES':
      return item.categoryIds.some((id) => scope.scopeIds.includes(id));
    case 'PRODUCTS':
      return scope.scopeIds.includes(item.productId);
    case 'SKUS':
      return item.skuId !== null && scope.scopeIds.includes(item.skuId);
  }
}

/** The lines a coupon covers (by index), before its threshold is weighed: none an activity excluding coupons took. */
function linesInScope(coupon: PricingCoupon, lines: readonly PricingLine[], blocked: readonly boolean[]): number[] {
  return lines.flatMap((line, i) => (!blocked[i] && covers(coupon, line) ? [i] : []));
}

/** What the activities (step 0) left: each line's amount and discounts, and the lines no coupon may take from. */
interface AfterActivities {
  amounts: Amounts;
  discounts: LineDiscount[][];
  blocked: boolean[];
  applied: AppliedActivity[];
  notApplied: NotAppliedActivity[];
}

/** A full reduction's or full discount's take of `base` cents over `quantity` pieces: the highest tier reached, and the next one. */
function tierOf(activity: PricingActivity, base: number, quantity: number) {
  const byQuantity = activity.kind === 'FULL_DISCOUNT';
  const reached = (t: TierTerms) => (byQuantity ? quantity >= (t.minQuantity ?? 0) : base >= (t.threshold ?? 0));
  const tiers = activity.tiers;
  const best = [...tiers].reverse().find(reached) ?? null;
  const next = tiers.find((t) => !reached(t)) ?? null;
  const lack = (t: TierTerms) => ({ missing: byQuantity ? null : (t.threshold ?? 0) - base, missingQuantity: byQuantity ? (t.minQuantity ?? 0) - quantity : null, tier: t });
  const amount = best === null ? 0 : byQuantity ? Math.floor((base * (best.percentOff ?? 0)) / 100) : Math.min(best.amountOff ?? 0, base);
  return { best, amount, next: next === null ? null : lack(next) };
}

/** Step 0: a group buy's price, special prices, then each shop's full reductions and full discounts, one per line, the one taking most first. */
function applyActivities(lines: readonly PricingLine[], activities: readonly PricingActivity[], groupBuy?: PricingGroupBuy): AfterActivities {
  const amounts: Amounts = lines.map((l) => l.unitPrice * l.quantity);
  const discounts: LineDiscount[][] = lines.map(() => []);
  const blocked = lines.map(() => false);
  // 0. The group buy's line: its price, and no other activity (in `taken` below, never a special).
  const grouped = lines.map((line) => groupBuy !== undefined && line.skuId === groupBuy.skuId);
  for (const [i, line] of lines.entries()) {
    if (!grouped[i]) continue;
    const share = Math.max(0, (line.unitPrice - groupBuy!.price) * line.quantity);
    if (groupBuy!.excludesCoupons) blocked[i] = true;
    if (share === 0) continue;
    amounts[i]! -= share;
    discounts[i]!.push({ source: { kind: 'GROUP_BUY', activityId: groupBuy!.activityId, name: groupBuy!.name }, amount: share });
  }
  const applied: AppliedActivity[] = [];
  const notApplied: NotAppliedActivity[] = [];
  const refuse = (a: PricingActivity, reason: NotAppliedReason, missing: number | null = null, missingQuantity: number | null = null) =>
    notApplied.push({ activityId: a.activityId, name: a.name, reason, missing, missingQuantity });
  const take = (a: PricingActivity, shares: Array<[number, number]>, next: AppliedActivity['next']) => {
    let amount = 0;
    for (const [i, share] of shares) {
      // Every line it took from, or that counted towards its tier, takes no coupon.
      if (a.excludesCoupons) blocked[i] = true;
      if (share <= 0) continue;
      amounts[i]! -= share;
      amount += share;
      discounts[i]!.push({ source: { kind: 'ACTIVITY', activityId: a.activityId, name: a.name }, amount: share });
    }
    applied.push({ activityId: a.activityId, name: a.name, kind: a.kind, amount, next });
  };
  const byId = (a: PricingActivity, b: PricingActivity) => Number(a.activityId) - Number(b.activityId);

  // 0a. Each line's lowest special price below its price (ties: the older activity).
  const specials = activities.filter((a) => a.kind === 'SPECIAL_PRICE').sort(byId);
  const bestSpecial = lines.map((line, i) => {
    let best: { activity: PricingActivity; price: number } | null = null;
    if (grouped[i]) return best;
    for (const a of specials) {
      if (a.shopId !== line.shopId) continue;
      const entry = a.prices.find((p) => p.skuId === line.skuId);
      if (entry && entry.price < line.unitPrice && (!best || entry.price < best.price)) best = { activity: a, price: entry.price };
    }
    return best;
  });
  for (const a of specials) {
    const mine = lines.flatMap((line, i) => (bestSpecial[i]?.activity === a ? [[i, (line.unitPrice - bestSpecial[i]!.price) * line.quantity] as [number, number]] : []));
    if (mine.length === 0) {
      const named = lines.flatMap((line, i) => (line.shopId === a.shopId && a.prices.some((p) => p.skuId === line.skuId) ? [i] : []));
      // Another activity's special price of the SKU is lower (or a group price is its price), or its price is not below today's.
      if (named.length > 0) refuse(a, named.some((i) => bestSpecial[i] !== null || grouped[i]) ? 'NOT_STACKABLE' : 'NOTHING_LEFT');
      continue;
    }
    const amount = mine.reduce((sum, [, share]) => sum + share, 0);
    if (a.budgetLeft !== null && amount > a.budgetLeft) refuse(a, 'LIMIT_REACHED');
    else take(a, mine, null);
  }

  // 0b. Full reductions and full discounts, shop by shop.
  const afterSpecials = [...amounts];
  const full = activities.filter((a) => a.kind !== 'SPECIAL_PRICE').sort(byId);
  const taken = new Set<number>(lines.flatMap((_, i) => (grouped[i] ? [i] : [])));
  const scopeOf = (a: PricingActivity): Scope => ({ shopId: a.shopId, scope: a.scope, scopeIds: a.scopeIds, excludedProductIds: a.excludedProductIds });
  // A group buy's line is in no activity's scope (nor in its thresholds or what it says is missing).
  const coveredBy = (a: PricingActivity) => lines.flatMap((line, i) => (!grouped[i] && covers(scopeOf(a), line) ? [i] : []));
  const weigh = (a: PricingActivity) => {
    const free = coveredBy(a).filter((i) => !taken.has(i));
    const base = free.reduce((sum, i) => sum + amounts[i]!, 0);
    const quantity = free.reduce((sum, i) => sum + lines[i]!.quantity, 0);
    return { free, base, ...tierOf(a, base, quantity) };
  };
  let left = [...full];
  for (;;) {
    const usable = left
      .map((a) => ({ a, w: weigh(a) }))
      .filter(({ a, w }) => w.best !== null && w.amount > 0 && (a.budgetLeft === null || w.amount <= a.budgetLeft))
      .sort((x, y) => y.w.amount - x.w.amount || byId(x.a, y.a));
    const chosen = usable[0];
    if (!chosen) break;
    const { a, w } = chosen;
    const shares = allocate(w.amount, w.free.map((i) => amounts[i]!));
    take(a, w.free.map((i, k) => [i, shares[k]!] as [number, number]), w.next);
    for (const i of w.free) taken.add(i);
    left = left.filter((x) => x !== a);
  }
  for (const a of left) {
    const covered = coveredBy(a);
    const w = weigh(a);
    // Out of reach even with every line it covers: the threshold says what is missing, whatever the other activities took.
    const all = tierOf(a, covered.reduce((sum, i) => sum + afterSpecials[i]!, 0), covered.reduce((sum, i) => sum + lines[i]!.quantity, 0));
    if (covered.length === 0) refuse(a, 'NOT_IN_SCOPE');
    else if (all.best === null) refuse(a, 'THRESHOLD_NOT_REACHED', all.next?.missing ?? null, all.next?.missingQuantity ?? null);
    else if (w.free.length === 0) refuse(a, 'NOT_STACKABLE');
    else if (w.best === null) refuse(a, 'THRESHOLD_NOT_REACHED', w.next?.missing ?? null, w.next?.missingQuantity ?? null);
    else if (w.amount <= 0) refuse(a, 'NOTHING_LEFT');
    else refuse(a, 'LIMIT_REACHED');
  }
  return { amounts, discounts, blocked, applied, notApplied };
}

/** Why a coupon cannot be used now at all (before scope and threshold); null when it can. */
function unusable(coupon: PricingCoupon, now: Date): NotAppliedReason | null {
  if (coupon.status === 'USED' || coupon.status === 'LOCKED') return 'NOT_USABLE';
  if (coupon.status === 'EXPIRED' || coupon.validUntil <= now) return 'EXPIRED';
  if (coupon.validFrom > now) return 'NOT_STARTED';
  if (coupon.limitReached) return 'LIMIT_REACHED';
  return null;
}

/** What a goods coupon takes off `base` cents of lines in scope (the threshold already met). */
function goodsDiscount(coupon: PricingCoupon, base: number): number {
  if (coupon.kind === 'AMOUNT_OFF') return Math.min(coupon.amountOff ?? 0, base);
  if (coupon.kind === 'PERCENT_OFF') {
    const off = Math.floor((base * (coupon.percentOff ?? 0)) / 100);
    return coupon.maxOff === null ? off : Math.min(off, coupon.maxOff);
  }
  return 0;
}

interface Evaluation {
  coupon: PricingCoupon;
  covered: number[];
  /** Cents taken off goods, or null when it does not apply (see `refusal`). */
  amount: number | null;
  refusal: NotAppliedCoupon | null;
}

function evaluate(coupon: PricingCoupon, lines: readonly PricingLine[], amounts: Amounts, now: Date, blocked: readonly boolean[]): Evaluation {
  const refuse = (reason: NotAppliedReason, missing: number | null = null): Evaluation => ({ coupon, covered: [], amount: null, refusal: { couponId: coupon.couponId, name: coupon.name, reason, missing } });
  const why = unusable(coupon, now);
  if (why) return refuse(why);
  const covered = linesInScope(coupon, lines, blocked);
  if (covered.length === 0) return refuse('NOT_IN_SCOPE');
  const base = covered.reduce((sum, i) => sum + amounts[i]!, 0);
  if (base < coupon.threshold) return refuse('THRESHOLD_NOT_REACHED', coupon.threshold - base);
  return { coupon, covered, amount: goodsDiscount(coupon, base), refusal: null };
}

/** One way of using coupons: a shop coupon per shop (or none), a platform coupon (or none), a free-shipping coupon (or none). */
interface Combination {
  shop: Map<string, PricingCoupon>;
  platform: PricingCoupon | null;
  shipping: PricingCoupon | null;
}

/** Prices the lines with one combination; the coupons of it that did not apply are listed. */
function priceWith(input: PricingInput, combination: Combination, base: AfterActivities): Quote {
  const { lines, now } = input;
  const amounts: Amounts = [...base.amounts];
  const discounts: LineDiscount[][] = base.discounts.map((d) => [...d]);
  const { blocked } = base;
  const applied: AppliedCoupon[] = [];
  const notApplied: NotAppliedCoupon[] = [];

  const take = (evaluation: Evaluation) => {
    if (evaluation.refusal) {
      notApplied.push(evaluation.refusal);
      return;
    }
    const amount = evaluation.amount!;
    if (amount <= 0) {
      // In scope and over its threshold, but the steps before it left nothing to take (or a percent of a few cents rounds to 0).
      notApplied.push({ couponId: evaluation.coupon.couponId, name: evaluation.coupon.name, reason: 'NOTHING_LEFT', missing: null });
      return;
    }
    const shares = allocate(amount, evaluation.covered.map((i) => amounts[i]!));
    evaluation.covered.forEach((lineIndex, k) => {
      const share = shares[k]!;
      if (share === 0) return;
      amounts[lineIndex]! -= share;
      discounts[lineIndex]!.push({ source: { kind: 'COUPON', couponId: evaluation.coupon.couponId, name: evaluation.coupon.name }, amount: share });
    });
    applied.push({ couponId: evaluation.coupon.couponId, name: evaluation.coupon.name, kind: evaluation.coupon.kind, amount });
  };

  // 1. Shop coupons, shop by shop; 2. the platform coupon.
  for (const coupon of [...combination.shop.values()].sort((a, b) => Number(a.shopId) - Number(b.shopId))) take(evaluate(coupon, lines, amounts, now, blocked));
  if (combination.platform) take(evaluate(combination.platform, lines, amounts, now, blocked));

  // 3. The member level, per shop on what the coupons left.
  const shopIds = [...new Set(lines.map((l) => l.shopId))].sort((a, b) => Number(a) - Number(b));
  for (const shopId of shopIds) {
    const indexes = lines.flatMap((l, i) => (l.shopId === shopId ? [i] : []));
    const left = indexes.reduce((sum, i) => sum + amounts[i]!, 0);
    const off = left - Math.floor((left * input.levelPermille) / 1000);
    if (off <= 0) continue;
    const shares = allocate(off, indexes.map((i) => amounts[i]!));
    indexes.forEach((lineIndex, k) => {
      if (shares[k] === 0) return;
      amounts[lineIndex]! -= shares[k]!;
      discounts[lineIndex]!.push({ source: { kind: 'MEMBER_LEVEL' }, amount: shares[k]! });
    });
  }

  // 4. Freight, and the free-shipping coupon: on each shop's goods as steps 0–3 left them.
  const goodsLeft = (shopId: string) => lines.reduce((sum, l, i) => sum + (l.shopId === shopId ? amounts[i]! : 0), 0);
  const freightWaivedBy = new Map<string, string>();
  if (combination.shipping) {
    const evaluation = evaluate(combination.shipping, lines, amounts, now, blocked);
    if (evaluation.refusal) notApplied.push(evaluation.refusal);
    else {
      let waived = 0;
      for (const shopId of new Set(evaluation.covered.map((i) => lines[i]!.shopId))) {
        const freight = input.freightOf(shopId, goodsLeft(shopId));
        if (freight === 0) continue;
        waived += freight;
        freightWaivedBy.set(shopId, combination.shipping.couponId);
      }
      if (waived > 0) applied.push({ couponId: combination.shipping.couponId, name: combination.shipping.name, kind: 'FREE_SHIPPING', amount: waived });
      else notApplied.push({ couponId: combination.shipping.couponId, name: combination.shipping.name, reason: 'NOTHING_LEFT', missing: null });
    }
  }

  const shops: PricedShop[] = shopIds.map((shopId) => {
    const priced: PricedLine[] = lines.flatMap((line, i) =>
      line.shopId === shopId ? [{ ...line, subtotal: line.unitPrice * line.quantity, discounts: discounts[i]!, payable: amounts[i]! }] : [],
    );
    const goods = priced.reduce((sum, l) => sum + l.subtotal, 0);
    const discount = priced.reduce((sum, l) => sum + (l.subtotal - l.payable), 0);
    const freight = freightWaivedBy.has(shopId) ? 0 : input.freightOf(shopId, goodsLeft(shopId));
    return { shopId, lines: priced, goods, discount, freight, freightWaivedBy: freightWaivedBy.get(shopId) ?? null, payable: goods - discount + freight };
  });
  const sum = (pick: (s: PricedShop) => number) => shops.reduce((total, s) => total + pick(s), 0);
  return {
    shops,
    goods: sum((s) => s.goods),
    discount: sum((s) => s.discount),
    freight: sum((s) => s.freight),
    payable: sum((s) => s.payable),
    applied,
    notApplied,
    activities: base.applied,
    notAppliedActivities: base.notApplied,
  };
}

/** Each shop's options (none first, then its candidates), the platform's and the free-shipping ones. */
function options(candidates: readonly PricingCoupon[]) {
  const goods = candidates.filter((c) => c.kind !== 'FREE_SHIPPING');
  const byShop = new Map<string, Array<PricingCoupon | null>>();
  for (const c of goods) if (c.shopId !== null) byShop.set(c.shopId, [...(byShop.get(c.shopId) ?? [null]), c]);
  return {
    shops: [...byShop.entries()],
    platform: [null, ...goods.filter((c) => c.shopId === null)] as Array<PricingCoupon | null>,
    shipping: [null, ...candidates.filter((c) => c.kind === 'FREE_SHIPPING')] as Array<PricingCoupon | null>,
  };
}

/** Every combination of the options: per shop one of its coupons or none, a platform coupon or none, a free-shipping coupon or none. */
function* everyCombination(o: ReturnType<typeof options>): Generator<Combination> {
  function* perShop(k: number, chosen: Map<string, PricingCoupon>): Generator<Map<string, PricingCoupon>> {
    if (k === o.shops.length) {
      yield new Map(chosen);
      return;
    }
    const [shopId, list] = o.shops[k]!;
    for (const option of list) {
      if (option) chosen.set(shopId, option);
      yield* perShop(k + 1, chosen);
      chosen.delete(shopId);
    }
  }
  for (const shop of perShop(0, new Map())) for (const p of o.platform) for (const s of o.shipping) yield { shop, platform: p, shipping: s };
}

/**
 * Past this many combinations the shops are not weighed together: each platform and
 * free-shipping choice is tried with every shop's best coupon alone, and with no shop
 * coupons, so a cart of many shops costs a bounded number of pricings.
 */
const MAX_COMBINATIONS = 2000;

function* combinations(candidates: readonly PricingCoupon[]): Generator<Combination> {
  const o = options(candidates);
  const total = o.shops.reduce((n, [, list]) => n * list.length, 1) * o.platform.length * o.shipping.length;
  if (total <= MAX_COMBINATIONS) {
    yield* everyCombination(o);
    return;
  }
  // Candidates come best alone first: each shop's second option is its best coupon.
  const best = new Map(o.shops.map(([shopId, list]) => [shopId, list[1]!] as const));
  for (const p of o.platform) for (const s of o.shipping) {
    yield { shop: best, platform: p, shipping: s };
    yield { shop: new Map(), platform: p, shipping: s };
  }
}

/**
 * How many coupons of each place are weighed (the best alone first): a shop's 3, the
 * platform's 5, free-shipping 2. A member rarely holds more that apply to one cart.
 */
const WEIGHED = { shop: 3, platform: 5, shipping: 2 };

/**
 * Prices the lines. With `choose: 'auto'` the member's coupons that could apply are weighed
 * in every combination the stacking rules allow and the cheapest payable wins (ties: fewer
 * coupons, then the earlier coupon ids); coupons left out are listed NOT_STACKABLE when
 * another of their kind was chosen, or with the reason they do not apply. With chosen
 * coupon ids, exactly those are used; a second shop coupon for one shop, a second platform
 * coupon or a second free-shipping coupon is NOT_STACKABLE.
 */
export function priceCart(input: PricingInput): Quote {
  const base = applyActivities(input.lines, input.activities ?? [], input.groupBuy);
  if (input.choose !== 'auto') {
    const wanted = new Set(input.choose);
    const chosen = input.coupons.filter((c) => wanted.has(c.couponId));
    const combination: Combination = { shop: new Map(), platform: null, shipping: null };
    const clashes: NotAppliedCoupon[] = [];
    for (const coupon of chosen) {
      const clash = (coupon.kind === 'FREE_SHIPPING' && combination.shipping) || (coupon.kind !== 'FREE_SHIPPING' && (coupon.shopId === null ? combination.platform : combination.shop.get(coupon.shopId)));
      if (clash) {
        clashes.push({ couponId: coupon.couponId, name: coupon.name, reason: 'NOT_STACKABLE', missing: null });
        continue;
      }
      if (coupon.kind === 'FREE_SHIPPING') combination.shipping = coupon;
      else if (coupon.shopId === null) combination.platform = coupon;
      else combination.shop.set(coupon.shopId, coupon);
    }
    const quote = priceWith(input, combination, base);
    return { ...quote, notApplied: [...quote.notApplied, ...clashes] };
  }

  // Only coupons that could apply on their own are weighed; the others say why not.
  const alone = input.coupons.map((coupon) => evaluate(coupon, input.lines, base.amounts, input.now, base.blocked));
  const refused = alone.flatMap((e) => (e.refusal ? [e.refusal] : []));
  const applicable = alone.filter((e) => !e.refusal).sort((a, b) => b.amount! - a.amount! || Number(a.coupon.couponId) - Number(b.coupon.couponId));
  const place = (c: PricingCoupon) => (c.kind === 'FREE_SHIPPING' ? 'shipping' : c.shopId === null ? 'platform' : `shop:${c.shopId}`);
  const taken = new Map<string, number>();
  const candidates = applicable
    .filter((e) => {
      const key = place(e.coupon);
      const limit = key.startsWith('shop:') ? WEIGHED.shop : WEIGHED[key as 'platform' | 'shipping'];
      taken.set(key, (taken.get(key) ?? 0) + 1);
      return taken.get(key)! <= limit;
    })
    .map((e) => e.coupon);

  let best: { quote: Quote; combination: Combination; used: number; ids: string } | null = null;
  for (const combination of combinations(candidates)) {
    const quote = priceWith(input, combination, base);
    const used = quote.applied.length;
    const ids = quote.applied.map((a) => a.couponId.padStart(16, '0')).sort().join(',');
    if (!best || quote.payable < best.quote.payable || (quote.payable === best.quote.payable && (used < best.used || (used === best.used && ids < best.ids)))) {
      best = { quote, combination, used, ids };
    }
  }
  const quote = best!.quote;
  const appliedIds = new Set(quote.applied.map((a) => a.couponId));
  // A coupon left out applies alone. Put in its place beside the chosen ones: when it would
  // not apply there, that is why (a threshold the others' discounts break, nothing left);
  // when it would, the chosen combination costs less (NOT_STACKABLE).
  const leftOut = applicable
    .map((e) => e.coupon)
    .filter((c) => !appliedIds.has(c.couponId))
    .map((c): NotAppliedCoupon => {
      const withIt: Combination = { shop: new Map(best!.combination.shop), platform: best!.combination.platform, shipping: best!.combination.shipping };
      if (c.kind === 'FREE_SHIPPING') withIt.shipping = c;
      else if (c.shopId === null) withIt.platform = c;
      else withIt.shop.set(c.shopId, c);
      const there = priceWith(input, withIt, base);
      if (there.applied.some((a) => a.couponId === c.couponId)) return { couponId: c.couponId, name: c.name, reason: 'NOT_STACKABLE', missing: null };
      return there.notApplied.find((n) => n.couponId === c.couponId) ?? { couponId: c.couponId, name: c.name, reason: 'NOTHING_LEFT', missing: null };
    });
  return { ...quote, notApplied: [...refused, ...leftOut] };
}

/**
 * How points pay (the admin's rule): `pointsPerYuan` points are worth ¥1 (a divisor of 100,
 * so a point is a whole number of cents), and they pay at most `maxSharePercent` of the
 * goods after every discount (never the freight).
 */
export interface PointsRule {
  pointsPerYuan: number;
  maxSharePercent: number;
}

export interface PointsSpent {
  /** Points spent. */
  used: number;
  /** What they paid, in cents. */
  amount: number;
  /** The most points this cart may take. */
  max: number;
}

/** The most points a quote's goods may take under the rule. */
export function maxPoints(quote: Quote, rule: PointsRule): number {
  const centsPerPoint = 100 / rule.pointsPerYuan;
  const lines = quote.shops.flatMap((s) => s.lines);
  const goods = lines.reduce((sum, l) => sum + l.payable, 0);
  const byShare = Math.floor(Math.floor((goods * rule.maxSharePercent) / 100) / centsPerPoint);
  // A point is a whole number of cents: a line pays only whole points' worth.
  const byLines = lines.reduce((sum, l) => sum + Math.floor(l.payable / centsPerPoint), 0);
  return Math.min(byShare, byLines);
}

/**
 * Step 4 of the stacking order: `points` (at most `maxPoints`) pay part of the goods after
 * the coupons and the member level, split over the lines by what each has left in whole
 * points. The free-shipping step reads its threshold before points, so paying with points
 * never costs a buyer their free shipping.
 */
export function applyPoints(quote: Quote, points: number, rule: PointsRule): Quote & { points: PointsSpent } {
  const max = maxPoints(quote, rule);
  if (points <= 0 || points > max) return { ...quote, points: { used: 0, amount: 0, max } };
  const centsPerPoint = 100 / rule.pointsPerYuan;
  const lines = quote.shops.flatMap((s) => s.lines);
  const shares = allocate(points, lines.map((l) => Math.floor(l.payable / centsPerPoint)));
  const pointsOf = new Map(lines.map((l, i) => [l, shares[i]!] as const));
  const shops = quote.shops.map((shop) => {
    const priced = shop.lines.map((line) => {
      const taken = pointsOf.get(line)!;
      if (taken === 0) return line;
      const amount = taken * centsPerPoint;
      return { ...line, points: taken, discounts: [...line.discounts, { source: { kind: 'POINTS' as const }, amount }], payable: line.payable - amount };
    });
    const discount = priced.reduce((sum, l) => sum + (l.subtotal - l.payable), 0);
    return { ...shop, lines: priced, discount, payable: shop.goods - discount + shop.freight };
  });
  const sum = (pick: (s: PricedShop) => number) => shops.reduce((total, s) => total + pick(s), 0);
  return { ...quote, shops, discount: sum((s) => s.discount), payable: sum((s) => s.payable), points: { used: points, amount: points * centsPerPoint, max } };
}
