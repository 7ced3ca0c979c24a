/**
 * Deadline rules (each pinned by a test in this folder):
 *
 * 1. Dates are Europe/Amsterdam calendar dates (IsoDate). The day of the event is day 0 and
 *    counts whatever the time of day; callers convert instants with amsterdamDate(). A due date
 *    means the END of that Amsterdam day (DueDate.dueAt).
 * 2. Non-working days: Saturdays, Sundays, the Atw holidays (art. 3: Nieuwjaarsdag, Goede
 *    Vrijdag, Eerste en Tweede Paasdag, Koningsdag — 27 April, 26 April when the 27th is a
 *    Sunday —, Bevrijdingsdag every 5 May, Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste
 *    en Tweede Kerstdag), the days equated with them by royal decree (decree-days.ts) and the
 *    tenant's own closed days. Easter is computed (Meeus), never tabled. The 'light' calendar
 *    drops Good Friday and decree days and keeps 5 May only in lustrum years (year % 5 === 0).
 * 3. workingDays: count n working days after day 0. An event on a non-working day still has that
 *    day as day 0, so Saturday + 2 working days = Tuesday when Monday and Tuesday are working
 *    days. `skipped` lists the non-working days passed over.
 * 4. calendarDays / weeks: day 0 + amount (weeks × 7) days; a result on a non-working day moves
 *    to the next working day (art. 1 Atw), recording `movedFrom` and the days moved over. A term
 *    of three days or more that then holds fewer than two working days after day 0 is extended
 *    until it holds two (art. 2 Atw: 3 days from Thursday 24 December 2026 end on Tuesday 29
 *    December, not Monday 28), recorded as `atwArticle2`.
 * 5. A term anchored on another term starts at that term's final due date (after any move or
 *    postponement). Unknown references and cycles throw.
 * 6. Postponement (Awb 9:11, Wkkgz art. 17) extends the ORIGINAL term: weeks / calendar-day terms
 *    become day 0 + (term days + weeks × 7) then the Atw move; working-day terms take the
 *    original due date + weeks × 7 days then the Atw move. Only once, 1..maxWeeks whole weeks,
 *    announced on or before the current due date (and not before day 0).
 * 7. All arithmetic goes through UTC day numbers (dates.ts), so DST never shifts a date.
 */
import { own } from '../own-keys';
import { addDays, assertIsoDate, daysBetween, dueAtString } from './dates';
import { anchorLabel, type ExplainInput, explain } from './explain';
import {
  type DueDate,
  type IsoDate,
  LIFECYCLE_EVENTS,
  type LifecycleEvent,
  type Localised,
  type Postponement,
  type SkippedDay,
  TERM_UNITS,
  type Term,
  type WorkingCalendar,
} from './types';

function assertTerm(term: Term): void {
  if (!Number.isInteger(term.amount) || term.amount < 1) {
    throw new RangeError(`Term amount must be a positive integer, got ${term.amount}`);
  }
  if (!TERM_UNITS.includes(term.unit)) throw new RangeError(`Unknown term unit: ${term.unit}`);
}

/** Non-working days strictly after `from` up to but excluding `to`. */
function closedDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): SkippedDay[] {
  const out: SkippedDay[] = [];
  for (let d = addDays(from, 1); d < to; d = addDays(d, 1)) {
    const reasons = calendar.closedReasons(d);
    if (reasons.length > 0) out.push({ date: d, reasons });
  }
  return out;
}

/** Atw art. 2: a term of at least this many days holds at least two working days. */
const ART2_MIN_TERM_DAYS = 3;
const ART2_WORKING_DAYS = 2;

/**
 * Atw art. 1: a term ending on a non-working day ends on the next working day; art. 2: a term of
 * three days or more is then extended, where needed, until it holds two working days after day 0.
 */
function atwMove(start: IsoDate, days: number, calendar: WorkingCalendar) {
  const raw = addDays(start, days);
  let date = calendar.nextWorkingDay(raw);
  let atwArticle2 = false;
  if (days >= ART2_MIN_TERM_DAYS) {
    const second = calendar.addWorkingDays(start, ART2_WORKING_DAYS);
    if (second > date) {
      date = second;
      atwArticle2 = true;
    }
  }
  if (date === raw) return { date, skipped: [] as SkippedDay[] };
  return {
    date,
    movedFrom: raw,
    ...(atwArticle2 ? { atwArticle2 } : {}),
    // The non-working days from the raw end up to the new one (art. 2 may pass working days).
    skipped: closedDaysBetween(addDays(raw, -1), date, calendar),
  };
}

function termDays(term: Term): number {
  return term.unit === 'weeks' ? term.amount * 7 : term.amount;
}

export function computeDue(
  term: Term,
  start: IsoDate,
  calendar: WorkingCalendar,
  eventLabel?: Localised,
): DueDate {
  assertTerm(term);
  assertIsoDate(start, 'start date');
  const label = eventLabel ?? anchorLabel(term.from);
  if (term.unit === 'workingDays') {
    const date = calendar.addWorkingDays(start, term.amount);
    const skipped = closedDaysBetween(start, date, calendar);
    return build({ term, start, date, skipped, label });
  }
  return build({ term, start, label, ...atwMove(start, termDays(term), calendar) });
}

// One place that shapes a DueDate, so every result has the same fields in the same order.
function build(x: ExplainInput): DueDate {
  return {
    date: x.date,
    dueAt: dueAtString(x.date),
    start: x.start,
    term: x.term,
    skipped: x.skipped,
    ...(x.movedFrom ? { movedFrom: x.movedFrom } : {}),
    ...(x.atwArticle2 ? { atwArticle2: true as const } : {}),
    ...(x.postponement ? { postponement: x.postponement } : {}),
    explanation: explain(x),
  };
}

/**
 * Applies a postponement without checking it against a rule (see postpone() for that). On a term
 * already postponed, `p.weeks` comes on top of the earlier weeks (Awb 9:11 lid 3), counted from
 * the original term as rule 6 says.
 */
export function extendDue(
  current: DueDate,
  p: Postponement,
  calendar: WorkingCalendar,
  eventLabel?: Localised,
): DueDate {
  if (!Number.isInteger(p.weeks) || p.weeks < 1) {
    throw new RangeError(`Postponement weeks must be a positive integer, got ${p.weeks}`);
  }
  const { term, start } = current;
  const label = eventLabel ?? anchorLabel(term.from);
  const earlier = current.postponement?.weeks ?? 0;
  const original = earlier > 0 ? computeDue(term, start, calendar, label).date : current.date;
  const weeks = earlier + p.weeks;
  // Counted in days from day 0, so the art. 2 check sees the whole postponed term.
  const days =
    term.unit === 'workingDays'
      ? daysBetween(start, original) + weeks * 7
      : termDays(term) + weeks * 7;
  const postponement: Postponement = { ...p, weeks };
  const moved = atwMove(start, days, calendar);
  return build({ term, start, label, postponement, postponedFrom: original, ...moved });
}

/** Throws on references to unknown terms and on cycles, naming the terms involved. */
export function assertTermGraph(terms: Record<string, Term>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name].join(' -> ');
      throw new Error(`Deadline terms form a cycle: ${cycle}`);
    }
    state.set(name, 'visiting');
    const from = terms[name]?.from;
    if (from && typeof from !== 'string') {
      if (!Object.hasOwn(terms, from.term)) {
        throw new Error(`Deadline term "${name}" refers to unknown term "${from.term}"`);
      }
      visit(from.term, [...path, name]);
    }
    state.set(name, 'done');
  };
  for (const name of Object.keys(terms)) visit(name, []);
}

/**
 * Resolves every term whose anchor is known. Terms whose event has not happened (or whose
 * activeAfter event has not happened), and terms chained on those, are left out.
 */
export function computeDueDates(
  terms: Record<string, Term & { label?: Localised }>,
  events: Partial<Record<LifecycleEvent, IsoDate>>,
  calendar: WorkingCalendar,
  postponements?: Record<string, Postponement>,
): Record<string, DueDate> {
  assertTermGraph(terms);
  for (const [event, date] of Object.entries(events)) {
    if (!(LIFECYCLE_EVENTS as readonly string[]).includes(event)) {
      throw new RangeError(`Unknown lifecycle event: ${event}`);
    }
    if (date !== undefined) assertIsoDate(date, `date of event ${event}`);
  }
  const result: Record<string, DueDate> = {};
  const resolved = new Map<string, DueDate | null>();
  const resolve = (name: string): DueDate | null => {
    const cached = resolved.get(name);
    if (cached !== undefined) return cached;
    // Own keys only: a term named `valueOf` must not find Object.prototype's.
    const term = own(terms, name);
    let due: DueDate | null = null;
    if (term && (!term.activeAfter || own(events, term.activeAfter) !== undefined)) {
      const start =
        typeof term.from === 'string' ? own(events, term.from) : resolve(term.from.term)?.date;
      if (start !== undefined) {
        const from = typeof term.from === 'string' ? undefined : own(terms, term.from.term)?.label;
        const label = from ? anchorLabel(term.from, from) : undefined;
        due = computeDue(term, start, calendar, label);
        const p = own(postponements, name);
        if (p) due = extendDue(due, p, calendar, label);
      }
    }
    resolved.set(name, due);
    return due;
  };
  for (const name of Object.keys(terms)) {
    const due = resolve(name);
    if (due) result[name] = due;
  }
  return result;
}
