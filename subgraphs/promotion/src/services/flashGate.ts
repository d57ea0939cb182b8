import { eq, sql } from 'drizzle-orm';
import type { Redis } from '@mall/kit';
import type { PromotionDeps } from '../context.ts';
import { flashEntries, flashHolds, flashSessions, type FlashEntryRow } from '../db/schema.ts';

/**
 * The flash-sale gate in Redis: per entry a hash `gate` (start, end, remaining, limit), the
 * units each member holds (`members`), the idempotency keys already won (`keys`) and an
 * attempt counter; one Lua script checks and takes in one step, so refusals never reach
 * MySQL. Keys of one entry share a hash tag (`{<database>.e<id>}`), the member's burst counter
 * for the entry too, so the script runs on one node of a Redis Cluster.
 */
type GateDeps = Pick<PromotionDeps, 'redis' | 'config'>;

/**
 * An entry's gate keys, named by the database as well as the entry (`{<database>.e<id>}`),
 * so installations or tests sharing one Redis never read each other's gates.
 */
export const gateKeys = (deps: Pick<PromotionDeps, 'config'>, entryId: number) => {
  const tag = `flash:{${deps.config.database}.e${entryId}}`;
  return { gate: `${tag}:gate`, members: `${tag}:members`, keys: `${tag}:keys`, attempts: `${tag}:attempts`, rebuild: `${tag}:rebuild`, devices: `${tag}:devices` };
};
/** A member's attempts at an entry in the last second (in the entry's hash tag). */
const burstKey = (deps: Pick<PromotionDeps, 'config'>, entryId: number, memberId: number) => `flash:{${deps.config.database}.e${entryId}}:burst:${memberId}`;

/**
 * KEYS: gate, members, keys, attempts, burst, devices. ARGV: now (ms), member, quantity,
 * idempotency key, attempts allowed per member per second, the device ('' for none: a
 * device holds at most the per-member limit at once; released units come off its count). Answers one word: REBUILD (no gate: Redis
 * lost it, or it was never built; nothing counted), THROTTLED, NOT_STARTED, ENDED, REPLAY
 * (this key won before), LIMIT_REACHED, SOLD_OUT, WON.
 */
const GATE_LUA = `
local g = redis.call('HMGET', KEYS[1], 'start', 'end', 'remaining', 'limit')
if not g[1] then return 'REBUILD' end
redis.call('INCR', KEYS[4])
local burst = redis.call('INCR', KEYS[5])
if burst == 1 then redis.call('PEXPIRE', KEYS[5], 1000) end
if burst > tonumber(ARGV[5]) then return 'THROTTLED' end
local now = tonumber(ARGV[1])
if now < tonumber(g[1]) then return 'NOT_STARTED' end
if now >= tonumber(g[2]) then return 'ENDED' end
local idem = ARGV[2] .. ':' .. ARGV[4]
if redis.call('HEXISTS', KEYS[3], idem) == 1 then return 'REPLAY' end
local q = tonumber(ARGV[3])
local taken = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
if taken + q > tonumber(g[4]) then return 'LIMIT_REACHED' end
local device = ARGV[6]
if device ~= '' and tonumber(redis.call('HGET', KEYS[6], device) or '0') + q > tonumber(g[4]) then return 'LIMIT_REACHED' end
if tonumber(g[3]) < q then return 'SOLD_OUT' end
redis.call('HINCRBY', KEYS[1], 'remaining', -q)
redis.call('HINCRBY', KEYS[2], ARGV[2], q)
redis.call('HSET', KEYS[3], idem, q)
if device ~= '' then redis.call('HINCRBY', KEYS[6], device, q) end
return 'WON'
`;

/** Units given back to the gate (an attempt the database refused, an order that ended unpaid): only while the gate exists. */
const GIVE_BACK_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'remaining', tonumber(ARGV[2]))
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
if ARGV[3] ~= '' then redis.call('HDEL', KEYS[3], ARGV[1] .. ':' .. ARGV[3]) end
if ARGV[4] ~= '' then
  local d = redis.call('HINCRBY', KEYS[4], ARGV[4], -tonumber(ARGV[2]))
  if d <= 0 then redis.call('HDEL', KEYS[4], ARGV[4]) end
end
return 1
`;

export type GateAnswer = 'WON' | 'REPLAY' | 'THROTTLED' | 'REBUILD' | 'NOT_STARTED' | 'ENDED' | 'LIMIT_REACHED' | 'SOLD_OUT';

type GateRedis = Redis & {
  flashGate(gate: string, members: string, keys: string, attempts: string, burst: string, devices: string, now: number, member: number, quantity: number, key: string, burstLimit: number, device: string): Promise<GateAnswer>;
  flashGiveBack(gate: string, members: string, keys: string, devices: string, member: number, quantity: number, key: string, device: string): Promise<number>;
};

/** The Redis client with the gate's scripts defined (EVALSHA, loaded again by ioredis when Redis lost its scripts). */
function gated(redis: Redis): GateRedis {
  const r = redis as GateRedis;
  if (typeof r.flashGate !== 'function') {
    redis.defineCommand('flashGate', { numberOfKeys: 6, lua: GATE_LUA });
    redis.defineCommand('flashGiveBack', { numberOfKeys: 4, lua: GIVE_BACK_LUA });
  }
  return r;
}

/** The script's source, for the benchmark's raw EVALSHA figure. */
export const gateScript = GATE_LUA;

/** One attempt through the gate. */
export function passGate(deps: Pick<PromotionDeps, 'redis' | 'settings' | 'config'>, entryId: number, memberId: number, quantity: number, key: string, deviceId: string | null = null, now = Date.now()): Promise<GateAnswer> {
  const k = gateKeys(deps, entryId);
  return gated(deps.redis).flashGate(k.gate, k.members, k.keys, k.attempts, burstKey(deps, entryId, memberId), k.devices, now, memberId, quantity, key, deps.settings.flashBurstPerSecond, deviceId ?? '');
}

/** Units back into the gate for a member and their device (and, with `key`, that key forgotten so it may win again). */
export async function giveBackToGate(deps: GateDeps, entryId: number, memberId: number, quantity: number, key = '', deviceId: string | null = null): Promise<void> {
  const k = gateKeys(deps, entryId);
  await gated(deps.redis).flashGiveBack(k.gate, k.members, k.keys, k.devices, memberId, quantity, key, deviceId ?? '');
}

/** What the database says the gate should hold: remaining units, each member's units, the keys that won. */
export async function truthOf(deps: Pick<PromotionDeps, 'db'>, entry: FlashEntryRow) {
  const holds = await deps.db
    .select({ memberId: flashHolds.memberId, quantity: flashHolds.quantity, key: flashHolds.idempotencyKey, status: flashHolds.status, deviceId: flashHolds.deviceId })
    .from(flashHolds)
    .where(eq(flashHolds.entryId, entry.id));
  const members = new Map<number, number>();
  const devices = new Map<string, number>();
  for (const h of holds) {
    if (h.status !== 'RELEASED') members.set(h.memberId, (members.get(h.memberId) ?? 0) + h.quantity);
    if (h.deviceId && h.status !== 'RELEASED') devices.set(h.deviceId, (devices.get(h.deviceId) ?? 0) + h.quantity);
  }
  // Every key that won, released ones too: sent again, a key answers its hold as it is.
  return { remaining: remainingOf(entry), members, devices, keys: holds.map((h) => [`${h.memberId}:${h.key}`, h.quantity] as const) };
}

/** Units an entry still has to sell: its quantity less what is sold, held and refunded. */
export const remainingOf = (entry: Pick<FlashEntryRow, 'quantity' | 'sold' | 'held' | 'refunded'>) => entry.quantity - entry.sold - entry.held - entry.refunded;

/**
 * Builds an entry's gate from the database (at its first attempt, and whenever Redis lost
 * it), under a short Redis lock so one builder writes it. An entry not approved, or of a
 * cancelled session, gets a gate that has ended. Returns false when another builder holds
 * the lock (try the gate again in a moment).
 */
export async function rebuildGate(deps: Pick<PromotionDeps, 'db' | 'redis' | 'config'>, entryId: number): Promise<boolean> {
  const k = gateKeys(deps, entryId);
  const locked = await deps.redis.set(k.rebuild, '1', 'PX', 5000, 'NX');
  if (locked !== 'OK') return false;
  try {
    const [row] = await deps.db
      .select({ entry: flashEntries, session: flashSessions })
      .from(flashEntries)
      .innerJoin(flashSessions, eq(flashSessions.id, flashEntries.sessionId))
      .where(eq(flashEntries.id, entryId));
    const open = row && row.entry.status === 'APPROVED' && !row.session.cancelled;
    const truth = row && open ? await truthOf(deps, row.entry) : null;
    // A gate that is not open lives a few seconds (the entry may be approved in a moment); an open one past the session's end.
    const ttlMs = row && open ? Math.max(60_000, row.session.endsAt.getTime() - Date.now() + 3_600_000) : 5_000;
    const multi = deps.redis.multi().del(k.gate, k.members, k.keys, k.devices);
    multi.hset(k.gate, {
      start: row ? row.session.startsAt.getTime() : 0,
      end: open ? row.session.endsAt.getTime() : 0,
      remaining: truth?.remaining ?? 0,
      limit: row?.entry.perMemberLimit ?? 0,
    });
    if (truth && truth.members.size > 0) multi.hset(k.members, Object.fromEntries([...truth.members].map(([m, q]) => [String(m), q])));
    if (truth && truth.keys.length > 0) multi.hset(k.keys, Object.fromEntries(truth.keys));
    if (truth && truth.devices.size > 0) multi.hset(k.devices, Object.fromEntries(truth.devices));
    // The member and key hashes exist from here on (a placeholder field), so their expiry holds.
    multi.hset(k.members, '_', 0).hset(k.keys, '_', 0).hset(k.devices, '_', 0).set(k.attempts, 0, 'NX');
    multi.pexpire(k.gate, ttlMs).pexpire(k.members, ttlMs).pexpire(k.keys, ttlMs).pexpire(k.devices, ttlMs).pexpire(k.attempts, ttlMs);
    await multi.exec();
    return true;
  } finally {
    await deps.redis.del(k.rebuild);
  }
}

/** The gate's remaining units, window and attempts now (null: no gate in Redis). */
export async function gateState(deps: GateDeps, entryId: number): Promise<{ remaining: number; start: number; end: number; attempts: number } | null> {
  const k = gateKeys(deps, entryId);
  const [[remaining, start, end], attempts] = await Promise.all([deps.redis.hmget(k.gate, 'remaining', 'start', 'end'), deps.redis.get(k.attempts)]);
  if (remaining === null || remaining === undefined) return null;
  return { remaining: Number(remaining), start: Number(start ?? 0), end: Number(end ?? 0), attempts: Number(attempts ?? 0) };
}

/** Lowers the gate's remaining units to `remaining` when it holds more (never raises them); true when it did. */
export async function lowerGate(deps: GateDeps, entryId: number, remaining: number): Promise<boolean> {
  const k = gateKeys(deps, entryId);
  const lowered = (await deps.redis.eval(
    "local r = tonumber(redis.call('HGET', KEYS[1], 'remaining') or '-1') if r > tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'remaining', ARGV[1]) return 1 end return 0",
    1,
    k.gate,
    remaining,
  )) as number;
  return lowered === 1;
}

/** Sets the gate's remaining units to the database's (a repair), when the gate exists. */
export async function repairGate(deps: GateDeps, entryId: number, remaining: number): Promise<void> {
  const k = gateKeys(deps, entryId);
  if (await deps.redis.exists(k.gate)) await deps.redis.hset(k.gate, 'remaining', remaining);
}

/** Many entries' gate figures at once (one pipeline): remaining units (null: no gate) and attempts counted. */
export async function gateFigures(deps: GateDeps, entryIds: readonly number[]): Promise<Array<{ remaining: number | null; attempts: number }>> {
  const pipeline = deps.redis.pipeline();
  for (const id of entryIds) {
    const k = gateKeys(deps, id);
    pipeline.hget(k.gate, 'remaining').get(k.attempts);
  }
  const answers = (await pipeline.exec()) ?? [];
  return entryIds.map((_, i) => {
    const remaining = answers[2 * i]?.[1] as string | null | undefined;
    const attempts = answers[2 * i + 1]?.[1] as string | null | undefined;
    return { remaining: remaining == null ? null : Number(remaining), attempts: Number(attempts ?? 0) };
  });
}

/** How many attempts the gate counted (kept once the entry ends). */
export async function attemptsOf(deps: GateDeps, entryId: number): Promise<number> {
  return Number((await deps.redis.get(gateKeys(deps, entryId).attempts)) ?? 0);
}

/**
 * Forgets whatever Redis holds for an entry id (at its approval): a gate left by an entry of
 * the same id in a database that was reset or restored must not stand for this one.
 */
export async function resetGate(deps: GateDeps, entryId: number): Promise<void> {
  const k = gateKeys(deps, entryId);
  await deps.redis.del(k.gate, k.members, k.keys, k.attempts, k.devices);
}

/** Closes an entry's gate for good (its session ended). */
export async function closeGate(deps: GateDeps, entryId: number): Promise<void> {
  const k = gateKeys(deps, entryId);
  await deps.redis.multi().hset(k.gate, 'end', 0).hset(k.gate, 'remaining', 0).pexpire(k.gate, 3_600_000).exec();
}

export const sqlRemaining = sql`${flashEntries.quantity} - ${flashEntries.sold} - ${flashEntries.held} - ${flashEntries.refunded}`;
