/**
 * The mall's calendar is Beijing time (UTC+8, no daylight saving): a "day" of a daily cap,
 * a daily flash-sale session, an order number's date.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** Midnight of `now`'s day in Beijing, as an instant. */
export function beijingDayStart(now = new Date()): Date {
  return new Date(Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS);
}
