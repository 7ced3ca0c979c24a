import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import type { DueDate } from '../../shared/deadlines';
import { world } from '../../test/unit-fixtures';
import { complaints, deadlines } from '../db/schema';
import { missedFor } from '../reports/report-counts';
import type { DeadlineRow, EventRow } from './complaint-records';
import { recomputeDeadlines } from './recompute-deadlines';

type World = Awaited<ReturnType<typeof world>>;
let w: World | undefined;
afterEach(() => {
  w?.close();
  w = undefined;
});

type Event = Pick<EventRow, 'type' | 'at' | 'data'>;
const ev = (type: string, at: string, data: unknown = null): Event => ({ type, at, data });

/** An awb complaint received Mon 2 Mar 2026, with its stored deadline rows. */
async function registered() {
  w = await world('awb');
  const number = await w.submit();
  const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
  if (!row) throw new Error('no complaint');
  const stored = await w.db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) });
  return { w, row, stored, received: ev('received', row.registeredAt) };
}

describe('the terms a step counts', () => {
  test('each term of the procedure once, and a term the procedure no longer has as well', async () => {
    const { w, row, stored, received } = await registered();
    const retired: DeadlineRow = {
      ...(stored[0] as DeadlineRow),
      term: 'retired',
      dueDate: '2026-03-03',
      metAt: null,
      metDate: null,
    };
    const { terms } = recomputeDeadlines(w.db, row, w.tenant, [received], [...stored, retired]);
    const seen = terms.map((t) => [t.dueDate, t.metDate, t.postponed]).sort();
    expect(seen).toEqual([
      ['2026-03-03', null, false],
      ['2026-03-09', null, false],
      ['2026-04-13', null, false],
    ]);
    // Closed on 5 March, the retired term (due 3 March, never met) was missed.
    expect(missedFor(terms, '2026-03-05')).toBe(true);
    expect(missedFor(terms.slice(0, 2), '2026-03-05')).toBe(false);
  });
});

describe('a further postponement with consent', () => {
  test("the explanation of the term names the complainant's consent", async () => {
    const { w, row, stored, received } = await registered();
    const timeline = [
      received,
      ev('postponed', '2026-03-20T10:00:00.000Z', {
        term: 'decision',
        weeks: 4,
        announcedOn: '2026-03-20',
      }),
      ev('postponed', '2026-04-20T10:00:00.000Z', {
        term: 'decision',
        weeks: 6,
        announcedOn: '2026-04-20',
        consent: { givenOn: '2026-04-15', how: 'letter' },
      }),
    ];
    const { writes } = recomputeDeadlines(w.db, row, w.tenant, timeline, stored);
    await w.db.batch(writes as never);
    const decision = await w.db.query.deadlines.findFirst({
      where: eq(deadlines.term, 'decision'),
    });
    const detail = decision?.detail as DueDate;
    // 13 April + 4 + 6 weeks = 22 June.
    expect(decision?.dueDate).toBe('2026-06-22');
    expect(detail.explanation.en).toContain("with the complainant's consent of");
    expect(detail.explanation.nl).toContain('met instemming van de klager van');
  });
});
