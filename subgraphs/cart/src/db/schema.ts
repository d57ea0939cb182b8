import { boolean, int, mysqlTable, uniqueIndex } from 'drizzle-orm/mysql-core';
import { createdAtColumn, idColumn, parkedEvents, processedEvents, refColumn, updatedAtColumn } from '@mall/kit';

/** One SKU in a member's cart (a member's cart is all their lines). */
export const cartLines = mysqlTable('cart_lines', {
  id: idColumn(),
  memberId: refColumn('member_id').notNull(),
  skuId: refColumn('sku_id').notNull(),
  quantity: int('quantity').notNull(),
  selected: boolean('selected').notNull().default(true),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
}, (t) => [uniqueIndex('cart_lines_member_sku_uq').on(t.memberId, t.skuId)]);

export { parkedEvents, processedEvents };

export const cartSchema = { cartLines, processedEvents, parkedEvents };
export type CartSchema = typeof cartSchema;
export type CartLineRow = typeof cartLines.$inferSelect;
