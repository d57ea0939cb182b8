import { DEV_WECHAT_APP } from '@mall/kit';
import { deleteEventStream, isolatedMessaging, startGateway, startSubgraph, type TestSubgraph } from '@mall/test-kit';
import { cartSubgraph } from '@mall/cart';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { membershipSubgraph } from '@mall/membership';
import { orderSubgraph } from '@mall/order';
import { seedDemoMembership } from '@mall/membership/seed';
import { paymentSubgraph } from '@mall/payment';
import { startFakeWechat, type FakeWechat } from '@mall/wechat-fake';
import { startFakeWechatPay, type FakeWechatPay } from '@mall/wechat-fake/pay';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface TestSupergraph {
  catalog: TestSubgraph<typeof catalogSubgraph.schema>;
  membership: TestSubgraph<typeof membershipSubgraph.schema>;
  order: TestSubgraph<typeof orderSubgraph.schema>;
  cart: TestSubgraph<typeof cartSubgraph.schema>;
  payment: TestSubgraph<typeof paymentSubgraph.schema>;
  /** The fake WeChat Pay, with key pairs generated for this run. */
  wechatPay: FakeWechatPay;
  /** This run's merchant public key (what a client library verifies `paySign` with). */
  merchantPublicKey: KeyObject;
  /** What the fake signs and encrypts with (tests forge notifications with it). */
  wechatPayKeys: { mchid: string; platformPrivateKey: KeyObject; platformKeyId: string; apiV3Key: string };
  /** The NATS subject prefix these subgraphs share (for sending commands in tests). */
  prefix: string;
  wechat: FakeWechat;
  gateway: Awaited<ReturnType<typeof startGateway>>;
  /** Another gateway over the same subgraphs and events (a second replica); stopped by `stop` too. */
  startAnotherGateway(): Promise<Awaited<ReturnType<typeof startGateway>>>;
  /** Stops the gateway, then every subgraph still running (dropping their databases). */
  stop(): Promise<void>;
}

/**
 * Every built subgraph on its own fresh database (catalog with a small demo mall,
 * membership with the demo staff accounts and a fake WeChat), and a gateway over them.
 */
export async function startSupergraph(
  productsPerLeaf = 3,
  orderEnv: Record<string, string> = {},
  paymentEnv: Record<string, string> = {},
  fakePayOptions: { refundDelayMs?: number; platformCertificates?: boolean } = {},
): Promise<TestSupergraph> {
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
    ...fakePayOptions,
  });
  const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();
  // The subgraphs of one supergraph share NATS subjects and a stream, as in a deployment.
  const messaging = isolatedMessaging();
  const [catalog, membership, order, cart, payment] = await Promise.all([
    startSubgraph(catalogSubgraph, messaging),
    startSubgraph(membershipSubgraph, { ...messaging, WECHAT_API_BASE: wechat.url }),
    startSubgraph(orderSubgraph, { ...messaging, ORDER_SWEEP_INTERVAL_MS: '200', ...orderEnv }),
    startSubgraph(cartSubgraph, messaging),
    startSubgraph(paymentSubgraph, {
      ...messaging,
      WECHAT_PAY_API_BASE: wechatPay.url,
      WECHAT_PAY_MCHID: pay.mchid,
      WECHAT_PAY_MERCHANT_PRIVATE_KEY: pem(merchant.privateKey, 'pkcs8'),
      WECHAT_PAY_MERCHANT_SERIAL: randomBytes(20).toString('hex').toUpperCase(),
      // Certificate mode: payment knows no platform key and downloads the fake's certificates.
      ...(fakePayOptions.platformCertificates
        ? { WECHAT_PAY_DOWNLOAD_CERTIFICATES: 'true' }
        : { WECHAT_PAY_PLATFORM_PUBLIC_KEY: pem(platform.publicKey, 'spki'), WECHAT_PAY_PLATFORM_KEY_ID: pay.keyId }),
      WECHAT_PAY_APIV3_KEY: pay.apiV3Key,
      PAYMENT_DEV_METHOD: 'true',
      PAYMENT_SWEEP_INTERVAL_MS: '200',
      PAYMENT_QUERY_INTERVAL_SECONDS: '1',
      ...paymentEnv,
    }),
  ]);
  await seedDemoCatalog(catalog.subgraph.deps.database.db, productsPerLeaf);
  await seedDemoMembership(membership.subgraph.deps.database.db);
  const urls = { catalog: catalog.url, membership: membership.url, order: order.url, cart: cart.url, payment: payment.url };
  // The gateway listens for the same deployment's events (subscriptions).
  const gateway = await startGateway(urls, messaging);
  const extraGateways: Array<Awaited<ReturnType<typeof startGateway>>> = [];
  return {
    catalog,
    membership,
    order,
    cart,
    payment,
    wechatPay,
    merchantPublicKey: merchant.publicKey,
    wechatPayKeys: { mchid: pay.mchid, platformPrivateKey: platform.privateKey, platformKeyId: pay.keyId, apiV3Key: pay.apiV3Key },
    prefix: messaging.SUBJECT_PREFIX,
    wechat,
    gateway,
    async startAnotherGateway() {
      const another = await startGateway(urls, messaging);
      extraGateways.push(another);
      return another;
    },
    async stop() {
      await Promise.all(extraGateways.map((g) => g.stop()));
      await gateway.stop();
      await Promise.all([catalog.stop(), membership.stop(), order.stop(), cart.stop(), payment.stop()]);
      await deleteEventStream(messaging.EVENTS_STREAM);
      await Promise.all([wechat.close(), wechatPay.close()]);
    },
  };
}
