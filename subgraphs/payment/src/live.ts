import { audienceTopics, defineLive } from '@mall/kit';

/**
 * Payment's events about an order (paid, refunded) reach the order's subscribers: they are
 * answered with `order(id:)`, like order's own events. A recharge names no order and no
 * subscriber.
 */
export default defineLive({
  routes: [
    {
      subjects: ['payment.>'],
      route: (_type, data) => (typeof data['orderId'] === 'string' ? { entity: 'order', id: data['orderId'], topics: audienceTopics('order', data['orderId'], data) } : null),
    },
  ],
});
