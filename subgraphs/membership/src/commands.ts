import { membership } from '@mall/contracts';
import { and, eq } from 'drizzle-orm';
import { notFound, serveCommand, type Logger, type NatsConnection, type Subscription } from '@mall/kit';
import type { MembershipDb } from './context.ts';
import { addresses, members } from './db/schema.ts';
import { levelFor } from './services/levels.ts';
import { addGrowth } from './services/members.ts';
import { earnPoints, spendPoints } from './services/points.ts';
import { creditWallet, debitWallet } from './services/wallet.ts';

/** Answers membership's NATS commands (wallet, points, growth, addresses, level, payer) in queue group `membership`. */
export function serveMembershipCommands(nats: NatsConnection, db: MembershipDb, log: Logger, prefix: string): Subscription[] {
  const options = { queue: 'membership', log, prefix };
  return [
    serveCommand(nats, membership.walletDebit, async (request) => {
      const outcome = await debitWallet(db, { ...request, memberId: Number(request.memberId) });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, replayed: outcome.replayed };
    }, options),
    serveCommand(nats, membership.walletCredit, async (request) => {
      const outcome = await creditWallet(db, { ...request, memberId: Number(request.memberId) });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, bonus: outcome.bonus, replayed: outcome.replayed };
    }, options),
    serveCommand(nats, membership.pointsEarn, async (request) => {
      const { expiresAt, ...rest } = request;
      const outcome = await earnPoints(db, {
        ...rest,
        memberId: Number(request.memberId),
        ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
      });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, replayed: outcome.replayed };
    }, options),
    serveCommand(nats, membership.pointsSpend, async (request) => {
      const outcome = await spendPoints(db, { ...request, memberId: Number(request.memberId) });
      return { entryId: String(outcome.entry.id), balance: outcome.balance, replayed: outcome.replayed };
    }, options),
    serveCommand(nats, membership.getAddress, async ({ memberId, addressId }) => {
      const rows = await db
        .select()
        .from(addresses)
        .where(and(eq(addresses.memberId, Number(memberId)), addressId ? eq(addresses.id, Number(addressId)) : eq(addresses.isDefault, true)));
      const address = rows[0];
      if (!address) throw notFound(addressId ? 'Address' : 'Default address', addressId);
      return {
        recipient: address.recipient,
        phone: address.phone,
        provinceCode: address.provinceCode,
        cityCode: address.cityCode,
        districtCode: address.districtCode,
        region: address.regionText,
        detail: address.detail,
      };
    }, options),
    serveCommand(nats, membership.memberLevel, async ({ memberId }) => {
      const [member] = await db.select({ growth: members.growth }).from(members).where(eq(members.id, Number(memberId)));
      if (!member) throw notFound('Member', memberId);
      const level = levelFor(member.growth);
      return { level: level.code, discountPermille: level.discountPermille };
    }, options),
    serveCommand(nats, membership.growthAdd, async (request) => {
      const outcome = await addGrowth(db, { memberId: Number(request.memberId), delta: request.growth, idempotencyKey: request.idempotencyKey, note: request.reference ?? null });
      return { growth: outcome.growth, level: levelFor(outcome.growth).code, replayed: outcome.replayed };
    }, options),
    serveCommand(nats, membership.payer, async ({ memberId }) => {
      const [member] = await db.select({ openid: members.openid }).from(members).where(eq(members.id, Number(memberId)));
      if (!member) throw notFound('Member', memberId);
      return { openid: member.openid };
    }, options),
  ];
}
