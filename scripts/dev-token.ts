/**
 * `pnpm token <member|merchant|admin> [--id ID] [--shop SHOP_ID] [--ttl SECONDS]`
 * Prints an access token signed with the configured key (the development key unless
 * JWT_PRIVATE_KEY is set), for trying the API locally until membership issues real ones.
 *
 *   TOKEN=$(pnpm -s token merchant --shop 1)
 *   curl -H "authorization: Bearer $TOKEN" ...
 */
import { parseArgs } from 'node:util';
import { loadTokenIssuerConfig, signAccessToken, type Identity } from '@mall/kit';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { id: { type: 'string' }, shop: { type: 'string' }, ttl: { type: 'string', default: '3600' } },
});
const role = positionals[0]?.toUpperCase();
const usage = 'usage: pnpm token <member|merchant|admin> [--id ID] [--shop SHOP_ID] [--ttl SECONDS]';
if (role !== 'MEMBER' && role !== 'MERCHANT' && role !== 'ADMIN') {
  console.error(usage);
  process.exit(2);
}
if (role === 'MERCHANT' && !values.shop) {
  console.error('a merchant token needs --shop SHOP_ID (the demo mall has shops 1–6)');
  process.exit(2);
}
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 30 * 86_400) {
  console.error('--ttl must be a whole number of seconds, at most 30 days');
  process.exit(2);
}
const identity: Identity = {
  userId: values.id ?? (role === 'MEMBER' ? '1001' : role === 'MERCHANT' ? `m${values.shop}` : 'admin'),
  role,
  shopId: role === 'MERCHANT' ? String(values.shop) : null,
};
console.log(await signAccessToken(identity, { ...loadTokenIssuerConfig(), ttlSeconds }));
