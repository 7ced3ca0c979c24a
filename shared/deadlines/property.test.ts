import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  type CalendarConfig,
  computeDue,
  daysBetween,
  endOfAmsterdamDay,
  makeCalendar,
  postpone,
  type Term,
  termSchema,
} from './index';

const date = fc.integer({ min: 0, max: 365 * 80 }).map((n) => addDays('1990-01-01', n));
const unit = fc.constantFrom('workingDays', 'calendarDays', 'weeks') as fc.Arbitrary<Term['unit']>;
const term = fc.record({
  amount: fc.integer({ min: 1, max: 52 }),
  unit,
  from: fc.constant('received' as const),
});
const config: fc.Arbitrary<Partial<CalendarConfig>> = fc.record({
  base: fc.constantFrom('atw', 'light'),
  goodFriday: fc.option(fc.boolean(), { nil: undefined }),
  liberationDay: fc.option(fc.constantFrom('always', 'lustrum', 'never'), { nil: undefined }),
  decreeDays: fc.option(fc.boolean(), { nil: undefined }),
  closedDays: fc.array(fc.record({ date, name: fc.constant('gesloten') }), { maxLength: 20 }),
});

const params = { numRuns: 300 };

describe('properties of computeDue', () => {
  it('is never earlier than day 0 and always ends on a working day', () => {
    fc.assert(
      fc.property(term, date, config, (t, start, cfg) => {
        const calendar = makeCalendar(cfg);
        const due = computeDue(t, start, calendar);
        expect(due.date > start).toBe(true);
        expect(calendar.isWorkingDay(due.date)).toBe(true);
        expect(new Date(due.dueAt).getTime()).toBe(endOfAmsterdamDay(due.date).getTime());
      }),
      params,
    );
  });

  it('counts exactly `amount` working days after day 0 for working-day terms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), date, config, (n, start, cfg) => {
        const calendar = makeCalendar(cfg);
        const due = computeDue(
          { amount: n, unit: 'workingDays', from: 'received' },
          start,
          calendar,
        );
        let working = 0;
        for (let d = addDays(start, 1); d <= due.date; d = addDays(d, 1)) {
          if (calendar.isWorkingDay(d)) working++;
        }
        expect(working).toBe(n);
        expect(due.skipped.length).toBe(daysBetween(start, due.date) - n);
      }),
      params,
    );
  });

  it('moves calendar and week terms to the first working day on or after the raw end, then to the second working day of the term when it holds fewer (Atw art. 1 and 2)', () => {
    fc.assert(
      fc.property(term, date, config, (t, start, cfg) => {
        fc.pre(t.unit !== 'workingDays');
        const calendar = makeCalendar(cfg);
        const due = computeDue(t, start, calendar);
        const days = t.unit === 'weeks' ? t.amount * 7 : t.amount;
        const raw = addDays(start, days);
        expect(due.date >= raw).toBe(true);
        let working = 0;
        for (let d = addDays(start, 1); d <= due.date; d = addDays(d, 1)) {
          if (calendar.isWorkingDay(d)) working++;
        }
        if (due.atwArticle2) {
          expect(days).toBeGreaterThanOrEqual(3);
          expect(working).toBe(2);
          expect(calendar.isWorkingDay(due.date)).toBe(true);
        } else {
          for (let d = raw; d < due.date; d = addDays(d, 1)) {
            expect(calendar.isWorkingDay(d)).toBe(false);
          }
          if (days >= 3) expect(working).toBeGreaterThanOrEqual(2);
        }
        expect(due.movedFrom).toBe(due.date === raw ? undefined : raw);
        let closed = 0;
        for (let d = raw; d < due.date; d = addDays(d, 1)) {
          if (!calendar.isWorkingDay(d)) closed++;
        }
        expect(due.skipped.length).toBe(closed);
      }),
      params,
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(term, fc.integer({ min: 1, max: 30 }), date, config, (t, extra, start, cfg) => {
        const calendar = makeCalendar(cfg);
        const shorter = computeDue(t, start, calendar);
        const longer = computeDue({ ...t, amount: t.amount + extra }, start, calendar);
        expect(longer.date >= shorter.date).toBe(true);
      }),
      params,
    );
  });

  it('is monotonic in the start date', () => {
    fc.assert(
      fc.property(term, fc.integer({ min: 1, max: 60 }), date, config, (t, later, start, cfg) => {
        const calendar = makeCalendar(cfg);
        const early = computeDue(t, start, calendar);
        const late = computeDue(t, addDays(start, later), calendar);
        expect(late.date >= early.date).toBe(true);
      }),
      params,
    );
  });

  it('a postponement never makes a term earlier and ends on a working day', () => {
    fc.assert(
      fc.property(term, date, fc.integer({ min: 1, max: 4 }), (t, start, weeks) => {
        const calendar = makeCalendar();
        const current = computeDue(t, start, calendar);
        const res = postpone(
          current,
          { weeks, announcedOn: start },
          { maxWeeks: 4 },
          calendar,
          false,
        );
        expect(res.ok).toBe(true);
        if (!res.ok) return;
        expect(daysBetween(current.date, res.due.date) >= weeks * 7 - 6).toBe(true);
        expect(res.due.date > current.date).toBe(true);
        expect(calendar.isWorkingDay(res.due.date)).toBe(true);
      }),
      params,
    );
  });

  it('accepts every generated term in termSchema', () => {
    fc.assert(
      fc.property(term, (t) => {
        expect(termSchema.safeParse(t).success).toBe(true);
      }),
    );
  });
});
