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
 * another order, or outside its validity.
 */
export const reserveCoupons = defineCommand(
  'promotion.coupons.reserve',
  z.object({ owner, memberId: id, couponIds: z.array(id).min(1).max(10) }),
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
