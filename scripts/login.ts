/**
 * `pnpm dev-login member [--openid ID]` — logs a shopper in the real way: asks the local fake
 * WeChat for a `wx.login` code (as the phone would), then calls `loginWithWechat` through
 * the gateway. The same openid is the same member every time.
 * `pnpm dev-login ACCOUNT [--password P]` — logs a staff account in (demo: admin,
 * merchant1…merchant6, password mall-dev-pass).
 *
 * Prints the access token only, so `TOKEN=$(pnpm -s dev-login merchant1)` works.
 * Needs `pnpm start` running (GATEWAY_URL and WECHAT_API_BASE override the addresses).
 */
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { openid: { type: 'string', default: 'oDEV_local_member_000000000001' }, password: { type: 'string', default: 'mall-dev-pass' } },
});
const who = positionals[0];
if (!who) {
  console.error('usage: pnpm dev-login member [--openid ID] | pnpm dev-login ACCOUNT [--password P]');
  process.exit(2);
}
const gateway = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql';
const wechat = process.env['WECHAT_API_BASE'] ?? 'http://127.0.0.1:4010';

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as Record<string, unknown>;
  } catch {
    console.error(`cannot reach ${url}: is \`pnpm start\` running?`);
    process.exit(1);
  }
}

let result: Record<string, unknown>;
if (who === 'member') {
  const { code } = (await post(`${wechat}/__fake/login-code`, { openid: values.openid })) as { code: string };
  result = await post(gateway, { query: 'mutation ($code: String!) { loginWithWechat(code: $code) { accessToken } }', variables: { code } });
} else {
  result = await post(gateway, {
    query: 'mutation ($a: String!, $p: String!) { loginStaff(account: $a, password: $p) { accessToken } }',
    variables: { a: who, p: values.password },
  });
}
const data = result['data'] as Record<string, { accessToken: string }> | null | undefined;
const token = data?.['loginWithWechat']?.accessToken ?? data?.['loginStaff']?.accessToken;
if (!token) {
  console.error(JSON.stringify(result['errors'] ?? result, null, 2));
  process.exit(1);
}
console.log(token);
