// All date arithmetic works on IsoDate strings through UTC day numbers, so the host's time zone
// and Amsterdam's DST switches can never shift a calendar date.
import type { IsoDate } from './types';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 9999) return false;
  // Round-tripping through Date.UTC rejects 2026-02-30 and friends, which Date would roll over.
  return toIso(Date.UTC(y, mo - 1, d)) === value;
}

export function assertIsoDate(value: unknown, what = 'date'): asserts value is IsoDate {
  if (!isValidIsoDate(value)) {
    throw new RangeError(
      `Invalid ${what}: expected an existing YYYY-MM-DD date, got ${String(value)}`,
    );
  }
}

// Date formatting is the engine's hot path (every day a term walks over); the same few
// thousand dates recur, so results are remembered, within a bound.
function memo<K, V>(fn: (key: K) => V, max = 20_000): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}

const toIso = memo((ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10));

/** Days since 1970-01-01 (UTC day number). */
export function dayNumber(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  return toIso(day * MS_PER_DAY);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isWeekend(date: IsoDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return toIso(Date.UTC(year, month - 1, day));
}

let amsterdamParts: Intl.DateTimeFormat | undefined;

function partsInAmsterdam(instant: Date): Record<string, number> {
  amsterdamParts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const p of amsterdamParts.formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

const MS_PER_HOUR = 3_600_000;
/** Since long before this, Amsterdam has been a whole number of hours off UTC (not so in 1900). */
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1970, 0, 1);
let lastHour = { hour: Number.NaN, date: '' as IsoDate };

/** The Europe/Amsterdam calendar date of an instant. */
export function amsterdamDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid instant');
  // Amsterdam's date only turns on a whole UTC hour (a whole-hour offset, switched at 01:00
  // UTC), so the date of the hour asked for last answers every instant in it; the time-zone
  // lookup it saves was a few percent of a submission's CPU.
  const hour = Math.floor(ms / MS_PER_HOUR);
  if (hour === lastHour.hour && ms >= WHOLE_HOUR_OFFSETS_SINCE) return lastHour.date;
  const p = partsInAmsterdam(instant);
  const date = isoDate(p.year ?? 0, p.month ?? 0, p.day ?? 0);
  lastHour = { hour, date };
  return date;
}

/** Amsterdam's UTC offset in minutes at an instant (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: Date): number {
  const p = partsInAmsterdam(instant);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The last millisecond of an Amsterdam day; 23:59:59.999 local, whatever the day's length. */
export function endOfAmsterdamDay(date: IsoDate): Date {
  assertIsoDate(date);
  // Amsterdam switches at 01:00 UTC, never at midnight, so the offset just before the next
  // local midnight is found by probing an hour earlier and is then exact.
  const nextMidnightAsUtc = dayNumber(date) * MS_PER_DAY + MS_PER_DAY;
  const offset = amsterdamOffsetMinutes(new Date(nextMidnightAsUtc - 3 * 3_600_000));
  return new Date(nextMidnightAsUtc - offset * 60_000 - 1);
}

/** End of the Amsterdam day as ISO 8601 with offset, e.g. 2026-12-29T23:59:59.999+01:00. */
export const dueAtString = memo((date: IsoDate): string => {
  const end = endOfAmsterdamDay(date);
  const offset = amsterdamOffsetMinutes(end);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T23:59:59.999${sign}${hh}:${mm}`;
});

// Own tables instead of Intl so the text is identical in every runtime and ICU version.
const WEEKDAYS = {
  nl: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
} as const;
const MONTHS = {
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const;

const LONG_MONTHS = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const;

/** '4 januari 2027' / '4 January 2027': as a letter writes a date. */
export function formatLongDate(date: IsoDate, locale: 'nl' | 'en'): string {
  assertIsoDate(date);
  const month = LONG_MONTHS[locale][Number(date.slice(5, 7)) - 1];
  return `${Number(date.slice(8, 10))} ${month} ${date.slice(0, 4)}`;
}

/** 'ma 28 dec 2026' / 'Mon 28 Dec 2026'; withYear false gives 'ma 28 dec'. */
export function formatDate(date: IsoDate, locale: 'nl' | 'en', withYear = true): string {
  assertIsoDate(date);
  const day = Number(date.slice(8, 10));
  const month = MONTHS[locale][Number(date.slice(5, 7)) - 1];
  const text = `${WEEKDAYS[locale][weekday(date)]} ${day} ${month}`;
  return withYear ? `${text} ${date.slice(0, 4)}` : text;
}
