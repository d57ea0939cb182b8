import { membership } from '@mall/contracts';
import { command, type CommandSpec } from '@mall/kit';
import type { MembershipDeps } from './context.ts';
import { addressForOrder } from './services/addresses.ts';
import { addGrowth, levelOfMember, payerOf } from './services/members.ts';
import { earnPoints, spendPoints } from './services/points.ts';
import { commitPoints, holdPoints, releasePoints } from './services/pointsHolds.ts';
import { creditWallet, debitWallet } from './services/wallet.ts';

/** Membership's NATS commands: wallet, points (and points held for orders), growth, addresses, level, payer, mini-program codes. */
export function commands(deps: MembershipDeps): CommandSpec[] {
  return [
    command(membership.unlimitedCode, async ({ scene, page }) => {
      const { contentType, image } = await deps.wechat.unlimitedCode(scene, page);
      return { contentType, imageBase64: image.toString('base64') };
    }),
    command(membership.walletDebit, async (request) => {
      const outcome = await debitWallet(deps, { ...request, memberId: Number(request.memberId) });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, replayed: outcome.replayed };
    }),
    command(membership.walletCredit, async (request) => {
      const outcome = await creditWallet(deps, { ...request, memberId: Number(request.memberId) });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, bonus: outcome.bonus, replayed: outcome.replayed };
    }),
    command(membership.pointsEarn, async ({ expiresAt, ...request }) => {
      const outcome = await earnPoints(deps, { ...request, memberId: Number(request.memberId), ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}) });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, replayed: outcome.replayed };
    }),
    command(membership.pointsSpend, async (request) => {
      const outcome = await spendPoints(deps, { ...request, memberId: Number(request.memberId) });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, replayed: outcome.replayed };
    }),
    command(membership.holdPoints, ({ owner, memberId, points }) => holdPoints(deps, owner, Number(memberId), points)),
    command(membership.releasePoints, ({ owner }) => releasePoints(deps, owner)),
    command(membership.commitPoints, ({ owner }) => commitPoints(deps, owner)),
    command(membership.getAddress, ({ memberId, addressId }) => addressForOrder(deps, Number(memberId), addressId ?? null)),
    command(membership.memberLevel, ({ memberId }) => levelOfMember(deps, Number(memberId))),
    command(membership.growthAdd, async (request) => {
      const outcome = await addGrowth(deps, { memberId: Number(request.memberId), delta: request.growth, idempotencyKey: request.idempotencyKey, note: request.reference ?? null });
      return { growth: outcome.growth, level: outcome.level, replayed: outcome.replayed };
    }),
    command(membership.payer, ({ memberId }) => payerOf(deps, Number(memberId))),
  ];
}
