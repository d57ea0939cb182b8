import { asc, eq } from 'drizzle-orm';
import { conflict, httpUrl, notFound, parseId, requireRole, requireShopManager, forbidden, text } from '@mall/kit';
import type { CatalogContext } from '../context.ts';
import { shops, type ShopRow } from '../db/schema.ts';
import type { CreateShopInput, UpdateShopInput } from '../generated/graphql.ts';
import { isDuplicateKey } from '@mall/kit';

export function findShop(ctx: CatalogContext, id: string | number): Promise<ShopRow | null> {
  return ctx.loaders.shop.load(parseId(id, 'Shop'));
}

export async function getShop(ctx: CatalogContext, id: string | number): Promise<ShopRow> {
  const shop = await ctx.loaders.shop.load(parseId(id, 'Shop'));
  if (!shop) throw notFound('Shop', id);
  return shop;
}

export function listOpenShops(ctx: CatalogContext): Promise<ShopRow[]> {
  return ctx.db.select().from(shops).where(eq(shops.status, 'OPEN')).orderBy(asc(shops.name), asc(shops.id));
}

export async function myShop(ctx: CatalogContext): Promise<ShopRow> {
  const caller = requireRole(ctx.identity, 'MERCHANT');
  return getShop(ctx, caller.shopId as string);
}

export async function createShop(ctx: CatalogContext, input: CreateShopInput): Promise<ShopRow> {
  requireRole(ctx.identity, 'ADMIN');
  const values = {
    name: text(input.name, 'input.name', 2, 60),
    logo: input.logo == null ? null : httpUrl(input.logo, 'input.logo'),
    description: input.description == null ? '' : text(input.description, 'input.description', 0, 500),
  };
  try {
    const [created] = await ctx.db.insert(shops).values(values).$returningId();
    return getShop(ctx, created!.id);
  } catch (error) {
    if (isDuplicateKey(error)) throw conflict(`A shop named ${values.name} already exists.`);
    throw error;
  }
}

export async function updateShop(ctx: CatalogContext, id: string, input: UpdateShopInput): Promise<ShopRow> {
  const shop = await getShop(ctx, id);
  const caller = requireShopManager(ctx.identity, shop.id);
  if (input.status != null && caller.role !== 'ADMIN') throw forbidden('Only an admin can open or close a shop.');
  const changes: Partial<typeof shops.$inferInsert> = {};
  if (input.name != null) changes.name = text(input.name, 'input.name', 2, 60);
  if (input.logo !== undefined) changes.logo = input.logo === null ? null : httpUrl(input.logo, 'input.logo');
  if (input.description != null) changes.description = text(input.description, 'input.description', 0, 500);
  if (input.status != null) changes.status = input.status;
  if (Object.keys(changes).length > 0) {
    try {
      await ctx.db.update(shops).set(changes).where(eq(shops.id, shop.id));
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict(`A shop named ${changes.name} already exists.`);
      throw error;
    }
  }
  ctx.loaders.shop.clear(shop.id);
  return getShop(ctx, shop.id);
}
