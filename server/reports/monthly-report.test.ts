import { afterEach, describe, expect, test } from 'vitest';
import { world } from '../../test/unit-fixtures';
import { monthlyReport } from './monthly-report';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

/*
 * The report reads counters kept as complaints are registered and stepped through, so every
 * complaint here is made as production makes it: submitted at the clock's moment (its month of
 * registration) and moved on by real steps.
 */

/** Registers a complaint at `at` (the clock stays there). */
async function registerAt(at: string, extra: Record<string, unknown> = {}) {
  w.clock.now = new Date(at);
  return w.submit(extra);
}

/** Closes a complaint at `at` with what awb asks on closing, plus `body`. */
async function closeAt(number: string, at: string, body: Record<string, unknown> = {}) {
  w.clock.now = new Date(at);
  await w.step(number, 'close', { classification: 'gegrond', summary: 'Afgehandeld', ...body });
}

const NOW = new Date('2026-03-31T22:30:00.000Z'); // 1 April in Amsterdam

describe('the monthly report', () => {
  test('counts per month of registration: received, open, closed and admissibility', async () => {
    w = await world('awb');
    await registerAt('2025-12-31T12:00:00.000Z');
    // Found not admissible, then reopened: open again, still not admissible.
    const notAdmissible = await registerAt('2026-01-01T12:00:00.000Z');
    await closeAt(notAdmissible, '2026-01-05T10:00:00.000Z', { admissible: false });
    w.clock.now = new Date('2026-01-06T10:00:00.000Z');
    await w.step(notAdmissible, 'reopen', { reason: 'Toch ontvankelijk?' });
    const inProgress = await registerAt('2026-01-15T12:00:00.000Z');
    await w.step(inProgress, 'respond', { message: 'Wij kijken ernaar.' });
    // Registered on the last day of January, closed in February: it counts in January.
    const closedLater = await registerAt('2026-01-31T12:00:00.000Z');
    await closeAt(closedLater, '2026-02-10T10:00:00.000Z', { admissible: true });
    const march = await registerAt('2026-03-31T12:00:00.000Z');
    await closeAt(march, '2026-03-31T13:00:00.000Z', { admissible: true });
    // 31 December 23:30 UTC is 1 January in Amsterdam: registered in 2027.
    await registerAt('2026-12-31T23:30:00.000Z');
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
      open: 0,
      closed: 1,
      admissible: { yes: 1, no: 0, unknown: 0 },
    });
    expect(months[11]).toMatchObject({ received: 0, open: 0, closed: 0 });
    const before = await monthlyReport(w.db, w.tenant.id, 2025, NOW);
    expect(before.months[11]).toMatchObject({ received: 1, open: 1, closed: 0 });
    const after = await monthlyReport(w.db, w.tenant.id, 2027, NOW);
    expect(after.months[0]).toMatchObject({ received: 1, open: 1, closed: 0 });
    const other = await monthlyReport(w.db, 'another-tenant', 2026, NOW);
    expect(other.months.every((m) => m.received === 0)).toBe(true);
  });

  test('counts categories and classifications, "none" for what was not chosen', async () => {
    w = await world('awb');
    const a = await registerAt('2026-05-02T10:00:00.000Z', { category: 'overig' });
    await closeAt(a, '2026-05-20T10:00:00.000Z', { classification: 'gegrond' });
    await registerAt('2026-05-03T10:00:00.000Z', { category: 'overig' });
    const c = await registerAt('2026-05-04T10:00:00.000Z');
    await closeAt(c, '2026-05-20T10:00:00.000Z', { classification: 'ongegrond' });
    // A category chosen later moves the count from "none" to it.
    const d = await registerAt('2026-06-04T10:00:00.000Z');
    await w.step(d, 'update', { category: 'informatie' });
    const { months } = await monthlyReport(w.db, w.tenant.id, 2026, NOW);
    expect(months[4]?.byCategory).toEqual({ overig: 2, none: 1 });
    expect(months[4]?.byClassification).toEqual({ gegrond: 1, ongegrond: 1, none: 1 });
    expect(months[5]?.byCategory).toEqual({ informatie: 1 });
    expect(months[5]?.byClassification).toEqual({ none: 1 });
  });

  test('overdue: a term met late, or unmet past its date while open (closing ends it)', async () => {
    // awb, registered Mon 2 March: the acknowledgement is due Mon 9 March, the decision 13 April.
    w = await world('awb');
    const base = '2026-03-02T09:00:00.000Z';
    const lateAck = await registerAt(base);
    w.clock.now = new Date('2026-03-10T10:00:00.000Z');
    await w.step(lateAck, 'acknowledge'); // met a day late
    const onTime = await registerAt(base);
    w.clock.now = new Date('2026-03-09T10:00:00.000Z');
    await w.step(onTime, 'acknowledge'); // met on the day
    await registerAt(base); // open, never acknowledged: past its date today
    const closedInTime = await registerAt(base);
    await closeAt(closedInTime, '2026-03-06T10:00:00.000Z'); // closed before the date passed
    const closedLate = await registerAt(base);
    await closeAt(closedLate, '2026-03-10T10:00:00.000Z'); // closed with the date passed unmet
    // Registered Tue 24 March: acknowledgement due Tue 31 March, past in Amsterdam at NOW
    // (1 April 00:30), although still 31 March in UTC.
    await registerAt('2026-03-24T09:00:00.000Z');
    await registerAt('2026-03-30T09:00:00.000Z'); // due 6 April
    const { months } = await monthlyReport(w.db, w.tenant.id, 2026, NOW);
    expect(months[2]).toMatchObject({ received: 7, open: 5, closed: 2, overdue: 4 });
    const dayBefore = await monthlyReport(
      w.db,
      w.tenant.id,
      2026,
      new Date('2026-03-31T12:00:00Z'),
    );
    expect(dayBefore.months[2]?.overdue).toBe(3);
  });

  test('a complaint that missed a term and is reopened still counts as overdue once', async () => {
    w = await world('awb');
    const n = await registerAt('2026-03-02T09:00:00.000Z');
    await closeAt(n, '2026-03-10T10:00:00.000Z'); // acknowledgement due 9 March, never met
    w.clock.now = new Date('2026-03-11T10:00:00.000Z');
    await w.step(n, 'reopen');
    const { months } = await monthlyReport(w.db, w.tenant.id, 2026, NOW);
    expect(months[2]).toMatchObject({ received: 1, open: 1, closed: 0, overdue: 1 });
  });
});
