import { describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { reportCounts } from '../db/schema';
import { median, yearlyReport } from './yearly-report';

describe('the median of a histogram', () => {
  test('is the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([[4, 0]])).toBeNull();
    expect(median([[7, 1]])).toBe(7);
    expect(
      median([
        [3, 1],
        [9, 1],
      ]),
    ).toBe(6);
    expect(
      median([
        [10, 2],
        [2, 1],
      ]),
    ).toBe(10);
    expect(
      median([
        [1, 2],
        [5, 1],
        [8, 1],
      ]),
    ).toBe(3);
    expect(
      median([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    ).toBe(2);
    expect(
      median([
        [2, 3],
        [4, 0],
        [9, 3],
      ]),
    ).toBe(5.5);
  });

  test('does not depend on the order the handling times come in', () => {
    expect(
      median([
        [9, 1],
        [1, 1],
        [2, 1],
      ]),
    ).toBe(2);
    expect(
      median([
        [30, 2],
        [4, 1],
        [12, 2],
      ]),
    ).toBe(12);
  });
});

describe('the yearly report', () => {
  test('adds up the months of its own year, and derives handled, open and the share in term', async () => {
    const w = await world('awb');
    try {
      const tenantId = w.tenant.id;
      const rows = (month: string, counts: Record<string, number>) =>
        Object.entries(counts).map(([key, n]) => ({ tenantId, month, key, n }));
      await w.db.delete(reportCounts);
      await w.db.insert(reportCounts).values([
        ...rows('2025-12', { received: 50, closed: 50 }),
        ...rows('2026-01', {
          received: 6,
          closed: 5,
          declined: 1,
          inTerm: 3,
          postponed: 2,
          'days:10': 2,
          'days:30': 2,
          'category:': 2,
          'category:overig': 4,
          // A complaint moved to another category: its old one counts nothing.
          'category:klacht': 0,
          'classification:gegrond': 3,
          'classification:': 3,
          'admissible:yes': 4,
          'admissible:no': 1,
          'admissible:unknown': 1,
        }),
        ...rows('2026-12', {
          received: 1,
          'days:40': 0,
          'category:overig': 1,
          'classification:': 1,
        }),
        ...rows('2027-01', { received: 9 }),
      ]);
      const noStatutoryTerm = { terms: { handling: {} } };
      expect(await yearlyReport(w.db, tenantId, 2026, noStatutoryTerm)).toEqual({
        year: 2026,
        received: 7,
        handled: 4,
        notHandled: 1,
        open: 2,
        byCategory: { none: 2, overig: 5 },
        byClassification: { gegrond: 3, none: 4 },
        admissible: { yes: 4, no: 1, unknown: 1 },
        statutoryTerm: null,
        handledWithinTerm: 3,
        handledWithinTermShare: 0.75,
        handledWithinAllTerms: 3,
        handledWithinAllTermsShare: 0.75,
        medianHandlingDays: 20,
        postponed: 2,
      });
      const empty = await yearlyReport(w.db, tenantId, 2024, noStatutoryTerm);
      expect(empty).toMatchObject({
        received: 0,
        handledWithinTermShare: null,
        medianHandlingDays: null,
      });
    } finally {
      w.close();
    }
  });
});
