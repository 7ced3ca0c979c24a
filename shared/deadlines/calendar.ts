// The working-day calendar: Monday–Friday minus Atw holidays, decree days and tenant closed days.
import { addDays, assertIsoDate, isoDate, isWeekend, weekday } from './dates';
import { DECREE_DAYS } from './decree-days';
import type { CalendarConfig, HolidayEntry, IsoDate, Localised, WorkingCalendar } from './types';

export interface ResolvedCalendarConfig {
  goodFriday: boolean;
  liberationDay: 'always' | 'lustrum' | 'never';
  decreeDays: boolean;
  closedDays: { date: IsoDate; name: string }[];
}

const WEEKEND: Localised = { nl: 'weekend', en: 'weekend' };

// A term can never need more than this many consecutive closed days; hitting it means a broken
// calendar (e.g. a tenant that closed a whole year), which must fail loudly, not loop.
const MAX_CLOSED_RUN = 400;

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

export function resolveCalendarConfig(
  config: Partial<CalendarConfig> = {},
): ResolvedCalendarConfig {
  const light = config.base === 'light';
  return {
    goodFriday: config.goodFriday ?? !light,
    liberationDay: config.liberationDay ?? (light ? 'lustrum' : 'always'),
    decreeDays: config.decreeDays ?? !light,
    closedDays: config.closedDays ?? [],
  };
}

function same(name: string): Localised {
  return { nl: name, en: name };
}

function holidaysOf(year: number, cfg: ResolvedCalendarConfig): HolidayEntry[] {
  const easter = easterSunday(year);
  const atw = (date: IsoDate, name: string): HolidayEntry => ({
    date,
    name: same(name),
    kind: 'atw',
  });
  const list: HolidayEntry[] = [atw(isoDate(year, 1, 1), 'Nieuwjaarsdag')];
  if (cfg.goodFriday) list.push(atw(addDays(easter, -2), 'Goede Vrijdag'));
  list.push(atw(easter, 'Eerste Paasdag'), atw(addDays(easter, 1), 'Tweede Paasdag'));
  // Koningsdag moves to the Saturday before when 27 April is a Sunday (Wet viering Koningsdag).
  const kingsDay = isoDate(year, 4, 27);
  list.push(atw(weekday(kingsDay) === 0 ? isoDate(year, 4, 26) : kingsDay, 'Koningsdag'));
  const liberation =
    cfg.liberationDay === 'always' || (cfg.liberationDay === 'lustrum' && year % 5 === 0);
  if (liberation) list.push(atw(isoDate(year, 5, 5), 'Bevrijdingsdag'));
  list.push(
    atw(addDays(easter, 39), 'Hemelvaartsdag'),
    atw(addDays(easter, 49), 'Eerste Pinksterdag'),
    atw(addDays(easter, 50), 'Tweede Pinksterdag'),
    atw(isoDate(year, 12, 25), 'Eerste Kerstdag'),
    atw(isoDate(year, 12, 26), 'Tweede Kerstdag'),
  );
  if (cfg.decreeDays) {
    for (const d of DECREE_DAYS) {
      if (d.date.startsWith(`${year}-`)) {
        list.push({ date: d.date, name: { nl: d.nl, en: d.en }, kind: 'decree' });
      }
    }
  }
  for (const c of cfg.closedDays) {
    if (c.date.startsWith(`${year}-`))
      list.push({ date: c.date, name: same(c.name), kind: 'tenant' });
  }
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function makeCalendar(config?: Partial<CalendarConfig>): WorkingCalendar {
  const cfg = resolveCalendarConfig(config);
  for (const c of cfg.closedDays) assertIsoDate(c.date, `closed day "${c.name}"`);
  const byYear = new Map<number, { list: HolidayEntry[]; byDate: Map<IsoDate, Localised[]> }>();

  function year(y: number) {
    let entry = byYear.get(y);
    if (!entry) {
      const list = holidaysOf(y, cfg);
      const byDate = new Map<IsoDate, Localised[]>();
      for (const h of list) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h.name]);
      entry = { list, byDate };
      byYear.set(y, entry);
    }
    return entry;
  }

  function holidayNames(date: IsoDate): Localised[] {
    return year(Number(date.slice(0, 4))).byDate.get(date) ?? [];
  }

  function isWorkingDay(date: IsoDate): boolean {
    assertIsoDate(date);
    return !isWeekend(date) && holidayNames(date).length === 0;
  }

  function step(date: IsoDate, direction: 1 | -1): IsoDate {
    let d = addDays(date, direction);
    for (let i = 0; !isWorkingDay(d); i++) {
      if (i > MAX_CLOSED_RUN) throw new RangeError(`No working day near ${date} in this calendar`);
      d = addDays(d, direction);
    }
    return d;
  }

  return {
    isWorkingDay,
    closedReasons(date) {
      assertIsoDate(date);
      return [...(isWeekend(date) ? [WEEKEND] : []), ...holidayNames(date)];
    },
    holidays(y) {
      if (!Number.isInteger(y)) throw new RangeError(`Invalid year: ${y}`);
      return year(y).list.map((h) => ({ ...h }));
    },
    addWorkingDays(date, n) {
      assertIsoDate(date);
      if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer, got ${n}`);
      let d = date;
      for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
      return d;
    },
    nextWorkingDay(date) {
      return isWorkingDay(date) ? date : step(date, 1);
    },
  };
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): how long
 * handling took, counted the way terms are (day 0 is the day of receipt).
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
  return n;
}
