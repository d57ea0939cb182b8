import { audienceTopics, defineLive, requireIdentity, topic } from '@mall/kit';

/**
 * Live orders. `orderUpdated(orderId)` and `myOrdersUpdated` answer with `order(id:)` after
 * every order event (payment's events about an order are routed by payment's live.ts). An
 * order event reaches the order's own topic and its audiences: its buyer, its shop, admins.
 */
export default defineLive({
  fields: {
    orderUpdated: {
      entity: 'order',
      topics: (args, identity) => {
        requireIdentity(identity);
        return [topic('order', String(args['orderId']))];
      },
      initial: (args) => [String(args['orderId'])],
      nullInitialIsForbidden: true,
    },
    myOrdersUpdated: {
      entity: 'order',
      topics: (_args, identity) => {
        const caller = requireIdentity(identity);
        if (caller.role === 'MEMBER') return [`order@member:${caller.userId}`];
        if (caller.role === 'MERCHANT') return [`order@shop:${caller.shopId}`];
        return ['order@all'];
      },
      initial: () => [],
    },
  },
  routes: [
    {
      subjects: ['order.>'],
      route: (_type, data) => (typeof data['orderId'] === 'string' ? { entity: 'order', id: data['orderId'], topics: audienceTopics('order', data['orderId'], data) } : null),
    },
  ],
});
