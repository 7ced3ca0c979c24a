import { describe, expect, it } from 'vitest';
import { amsterdamDate, assertIsoDate, formatDate, formatLongDate, isValidIsoDate } from './dates';

describe('calendar dates', () => {
  it('are existing YYYY-MM-DD dates from 1900 to 9999, as strings', () => {
    expect(isValidIsoDate('1900-01-01')).toBe(true);
    expect(isValidIsoDate('9999-12-31')).toBe(true);
    expect(isValidIsoDate('1899-12-31')).toBe(false);
    expect(isValidIsoDate('0000-01-01')).toBe(false);
    expect(isValidIsoDate(20260101)).toBe(false);
    expect(isValidIsoDate(null)).toBe(false);
    expect(isValidIsoDate(new Date('2026-01-01'))).toBe(false);
  });

  it('say what was wrong, and with what', () => {
    expect(() => assertIsoDate('2026-02-30')).toThrow(
      'Invalid date: expected an existing YYYY-MM-DD date, got 2026-02-30',
    );
    expect(() => assertIsoDate(undefined, 'start date')).toThrow(
      'Invalid start date: expected an existing YYYY-MM-DD date, got undefined',
    );
  });

  it('are written the Dutch and the English way, with or without the year', () => {
    expect(formatDate('2026-12-28', 'nl')).toBe('ma 28 dec 2026');
    expect(formatDate('2026-03-01', 'en')).toBe('Sun 1 Mar 2026');
    expect(formatDate('2026-05-09', 'nl', false)).toBe('za 9 mei');
    expect(() => formatDate('2026-13-01', 'nl')).toThrow(RangeError);
  });

  it('are written out in full the way a letter dates them', () => {
    expect(formatLongDate('2027-01-04', 'nl')).toBe('4 januari 2027');
    expect(formatLongDate('2026-12-28', 'en')).toBe('28 December 2026');
    expect(formatLongDate('2026-05-09', 'nl')).toBe('9 mei 2026');
    expect(() => formatLongDate('2026-02-30', 'en')).toThrow(RangeError);
  });

  it('of an instant that is no instant cannot be told', () => {
    expect(() => amsterdamDate(new Date('nonsense'))).toThrow('Invalid instant');
  });
});
