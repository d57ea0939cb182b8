import { ID_PATTERN, defineCommand, z } from '@mall/kit';

/**
 * Commands promotion answers over NATS. A checkout's coupons are held by an owner (the
 * checkout's order number) between reserving and committing (the order paid) or releasing
 * (it ended unpaid); each step is idempotent by owner, and a reservation that arrives after
 * its owner was released is refused.
 */

const id = z.string().regex(ID_PATTERN, 'an id');
const owner = z.string().min(1).max(64);

/**
 * Holds a member's coupons for `owner`: all of them or none. NOT_FOUND for a coupon that is
 * not the member's; CONFLICT `COUPON_UNAVAILABLE` (with the couponId) for one spent, held by
 * another order, or outside its validity; CONFLICT `LIMIT_REACHED` when the member already
 * uses as many of its template's coupons as the template allows.
 */
export const reserveCoupons = defineCommand(
  'promotion.coupons.reserve',
  z.object({
    owner,
    memberId: id,
    /** A checkout's best combination may hold one coupon per shop of up to 50 shops, a platform and a free-shipping coupon. */
    couponIds: z.array(id).min(1).max(60),
    /** Per coupon: what it takes off the checkout and what the orders it is used on cost (its template's figures once paid). */
    amounts: z.array(z.object({ couponId: id, discount: z.number().int().min(0), orderAmount: z.number().int().min(0) })).max(60).optional(),
  }),
  z.object({ couponIds: z.array(z.string()), replayed: z.boolean() }),
);

/** Gives `owner`'s coupons back to their member. CONFLICT `COMMITTED` once they were used. */
export const releaseCoupons = defineCommand(
  'promotion.coupons.release',
  z.object({ owner }),
  z.object({ released: z.number().int(), replayed: z.boolean() }),
);

/** Spends `owner`'s coupons (the order was paid): USED, counted on their templates. */
export const commitCoupons = defineCommand(
  'promotion.coupons.commit',
  z.object({ owner }),
  z.object({ committed: z.number().int(), replayed: z.boolean() }),
);

/** A line of a checkout as the pricing engine weighs it: catalog's facts of its SKU now. */
const pricingLine = z.object({
  skuId: id,
  productId: id,
  shopId: id,
  categoryIds: z.array(id).max(20),
  unitPrice: z.number().int().min(0).max(100_000_000),
  quantity: z.number().int().min(1).max(9999),
  /** One unit's shipping weight, for shops charging freight by weight. */
  weightGrams: z.number().int().min(0).max(1_000_000).optional(),
});

/**
 * Holds what an order's price takes from its shop's activities (`owner`: the order number),
 * all or none, counted against each activity's budget. CONFLICT `BUDGET_EXHAUSTED` (with
 * the activityId) when an activity's budget cannot cover it, or the activity stopped
 * (paused, ended, outside its window) since the price was made. Promotion commits the hold
 * when the order is paid and releases it when the order ends unpaid (order events with
 * `activityHold`).
 */
export const reserveActivities = defineCommand(
  'promotion.activities.reserve',
  z.object({
    owner,
    /** An order's goods come to at most 2,000,000,000 cents (promotion refuses larger ones), so no share is more; a line takes at most a special price and one other activity. */
    activities: z.array(z.object({ activityId: id, amount: z.number().int().min(1).max(2_000_000_000) })).min(1).max(200),
  }),
  z.object({ replayed: z.boolean() }),
);

/** Gives `owner`'s hold of activity budgets back (its checkout failed). CONFLICT `COMMITTED` once paid. */
export const releaseActivities = defineCommand(
  'promotion.activities.release',
  z.object({ owner }),
  z.object({ released: z.number().int(), replayed: z.boolean() }),
);

const lineDiscount = z.object({
  source: z.enum(['FLASH_SALE', 'GROUP_BUY', 'ACTIVITY', 'COUPON', 'MEMBER_LEVEL', 'POINTS']),
  /** The coupon that took it (source COUPON). */
  couponId: z.string().nullable(),
  /** The shop activity that took it (source ACTIVITY). */
  activityId: z.string().nullable().optional(),
  label: z.string(),
  amount: z.number().int(),
});
export type LineDiscount = z.infer<typeof lineDiscount>;

/**
 * Prices a checkout with the engine `quoteCheckout` uses, so the price shown is the price
 * charged. `couponIds`: exactly these of the member's coupons (none: `[]`); null: the best
 * combination, or the quote's choice when `quoteId` names one. With `quoteId` the price
 * must be the quote's: CONFLICT `QUOTE_CHANGED` names every difference (a price, a coupon
 * that no longer applies, the freight), `QUOTE_EXPIRED` when the quote is gone,
 * CONFLICT `NOT_DELIVERABLE` (with the shopId) when a shop does not deliver to the province,
 * `QUOTE_MISMATCH` when it was for other lines. A named coupon that is not the member's is
 * NOT_FOUND; one that does not apply is CONFLICT `COUPON_NOT_APPLICABLE` with why. Points
 * beyond what the rule lets this cart take are BAD_USER_INPUT `POINTS_OVER_LIMIT` with
 * `max` (whether the member owns them is membership's to say when they are held).
 */
export const priceCheckout = defineCommand(
  'promotion.checkout.price',
  z.object({
    memberId: id,
    levelPermille: z.number().int().min(0).max(1000),
    lines: z.array(pricingLine).min(1).max(100),
    couponIds: z.array(id).max(10).nullable(),
    /** Points the member spends (null: the quote's, else none). */
    points: z.number().int().min(0).max(10_000_000).nullable().optional(),
    quoteId: z.string().max(64).nullable(),
    /** The delivery address's province (GB/T 2260), for the shops' freight templates; null: their default region. */
    provinceCode: z.string().max(6).nullable().optional(),
    /** A group-buy checkout (its one line at the group price): joining `teamId`, or opening a team (null: the opener's price). */
    groupBuy: z.object({ teamId: id.nullable() }).nullable().optional(),
  }),
  z.object({
    shops: z.array(
      z.object({
        shopId: z.string(),
        goods: z.number().int(),
        discount: z.number().int(),
        freight: z.number().int(),
        /** The free-shipping coupon that waived its freight. */
        freightWaivedBy: z.string().nullable(),
        payable: z.number().int(),
        lines: z.array(z.object({ skuId: z.string(), discount: z.number().int(), discounts: z.array(lineDiscount), points: z.number().int() })),
        /** What each of the shop's activities took off its lines (the order holds it against their budgets). */
        activities: z.array(z.object({ activityId: z.string(), amount: z.number().int() })).optional(),
      }),
    ),
    /** The coupons the price uses, with what each took (the checkout reserves them). */
    coupons: z.array(z.object({ couponId: z.string(), amount: z.number().int() })),
    /** Points spent and what they paid (each order's lines say how many of them are its). */
    points: z.object({ used: z.number().int(), amount: z.number().int() }),
  }),
);
export type PriceCheckoutRequest = z.infer<typeof priceCheckout.request>;
export type PriceCheckoutAnswer = z.infer<typeof priceCheckout.result>;

/**
 * Takes a seat in a group-buy team for an order (`owner`: its order number), before anything
 * is charged: opening a team (`teamId` null) or joining one. Idempotent by owner. NOT_FOUND
 * for an unknown team; CONFLICT with a reason: `TEAM_FULL`, `TEAM_NOT_OPEN` (its opener has
 * not paid yet), `TEAM_ENDED`, `ALREADY_IN_TEAM`, `LIMIT_REACHED`, `SOLD_OUT` (the activity's
 * units are taken), `ACTIVITY_CLOSED`, `RELEASED` (the owner was released first);
 * BAD_USER_INPUT `NOT_IN_ACTIVITY` for a SKU the team's activity does not sell.
 */
export const takeSeat = defineCommand(
  'promotion.groupbuy.seat.take',
  z.object({ owner, memberId: id, skuId: id, quantity: z.number().int().min(1).max(9999), teamId: id.nullable() }),
  z.object({ teamId: z.string(), seatId: z.string(), replayed: z.boolean() }),
);

/** Frees `owner`'s seat (its checkout failed). CONFLICT `COMMITTED` once its order was paid. */
export const releaseSeat = defineCommand(
  'promotion.groupbuy.seat.release',
  z.object({ owner }),
  z.object({ released: z.number().int(), replayed: z.boolean() }),
);
