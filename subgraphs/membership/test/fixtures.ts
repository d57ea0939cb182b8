import { randomUUID } from 'node:crypto';
import { DEV_WECHAT_APP } from '@mall/kit';
import { graphql, memoryLog, startSubgraph, type TestSubgraph } from '@mall/test-kit';
import { startFakeWechat, type FakeWechat } from '@mall/wechat-fake';
import type { MembershipSchema } from '../src/db/schema.ts';
import { DEMO_STAFF_PASSWORD, seedDemoMembership } from '../src/seed/seed.ts';
import { membershipSubgraph } from '../src/subgraph.ts';

export interface TestMembership extends TestSubgraph<MembershipSchema> {
  wechat: FakeWechat;
  /** Every log line the subgraph wrote (at trace level). */
  logs: string[];
  /** Logs a new (or, with the same openid, returning) member in through the fake WeChat. */
  loginMember(openid?: string): Promise<{ memberId: string; accessToken: string; refreshToken: string }>;
  /** Logs a demo staff account in (admin, merchant1…merchant6). */
  loginStaff(account: string): Promise<string>;
  close(): Promise<void>;
}

export const LOGIN = `mutation ($code: String!) {
  loginWithWechat(code: $code) { accessToken refreshToken expiresIn tokenType isNewMember member { id nickname } }
}`;

/** Membership on a fresh database with the demo staff, talking to a fake WeChat over HTTP. */
export async function startMembership(env: Record<string, string> = {}): Promise<TestMembership> {
  const wechat = await startFakeWechat(DEV_WECHAT_APP);
  const log = memoryLog();
  const subgraph = await startSubgraph(membershipSubgraph, { WECHAT_API_BASE: wechat.url, LOG_LEVEL: 'trace', ...env }, { logDestination: log.destination });
  await seedDemoMembership(subgraph.subgraph.deps.database.db);
  return {
    ...subgraph,
    wechat,
    logs: log.lines,
    async loginMember(openid = `o${randomUUID().replace(/-/g, '').slice(0, 27)}`) {
      const response = await graphql<{ loginWithWechat: { accessToken: string; refreshToken: string; member: { id: string } } }>(
        subgraph.url,
        LOGIN,
        { code: wechat.loginCode({ openid }) },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      const { accessToken, refreshToken, member } = response.data!.loginWithWechat;
      return { memberId: member.id, accessToken, refreshToken };
    },
    async loginStaff(account) {
      const response = await graphql<{ loginStaff: { accessToken: string } }>(
        subgraph.url,
        'mutation ($a: String!, $p: String!) { loginStaff(account: $a, password: $p) { accessToken } }',
        { a: account, p: DEMO_STAFF_PASSWORD },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.loginStaff.accessToken;
    },
    async close() {
      await subgraph.stop();
      await wechat.close();
    },
  };
}
