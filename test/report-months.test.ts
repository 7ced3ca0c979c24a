import { afterEach, beforeEach, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

/*
 * The monthly report counts complaints by month of REGISTRATION (PRODUCT.md "Per month (by
 * registration date)"; README "per month of registration"), in Amsterdam time. A complaint that
 * came in by letter on 27 February and was registered on 2 March counts in March; one phoned in
 * on 30 December and registered on 4 January counts in January of the next year.
 */

let t: TestApp;
let now: Date;
let key: string;

beforeEach(async () => {
  now = new Date('2026-01-05T09:00:00Z');
  t = await testApp({ now: () => now });
  key = await t.tenant('wenb');
});
afterEach(() => t.close());

const auth = () => ({ Authorization: `Bearer ${key}` });

async function register(at: string, receivedAt?: string) {
  now = new Date(at);
  const res = await t.json(
    'POST',
    '/v1/tenants/wenb/complaints',
    {
      complainant: { name: 'Jan Jansen', phone: '06 12345678', email: 'jan@example.nl' },
      description: 'Het advies kwam te laat.',
      ...(receivedAt ? { channel: 'letter', receivedAt } : {}),
    },
    auth(),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).number as string;
}

/** The months of a year's report that count anything: { 'YYYY-MM': received }. */
async function received(year: number) {
  const res = await t.json(
    'GET',
    `/v1/tenants/wenb/reports/monthly?year=${year}`,
    undefined,
    auth(),
  );
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.months).toHaveLength(12);
  return Object.fromEntries(
    (body.months as { month: string; received: number; open: number }[])
      .filter((m) => m.received > 0 || m.open > 0)
      .map((m) => [m.month, m.received]),
  );
}

/** The export's rows of a year: number → [registered, received]. */
async function exported(year: number) {
  const res = await t.app.request(`/v1/tenants/wenb/reports/complaints.csv?year=${year}`, {
    headers: auth(),
  });
  const [header, ...rows] = (await res.text()).trim().split('\r\n');
  const columns = (header ?? '').replace('\uFEFF', '').split(',');
  return Object.fromEntries(
    rows.map((row) => {
      const cells = row.split(',');
      const cell = (name: string) => cells[columns.indexOf(name)];
      return [cell('number'), [cell('registered'), cell('received')]];
    }),
  );
}

test('a letter received in February and registered in March counts in March', async () => {
  const number = await register('2026-03-02T09:00:00Z', '2026-02-27T16:45:00+01:00');
  expect(await received(2026)).toEqual({ '2026-03': 1 });
  expect(await exported(2026)).toEqual({ [number]: ['2026-03-02', '2026-02-27'] });
});

test('a complaint received in December and registered in January counts in the new year', async () => {
  const number = await register('2027-01-04T09:00:00Z', '2026-12-30T16:00:00+01:00');
  expect(number).toBe('2027-0001');
  expect(await received(2026)).toEqual({});
  expect(await received(2027)).toEqual({ '2027-01': 1 });
  expect(await exported(2026)).toEqual({});
  expect(await exported(2027)).toEqual({ [number]: ['2027-01-04', '2026-12-30'] });
});

test('the month of registration is the Amsterdam month, at midnight in summer and winter', async () => {
  const lateMarch = await register('2026-03-31T21:59:00Z'); // 31 Mar, 23:59 (UTC+2)
  const earlyApril = await register('2026-03-31T22:30:00Z'); // 1 Apr, 00:30 (UTC+2)
  const lateOctober = await register('2026-10-31T22:59:00Z'); // 31 Oct, 23:59 (UTC+1)
  const earlyNovember = await register('2026-10-31T23:30:00Z'); // 1 Nov, 00:30 (UTC+1)
  const newYear = await register('2026-12-31T23:30:00Z'); // 1 Jan 2027, 00:30 (UTC+1)
  expect(await received(2026)).toEqual({
    '2026-03': 1,
    '2026-04': 1,
    '2026-10': 1,
    '2026-11': 1,
  });
  expect(await received(2027)).toEqual({ '2027-01': 1 });
  const rows = { ...(await exported(2026)), ...(await exported(2027)) };
  expect(rows[lateMarch]?.[0]).toBe('2026-03-31');
  expect(rows[earlyApril]?.[0]).toBe('2026-04-01');
  expect(rows[lateOctober]?.[0]).toBe('2026-10-31');
  expect(rows[earlyNovember]?.[0]).toBe('2026-11-01');
  expect(rows[newYear]?.[0]).toBe('2027-01-01');
});

test('a year of registrations with receipts in earlier months', async () => {
  // [registered, received] — each registered in a later month than it was received.
  const made = [
    ['2026-01-05T09:00:00Z', '2025-12-29T10:00:00+01:00'],
    ['2026-02-02T09:00:00Z', '2026-01-30T10:00:00+01:00'],
    ['2026-02-03T09:00:00Z', '2026-01-31T10:00:00+01:00'],
    ['2026-07-01T09:00:00Z', '2026-06-30T10:00:00+02:00'],
    ['2026-07-01T10:00:00Z', undefined],
  ] as const;
  for (const [at, receivedAt] of made) await register(at, receivedAt);
  expect(await received(2025)).toEqual({});
  expect(await received(2026)).toEqual({ '2026-01': 1, '2026-02': 2, '2026-07': 2 });
});
