import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeDue,
  easterSunday,
  formatDate,
  makeCalendar,
  type Term,
  weekday,
} from './index';

const wd = (amount: number): Term => ({ amount, unit: 'workingDays', from: 'received' });
const weeks = (amount: number): Term => ({ amount, unit: 'weeks', from: 'received' });
const days = (amount: number): Term => ({ amount, unit: 'calendarDays', from: 'received' });

describe('light calendar', () => {
  const light = makeCalendar({ base: 'light' });

  it('has no Good Friday and no decree days', () => {
    expect(light.isWorkingDay('2026-04-03')).toBe(true);
    expect(light.isWorkingDay('2026-01-02')).toBe(true);
    expect(light.isWorkingDay('2026-05-15')).toBe(true);
    // Thu 2 Apr 2026 + 2: Fri 3 Apr (1), Easter Monday, Tue 7 Apr (2)
    expect(computeDue(wd(2), '2026-04-02', light).date).toBe('2026-04-07');
  });

  it('has Bevrijdingsdag only in lustrum years', () => {
    expect(light.isWorkingDay('2026-05-05')).toBe(true);
    expect(light.isWorkingDay('2025-05-05')).toBe(false);
    expect(light.isWorkingDay('2035-05-05')).toBe(false);
    expect(light.holidays(2030).some((h) => h.name.nl === 'Bevrijdingsdag')).toBe(true);
    expect(light.holidays(2031).some((h) => h.name.nl === 'Bevrijdingsdag')).toBe(false);
  });

  it('keeps the other Atw holidays', () => {
    for (const d of ['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-14', '2026-05-25']) {
      expect(light.isWorkingDay(d)).toBe(false);
    }
  });

  it('takes explicit overrides over the base', () => {
    const cal = makeCalendar({ base: 'light', goodFriday: true, decreeDays: true });
    expect(cal.isWorkingDay('2026-04-03')).toBe(false);
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    const never = makeCalendar({ liberationDay: 'never' });
    expect(never.isWorkingDay('2025-05-05')).toBe(true);
    expect(never.isWorkingDay('2026-04-03')).toBe(false);
    expect(makeCalendar({ liberationDay: 'lustrum' }).isWorkingDay('2026-05-05')).toBe(true);
  });
});

describe('tenant closed days', () => {
  const cal = makeCalendar({ closedDays: [{ date: '2026-12-31', name: 'Oudejaarsdag' }] });

  it('are not working days and show up with their name', () => {
    expect(cal.isWorkingDay('2026-12-31')).toBe(false);
    expect(cal.closedReasons('2026-12-31')).toEqual([{ nl: 'Oudejaarsdag', en: 'Oudejaarsdag' }]);
    expect(cal.holidays(2026).find((h) => h.date === '2026-12-31')?.kind).toBe('tenant');
  });

  it('are skipped by working-day terms', () => {
    // Wed 30 Dec: Thu 31 closed, Fri 1 Jan Nieuwjaarsdag, weekend, Mon 4 (1), Tue 5 (2)
    expect(computeDue(wd(2), '2026-12-30', cal).date).toBe('2027-01-05');
    expect(computeDue(wd(2), '2026-12-30', makeCalendar()).date).toBe('2027-01-04');
  });

  it('move calendar-day terms', () => {
    const due = computeDue(days(1), '2026-12-30', cal);
    expect(due.movedFrom).toBe('2026-12-31');
    expect(due.date).toBe('2027-01-04');
    expect(due.explanation.nl).toContain('do 31 dec (Oudejaarsdag)');
  });

  it('rejects an impossible closed day', () => {
    expect(() => makeCalendar({ closedDays: [{ date: '2026-02-30', name: 'x' }] })).toThrow(
      /closed day "x"/,
    );
  });
});

describe('calendar basics', () => {
  const cal = makeCalendar();

  it('never treats a weekend day as a working day', () => {
    expect(cal.isWorkingDay('2026-06-13')).toBe(false);
    expect(cal.isWorkingDay('2026-06-14')).toBe(false);
    expect(cal.closedReasons('2026-06-14')).toEqual([{ nl: 'weekend', en: 'weekend' }]);
    expect(cal.closedReasons('2026-06-15')).toEqual([]);
  });

  it('nextWorkingDay returns the day itself when it is a working day', () => {
    expect(cal.nextWorkingDay('2026-06-15')).toBe('2026-06-15');
    expect(cal.nextWorkingDay('2026-12-25')).toBe('2026-12-28');
  });

  it('addWorkingDays handles 0 and negative counts', () => {
    expect(cal.addWorkingDays('2026-12-29', 0)).toBe('2026-12-29');
    // Tue 29 Dec back: Mon 28 (1), Sun–Fri 25 closed, Thu 24 (2)
    expect(cal.addWorkingDays('2026-12-29', -2)).toBe('2026-12-24');
    expect(() => cal.addWorkingDays('2026-12-29', 1.5)).toThrow(RangeError);
  });

  it('day 0 on a Saturday: + 2 working days is Tuesday', () => {
    expect(computeDue(wd(2), '2026-06-13', cal).date).toBe('2026-06-16');
    expect(computeDue(wd(2), '2026-06-13', cal).skipped.map((s) => s.date)).toEqual(['2026-06-14']);
  });

  it('rejects bad input instead of guessing', () => {
    expect(() => cal.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => computeDue(wd(0), '2026-06-15', cal)).toThrow(/positive integer/);
    expect(() => computeDue(wd(1.5), '2026-06-15', cal)).toThrow(/positive integer/);
    expect(() => computeDue(wd(2), '2026-13-01', cal)).toThrow(/start date/);
  });

  it('fails loudly on a calendar without working days', () => {
    const closedDays = Array.from({ length: 500 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      name: 'dicht',
    }));
    expect(() => computeDue(wd(1), '2026-01-01', makeCalendar({ closedDays }))).toThrow(
      /No working day/,
    );
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-12-28', 'ma 28 dec 2026', 'Mon 28 Dec 2026'],
    ['2026-03-01', 'zo 1 mrt 2026', 'Sun 1 Mar 2026'],
    ['2027-05-07', 'vr 7 mei 2027', 'Fri 7 May 2027'],
    ['2028-10-18', 'wo 18 okt 2028', 'Wed 18 Oct 2028'],
  ])('%s → %s / %s', (date, nl, en) => {
    expect(formatDate(date, 'nl')).toBe(nl);
    expect(formatDate(date, 'en')).toBe(en);
  });
});

describe('explanations', () => {
  const cal = makeCalendar();

  it('name the moved-from and moved-to dates and the holidays, in nl and en', () => {
    // Sat 12 Dec 2026 + 2 weeks = Sat 26 Dec (Tweede Kerstdag) → Mon 28 Dec
    const due = computeDue(weeks(2), '2026-12-12', cal);
    expect(due.movedFrom).toBe('2026-12-26');
    expect(due.date).toBe('2026-12-28');
    expect(due.skipped.map((s) => s.date)).toEqual(['2026-12-26', '2026-12-27']);
    expect(due.explanation.nl).toBe(
      '2 weken na ontvangst op za 12 dec 2026; verschoven van za 26 dec naar ma 28 dec ' +
        '(art. 1 Algemene termijnenwet): za 26 dec (weekend, Tweede Kerstdag), zo 27 dec ' +
        '(weekend). Uiterlijk ma 28 dec 2026.',
    );
    expect(due.explanation.en).toBe(
      '2 weeks after receipt on Sat 12 Dec 2026; moved from Sat 26 Dec to Mon 28 Dec ' +
        '(Algemene termijnenwet art. 1): Sat 26 Dec (weekend, Tweede Kerstdag), Sun 27 Dec ' +
        '(weekend). Due by the end of Mon 28 Dec 2026.',
    );
  });

  it('name decree days in both languages', () => {
    const due = computeDue(days(1), '2026-05-13', cal); // Thu 14 Ascension, Fri 15 decree
    expect(due.date).toBe('2026-05-18');
    expect(due.explanation.nl).toContain('do 14 mei (Hemelvaartsdag)');
    expect(due.explanation.nl).toContain('vr 15 mei (gelijkgestelde feestdag');
    expect(due.explanation.en).toContain('Fri 15 May (day equated with a public holiday');
    expect(due.explanation.en).toContain('Due by the end of Mon 18 May 2026.');
  });

  it('say nothing about skipping when nothing was skipped, and use singular units', () => {
    const due = computeDue(wd(1), '2026-06-15', cal);
    expect(due.explanation).toEqual({
      nl: '1 werkdag na ontvangst op ma 15 jun 2026. Uiterlijk di 16 jun 2026.',
      en: '1 working day after receipt on Mon 15 Jun 2026. Due by the end of Tue 16 Jun 2026.',
    });
  });

  it('use a caller-supplied event label', () => {
    const due = computeDue(weeks(6), '2026-06-15', cal, { nl: 'indiening', en: 'submission' });
    expect(due.explanation.nl).toMatch(/^6 weken na indiening op ma 15 jun 2026/);
    expect(due.explanation.en).toMatch(/^6 weeks after submission on Mon 15 Jun 2026/);
  });
});

// The calendars below are made inside each test, so that everything that builds them runs
// within the test (mutation testing activates a mutant only while tests run).
describe('the calendar as configured', () => {
  // 1990–2080 includes the years in which the algorithm's rarer branches matter (a = 0 in 1995,
  // 2014, …; m = 1 in 2049 and 2076).
  it('computes Easter as date-holidays does for 1990–2080', () => {
    const hd = new Holidays('NL');
    for (let year = 1990; year <= 2080; year++) {
      const pasen = hd.getHolidays(year).find((h) => h.name === 'Pasen');
      expect(easterSunday(year), `Easter ${year}`).toBe(pasen?.date.slice(0, 10));
    }
  });

  it('defaults to the full Atw: Good Friday, decree days and 5 May every year', () => {
    const full = makeCalendar();
    expect(full.isWorkingDay('2026-04-03')).toBe(false);
    expect(full.isWorkingDay('2026-01-02')).toBe(false);
    expect(full.isWorkingDay('2026-05-05')).toBe(false);
    expect(makeCalendar({ base: 'atw' }).isWorkingDay('2026-05-05')).toBe(false);
  });

  it('light: no Good Friday, no decree days, 5 May only in lustrum years', () => {
    const light = makeCalendar({ base: 'light' });
    expect(light.isWorkingDay('2026-04-03')).toBe(true);
    expect(light.isWorkingDay('2026-01-02')).toBe(true);
    expect(light.isWorkingDay('2026-05-05')).toBe(true);
    expect(light.isWorkingDay('2025-05-05')).toBe(false);
  });

  it('lists each holiday with its kind, sorted by date, the Atw before the tenant on a shared day', () => {
    const cal = makeCalendar({
      closedDays: [
        { date: '2026-12-25', name: 'Kerstsluiting' },
        { date: '2026-01-05', name: 'Inventaris' },
        { date: '2027-01-04', name: 'Volgend jaar' },
      ],
    });
    const list = cal.holidays(2026).map((h) => `${h.date} ${h.kind} ${h.name.nl}`);
    expect(list.slice(0, 3)).toEqual([
      '2026-01-01 atw Nieuwjaarsdag',
      '2026-01-02 decree gelijkgestelde feestdag (dag na Nieuwjaarsdag)',
      '2026-01-05 tenant Inventaris',
    ]);
    expect(list.slice(-3)).toEqual([
      '2026-12-25 atw Eerste Kerstdag',
      '2026-12-25 tenant Kerstsluiting',
      '2026-12-26 atw Tweede Kerstdag',
    ]);
    expect(cal.closedReasons('2026-12-25').map((r) => r.nl)).toEqual([
      'Eerste Kerstdag',
      'Kerstsluiting',
    ]);
    expect(list.some((h) => h.includes('Volgend jaar'))).toBe(false);
    expect(cal.isWorkingDay('2027-01-04')).toBe(false);
  });

  it('a copy of the holiday list cannot change the calendar', () => {
    const cal = makeCalendar();
    const list = cal.holidays(2026);
    (list[0] as { date: string }).date = '2026-03-03';
    expect(cal.holidays(2026)[0]?.date).toBe('2026-01-01');
  });

  it('finds a working day after a closure of 401 days, and gives up beyond', () => {
    // Every weekday from Mon 7 Jan 2030 to Fri 7 Feb 2031 closed: with the weekends around them,
    // Sat 5 Jan 2030 to Sun 9 Feb 2031 is a run of 401 closed days.
    const closedDays: { date: string; name: string }[] = [];
    for (let d = '2030-01-07'; d <= '2031-02-07'; d = addDays(d, 1)) {
      if (weekday(d) !== 0 && weekday(d) !== 6) closedDays.push({ date: d, name: 'Dicht' });
    }
    const cal = makeCalendar({ closedDays });
    expect(cal.addWorkingDays('2030-01-04', 1)).toBe('2031-02-10');
    expect(cal.nextWorkingDay('2030-01-07')).toBe('2031-02-10');
    const longer = makeCalendar({
      closedDays: [...closedDays, { date: '2031-02-10', name: 'Dicht' }],
    });
    expect(() => longer.addWorkingDays('2030-01-04', 1)).toThrow(
      'No working day near 2030-01-04 in this calendar',
    );
  });

  it('counts working days backwards and refuses what is not a number of days or a year', () => {
    const cal = makeCalendar();
    // Mon 5 Jan 2026 back over the decree day (2 Jan) and Nieuwjaarsdag: Wed 31, Tue 30 Dec.
    expect(cal.addWorkingDays('2026-01-05', -2)).toBe('2025-12-30');
    expect(cal.addWorkingDays('2026-01-03', 0)).toBe('2026-01-03');
    expect(() => cal.addWorkingDays('2026-01-05', 1.5)).toThrow(
      'Working days must be an integer, got 1.5',
    );
    expect(() => cal.holidays(2026.5)).toThrow('Invalid year: 2026.5');
    expect(() => makeCalendar({ closedDays: [{ date: '2026-02-30', name: 'Oops' }] })).toThrow(
      'Invalid closed day "Oops": expected an existing YYYY-MM-DD date, got 2026-02-30',
    );
  });
});
