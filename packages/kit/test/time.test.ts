import { describe, expect, it } from 'vitest';
import { beijingDayStart } from '../src/time.ts';

describe('beijingDayStart', () => {
  it('is Beijing midnight of the instant’s Beijing day, either side of UTC midnight', () => {
    expect(beijingDayStart(new Date('2026-12-04T17:00:00.000Z')).toISOString()).toBe('2026-12-04T16:00:00.000Z'); // 01:00 on the 5th in Beijing
    expect(beijingDayStart(new Date('2026-12-04T15:59:59.999Z')).toISOString()).toBe('2026-12-03T16:00:00.000Z'); // 23:59 on the 4th
    expect(beijingDayStart(new Date('2026-12-04T16:00:00.000Z')).toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });
});
