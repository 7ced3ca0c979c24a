import { describe, expect, it } from 'vitest';
import { computeDue, makeCalendar } from './index';

/*
 * Every day a royal decree equated with a public holiday (art. 3 lid 3 Atw), written out here
 * from the decrees themselves, not read from decree-days.ts: a day dropped from (or added to)
 * the engine's list fails here, whichever decree it came from (issue #22, item 24: removing
 * 27 December 2024 stayed green while only the 2026–2028 days were checked).
 */
const PUBLISHED: Record<number, string[]> = {
  2023: ['2023-04-28', '2023-05-19'],
  2024: ['2024-05-10', '2024-12-27'],
  2025: ['2025-05-30'],
  2026: ['2026-01-02', '2026-05-15'],
  2027: ['2027-05-07'],
  2028: ['2028-04-28', '2028-05-26'],
};

describe('the decree days', () => {
  const atw = makeCalendar();

  it.each(Object.entries(PUBLISHED))('of %s are exactly those the decree names', (year, days) => {
    const decree = atw.holidays(Number(year)).filter((h) => h.kind === 'decree');
    expect(decree.map((h) => h.date)).toEqual(days);
    for (const date of days) {
      expect(atw.isWorkingDay(date), date).toBe(false);
      expect(atw.closedReasons(date)[0]?.nl, date).toMatch(/^gelijkgestelde feestdag/);
    }
  });

  it('27 December 2024 moves a term: two working days from Monday 23 December end on Monday 30 December', () => {
    // Tue 24 is day 1; Wed 25 and Thu 26 are Christmas, Fri 27 the decree day, then the weekend.
    const due = computeDue({ amount: 2, unit: 'workingDays', from: 'received' }, '2024-12-23', atw);
    expect(due.date).toBe('2024-12-30');
    expect(due.skipped.map((s) => s.date)).toEqual([
      '2024-12-25',
      '2024-12-26',
      '2024-12-27',
      '2024-12-28',
      '2024-12-29',
    ]);
  });

  it('a calendar without decree days works on every one of them', () => {
    const without = makeCalendar({ decreeDays: false });
    for (const date of Object.values(PUBLISHED).flat()) {
      expect(without.isWorkingDay(date), date).toBe(true);
    }
  });
});
