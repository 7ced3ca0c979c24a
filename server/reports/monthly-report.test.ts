import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { complaints, deadlines } from '../db/schema';
import { monthlyReport } from './monthly-report';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

async function complaint(
  values: Partial<typeof complaints.$inferInsert>,
  due?: Partial<typeof deadlines.$inferInsert>,
) {
  const number = await w.submit();
  await w.db.update(complaints).set(values).where(eq(complaints.number, number));
  const row = await w.db.query.complaints.findFirst({ where: eq(complaints.number, number) });
  // One term per complaint keeps the overdue count readable.
  await w.db.delete(deadlines).where(eq(deadlines.complaintId, row?.id ?? ''));
  if (due) {
    await w.db.insert(deadlines).values({
      complaintId: row?.id ?? '',
      tenantId: w.tenant.id,
      term: 'decision',
      dueDate: '2026-03-10',
      detail: {},
      ...due,
    });
  }
}

const NOW = new Date('2026-03-31T22:30:00.000Z'); // 1 April in Amsterdam

describe('the monthly report', () => {
  test('counts per month of registration: received, open, closed and admissibility', async () => {
    w = await world('awb');
    await complaint({ registeredDate: '2026-01-31', status: 'closed', admissible: true });
    await complaint({ registeredDate: '2026-01-01', status: 'received', admissible: false });
    await complaint({ registeredDate: '2026-01-15', status: 'inProgress' });
    await complaint({ registeredDate: '2026-03-31', status: 'closed', admissible: true });
    await complaint({ registeredDate: '2025-12-31', status: 'received' });
    await complaint({ registeredDate: '2027-01-01', status: 'received' });
    const { year, months } = await monthlyReport(w.db, w.tenant.id, 2026, NOW);
    expect(year).toBe(2026);
    expect(months.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(months[0]).toMatchObject({
      received: 3,
      open: 2,
      closed: 1,
      admissible: { yes: 1, no: 1, unknown: 1 },
    });
    expect(months[1]).toEqual({
      month: '2026-02',
      received: 0,
      byCategory: {},
      byClassification: {},
      admissible: { yes: 0, no: 0, unknown: 0 },
      open: 0,
      closed: 0,
      overdue: 0,
    });
    expect(months[2]).toMatchObject({
      received: 1,
      closed: 1,
      admissible: { yes: 1, no: 0, unknown: 0 },
    });
    const other = await monthlyReport(w.db, 'another-tenant', 2026, NOW);
    expect(other.months.every((m) => m.received === 0)).toBe(true);
  });

  test('counts categories and classifications, "none" for what was not chosen', async () => {
    w = await world('awb');
    await complaint({
      registeredDate: '2026-05-02',
      category: 'overig',
      classification: 'gegrond',
    });
    await complaint({ registeredDate: '2026-05-03', category: 'overig', classification: null });
    await complaint({ registeredDate: '2026-05-04', category: null, classification: 'ongegrond' });
    await complaint({ registeredDate: '2026-06-04', category: 'informatie' });
    const { months } = await monthlyReport(w.db, w.tenant.id, 2026, NOW);
    expect(months[4]?.byCategory).toEqual({ overig: 2, none: 1 });
    expect(months[4]?.byClassification).toEqual({ gegrond: 1, ongegrond: 1, none: 1 });
    expect(months[5]?.byCategory).toEqual({ informatie: 1 });
  });

  test('overdue: a term met late, or unmet past its date while open (closing ends it)', async () => {
    w = await world('awb');
    const base = { registeredDate: '2026-03-02' };
    await complaint(base, { metDate: '2026-03-11' }); // met a day late
    await complaint(base, { metDate: '2026-03-10' }); // met on the day
    await complaint(base, { metDate: null }); // open, past its date today
    await complaint(
      { ...base, status: 'closed', closedAt: '2026-03-09T10:00:00Z' },
      { metDate: null },
    );
    await complaint(
      { ...base, status: 'closed', closedAt: '2026-03-11T10:00:00Z' },
      { metDate: null },
    );
    // Due 31 March: past in Amsterdam (1 April 00:30), although still 31 March in UTC.
    await complaint(base, { metDate: null, dueDate: '2026-03-31' });
    await complaint(base);
    const { months } = await monthlyReport(w.db, w.tenant.id, 2026, NOW);
    expect(months[2]).toMatchObject({ received: 7, overdue: 4 });
    const dayBefore = await monthlyReport(
      w.db,
      w.tenant.id,
      2026,
      new Date('2026-03-31T12:00:00Z'),
    );
    expect(dayBefore.months[2]?.overdue).toBe(3);
  });
});
