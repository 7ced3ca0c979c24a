import { describe, expect, test } from 'vitest';
import { makeCalendar, workingDaysBetween } from './calendar';
import { calendarHorizonWarning, DECREE_DAYS, DECREE_DAYS_KNOWN_THROUGH } from './decree-days';

describe('the calendar horizon', () => {
  test('is the last year a decree covers', () => {
    expect(DECREE_DAYS_KNOWN_THROUGH).toBe(Number(DECREE_DAYS.at(-1)?.date.slice(0, 4)));
  });

  test('warns from the first day of the year whose next year no decree covers', () => {
    expect(calendarHorizonWarning('2027-12-31')).toBeNull();
    const warning = calendarHorizonWarning('2028-01-01');
    expect(warning?.nl).toBe(
      'Voor 2029 zijn nog geen gelijkgestelde feestdagen (art. 3 lid 3 Atw) bekend; de kalender kent ze tot en met 2028. Termijnen die in 2029 eindigen, houden er nog geen rekening mee. Werk de kalender bij zodra het nieuwe besluit is gepubliceerd.',
    );
    expect(warning?.en).toContain(
      'No days equated with public holidays (Atw art. 3(3)) are known for 2029 yet',
    );
    expect(calendarHorizonWarning('2031-06-01')?.nl).toContain('Voor 2032');
  });
});

describe('working days between two dates', () => {
  const calendar = makeCalendar();
  test('count the days after the first up to and including the last, skipping closed days', () => {
    expect(workingDaysBetween(calendar, '2026-03-02', '2026-03-02')).toBe(0);
    expect(workingDaysBetween(calendar, '2026-03-02', '2026-03-03')).toBe(1);
    // Friday to Monday: the weekend does not count.
    expect(workingDaysBetween(calendar, '2026-03-06', '2026-03-09')).toBe(1);
    // Thursday 2 April to Tuesday 7 April 2026: Good Friday and Easter Monday are closed.
    expect(workingDaysBetween(calendar, '2026-04-02', '2026-04-07')).toBe(1);
    expect(workingDaysBetween(calendar, '2026-03-09', '2026-03-02')).toBe(0);
  });
});
