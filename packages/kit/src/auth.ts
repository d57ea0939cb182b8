import { SignJWT, importPKCS8, importSPKI, jwtVerify, errors as joseErrors } from 'jose';
import { randomUUID } from 'node:crypto';
import { AppError, forbidden, unauthenticated, withHttpStatus } from './errors.ts';

export const ROLES = ['MEMBER', 'MERCHANT', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified access token. */
export interface Identity {
  /** Member id for MEMBER, staff account id for MERCHANT and ADMIN. */
  userId: string;
  role: Role;
  /** The shop a MERCHANT belongs to; null for other roles. */
  shopId: string | null;
}

const ALGORITHM = 'ES256';

export interface TokenKeys {
  issuer: string;
  audience: string;
}

export interface TokenVerifier {
  /** Verifies signature (ES256 only), expiry, issuer and audience; throws UNAUTHENTICATED. */
  verify(token: string): Promise<Identity>;
  /** `verify`, also telling when the token expires (a long-lived connection ends then). */
  verifyWithExpiry(token: string): Promise<{ identity: Identity; expiresAt: Date }>;
}

export async function createTokenVerifier(options: TokenKeys & { publicKey: string }): Promise<TokenVerifier> {
  const key = await importSPKI(options.publicKey, ALGORITHM);
  async function verifyWithExpiry(token: string): Promise<{ identity: Identity; expiresAt: Date }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [ALGORITHM],
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 5,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Access token has expired.');
      throw unauthenticated('Access token is invalid.');
    }
    const role = payload['role'];
    const shopId = payload['shop_id'];
    if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role)) {
      throw unauthenticated('Access token is invalid.');
    }
    if (role === 'MERCHANT' && typeof shopId !== 'string') throw unauthenticated('Access token is invalid.');
    return {
      identity: { userId: payload.sub, role: role as Role, shopId: role === 'MERCHANT' ? (shopId as string) : null },
      expiresAt: new Date((payload.exp as number) * 1000),
    };
  }
  return {
    verifyWithExpiry,
    verify: async (token) => (await verifyWithExpiry(token)).identity,
  };
}

/**
 * Reads `Authorization: Bearer <jwt>`. No header means an anonymous caller (null);
 * a header that is present but not a valid token is an error, never anonymity.
 */
export async function identityFromAuthorization(
  header: string | undefined,
  verifier: TokenVerifier,
): Promise<Identity | null> {
  if (header === undefined || header === '') return null;
  try {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthenticated('Authorization header must be "Bearer <token>".');
    return await verifier.verify(match[1]);
  } catch (error) {
    // Raised before execution, so the whole response is a 401.
    throw error instanceof AppError ? withHttpStatus(error, 401) : error;
  }
}

/** Signs a short-lived access token (default 15 minutes). */
export async function signAccessToken(
  identity: Identity,
  options: TokenKeys & { privateKey: string; ttlSeconds?: number },
): Promise<string> {
  const key = await importPKCS8(options.privateKey, ALGORITHM);
  const claims: Record<string, unknown> = { role: identity.role };
  if (identity.shopId !== null) claims['shop_id'] = identity.shopId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(identity.userId)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${options.ttlSeconds ?? 900}s`)
    .sign(key);
}

/** The caller, or UNAUTHENTICATED. */
export function requireIdentity(identity: Identity | null): Identity {
  if (!identity) throw unauthenticated();
  return identity;
}

/** The caller if they hold one of `roles`; UNAUTHENTICATED when anonymous, FORBIDDEN otherwise. */
export function requireRole(identity: Identity | null, ...roles: Role[]): Identity {
  const caller = requireIdentity(identity);
  if (!roles.includes(caller.role)) throw forbidden();
  return caller;
}

/** True for admins and for the member `memberId` themself: who may see a member's private data. */
export function canSeeMember(identity: Identity | null, memberId: string | number): boolean {
  if (!identity) return false;
  return identity.role === 'ADMIN' || (identity.role === 'MEMBER' && identity.userId === String(memberId));
}

/** True for admins and for the merchant bound to `shopId`. */
export function canManageShop(identity: Identity | null, shopId: string | number): boolean {
  if (!identity) return false;
  return identity.role === 'ADMIN' || (identity.role === 'MERCHANT' && identity.shopId === String(shopId));
}

/** Admins and the merchant of `shopId` pass; others get FORBIDDEN (UNAUTHENTICATED when anonymous). */
export function requireShopManager(identity: Identity | null, shopId: string | number): Identity {
  const caller = requireRole(identity, 'MERCHANT', 'ADMIN');
  if (!canManageShop(caller, shopId)) throw forbidden('You can only manage your own shop.');
  return caller;
}
