import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { connectNats, loadSubgraphConfig, loadTokenIssuerConfig, type NatsConnection } from '@mall/kit';
import { eq } from 'drizzle-orm';
import { errorCode, graphql, type GraphQLResponse } from '@mall/test-kit';
import { outbox, refreshTokens, staffAccounts } from '../src/db/schema.ts';
import { LOGIN, startMembership, type TestMembership } from './fixtures.ts';

let membership: TestMembership;
let spy: NatsConnection;
const natsMessages: string[] = [];
const responses: string[] = [];

/** Every response of this file is kept, to check no session_key ever left the server. */
async function call<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await graphql<T>(membership.url, query, variables, token ? { token } : {});
  responses.push(JSON.stringify(response));
  return response;
}

beforeAll(async () => {
  membership = await startMembership();
  spy = await connectNats(loadSubgraphConfig('membership').natsUrl, 'test-spy');
  spy.subscribe('>', { callback: (_error, msg) => void natsMessages.push(msg.string()) });
});
afterAll(async () => {
  await spy?.drain();
  await membership?.close();
});

const ME = '{ me { id nickname } }';
const REFRESH = 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken member { id } } }';

describe('WeChat login', () => {
  it('creates the member at the first login and finds them again at the next', async () => {
    const openid = 'oTEST_first_login_0000000001';
    const first = await call<{ loginWithWechat: { accessToken: string; isNewMember: boolean; tokenType: string; expiresIn: number; member: { id: string; nickname: string } } }>(
      LOGIN, { code: membership.wechat.loginCode({ openid, unionid: 'uTEST1' }) },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.loginWithWechat).toMatchObject({ isNewMember: true, tokenType: 'Bearer', expiresIn: 900, member: { nickname: '微信用户' } });
    const again = await call<{ loginWithWechat: { isNewMember: boolean; member: { id: string } } }>(LOGIN, { code: membership.wechat.loginCode({ openid }) });
    expect(again.data!.loginWithWechat).toEqual({ ...again.data!.loginWithWechat, isNewMember: false, member: { id: first.data!.loginWithWechat.member.id, nickname: '微信用户' } });
    const me = await call<{ me: { id: string } }>(ME, {}, first.data!.loginWithWechat.accessToken);
    expect(me.data!.me.id).toBe(first.data!.loginWithWechat.member.id);
    // The first login, and only it, says a member registered (promotion's welcome coupons follow).
    const registered = (await membership.subgraph.deps.db.select().from(outbox).where(eq(outbox.subject, 'member.registered')))
      .map((row) => (row.payload.data as { memberId: string }).memberId)
      .filter((id) => id === first.data!.loginWithWechat.member.id);
    expect(registered).toHaveLength(1);
  });

  it('refuses a code used twice, and an invalid one, with BAD_USER_INPUT', async () => {
    const code = membership.wechat.loginCode({ openid: 'oTEST_code_twice_000000000001' });
    expect((await call(LOGIN, { code })).errors).toBeUndefined();
    const twice = await call(LOGIN, { code });
    expect(errorCode(twice)).toBe('BAD_USER_INPUT');
    expect(twice.errors![0]!.message).toMatch(/already used/);
    expect(errorCode(await call(LOGIN, { code: 'abcdefgh-not-a-code' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await call(LOGIN, { code: '' }))).toBe('BAD_USER_INPUT');
  });

  it('turns WeChat’s rate limit and outage into SERVICE_UNAVAILABLE, and the code stays usable', async () => {
    const code = membership.wechat.loginCode({ openid: 'oTEST_wechat_trouble_00000001' });
    membership.wechat.failNext('jscode2session', 45011);
    const limited = await call(LOGIN, { code });
    expect(errorCode(limited)).toBe('SERVICE_UNAVAILABLE');
    expect(limited.errors![0]!.extensions!['reason']).toBe('WECHAT_RATE_LIMITED');
    // The rate limit refused before the code was looked at: retrying it works.
    expect((await call(LOGIN, { code })).errors).toBeUndefined();

    const other = membership.wechat.loginCode({ openid: 'oTEST_wechat_trouble_00000002' });
    membership.wechat.setDown(true);
    try {
      const down = await call(LOGIN, { code: other });
      expect(errorCode(down)).toBe('SERVICE_UNAVAILABLE');
      expect(down.errors![0]!.extensions!['reason']).toBe('WECHAT_UNAVAILABLE');
    } finally {
      membership.wechat.setDown(false);
    }
    // WeChat never saw the code while it was down: the user's retry with it works.
    expect((await call(LOGIN, { code: other })).errors).toBeUndefined();
  });
});

describe('sessions', () => {
  it('answers the login with the new member’s own data', async () => {
    const response = await call<{ loginWithWechat: { member: { id: string; phone: string | null; points: { balance: number }; createdAt: string } } }>(
      'mutation ($code: String!) { loginWithWechat(code: $code) { member { id phone points { balance } createdAt } } }',
      { code: membership.wechat.loginCode({ openid: 'oTEST_login_payload_0000000001' }) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.loginWithWechat.member).toMatchObject({ phone: null, points: { balance: 0 } });
  });

  it('refuses a network retry of a refresh without ending the session', async () => {
    const { refreshToken } = await membership.loginMember();
    const [first, second] = await Promise.all([call<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: refreshToken }), call<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: refreshToken })]);
    const winner = [first, second].find((r) => !r.errors)!;
    expect([first, second].map((r) => errorCode(r) ?? 'ok').sort()).toEqual(['UNAUTHENTICATED', 'ok']);
    // The winner's new token still works: a retry within seconds is not taken for theft.
    expect((await call(REFRESH, { t: winner.data!.refreshSession.refreshToken })).errors).toBeUndefined();
  });

  it('rotates the refresh token at every refresh', async () => {
    const { refreshToken, memberId } = await membership.loginMember();
    const next = await call<{ refreshSession: { accessToken: string; refreshToken: string; member: { id: string } } }>(REFRESH, { t: refreshToken });
    expect(next.errors).toBeUndefined();
    expect(next.data!.refreshSession.refreshToken).not.toBe(refreshToken);
    expect(next.data!.refreshSession.member.id).toBe(memberId);
    expect((await call(ME, {}, next.data!.refreshSession.accessToken)).errors).toBeUndefined();
  });

  it('revokes the whole family when a spent refresh token comes back', async () => {
    const { refreshToken } = await membership.loginMember();
    const rotated = (await call<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: refreshToken })).data!.refreshSession.refreshToken;
    // Past the few seconds a client's own retry may take, a spent token means a stolen copy.
    await membership.subgraph.deps.database.db.update(refreshTokens).set({ rotatedAt: new Date(Date.now() - 60_000) });
    const replay = await call(REFRESH, { t: refreshToken });
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    // The legitimate newest token dies with the family: whoever holds it must log in again.
    expect(errorCode(await call(REFRESH, { t: rotated }))).toBe('UNAUTHENTICATED');
  });

  it('ends the session at logout', async () => {
    const { refreshToken } = await membership.loginMember();
    const out = await call<{ logout: boolean }>('mutation ($t: String!) { logout(refreshToken: $t) }', { t: refreshToken });
    expect(out.data!.logout).toBe(true);
    expect(errorCode(await call(REFRESH, { t: refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await call(REFRESH, { t: 'rt_made_up' }))).toBe('UNAUTHENTICATED');
  });

  it('rejects alg:none, a foreign key, an expired token and a wrong issuer or audience', async () => {
    const { memberId } = await membership.loginMember();
    const issuer = loadTokenIssuerConfig({});
    const sign = async (key: string, claims: { iss?: string; aud?: string; exp?: number } = {}) =>
      new SignJWT({ role: 'MEMBER' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject(memberId)
        .setIssuer(claims.iss ?? issuer.issuer)
        .setAudience(claims.aud ?? issuer.audience)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(await importPKCS8(key, 'ES256'));
    const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      `${b64({ alg: 'none' })}.${b64({ sub: memberId, role: 'MEMBER', iss: issuer.issuer, aud: issuer.audience, iat: now, exp: now + 600 })}.`,
      await sign(foreign),
      await sign(issuer.privateKey, { exp: now - 60 }),
      await sign(issuer.privateKey, { iss: 'evil' }),
      await sign(issuer.privateKey, { aud: 'elsewhere' }),
    ];
    for (const token of bad) {
      const response = await call(ME, {}, token);
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
    expect((await call(ME, {}, await sign(issuer.privateKey))).errors).toBeUndefined();
  });
});

describe('staff login', () => {
  const STAFF = 'mutation ($a: String!, $p: String!) { loginStaff(account: $a, password: $p) { accessToken staff { role shop { id } } } }';

  it('logs a merchant in bound to their shop', async () => {
    const response = await call<{ loginStaff: { staff: { role: string; shop: { id: string } } } }>(STAFF, { a: 'merchant3', p: 'mall-dev-pass' });
    expect(response.data!.loginStaff.staff).toEqual({ role: 'MERCHANT', shop: { id: '3' } });
  });

  it('answers a wrong account, a wrong password and a locked account alike, and locks after 5 failures', async () => {
    const unknown = await call(STAFF, { a: 'nobody', p: 'whatever-password' });
    const wrong = await call(STAFF, { a: 'merchant5', p: 'wrong-password' });
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);
    const failures = await Promise.all(Array.from({ length: 4 }, () => call(STAFF, { a: 'merchant5', p: 'wrong-password' })));
    expect(failures.every((r) => errorCode(r) === 'UNAUTHENTICATED')).toBe(true);
    const locked = await call(STAFF, { a: 'merchant5', p: 'mall-dev-pass' });
    expect(errorCode(locked)).toBe('UNAUTHENTICATED');
    expect(locked.errors![0]!.message).toBe(wrong.errors![0]!.message);
    expect(JSON.stringify(locked.errors)).not.toMatch(/lockedUntil|LOCKED/);
    // Other accounts are not affected.
    expect((await call(STAFF, { a: 'merchant4', p: 'mall-dev-pass' })).errors).toBeUndefined();
  });

  it('lets parallel guesses try no more than 5 passwords', async () => {
    const db = membership.subgraph.deps.database.db;
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 9 ? 'mall-dev-pass' : `guess-${i}-wrong`));
    const results = await Promise.all(guesses.map((p) => call<{ loginStaff: unknown }>(STAFF, { a: 'merchant6', p })));
    const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.account, 'merchant6'));
    const succeeded = results.filter((r) => !r.errors).length;
    // Either the right password was among the 5 tries that got through (and the login
    // succeeded), or the account locked with the right one untried.
    if (succeeded === 1) expect(row!.failedAttempts).toBe(0);
    else expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(succeeded).toBeLessThanOrEqual(1);

    // Whatever happened, no more than 5 guesses were weighed before the lock.
    await db.update(staffAccounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(staffAccounts.account, 'merchant6'));
    const wrongOnly = await Promise.all(Array.from({ length: 20 }, (_, i) => call(STAFF, { a: 'merchant6', p: `wrong-${i}` })));
    expect(wrongOnly.every((r) => errorCode(r) === 'UNAUTHENTICATED')).toBe(true);
    const [after] = await db.select().from(staffAccounts).where(eq(staffAccounts.account, 'merchant6'));
    expect(after!.failedAttempts).toBe(5);
    expect((await call(STAFF, { a: 'merchant6', p: 'mall-dev-pass' })).errors).toBeDefined();

    // When the lock runs out, the count starts again: one more wrong guess does not re-lock.
    await db.update(staffAccounts).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(staffAccounts.account, 'merchant6'));
    await call(STAFF, { a: 'merchant6', p: 'wrong-again' });
    expect((await call(STAFF, { a: 'merchant6', p: 'mall-dev-pass' })).errors).toBeUndefined();
  });
});

describe('session_key', () => {
  it('appears in no response, log line or NATS message of this whole file', async () => {
    await spy.flush();
    const keys = membership.wechat.sessionKeys();
    expect(keys.length).toBeGreaterThan(5);
    const everything = [...responses, ...membership.logs, ...natsMessages].join('\n');
    // The capture works: the logins of this file are in it.
    expect(membership.logs.filter((line) => line.includes('member logged in with WeChat')).length).toBeGreaterThan(5);
    for (const key of keys) expect(everything).not.toContain(key);
    expect(everything).not.toMatch(/session_?key/i);
  });
});
