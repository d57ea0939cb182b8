import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { isNull, count } from 'drizzle-orm';
import {
  DEV_WECHAT_APP,
  connectNats,
  loadSubgraph,
  loadSubgraphConfig,
  outbox,
  registry,
  type AnySubgraphDefinition,
  type KitDeps,
  type SeedOptions,
  type ServiceName,
} from '@mall/kit';
import { startFakeWechat, type FakeWechat } from '@mall/wechat-fake';
import { startFakeWechatPay, type FakeWechatPay } from '@mall/wechat-fake/pay';
import { deleteEventStream, isolatedMessaging, startGateway, startSubgraph, type GatewayFactory, type GatewayLike, type TestGateway, type TestSubgraph } from './index.ts';

/** A subgraph of the test supergraph: typed loosely, since the registry loads it by path (tables are imported where they are used). */
export type AnyTestSubgraph = TestSubgraph<Record<string, unknown>, KitDeps<Record<string, unknown>>>;

export interface SupergraphOptions<G extends GatewayLike> {
  /** The production gateway factory (`createGateway` of `@mall/gateway`). */
  createGateway: GatewayFactory<G>;
  /** Demo data size (default: 3 products per leaf category). */
  seed?: SeedOptions;
  /** Variables for every subgraph (each reads only its own). */
  env?: Record<string, string>;
  /** Variables for one subgraph, over `env`. */
  subgraphEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** How the fake WeChat Pay behaves. */
  wechatPay?: { refundDelayMs?: number; platformCertificates?: boolean; notifyRetryDelaysMs?: number[]; devPayDelayMs?: number };
}

export type TestSupergraph<G extends GatewayLike> = Record<ServiceName, AnyTestSubgraph> & {
  /** The fake WeChat Pay, with key pairs generated for this run. */
  wechatPay: FakeWechatPay;
  /** This run's merchant public key (what a client library verifies `paySign` with). */
  merchantPublicKey: KeyObject;
  /** What the fake signs and encrypts with (tests forge notifications with it). */
  wechatPayKeys: { mchid: string; platformPrivateKey: KeyObject; platformKeyId: string; apiV3Key: string };
  /** The NATS subject prefix and event stream these subgraphs share. */
  prefix: string;
  stream: string;
  wechat: FakeWechat;
  gateway: TestGateway<G>;
  /** Another gateway over the same subgraphs and events (a second replica); stopped by `stop` too. */
  startAnotherGateway(): Promise<TestGateway<G>>;
  /**
   * Resolves once every event written so far has been applied everywhere: every outbox
   * published, every durable consumer of the stream with nothing pending or unacknowledged,
   * and none busy with an event (its follow-up included), twice in a row. Throws after
   * `timeoutMs` (default 15 s).
   */
  eventsSettled(timeoutMs?: number): Promise<void>;
  /** Stops the gateways, then every subgraph (dropping their databases), the stream and the fakes. */
  stop(): Promise<void>;
};

/**
 * Every registered subgraph on its own fresh database (with its small demo data), the fake
 * WeChat and WeChat Pay (keys made for this run only), and a gateway over them: the mall as
 * a deployment runs it, with NATS subjects and a stream of this run's own.
 */
export async function startSupergraph<G extends GatewayLike>(options: SupergraphOptions<G>): Promise<TestSupergraph<G>> {
  const wechat = await startFakeWechat(DEV_WECHAT_APP);
  // WeChat Pay with keys of this run only: nothing passes that the run did not sign.
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pay = { mchid: '1230000109', keyId: `PUB_KEY_ID_${randomBytes(6).toString('hex')}`, apiV3Key: randomBytes(16).toString('hex') };
  const wechatPay = await startFakeWechatPay({
    mchid: pay.mchid,
    appId: DEV_WECHAT_APP.appId,
    merchantPublicKey: merchant.publicKey,
    platformPrivateKey: platform.privateKey,
    platformKeyId: pay.keyId,
    apiV3Key: pay.apiV3Key,
    ...options.wechatPay,
  });
  const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();
  // The subgraphs of one supergraph share NATS subjects and a stream, as in a deployment.
  const messaging = isolatedMessaging();
  const shared: Record<string, string> = {
    ...messaging,
    WECHAT_API_BASE: wechat.url,
    WECHAT_PAY_API_BASE: wechatPay.url,
    WECHAT_PAY_MCHID: pay.mchid,
    WECHAT_PAY_MERCHANT_PRIVATE_KEY: pem(merchant.privateKey, 'pkcs8'),
    WECHAT_PAY_MERCHANT_SERIAL: randomBytes(20).toString('hex').toUpperCase(),
    // Certificate mode: payment knows no platform key and downloads the fake's certificates.
    ...(options.wechatPay?.platformCertificates
      ? { WECHAT_PAY_DOWNLOAD_CERTIFICATES: 'true' }
      : { WECHAT_PAY_PLATFORM_PUBLIC_KEY: pem(platform.publicKey, 'spki'), WECHAT_PAY_PLATFORM_KEY_ID: pay.keyId }),
    WECHAT_PAY_APIV3_KEY: pay.apiV3Key,
    PAYMENT_DEV_METHOD: 'true',
    PAYMENT_SWEEP_INTERVAL_MS: '200',
    PAYMENT_QUERY_INTERVAL_SECONDS: '1',
    ORDER_SWEEP_INTERVAL_MS: '200',
    ...options.env,
  };
  const definitions = await Promise.all(registry.map(async ({ name }) => [name, await loadSubgraph(name)] as const));
  const started = await Promise.all(
    definitions.map(async ([name, definition]: readonly [ServiceName, AnySubgraphDefinition]) => {
      const subgraph = (await startSubgraph(definition, { ...shared, ...options.subgraphEnv?.[name] })) as AnyTestSubgraph;
      await definition.seed?.(subgraph.subgraph.deps.db, { size: 3, ...options.seed });
      return [name, subgraph] as const;
    }),
  );
  const byName = Object.fromEntries(started) as Record<ServiceName, AnyTestSubgraph>;
  const urls = Object.fromEntries(started.map(([name, s]) => [name, s.url]));
  // The gateway listens for the same deployment's events (subscriptions).
  const gateway = await startGateway(options.createGateway, urls, messaging);
  const extraGateways: Array<TestGateway<G>> = [];

  async function settledOnce(): Promise<boolean> {
    for (const [, s] of started) {
      const deps = s.subgraph.deps;
      if (s.subgraph.consumers.some((c) => !c.idle())) return false;
      if (!deps.relay) continue;
      const [pending] = await deps.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt));
      if ((pending?.n ?? 0) > 0) return false;
    }
    const nats = started[0]![1].subgraph.deps.nats;
    const jsm = await jetstreamManager(nats);
    for await (const consumer of jsm.consumers.list(messaging.EVENTS_STREAM)) {
      if (consumer.num_pending > 0 || consumer.num_ack_pending > 0) return false;
    }
    return true;
  }

  return {
    ...byName,
    wechatPay,
    merchantPublicKey: merchant.publicKey,
    wechatPayKeys: { mchid: pay.mchid, platformPrivateKey: platform.privateKey, platformKeyId: pay.keyId, apiV3Key: pay.apiV3Key },
    prefix: messaging.SUBJECT_PREFIX,
    stream: messaging.EVENTS_STREAM,
    wechat,
    gateway,
    async startAnotherGateway() {
      const another = await startGateway(options.createGateway, urls, messaging);
      extraGateways.push(another);
      return another;
    },
    async eventsSettled(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let stable = 0;
      while (stable < 2) {
        stable = (await settledOnce()) ? stable + 1 : 0;
        if (stable >= 2) return;
        if (Date.now() > deadline) throw new Error(`events did not settle within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      await Promise.all(extraGateways.map((g) => g.stop()));
      await gateway.stop();
      await Promise.all(started.map(([, s]) => s.stop()));
      await deleteEventStream(messaging.EVENTS_STREAM);
      await Promise.all([wechat.close(), wechatPay.close()]);
    },
  };
}

/** A NATS connection of the test's own (for sending commands as another subgraph would); close it after. */
export function testNats(): ReturnType<typeof connectNats> {
  return connectNats(loadSubgraphConfig('catalog').natsUrl, 'test');
}
