import { afterEach, describe, expect, it } from 'vitest';
import { amsterdamDate, computeDue, endOfAmsterdamDay, makeCalendar } from './index';

// 2026: summer time starts Sun 29 March 02:00 CET, ends Sun 25 October 03:00 CEST.
describe('amsterdamDate', () => {
  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-29', '00:30 CET on the spring-forward Sunday'],
    ['2026-03-29T21:59:00Z', '2026-03-29', '23:59 CEST on the spring-forward Sunday'],
    ['2026-03-29T22:00:00Z', '2026-03-30', 'midnight after it'],
    ['2026-03-28T22:59:00Z', '2026-03-28', '23:59 CET on the Saturday before'],
    ['2026-10-24T22:30:00Z', '2026-10-25', '00:30 CEST on the fall-back Sunday'],
    ['2026-10-25T22:59:00Z', '2026-10-25', '23:59 CET on the fall-back Sunday'],
    ['2026-10-25T23:00:00Z', '2026-10-26', 'midnight after it'],
    ['2026-10-25T00:30:00Z', '2026-10-25', 'the first 02:30 (CEST)'],
    ['2026-10-25T01:30:00Z', '2026-10-25', 'the repeated 02:30 (CET)'],
  ])('%s is %s (%s)', (instant, date) => {
    expect(amsterdamDate(new Date(instant))).toBe(date);
  });

  it('Fri 23:59 in winter is Friday, one minute later Saturday', () => {
    expect(amsterdamDate(new Date('2026-01-09T22:59:59.999Z'))).toBe('2026-01-09');
    expect(amsterdamDate(new Date('2026-01-09T23:00:00Z'))).toBe('2026-01-10');
  });

  it('Fri 23:59 in summer is Friday, one minute later Saturday', () => {
    expect(amsterdamDate(new Date('2026-07-10T21:59:59.999Z'))).toBe('2026-07-10');
    expect(amsterdamDate(new Date('2026-07-10T22:00:00Z'))).toBe('2026-07-11');
  });

  it('an event at Fri 23:59 Amsterdam counts Friday as day 0', () => {
    const day0 = amsterdamDate(new Date('2026-07-10T21:59:00Z'));
    const due = computeDue(
      { amount: 2, unit: 'workingDays', from: 'received' },
      day0,
      makeCalendar(),
    );
    expect(due.start).toBe('2026-07-10');
    expect(due.date).toBe('2026-07-14');
  });

  it('turns at every local midnight, also twice within one UTC hour', () => {
    const dates = (instants: string[]) => instants.map((i) => amsterdamDate(new Date(i)));
    expect(
      dates(['2026-01-09T22:59:59.999Z', '2026-01-09T23:00:00Z', '2026-01-09T23:59:59.999Z']),
    ).toEqual(['2026-01-09', '2026-01-10', '2026-01-10']);
  });

  it('rejects an invalid instant', () => {
    expect(() => amsterdamDate(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('endOfAmsterdamDay', () => {
  it.each([
    ['2026-03-28', '2026-03-28T22:59:59.999Z'],
    ['2026-03-29', '2026-03-29T21:59:59.999Z'],
    ['2026-07-01', '2026-07-01T21:59:59.999Z'],
    ['2026-10-24', '2026-10-24T21:59:59.999Z'],
    ['2026-10-25', '2026-10-25T22:59:59.999Z'],
    ['2026-12-29', '2026-12-29T22:59:59.999Z'],
  ])('%s ends at %s', (date, instant) => {
    expect(endOfAmsterdamDay(date).toISOString()).toBe(instant);
    expect(amsterdamDate(endOfAmsterdamDay(date))).toBe(date);
    expect(amsterdamDate(new Date(endOfAmsterdamDay(date).getTime() + 1))).not.toBe(date);
  });

  it('the spring-forward day has 23 hours and the fall-back day 25', () => {
    const hours = (a: string, b: string) =>
      (endOfAmsterdamDay(b).getTime() - endOfAmsterdamDay(a).getTime()) / 3_600_000;
    expect(hours('2026-03-28', '2026-03-29')).toBe(23);
    expect(hours('2026-10-24', '2026-10-25')).toBe(25);
    expect(hours('2026-07-01', '2026-07-02')).toBe(24);
  });

  it('dueAt carries the offset valid at the end of the day', () => {
    const calendar = makeCalendar();
    const term = { amount: 1, unit: 'workingDays', from: 'received' } as const;
    expect(computeDue(term, '2026-03-27', calendar).dueAt).toBe('2026-03-30T23:59:59.999+02:00');
    expect(computeDue(term, '2026-10-23', calendar).dueAt).toBe('2026-10-26T23:59:59.999+01:00');
    expect(new Date(computeDue(term, '2026-03-27', calendar).dueAt).toISOString()).toBe(
      endOfAmsterdamDay('2026-03-30').toISOString(),
    );
  });

  it('rejects impossible dates', () => {
    expect(() => endOfAmsterdamDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('the host time zone never shifts a date', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
    'same results with TZ=%s',
    (tz) => {
      process.env.TZ = tz;
      const calendar = makeCalendar();
      const weeks = { amount: 2, unit: 'weeks', from: 'received' } as const;
      expect(computeDue(weeks, '2026-03-15', calendar).date).toBe('2026-03-30');
      expect(computeDue(weeks, '2026-10-11', calendar).date).toBe('2026-10-26');
      expect(endOfAmsterdamDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
      expect(amsterdamDate(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    },
  );
});
