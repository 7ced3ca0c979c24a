import { afterEach, beforeEach, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

/*
 * Numbers are per tenant and per year of registration, Amsterdam time (README: "2026-0001",
 * "gap-free"): the first complaint registered after midnight on New Year's Eve in Amsterdam is
 * number 0001 of the new year, although it is still the old year in UTC for another hour.
 */

let t: TestApp;
let now: Date;
const keys: Record<string, string> = {};

beforeEach(async () => {
  now = new Date('2025-06-01T09:00:00Z');
  t = await testApp({ now: () => now });
  keys.wenb = await t.tenant('wenb');
  keys.totaalonder1dak = await t.tenant('totaalonder1dak');
});
afterEach(() => t.close());

async function submitAt(instant: string, slug = 'wenb', extra: Record<string, unknown> = {}) {
  now = new Date(instant);
  const res = await t.json(
    'POST',
    `/v1/tenants/${slug}/complaints`,
    {
      complainant: {
        name: 'Jan Jansen',
        initials: 'J.',
        phone: '06 12345678',
        email: 'jan@example.nl',
      },
      description: 'Het advies kwam te laat.',
      ...extra,
    },
    { Authorization: `Bearer ${keys[slug]}` },
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).number as string;
}

async function report(year: number, slug = 'wenb') {
  const res = await t.json('GET', `/v1/tenants/${slug}/reports/monthly?year=${year}`, undefined, {
    Authorization: `Bearer ${keys[slug]}`,
  });
  expect(res.status).toBe(200);
  const body = await res.json();
  return Object.fromEntries(
    (body.months as { month: string; received: number }[])
      .filter((m) => m.received > 0)
      .map((m) => [m.month, m.received]),
  );
}

async function csvNumbers(year: number) {
  const res = await t.app.request(`/v1/tenants/wenb/reports/complaints.csv?year=${year}`, {
    headers: { Authorization: `Bearer ${keys.wenb}` },
  });
  const lines = (await res.text()).trim().split('\r\n').slice(1);
  return lines.map((l) => l.split(',')[0]);
}

test('numbers start again at 0001 at midnight on New Year’s Eve, Amsterdam time', async () => {
  const numbers = [
    await submitAt('2025-12-31T22:59:00Z'), // 31 Dec 2025, 23:59 in Amsterdam
    await submitAt('2025-12-31T23:01:00Z'), // 1 Jan 2026, 00:01 in Amsterdam (2025 in UTC)
    await submitAt('2026-06-15T10:00:00Z'),
    await submitAt('2026-12-31T22:58:00Z'), // 31 Dec 2026, 23:58
    await submitAt('2026-12-31T22:59:00Z'), // 31 Dec 2026, 23:59
    await submitAt('2026-12-31T23:01:00Z'), // 1 Jan 2027, 00:01
    await submitAt('2027-01-01T10:00:00Z'),
  ];
  expect(numbers).toEqual([
    '2025-0001',
    '2026-0001',
    '2026-0002',
    '2026-0003',
    '2026-0004',
    '2027-0001',
    '2027-0002',
  ]);
  // Another tenant counts for itself.
  expect(await submitAt('2027-01-01T11:00:00Z', 'totaalonder1dak')).toBe('2027-0001');
  // A complaint phoned in on 30 December and registered on 4 January is numbered in the year
  // it was registered, after the others of that year.
  expect(
    await submitAt('2027-01-04T09:00:00Z', 'wenb', {
      channel: 'phone',
      receivedAt: '2026-12-30T16:00:00+01:00',
    }),
  ).toBe('2027-0003');

  // Each year's report and export hold that year's registrations.
  expect(await report(2025)).toEqual({ '2025-12': 1 });
  expect(await report(2026)).toEqual({ '2026-01': 1, '2026-06': 1, '2026-12': 2 });
  expect(await report(2027)).toEqual({ '2027-01': 3 });
  expect(await report(2027, 'totaalonder1dak')).toEqual({ '2027-01': 1 });
  expect(await csvNumbers(2025)).toEqual(['2025-0001']);
  expect(await csvNumbers(2026)).toEqual(['2026-0001', '2026-0002', '2026-0003', '2026-0004']);
  expect(await csvNumbers(2027)).toEqual(['2027-0001', '2027-0002', '2027-0003']);
});

test('concurrent submissions around midnight stay gap-free per year', async () => {
  now = new Date('2026-12-31T22:59:30Z');
  const before = await Promise.all(
    Array.from({ length: 5 }, () => submitAt('2026-12-31T22:59:30Z')),
  );
  const after = await Promise.all(
    Array.from({ length: 5 }, () => submitAt('2026-12-31T23:00:30Z')),
  );
  expect(before.sort()).toEqual(['2026-0001', '2026-0002', '2026-0003', '2026-0004', '2026-0005']);
  expect(after.sort()).toEqual(['2027-0001', '2027-0002', '2027-0003', '2027-0004', '2027-0005']);
});
