import { ID_PATTERN, defineCommand, z } from '@mall/kit';

/**
 * Commands membership answers over NATS. Every one is idempotent by `idempotencyKey`
 * (scoped to the member): sending it again returns the first outcome and changes nothing;
 * the same key with a different amount is a CONFLICT.
 */

const memberId = z.string().regex(ID_PATTERN, 'a member id');
const idempotencyKey = z.string().min(8).max(100);
const cents = z.number().int().positive().max(100_000_000);

/** The member's wallet once the command applied. */
const walletOutcome = z.object({
  entryId: z.string(),
  balance: z.number().int().nonnegative(),
  /** True when this key had been applied before and nothing changed now. */
  replayed: z.boolean(),
});

/** Pay from the wallet (订单余额支付). Fails with CONFLICT when the balance is short. */
export const walletDebit = defineCommand(
  'membership.wallet.debit',
  z.object({ memberId, amount: cents, idempotencyKey, reference: z.string().max(100).optional() }),
  walletOutcome,
);

/** Put money into the wallet: a refund, a recharge (which earns the recharge bonus, 充值赠送), or a distributor's commission withdrawn. */
export const walletCredit = defineCommand(
  'membership.wallet.credit',
  z.object({
    memberId,
    amount: cents,
    kind: z.enum(['REFUND', 'RECHARGE', 'COMMISSION']),
    idempotencyKey,
    reference: z.string().max(100).optional(),
  }),
  walletOutcome.extend({ bonus: z.number().int().nonnegative() }),
);

const pointsOutcome = z.object({ entryId: z.string(), balance: z.number().int().nonnegative(), replayed: z.boolean() });

/** Award points (e.g. for a paid order); they expire at `expiresAt` (default: end of next year). */
export const pointsEarn = defineCommand(
  'membership.points.earn',
  z.object({ memberId, points: z.number().int().positive().max(10_000_000), idempotencyKey, reference: z.string().max(100).optional(), expiresAt: z.string().datetime().optional() }),
  pointsOutcome,
);

/** Spend points (oldest first). CONFLICT when the member has too few. */
export const pointsSpend = defineCommand(
  'membership.points.spend',
  z.object({ memberId, points: z.number().int().positive().max(10_000_000), idempotencyKey, reference: z.string().max(100).optional() }),
  pointsOutcome,
);

/** Add growth value (from paid orders); growth decides the member level. */
export const growthAdd = defineCommand(
  'membership.growth.add',
  z.object({ memberId, growth: z.number().int().positive().max(10_000_000), idempotencyKey, reference: z.string().max(100).optional() }),
  z.object({ growth: z.number().int().nonnegative(), level: z.string(), replayed: z.boolean() }),
);

/** A shipping address as an order keeps it (snapshotted at checkout). */
export const addressSnapshot = z.object({
  recipient: z.string(),
  phone: z.string(),
  provinceCode: z.string(),
  cityCode: z.string(),
  districtCode: z.string(),
  region: z.string(),
  detail: z.string(),
});
export type AddressSnapshot = z.infer<typeof addressSnapshot>;

/** One of a member's addresses (the default when `addressId` is omitted); NOT_FOUND when it is not theirs. */
export const getAddress = defineCommand(
  'membership.address.get',
  z.object({ memberId, addressId: z.string().regex(ID_PATTERN).optional() }),
  addressSnapshot,
);

/** A member's level and the discount checkout applies (per mille). */
export const memberLevel = defineCommand(
  'membership.level.get',
  z.object({ memberId }),
  z.object({ level: z.string(), discountPermille: z.number().int().min(1).max(1000) }),
);

/** Who pays through WeChat: the member's openid under the mall's mini-program. */
export const payer = defineCommand(
  'membership.member.payer',
  z.object({ memberId }),
  z.object({ openid: z.string() }),
);

const owner = z.string().min(1).max(64);

/**
 * Holds points for an unpaid order (`owner`, its order number): spent from the member's
 * balance now, given back by `releasePoints` when the order ends unpaid, kept for good by
 * `commitPoints` when it is paid. Idempotent by owner; CONFLICT `INSUFFICIENT_POINTS` when
 * the member has too few (nothing held), `RELEASED` when the owner was released first.
 */
export const holdPoints = defineCommand(
  'membership.points.hold',
  z.object({ owner, memberId, points: z.number().int().positive().max(10_000_000) }),
  z.object({ points: z.number().int(), replayed: z.boolean() }),
);

/** Gives an order's held points back. CONFLICT `COMMITTED` once the order was paid. */
export const releasePoints = defineCommand('membership.points.release', z.object({ owner }), z.object({ points: z.number().int(), replayed: z.boolean() }));

/** An order's held points are spent for good (it was paid). */
export const commitPoints = defineCommand('membership.points.commit', z.object({ owner }), z.object({ points: z.number().int(), replayed: z.boolean() }));

/**
 * An unlimited mini-program code (`wxacode.getUnlimited`) opening `page` (the home page when
 * omitted) with `scene` (1–32 characters WeChat allows): the image, base64, and its type.
 * BAD_USER_INPUT for a scene or page WeChat refuses; SERVICE_UNAVAILABLE when it cannot be reached.
 */
/** A mini-program page path as WeChat takes it: no leading slash (`pages/product/index`). */
export const MINI_PROGRAM_PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export const unlimitedCode = defineCommand(
  'membership.wxacode.unlimited',
  z.object({ scene: z.string().regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/, 'a scene WeChat allows'), page: z.string().regex(MINI_PROGRAM_PAGE, 'a page path').max(100).nullable() }),
  z.object({ contentType: z.string(), imageBase64: z.string() }),
);
