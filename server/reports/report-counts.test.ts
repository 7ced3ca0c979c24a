import { describe, expect, test } from 'vitest';
import { tempDatabase } from '../../test/unit-fixtures';
import type { Db } from '../db/client';
import { reportCounts } from '../db/schema';
import { type Counted, countChanges, countKeys, missedFor } from './report-counts';

/** A complaint registered in March 2026, still open, nothing known about it yet. */
const counted = (changes: Partial<Counted> = {}): Counted => ({
  registeredDate: '2026-03-02',
  status: 'received',
  category: null,
  classification: null,
  admissible: null,
  missed: false,
  missedStatutory: false,
  declined: false,
  postponed: false,
  handlingDays: null,
  ...changes,
});

describe('what a complaint counts for in the reports', () => {
  test('an open complaint counts as received, with an empty category and classification', () => {
    expect(countKeys(counted())).toEqual([
      'received',
      'category:',
      'classification:',
      'admissible:unknown',
    ]);
  });

  test('a complaint that is overdue for good and postponed counts as missed and postponed', () => {
    expect(
      countKeys(counted({ missed: true, postponed: true, category: 'overig', admissible: false })),
    ).toEqual([
      'received',
      'missed',
      'postponed',
      'category:overig',
      'classification:',
      'admissible:no',
    ]);
  });

  test('a handled complaint counts as closed, in term, and by its handling time', () => {
    const handled = counted({
      status: 'closed',
      classification: 'gegrond',
      admissible: true,
      handlingDays: 12,
    });
    expect(countKeys(handled)).toEqual([
      'received',
      'closed',
      'inTerm',
      'inStatutoryTerm',
      'days:12',
      'category:',
      'classification:gegrond',
      'admissible:yes',
    ]);
  });

  test('a handled complaint that missed a term is not in term, but has a handling time', () => {
    const late = counted({ status: 'closed', missed: true, handlingDays: 40 });
    expect(countKeys(late)).toEqual([
      'received',
      'closed',
      'missed',
      'inStatutoryTerm',
      'days:40',
      'category:',
      'classification:',
      'admissible:unknown',
    ]);
    expect(countKeys(counted({ status: 'closed' }))).toContain('inTerm');
    // Missing the statutory term as well: in no term at all.
    const both = countKeys(counted({ status: 'closed', missed: true, missedStatutory: true }));
    expect(both.filter((k) => k.startsWith('in'))).toEqual([]);
    expect(countKeys(counted({ status: 'closed' })).some((k) => k.startsWith('days:'))).toBe(false);
  });

  test('a declined complaint counts as closed and declined, not as handled', () => {
    const declined = counted({ status: 'closed', declined: true, handlingDays: 5 });
    expect(countKeys(declined)).toEqual([
      'received',
      'closed',
      'declined',
      'category:',
      'classification:',
      'admissible:unknown',
    ]);
  });

  test('a decline counts only once the complaint is closed, and an open one is not handled', () => {
    const open = ['received', 'category:', 'classification:', 'admissible:unknown'];
    expect(countKeys(counted({ status: 'inProgress', declined: true, handlingDays: 5 }))).toEqual(
      open,
    );
    expect(countKeys(counted({ status: 'inProgress', handlingDays: 5 }))).toEqual(open);
  });
});

describe('whether a complaint missed a term for good', () => {
  const term = (dueDate: string, metDate: string | null = null) => ({ dueDate, metDate });

  test('a term met after its date is missed, on or before it is not', () => {
    expect(missedFor([term('2026-03-09', '2026-03-10')], null)).toBe(true);
    expect(missedFor([term('2026-03-09', '2026-03-09')], null)).toBe(false);
    expect(missedFor([term('2026-03-09', '2026-03-04')], '2026-03-20')).toBe(false);
  });

  test('closing while a term is past its date unmet misses it; closing on its date does not', () => {
    expect(missedFor([term('2026-03-09')], '2026-03-10')).toBe(true);
    expect(missedFor([term('2026-03-09')], '2026-03-09')).toBe(false);
    expect(missedFor([term('2026-03-09')], '2026-03-05')).toBe(false);
  });

  test('an open complaint past an unmet date has not missed it for good', () => {
    expect(missedFor([term('2026-03-09')], null)).toBe(false);
    expect(missedFor([term('2026-03-09', '2026-03-04'), term('2026-04-13')], null)).toBe(false);
    expect(missedFor([term('2026-03-09', '2026-03-04'), term('2026-03-12')], '2026-03-13')).toBe(
      true,
    );
  });
});

describe('the counters kept as complaints change', () => {
  const tenantId = 'tenant-1';
  const counters = async (db: Db) =>
    (await db.select().from(reportCounts)).map((r) => `${r.month} ${r.key} ${r.n}`).sort();
  const apply = async (statements: ReturnType<typeof countChanges>) => {
    for (const statement of statements) await statement;
  };

  test('a new complaint adds one to each of its counters, in its month of registration', async () => {
    const { db, close } = await tempDatabase();
    try {
      await db.delete(reportCounts);
      await apply(countChanges(db, tenantId, null, counted({ category: 'overig' })));
      expect(await counters(db)).toEqual([
        '2026-03 admissible:unknown 1',
        '2026-03 category:overig 1',
        '2026-03 classification: 1',
        '2026-03 received 1',
      ]);
    } finally {
      close();
    }
  });

  test('a change moves only the counters that differ, and no change writes nothing', async () => {
    const { db, close } = await tempDatabase();
    try {
      await db.delete(reportCounts);
      const before = counted({ category: 'overig' });
      await apply(countChanges(db, tenantId, null, before));
      await apply(countChanges(db, tenantId, null, counted()));
      const after = { ...before, status: 'closed', handlingDays: 7 };
      const moves = countChanges(db, tenantId, before, after);
      expect(moves).toHaveLength(1);
      await apply(moves);
      expect(await counters(db)).toEqual([
        '2026-03 admissible:unknown 2',
        '2026-03 category: 1',
        '2026-03 category:overig 1',
        '2026-03 classification: 2',
        '2026-03 closed 1',
        '2026-03 days:7 1',
        '2026-03 inStatutoryTerm 1',
        '2026-03 inTerm 1',
        '2026-03 received 2',
      ]);
      expect(countChanges(db, tenantId, after, { ...after })).toEqual([]);
    } finally {
      close();
    }
  });
});
