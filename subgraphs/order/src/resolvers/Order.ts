import { cny } from '@mall/kit';
import type { OrderConnectionResolvers, OrderResolvers } from '../generated/graphql.ts';
import { orderReference, refundStateOf } from '../services/orders.ts';

export const Order: OrderResolvers = {
  __resolveReference: (ref, ctx) => orderReference(ctx, ref.id),
  member: (order) => ({ id: String(order.memberId) }),
  shop: (order) => ({ __typename: 'Shop', id: String(order.shopId) }),
  lines: (order, _, ctx) => ctx.loaders.linesOf.load(order.id),
  amounts: (order) => ({
    goods: cny(order.goodsAmount),
    discount: cny(order.discountAmount),
    freight: cny(order.freightAmount),
    payable: cny(order.payableAmount),
  }),
  shipment: (order) =>
    order.carrier && order.trackingNumber && order.shippedAt
      ? { carrier: order.carrier, trackingNumber: order.trackingNumber, shippedAt: order.shippedAt }
      : null,
  refunded: (order) => cny(order.refundedAmount),
  refundState: (order) => refundStateOf(order),
  timeline: (order, _, ctx) => ctx.loaders.timelineOf.load(order.id),
  afterSales: (order, _, ctx) => ctx.loaders.afterSalesOf.load(order.id),
  groupBuy: (order) => (order.groupTeamId === null || order.groupState === null ? null : { team: { id: String(order.groupTeamId) }, state: order.groupState }),
};

export const OrderConnection: OrderConnectionResolvers = {
  totalCount: (connection) => connection.totalCount(),
};
