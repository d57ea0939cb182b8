import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { retryOnDeadlock, signAccessToken, unauthenticated, type Identity } from '@mall/kit';
import type { MembershipConfig } from '../config.ts';
import type { MembershipDb } from '../context.ts';
import { members, refreshTokens, staffAccounts } from '../db/schema.ts';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  identity: Identity;
}

type Subject = { kind: 'MEMBER' | 'STAFF'; id: number };

/**
 * A spent refresh token presented again within this window is taken for a client's own
 * network retry (refused, family kept); later, for a stolen copy (family revoked).
 */
const REUSE_GRACE_MS = 10_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

async function identityOf(db: MembershipDb, subject: Subject): Promise<Identity | null> {
  if (subject.kind === 'MEMBER') {
    const [member] = await db.select({ id: members.id }).from(members).where(eq(members.id, subject.id));
    return member ? { userId: String(member.id), role: 'MEMBER', shopId: null } : null;
  }
  const [staff] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, subject.id));
  if (!staff) return null;
  return { userId: String(staff.id), role: staff.role, shopId: staff.role === 'MERCHANT' ? String(staff.shopId) : null };
}

async function sign(config: MembershipConfig['tokens'], identity: Identity, refreshToken: string): Promise<Session> {
  return {
    accessToken: await signAccessToken(identity, { ...config, ttlSeconds: config.accessTtlSeconds }),
    refreshToken,
    expiresIn: config.accessTtlSeconds,
    identity,
  };
}

/** Starts a new session (a new refresh-token family) for a member or staff account. */
export async function openSession(db: MembershipDb, config: MembershipConfig['tokens'], subject: Subject): Promise<Session> {
  const identity = await identityOf(db, subject);
  if (!identity) throw unauthenticated('The account no longer exists.');
  const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
  await db.insert(refreshTokens).values({
    familyId: randomUUID(),
    tokenHash: hash(refreshToken),
    subjectKind: subject.kind,
    subjectId: subject.id,
    expiresAt: new Date(Date.now() + config.refreshTtlSeconds * 1000),
  });
  return sign(config, identity, refreshToken);
}

/**
 * Rotates a refresh token: the presented one is spent and a new one of the same family
 * returned. Presenting a spent token again means it leaked: the whole family is revoked,
 * so neither the thief nor the user can refresh any more (the user logs in again).
 */
export async function rotateSession(db: MembershipDb, config: MembershipConfig['tokens'], presented: string): Promise<Session> {
  const outcome = await retryOnDeadlock(() => db.transaction(async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash(presented))).for('update');
    if (!row || row.revokedAt) return { kind: 'invalid' as const };
    if (row.rotatedAt && Date.now() - row.rotatedAt.getTime() < REUSE_GRACE_MS) return { kind: 'just-rotated' as const };
    if (row.rotatedAt) {
      await tx.update(refreshTokens).set({ revokedAt: new Date() }).where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
      return { kind: 'reused' as const };
    }
    if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
    const next = `rt_${randomBytes(32).toString('base64url')}`;
    await tx.update(refreshTokens).set({ rotatedAt: new Date() }).where(eq(refreshTokens.id, row.id));
    await tx.insert(refreshTokens).values({
      familyId: row.familyId,
      tokenHash: hash(next),
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      expiresAt: row.expiresAt,
    });
    return { kind: 'rotated' as const, next, subject: { kind: row.subjectKind, id: row.subjectId } };
  }));
  if (outcome.kind === 'just-rotated') {
    throw unauthenticated('This refresh token was just used by another request; use the session that request received.');
  }
  if (outcome.kind === 'reused') throw unauthenticated('This refresh token was already used; every session of its login has been ended. Log in again.');
  if (outcome.kind === 'invalid') throw unauthenticated('The refresh token is invalid or has expired. Log in again.');
  const identity = await identityOf(db, outcome.subject);
  if (!identity) throw unauthenticated('The account no longer exists.');
  return sign(config, identity, outcome.next);
}

/** Ends the session the refresh token belongs to (its whole family). Unknown tokens are ignored. */
export async function closeSession(db: MembershipDb, presented: string): Promise<boolean> {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash(presented)));
  if (!row) return false;
  await db.update(refreshTokens).set({ revokedAt: new Date() }).where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
  return true;
}
