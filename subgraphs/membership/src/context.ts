import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { MembershipConfig } from './config.ts';
import type { MembershipSchema } from './db/schema.ts';
import type { MembershipLoaders } from './loaders.ts';
import type { WechatClient } from './wechat/client.ts';

/** Membership's bundle: the kit's parts, its settings and its WeChat client. */
export interface MembershipDeps extends KitDeps<MembershipSchema> {
  settings: MembershipConfig;
  wechat: WechatClient;
}

export type MembershipContext = SubgraphContext<MembershipDeps, MembershipLoaders>;
export type MembershipDb = MembershipDeps['db'];
export type MembershipTx = TransactionOf<MembershipSchema>;
