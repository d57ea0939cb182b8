import { allow, cny, guard, loadReference, requireRole, forbidden, DateTime } from '@mall/kit';
import type { Resolvers } from './generated/graphql.ts';
import { decideAfterSale, requestAfterSale } from './services/afterSales.ts';
import { placeOrder } from './services/checkout.ts';
import { canSee, cancelOrder, confirmReceipt, listOrders, shipOrder, visibleOrder } from './services/orders.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    order: guard(allow.signedIn, (_, { id }, ctx) => visibleOrder(ctx, id).catch((error: { extensions?: { code?: string } }) => {
      if (error.extensions?.code === 'NOT_FOUND') return null;
      throw error;
    })),
    myOrders: guard(allow.member, (_, args, ctx) => listOrders(ctx, { memberId: Number(ctx.identity!.userId) }, args)),
    shopOrders: guard(allow.roles('MERCHANT'), (_, args, ctx) => listOrders(ctx, { shopId: Number(ctx.identity!.shopId) }, args)),
  },
  Mutation: {
    placeOrder: guard(allow.member, async (_, { input }, ctx) => ({
      orders: await placeOrder(ctx, Number(ctx.identity!.userId), input),
    })),
    cancelOrder: guard(allow.signedIn, (_, { id, reason }, ctx) => cancelOrder(ctx, id, reason)),
    shipOrder: guard(allow.staff, (_, { id, carrier, trackingNumber }, ctx) => shipOrder(ctx, id, carrier, trackingNumber)),
    confirmReceipt: guard(allow.member, (_, { id }, ctx) => confirmReceipt(ctx, id)),
    requestAfterSale: guard(allow.member, (_, { orderId, type, amount, reason }, ctx) => requestAfterSale(ctx, { orderId, type, amount, reason })),
    decideAfterSale: guard(allow.staff, (_, { id, approve, note }, ctx) => decideAfterSale(ctx, id, approve, note)),
  },
  Member: {
    __resolveReference: (ref) => ({ id: String(ref.id) }),
    orders: (member, args, ctx) => {
      const caller = requireRole(ctx.identity, 'MEMBER', 'ADMIN');
      if (caller.role === 'MEMBER' && caller.userId !== String(member.id)) throw forbidden('Only this member and admins can see their orders.');
      return listOrders(ctx, { memberId: Number(member.id) }, args);
    },
  },
  Order: {
    __resolveReference: async (ref, ctx) => {
      const order = await loadReference(ctx.loaders.order, ref.id);
      return order && canSee(ctx.identity, order) ? order : null;
    },
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
    timeline: (order, _, ctx) => ctx.loaders.timelineOf.load(order.id),
    afterSales: (order, _, ctx) => ctx.loaders.afterSalesOf.load(order.id),
  },
  AfterSale: {
    amount: (afterSale) => cny(afterSale.amount),
  },
  OrderLine: {
    sku: (line) => ({ __typename: 'Sku', id: String(line.skuId) }),
    unitPrice: (line) => cny(line.unitPrice),
    subtotal: (line) => cny(line.unitPrice * line.quantity),
  },
  OrderStatusChange: {
    from: (change) => change.fromStatus,
    to: (change) => change.toStatus,
    at: (change) => change.createdAt,
  },
  OrderConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
};
