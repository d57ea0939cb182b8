import { DEV_WECHAT_APP } from '@mall/kit';
import { deleteEventStream, isolatedMessaging, startGateway, startSubgraph, type TestSubgraph } from '@mall/test-kit';
import { cartSubgraph } from '@mall/cart';
import { catalogSubgraph } from '@mall/catalog';
import { seedDemoCatalog } from '@mall/catalog/seed';
import { membershipSubgraph } from '@mall/membership';
import { orderSubgraph } from '@mall/order';
import { seedDemoMembership } from '@mall/membership/seed';
import { startFakeWechat, type FakeWechat } from '@mall/wechat-fake';

export interface TestSupergraph {
  catalog: TestSubgraph<typeof catalogSubgraph.schema>;
  membership: TestSubgraph<typeof membershipSubgraph.schema>;
  order: TestSubgraph<typeof orderSubgraph.schema>;
  cart: TestSubgraph<typeof cartSubgraph.schema>;
  /** The NATS subject prefix these subgraphs share (for sending commands in tests). */
  prefix: string;
  wechat: FakeWechat;
  gateway: Awaited<ReturnType<typeof startGateway>>;
  /** Stops the gateway, then every subgraph still running (dropping their databases). */
  stop(): Promise<void>;
}

/**
 * Every built subgraph on its own fresh database (catalog with a small demo mall,
 * membership with the demo staff accounts and a fake WeChat), and a gateway over them.
 */
export async function startSupergraph(productsPerLeaf = 3, orderEnv: Record<string, string> = {}): Promise<TestSupergraph> {
  const wechat = await startFakeWechat(DEV_WECHAT_APP);
  // The subgraphs of one supergraph share NATS subjects and a stream, as in a deployment.
  const messaging = isolatedMessaging();
  const [catalog, membership, order, cart] = await Promise.all([
    startSubgraph(catalogSubgraph, messaging),
    startSubgraph(membershipSubgraph, { ...messaging, WECHAT_API_BASE: wechat.url }),
    startSubgraph(orderSubgraph, { ...messaging, ORDER_SWEEP_INTERVAL_MS: '200', ...orderEnv }),
    startSubgraph(cartSubgraph, messaging),
  ]);
  await seedDemoCatalog(catalog.subgraph.deps.database.db, productsPerLeaf);
  await seedDemoMembership(membership.subgraph.deps.database.db);
  const gateway = await startGateway({ catalog: catalog.url, membership: membership.url, order: order.url, cart: cart.url });
  return {
    catalog,
    membership,
    order,
    cart,
    prefix: messaging.SUBJECT_PREFIX,
    wechat,
    gateway,
    async stop() {
      await gateway.stop();
      await Promise.all([catalog.stop(), membership.stop(), order.stop(), cart.stop()]);
      await deleteEventStream(messaging.EVENTS_STREAM);
      await wechat.close();
    },
  };
}
