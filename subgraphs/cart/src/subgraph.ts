import { and, eq, inArray } from 'drizzle-orm';
import {
  allow,
  cny,
  commandSender,
  consumeEvents,
  DateTime,
  eventWiring,
  guard,
  subgraphFiles,
  type SubgraphDefinition,
} from '@mall/kit';
import {
  addToCart,
  callerMemberId,
  cartOf,
  clearCart,
  createLoaders,
  problemOf,
  removeFromCart,
  requireCartReader,
  selectCartLines,
  selectedTotals,
  setCartQuantity,
  type CartLoaders,
  type CartParts,
} from './cart.ts';
import type { Resolvers } from './generated/graphql.ts';
import { cartLines, cartSchema, type CartSchema } from './schema.ts';

const resolvers: Resolvers = {
  DateTime,
  Query: {
    myCart: guard(allow.member, (_, __, ctx) => cartOf(ctx, callerMemberId(ctx))),
  },
  Mutation: {
    addToCart: guard(allow.member, (_, { skuId, quantity }, ctx) => addToCart(ctx, skuId, quantity ?? 1)),
    setCartQuantity: guard(allow.member, (_, { skuId, quantity }, ctx) => setCartQuantity(ctx, skuId, quantity)),
    removeFromCart: guard(allow.member, (_, { skuIds }, ctx) => removeFromCart(ctx, skuIds)),
    selectCartLines: guard(allow.member, (_, { skuIds, selected }, ctx) => selectCartLines(ctx, skuIds, selected)),
    clearCart: guard(allow.member, (_, __, ctx) => clearCart(ctx)),
  },
  Member: {
    __resolveReference: (ref) => ({ id: String(ref.id) }),
    cart: (member, _, ctx) => {
      requireCartReader(ctx, Number(member.id));
      return cartOf(ctx, Number(member.id));
    },
  },
  Cart: {
    selectedQuantity: async (cart, _, ctx) => (await selectedTotals(ctx, cart)).quantity,
    selectedTotal: async (cart, _, ctx) => cny((await selectedTotals(ctx, cart)).total),
  },
  CartLine: {
    sku: (line) => ({ __typename: 'Sku', id: String(line.skuId) }),
    unitPrice: async (line, _, ctx) => {
      const sku = await ctx.loaders.sku.load(line.skuId);
      return sku ? cny(sku.price) : null;
    },
    subtotal: async (line, _, ctx) => {
      const sku = await ctx.loaders.sku.load(line.skuId);
      return sku ? cny(sku.price * line.quantity) : null;
    },
    problem: async (line, _, ctx) => problemOf(line, await ctx.loaders.sku.load(line.skuId)),
    addedAt: (line) => line.createdAt,
  },
};

/** The cart subgraph: one cart per member, lines pointing at catalog's SKUs. */
export const cartSubgraph: SubgraphDefinition<CartSchema, CartLoaders, CartParts> = {
  name: 'cart',
  ...subgraphFiles(import.meta.url),
  resolvers,
  schema: cartSchema,
  createLoaders,
  async start(deps) {
    const send = commandSender(deps.nats, deps.config.events.prefix);
    // Ordered lines leave the cart: applied once per order.created, whatever the redeliveries.
    const consumer = await consumeEvents({
      ...eventWiring(deps),
      name: 'cart-order-created',
      subject: 'order.created',
      handle: async (tx, event) => {
        const data = event.data as { memberId: string; fromCart?: boolean; lines: Array<{ skuId: string }> };
        if (!data.fromCart) return;
        await tx
          .delete(cartLines)
          .where(and(eq(cartLines.memberId, Number(data.memberId)), inArray(cartLines.skuId, data.lines.map((l) => Number(l.skuId)))));
      },
    });
    return { parts: { send }, stop: () => consumer.stop() };
  },
};
