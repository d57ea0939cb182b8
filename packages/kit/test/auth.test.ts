import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenVerifier,
  identityFromAuthorization,
  loadSubgraphConfig,
  loadTokenIssuerConfig,
  requireShopManager,
  signAccessToken,
  type Identity,
  type TokenVerifier,
} from '../src/index.ts';

const issuer = loadTokenIssuerConfig({});
const merchant: Identity = { userId: 'm7', role: 'MERCHANT', shopId: '7' };
let verifier: TokenVerifier;

beforeAll(async () => {
  verifier = await createTokenVerifier(loadSubgraphConfig('catalog', {}).jwt);
});

async function rejected(token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
  throw new Error('token was accepted');
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('access tokens', () => {
  it('round-trips an identity', async () => {
    expect(await verifier.verify(await signAccessToken(merchant, issuer))).toEqual(merchant);
  });

  it('rejects alg:none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      sub: 'a1', role: 'ADMIN', iss: issuer.issuer, aud: issuer.audience, iat: now, exp: now + 600,
    })}.`;
    expect(await rejected(token)).toBe('UNAUTHENTICATED');
  });

  it('rejects a token signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await rejected(await signAccessToken(merchant, { ...issuer, privateKey: pem }))).toBe('UNAUTHENTICATED');
  });

  it('rejects an HS256 token made with the public key as secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(loadSubgraphConfig('catalog', {}).jwt.publicKey);
    const token = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a1').setIssuer(issuer.issuer).setAudience(issuer.audience).setIssuedAt().setExpirationTime('5m')
      .sign(secret);
    expect(await rejected(token)).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired token, a wrong issuer and a wrong audience', async () => {
    const key = await importPKCS8(issuer.privateKey, 'ES256');
    const make = (claims: { iss?: string; aud?: string; exp?: number }) =>
      new SignJWT({ role: 'MEMBER' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('1')
        .setIssuer(claims.iss ?? issuer.issuer)
        .setAudience(claims.aud ?? issuer.audience)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(key);
    expect(await rejected(await make({ exp: Math.floor(Date.now() / 1000) - 60 }))).toBe('UNAUTHENTICATED');
    expect(await rejected(await make({ iss: 'someone-else' }))).toBe('UNAUTHENTICATED');
    expect(await rejected(await make({ aud: 'another-app' }))).toBe('UNAUTHENTICATED');
    await expect(verifier.verify(await make({}))).resolves.toMatchObject({ role: 'MEMBER' });
  });

  it('rejects an unknown role and a merchant without a shop', async () => {
    const key = await importPKCS8(issuer.privateKey, 'ES256');
    const make = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('9')
        .setIssuer(issuer.issuer).setAudience(issuer.audience).setIssuedAt().setExpirationTime('5m').sign(key);
    expect(await rejected(await make({ role: 'ROOT' }))).toBe('UNAUTHENTICATED');
    expect(await rejected(await make({ role: 'MERCHANT' }))).toBe('UNAUTHENTICATED');
  });

  it('treats no header as anonymous and a malformed header as an error', async () => {
    await expect(identityFromAuthorization(undefined, verifier)).resolves.toBeNull();
    await expect(identityFromAuthorization('Basic abc', verifier)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });

  it('lets a merchant manage only their own shop', () => {
    expect(requireShopManager(merchant, 7)).toEqual(merchant);
    expect(() => requireShopManager(merchant, 8)).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    expect(() => requireShopManager(null, 7)).toThrow(expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }));
    expect(() => requireShopManager({ userId: '1', role: 'MEMBER', shopId: null }, 7)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
  });
});
