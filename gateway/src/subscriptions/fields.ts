import { AppError, ErrorCode, requireIdentity, type Identity } from '@mall/kit';

/**
 * The subscription fields the gateway serves, as data. Each names the query field that
 * reads its entity (so an event is answered exactly like that query, with the subscriber's
 * identity), the topics a subscriber listens on, and what is sent first. Events are routed
 * to topics by `routeEvent`. Promotion's flash-sale and group-buy progress plug in here:
 * a field (`flashSaleUpdated(id)` reading `flashSale(id:)`), a route for its
 * `promotion.*` events, and `promotion.>` in `EVENT_SUBJECTS`.
 */

/** The kinds of entity events name, and the query field that reads one by id. */
export const ENTITY_QUERIES = { order: 'order', sku: 'sku' } as const;
export type EntityKind = keyof typeof ENTITY_QUERIES;

export interface SubscriptionField {
  kind: EntityKind;
  /** Topics to listen on, from the arguments and the caller; throws an AppError to refuse. */
  topics(args: Record<string, unknown>, identity: Identity | null): string[];
  /** Entity ids answered at once: the current state, for a client that (re)connects. */
  initial(args: Record<string, unknown>): string[];
  /** When the first answer is null, the caller may not watch this (FORBIDDEN), rather than nothing exists yet. */
  nullInitialIsForbidden: boolean;
}

const MAX_SKUS = 100;

export const subscriptionFields: Record<string, SubscriptionField> = {
  orderUpdated: {
    kind: 'order',
    topics: (args, identity) => {
      requireIdentity(identity);
      return [`order:${String(args['orderId'])}`];
    },
    initial: (args) => [String(args['orderId'])],
    nullInitialIsForbidden: true,
  },
  myOrdersUpdated: {
    kind: 'order',
    topics: (_args, identity) => {
      const caller = requireIdentity(identity);
      if (caller.role === 'MEMBER') return [`member:${caller.userId}`];
      if (caller.role === 'MERCHANT') return [`shop:${caller.shopId}`];
      return ['orders:all'];
    },
    initial: () => [],
    nullInitialIsForbidden: false,
  },
  stockChanged: {
    kind: 'sku',
    topics: (args) => {
      const ids = [...new Set((args['skuIds'] as string[]).map(String))];
      if (ids.length < 1 || ids.length > MAX_SKUS) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, `Watch between 1 and ${MAX_SKUS} SKUs.`, { field: 'skuIds' });
      }
      return ids.map((id) => `sku:${id}`);
    },
    initial: (args) => [...new Set((args['skuIds'] as string[]).map(String))],
    nullInitialIsForbidden: false,
  },
};

/** The event subjects (without the deployment prefix) every gateway listens to: what `routeEvent` maps. */
export const EVENT_SUBJECTS = ['order.>', 'payment.>', 'stock.>'];

/** Where an event goes: the entity it is about, and every topic that listens for it. */
export interface RoutedEvent {
  kind: EntityKind;
  id: string;
  topics: string[];
}

/** Maps an event of the mall's stream (type without prefix, and its data) to its entity and topics. */
export function routeEvent(type: string, data: Record<string, unknown>): RoutedEvent | null {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  if (type.startsWith('order.') || type.startsWith('payment.')) {
    const orderId = text('orderId');
    if (!orderId) return null; // a wallet recharge
    const topics = [`order:${orderId}`, 'orders:all'];
    const memberId = text('memberId');
    if (memberId) topics.push(`member:${memberId}`);
    const shopId = text('shopId');
    if (shopId) topics.push(`shop:${shopId}`);
    return { kind: 'order', id: orderId, topics };
  }
  if (type === 'stock.changed') {
    const skuId = text('skuId');
    return skuId ? { kind: 'sku', id: skuId, topics: [`sku:${skuId}`] } : null;
  }
  return null;
}
