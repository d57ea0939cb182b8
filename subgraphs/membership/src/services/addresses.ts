import { and, desc, eq, ne } from 'drizzle-orm';
import { badInput, conflict, notFound, parseId, retryOnDeadlock, text } from '@mall/kit';
import type { MembershipContext, MembershipDeps, MembershipTx } from '../context.ts';
import { addresses, members, type AddressRow } from '../db/schema.ts';
import { me } from './members.ts';

export const MAX_ADDRESSES = 20;

export interface AddressInput {
  recipient?: string | null;
  phone?: string | null;
  provinceCode?: string | null;
  cityCode?: string | null;
  districtCode?: string | null;
  region?: string | null;
  detail?: string | null;
  isDefault?: boolean | null;
}

/**
 * Checks an address: a mainland mobile number, and GB/T 2260 region codes that nest
 * (city 4403xx under province 44xxxx, district under its city; municipalities such as
 * 110000 › 110100 › 110105 included).
 */
function validated(input: Required<{ [K in keyof AddressInput]: NonNullable<AddressInput[K]> }>) {
  const phone = input.phone.replace(/[\s-]/g, '');
  if (!/^1[3-9][0-9]{9}$/.test(phone)) throw badInput('phone must be an 11-digit mainland mobile number.', 'input.phone');
  const { provinceCode, cityCode, districtCode } = input;
  if (!/^[1-9][0-9]0000$/.test(provinceCode)) throw badInput('provinceCode must be a 6-digit province code such as 440000.', 'input.provinceCode');
  if (!/^[0-9]{4}00$/.test(cityCode) || cityCode === provinceCode || cityCode.slice(0, 2) !== provinceCode.slice(0, 2)) {
    throw badInput('cityCode must be a city of the province, such as 440300 in 440000.', 'input.cityCode');
  }
  if (!/^[0-9]{6}$/.test(districtCode) || districtCode === cityCode || districtCode.slice(0, 4) !== cityCode.slice(0, 4)) {
    throw badInput('districtCode must be a district of the city, such as 440305 in 440300.', 'input.districtCode');
  }
  return {
    recipient: text(input.recipient, 'input.recipient', 1, 32),
    phone,
    provinceCode,
    cityCode,
    districtCode,
    regionText: text(input.region, 'input.region', 2, 100),
    detail: text(input.detail, 'input.detail', 2, 200),
  };
}

async function ownAddress(ctx: MembershipContext, id: string): Promise<AddressRow> {
  const member = await me(ctx);
  const [row] = await ctx.db.select().from(addresses).where(and(eq(addresses.id, parseId(id, 'Address')), eq(addresses.memberId, member.id)));
  // Another member's address is as good as absent: its existence is nobody else's business.
  if (!row) throw notFound('Address', id);
  return row;
}

/**
 * Runs a change of one member's addresses: the member's row is locked first, so changes of
 * one member go one at a time (exactly one default survives any race), under READ
 * COMMITTED, so no gap locks of an empty address range make different members' first
 * addresses deadlock each other.
 */
async function changeAddresses<T>(ctx: MembershipContext, memberId: number, change: (tx: MembershipTx) => Promise<T>): Promise<T> {
  return retryOnDeadlock(() =>
    ctx.db.transaction(async (tx) => {
      await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update');
      return change(tx);
    }, { isolationLevel: 'read committed' }),
  );
}

export async function listAddresses(ctx: MembershipContext, memberId: number): Promise<AddressRow[]> {
  const rows = await ctx.loaders.addressesOf.load(memberId);
  return [...rows].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || b.id - a.id);
}

export async function addAddress(ctx: MembershipContext, input: AddressInput): Promise<AddressRow> {
  const member = await me(ctx);
  const missing = (['recipient', 'phone', 'provinceCode', 'cityCode', 'districtCode', 'region', 'detail'] as const).find((k) => input[k] == null);
  if (missing) throw badInput(`${missing} is required.`, `input.${missing}`);
  const values = validated({ ...input, isDefault: input.isDefault ?? false } as Parameters<typeof validated>[0]);
  const id = await changeAddresses(ctx, member.id, async (tx) => {
    const existing = await tx.select().from(addresses).where(eq(addresses.memberId, member.id));
    if (existing.length >= MAX_ADDRESSES) throw conflict(`A member keeps at most ${MAX_ADDRESSES} addresses.`);
    // The first address is the default; a new default takes over from the old one.
    const isDefault = existing.length === 0 || input.isDefault === true;
    if (isDefault) await tx.update(addresses).set({ isDefault: false }).where(eq(addresses.memberId, member.id));
    const [created] = await tx.insert(addresses).values({ ...values, memberId: member.id, isDefault }).$returningId();
    return created!.id;
  });
  return ownAddress(ctx, String(id));
}

/** Inside a change: the member's address as it is now (under the member's lock), or NOT_FOUND. */
async function lockedAddress(tx: MembershipTx, memberId: number, id: number): Promise<AddressRow> {
  const [row] = await tx.select().from(addresses).where(and(eq(addresses.id, id), eq(addresses.memberId, memberId)));
  if (!row) throw notFound('Address', id);
  return row;
}

export async function updateAddress(ctx: MembershipContext, id: string, input: AddressInput): Promise<AddressRow> {
  const found = await ownAddress(ctx, id);
  await changeAddresses(ctx, found.memberId, async (tx) => {
    const current = await lockedAddress(tx, found.memberId, found.id);
    if (input.isDefault === false && current.isDefault) {
      throw badInput('A member always has a default address: make another one the default instead.', 'input.isDefault');
    }
    const values = validated({
      recipient: input.recipient ?? current.recipient,
      phone: input.phone ?? current.phone,
      provinceCode: input.provinceCode ?? current.provinceCode,
      cityCode: input.cityCode ?? current.cityCode,
      districtCode: input.districtCode ?? current.districtCode,
      region: input.region ?? current.regionText,
      detail: input.detail ?? current.detail,
      isDefault: input.isDefault ?? current.isDefault,
    });
    if (input.isDefault === true) {
      await tx.update(addresses).set({ isDefault: false }).where(and(eq(addresses.memberId, current.memberId), ne(addresses.id, current.id)));
    }
    await tx
      .update(addresses)
      .set({ ...values, ...(input.isDefault === true ? { isDefault: true } : {}) })
      .where(eq(addresses.id, current.id));
  });
  return ownAddress(ctx, id);
}

export async function setDefaultAddress(ctx: MembershipContext, id: string): Promise<AddressRow> {
  return updateAddress(ctx, id, { isDefault: true });
}

/** Deletes an address; when it was the default, the newest remaining one becomes default. */
export async function deleteAddress(ctx: MembershipContext, id: string): Promise<boolean> {
  const found = await ownAddress(ctx, id);
  await changeAddresses(ctx, found.memberId, async (tx) => {
    const current = await lockedAddress(tx, found.memberId, found.id);
    await tx.delete(addresses).where(eq(addresses.id, current.id));
    if (current.isDefault) {
      const [next] = await tx.select().from(addresses).where(eq(addresses.memberId, current.memberId)).orderBy(desc(addresses.id)).limit(1);
      if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
    }
  });
  return true;
}

export async function getAddress(ctx: MembershipContext, id: string): Promise<AddressRow> {
  return ownAddress(ctx, id);
}

/** `membership.address.get`: the address an order ships to (the chosen one, or the default), snapshotted by order. */
export async function addressForOrder(deps: Pick<MembershipDeps, 'db'>, memberId: number, addressId: string | null) {
  const [address] = await deps.db
    .select()
    .from(addresses)
    .where(and(eq(addresses.memberId, memberId), addressId ? eq(addresses.id, Number(addressId)) : eq(addresses.isDefault, true)));
  if (!address) throw notFound(addressId ? 'Address' : 'Default address', addressId ?? undefined);
  return {
    recipient: address.recipient,
    phone: address.phone,
    provinceCode: address.provinceCode,
    cityCode: address.cityCode,
    districtCode: address.districtCode,
    region: address.regionText,
    detail: address.detail,
  };
}
