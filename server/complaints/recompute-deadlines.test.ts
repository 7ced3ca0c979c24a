import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import type { Procedure } from '../../shared/procedure';
import { world } from '../../test/unit-fixtures';
import { complaints, deadlines } from '../db/schema';
import type { DeadlineRow, EventRow } from './complaint-records';
import { recomputeDeadlines } from './recompute-deadlines';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

type Event = Pick<EventRow, 'type' | 'at' | 'data'>;
const ev = (type: string, at: string, data: unknown = null): Event => ({ type, at, data });

/** Registers a complaint, recomputes its deadlines from `events` and stores them. */
async function recompute(
  preset: 'awb' | 'wenb' | 'totaalonder1dak',
  events: Event[],
  options: {
    change?: (p: Procedure) => void;
    existing?: (rows: DeadlineRow[]) => DeadlineRow[];
  } = {},
) {
  w = await world(preset, options.change);
  const number = await w.submit();
  const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
  if (!row) throw new Error('no complaint');
  const stored = await w.db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) });
  const existing = options.existing ? options.existing(stored) : stored;
  const received = ev('received', row.registeredAt);
  const { writes, nextDue } = recomputeDeadlines(
    w.db,
    row,
    w.tenant,
    [received, ...events],
    existing,
  );
  if (writes.length > 0) await w.db.batch(writes as never);
  const rows = await w.db.query.deadlines.findMany({ where: eq(deadlines.complaintId, row.id) });
  const terms = Object.fromEntries(
    rows.map((d) => [
      d.term,
      { due: d.dueDate, metAt: d.metAt, metDate: d.metDate, postponed: d.postponed },
    ]),
  );
  return { nextDue, terms, writes: writes.length };
}

describe('recomputing the deadlines', () => {
  test('a term is met by the first event of its kind, on its Amsterdam date', async () => {
    // awb, received Mon 2 Mar 2026: acknowledgement by Mon 9 Mar, decision by Mon 13 Apr.
    const { terms, nextDue } = await recompute('awb', [
      ev('acknowledged', '2026-03-04T23:30:00.000Z'),
      ev('acknowledged', '2026-03-06T10:00:00.000Z'),
    ]);
    expect(terms.acknowledgement).toEqual({
      due: '2026-03-09',
      metAt: '2026-03-04T23:30:00.000Z',
      metDate: '2026-03-05',
      postponed: false,
    });
    expect(terms.decision).toEqual({
      due: '2026-04-13',
      metAt: null,
      metDate: null,
      postponed: false,
    });
    expect(nextDue).toBe('2026-04-13');
  });

  test('the next due date is the earliest open one; none when all are met', async () => {
    const open = await recompute('awb', []);
    expect(open.nextDue).toBe('2026-03-09');
    w.close();
    const done = await recompute('awb', [
      ev('acknowledged', '2026-03-03T10:00:00.000Z'),
      ev('closed', '2026-03-20T10:00:00.000Z'),
    ]);
    expect(done.nextDue).toBeNull();
  });

  test('a proposed solution is also a response, and closing settles every open promise', async () => {
    // totaalonder1dak: firstResponse (5 working days) is met by "responded".
    const proposed = await recompute('totaalonder1dak', [
      ev('solutionProposed', '2026-03-05T10:00:00.000Z'),
    ]);
    expect(proposed.terms.firstResponse?.metAt).toBe('2026-03-05T10:00:00.000Z');
    w.close();
    const closed = await recompute('totaalonder1dak', [ev('closed', '2026-03-06T10:00:00.000Z')]);
    expect(closed.terms.firstResponse?.metAt).toBe('2026-03-06T10:00:00.000Z');
    w.close();
    const decided = await recompute('totaalonder1dak', [
      ev('appealDecided', '2026-03-04T10:00:00.000Z'),
    ]);
    expect(decided.terms.firstResponse?.metAt).toBe('2026-03-04T10:00:00.000Z');
    w.close();
    // awb's decision is met by closing only; a response does not meet it.
    const responded = await recompute('awb', [ev('responded', '2026-03-04T10:00:00.000Z')]);
    expect(responded.terms.decision?.metAt).toBeNull();
  });

  test('the earliest of the events that meet a term counts', async () => {
    const { terms } = await recompute('totaalonder1dak', [
      ev('solutionProposed', '2026-03-05T10:00:00.000Z'),
      ev('responded', '2026-03-06T10:00:00.000Z'),
      ev('closed', '2026-03-04T10:00:00.000Z'),
    ]);
    expect(terms.firstResponse?.metAt).toBe('2026-03-04T10:00:00.000Z');
  });

  test('a met term stays met as it was, whatever happens later', async () => {
    const { terms } = await recompute('awb', [ev('acknowledged', '2026-03-06T10:00:00.000Z')], {
      existing: (rows) =>
        rows.map((d) =>
          d.term === 'acknowledgement' ? { ...d, metAt: '2026-03-03T08:00:00.000Z' } : d,
        ),
    });
    expect(terms.acknowledgement?.metAt).toBe('2026-03-03T08:00:00.000Z');
    expect(terms.decision?.metAt).toBeNull();
  });

  test('a term the procedure no longer has still counts for the next due date while open', async () => {
    const retired = (metAt: string | null) => (rows: DeadlineRow[]) => [
      ...rows,
      { ...(rows[0] as DeadlineRow), term: 'retired', dueDate: '2026-03-03', metAt },
    ];
    const open = await recompute('awb', [], { existing: retired(null) });
    expect(open.nextDue).toBe('2026-03-03');
    w.close();
    const met = await recompute('awb', [], { existing: retired('2026-03-02T10:00:00.000Z') });
    expect(met.nextDue).toBe('2026-03-09');
  });

  test('the next due date is the earliest, whatever the order of the terms', async () => {
    const { nextDue } = await recompute('awb', [], {
      change: (p) => {
        const { acknowledgement, decision } = p.terms;
        if (acknowledgement && decision) p.terms = { decision, acknowledgement };
      },
    });
    expect(nextDue).toBe('2026-03-09');
  });

  test('a "registered within" term is met at registration', async () => {
    // wenb: registration (2 working days) is met by "received".
    const { terms, nextDue } = await recompute('wenb', []);
    expect(terms.registration).toMatchObject({ due: '2026-03-04', metDate: '2026-03-02' });
    expect(terms.registration?.metAt).toBe('2026-03-02T09:00:00.000Z');
    expect(nextDue).toBe('2026-03-04'); // the acknowledgement, also due 4 March
  });

  test('a term that waits for an event starts with it, from the term it follows', async () => {
    const before = await recompute('wenb', []);
    expect(Object.keys(before.terms).sort()).toEqual([
      'acknowledgement',
      'registration',
      'resolution',
    ]);
    w.close();
    const after = await recompute('wenb', [ev('appealFiled', '2026-03-20T10:00:00.000Z')]);
    // resolution Mon 16 Mar + 4 weeks = Mon 13 Apr.
    expect(after.terms.appealDecision).toEqual({
      due: '2026-04-13',
      metAt: null,
      metDate: null,
      postponed: false,
    });
  });

  test('a postponement moves the term and is marked', async () => {
    const { terms, nextDue } = await recompute('awb', [
      ev('acknowledged', '2026-03-03T10:00:00.000Z'),
      ev('postponed', '2026-03-20T10:00:00.000Z', {
        term: 'decision',
        weeks: 4,
        announcedOn: '2026-03-20',
      }),
    ]);
    expect(terms.decision).toEqual({
      due: '2026-05-11',
      metAt: null,
      metDate: null,
      postponed: true,
    });
    expect(terms.acknowledgement?.postponed).toBe(false);
    expect(nextDue).toBe('2026-05-11');
  });

  test('terms count from the real receipt date, not from registration', async () => {
    w = await world('awb');
    const number = await w.submit({ channel: 'letter', receivedAt: '2026-02-23T10:00:00+01:00' });
    const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
    if (!row) throw new Error('no complaint');
    const { nextDue } = recomputeDeadlines(
      w.db,
      row,
      w.tenant,
      [ev('received', row.registeredAt), ev('received', '2026-03-10T10:00:00.000Z')],
      [],
    );
    // Mon 23 Feb + 5 working days = Mon 2 Mar.
    expect(nextDue).toBe('2026-03-02');
  });
});
