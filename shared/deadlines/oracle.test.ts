// Cross-checks the engine against an oracle built only from the date-holidays package plus
// literal Atw additions. Nothing here imports the engine's holiday code or decree list, and the
// oracle does its own date arithmetic with Date objects instead of the engine's day numbers.
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { computeDue, makeCalendar, type Term } from './index';

const FIRST_YEAR = 2026;
const LAST_YEAR = 2031;

// What the Atw adds to date-holidays' NL public holidays: it marks Goede Vrijdag and
// Bevrijdingsdag as 'school' only, and knows nothing of royal-decree days.
const decreeDays = ['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26'];

function ymd(d: Date): string {
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}-${mm}-${dd}`;
}

function parse(s: string): Date {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
}

function plusDays(s: string, n: number): string {
  const d = parse(s);
  d.setUTCDate(d.getUTCDate() + n);
  return ymd(d);
}

const hd = new Holidays('NL');
const closed = new Set<string>(decreeDays);
// One year beyond the range, because 6-week terms from late December end in February.
for (let year = FIRST_YEAR; year <= LAST_YEAR + 1; year++) {
  for (const h of hd.getHolidays(year)) {
    const date = h.date.slice(0, 10);
    if (h.type === 'public') closed.add(date);
    if (h.name === 'Goede Vrijdag') closed.add(date);
  }
  closed.add(`${year}-05-05`);
}

function oracleWorking(s: string): boolean {
  const dow = parse(s).getUTCDay();
  return dow !== 0 && dow !== 6 && !closed.has(s);
}

function oracleWorkingDays(start: string, n: number): string {
  let d = start;
  for (let left = n; left > 0; ) {
    d = plusDays(d, 1);
    if (oracleWorking(d)) left--;
  }
  return d;
}

function oracleWeeks(start: string, weeks: number): { date: string; moved: boolean } {
  let d = plusDays(start, weeks * 7);
  const raw = d;
  while (!oracleWorking(d)) d = plusDays(d, 1);
  return { date: d, moved: d !== raw };
}

// Atw art. 1 and 2 for n calendar days: the first working day on or after day 0 + n; a term of
// three days or more then runs on, day by day, until it holds two working days.
function oracleCalendarDays(start: string, n: number): string {
  let d = plusDays(start, n);
  while (!oracleWorking(d)) d = plusDays(d, 1);
  const working = (end: string) => {
    let count = 0;
    for (let x = plusDays(start, 1); x <= end; x = plusDays(x, 1)) if (oracleWorking(x)) count++;
    return count;
  };
  if (n >= 3) while (working(d) < 2) d = plusDays(d, 1);
  return d;
}

describe('date-holidays as used by the oracle', () => {
  const byName = (year: number, name: string) =>
    hd.getHolidays(year).filter((h) => h.name === name);

  it('marks the Atw core public, Good Friday and 5 May not (hence the additions)', () => {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (const name of ['Nieuwjaar', 'Tweede paasdag', 'Koningsdag', 'Hemelvaartsdag']) {
        expect(byName(year, name).map((h) => h.type)).toEqual(['public']);
      }
      expect(byName(year, 'Goede Vrijdag').every((h) => h.type !== 'public')).toBe(true);
      expect(byName(year, 'Bevrijdingsdag').every((h) => h.type !== 'public')).toBe(true);
    }
  });

  it('moves Koningsdag to Saturday 26 April when 27 April is a Sunday', () => {
    expect(byName(2031, 'Koningsdag').map((h) => h.date.slice(0, 10))).toEqual(['2031-04-26']);
    expect(byName(2026, 'Koningsdag').map((h) => h.date.slice(0, 10))).toEqual(['2026-04-27']);
  });
});

describe(`engine vs oracle, every day ${FIRST_YEAR}–${LAST_YEAR}`, () => {
  const calendar = makeCalendar();
  const days: string[] = [];
  for (let d = `${FIRST_YEAR}-01-01`; d <= `${LAST_YEAR}-12-31`; d = plusDays(d, 1)) days.push(d);

  it('covers every day', () => {
    expect(days.length).toBe(6 * 365 + 1); // 2028 is the only leap year in the range
  });

  it('agrees on isWorkingDay for every day', () => {
    const mismatches = days.filter((d) => calendar.isWorkingDay(d) !== oracleWorking(d));
    expect(mismatches).toEqual([]);
  });

  it.each([2, 5])('agrees on %i working days from received', (n) => {
    const term: Term = { amount: n, unit: 'workingDays', from: 'received' };
    const mismatches = days
      .map((d) => [d, computeDue(term, d, calendar).date, oracleWorkingDays(d, n)])
      .filter(([, engine, oracle]) => engine !== oracle);
    expect(mismatches).toEqual([]);
  });

  it.each([2, 3, 4, 10])('agrees on %i calendar days from received (Atw art. 1 and 2)', (n) => {
    const term: Term = { amount: n, unit: 'calendarDays', from: 'received' };
    const mismatches = days
      .map((d) => [d, computeDue(term, d, calendar).date, oracleCalendarDays(d, n)])
      .filter(([, engine, oracle]) => engine !== oracle);
    expect(mismatches).toEqual([]);
  });

  it.each([2, 4, 6])('agrees on %i weeks from received, including the Atw move', (n) => {
    const term: Term = { amount: n, unit: 'weeks', from: 'received' };
    const mismatches = days
      .map((d) => {
        const due = computeDue(term, d, calendar);
        const oracle = oracleWeeks(d, n);
        return [d, due.date, oracle.date, due.movedFrom !== undefined, oracle.moved] as const;
      })
      .filter(([, a, b, movedA, movedB]) => a !== b || movedA !== movedB);
    expect(mismatches).toEqual([]);
  });
});
