import type { SubgraphContext } from '@mall/kit';
import type { MembershipConfig } from './config.ts';
import type { MembershipSchema } from './db/schema.ts';
import type { MembershipLoaders } from './loaders.ts';
import type { WechatClient } from './wechat/client.ts';

/** Membership's long-lived parts, built once at start. */
export interface MembershipParts {
  config: MembershipConfig;
  wechat: WechatClient;
}

export type MembershipContext = SubgraphContext<MembershipSchema, MembershipLoaders, MembershipParts>;
/** What services need outside a GraphQL request (NATS commands, jobs): the database and the log. */
export type MembershipDb = MembershipContext['db'];
