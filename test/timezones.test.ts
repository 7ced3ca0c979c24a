import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OPERATOR_TOKEN, type TestApp, testApp } from './helpers';

/*
 * The day of receipt is an Amsterdam date (PRODUCT.md: "Dates are Europe/Amsterdam dates; the day
 * of receipt is day 0"). A complaint sent at 00:30 in Amsterdam was received that day, although
 * it is still the previous day in UTC: in winter for the first hour after midnight, in summer for
 * the first two. The due dates count from that day.
 *
 * wenb: acknowledgement (and registration) 2 working days, resolution 2 weeks, from receipt.
 * The expected dates are counted here by hand.
 */

let t: TestApp;
let now: Date;
let key: string;
let password: string;

beforeEach(async () => {
  now = new Date('2026-01-01T09:00:00Z');
  t = await testApp({ now: () => now });
  const res = await t.json(
    'POST',
    '/v1/tenants',
    {
      slug: 'wenb',
      name: 'WENB',
      preset: 'wenb',
      admin: { email: 'admin@example.nl', name: 'Ad' },
    },
    { Authorization: `Bearer ${OPERATOR_TOKEN}` },
  );
  const body = await res.json();
  key = body.apiKey;
  password = body.admin.password;
});
afterEach(() => t.close());

const auth = () => ({ Authorization: `Bearer ${key}` });

async function view(number: string) {
  const res = await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth());
  expect(res.status).toBe(200);
  return res.json();
}

const contact = { name: 'Jan Jansen', phone: '06 12345678', email: 'jan@example.nl' };

// [when, the instant, the Amsterdam date of receipt, acknowledgement due, resolution due]
const SENT = [
  // Thu 15 → Fri 16 (1), Mon 19 (2); + 2 weeks: Thu 29 Jan.
  ['winter, 23:59 (22:59 UTC)', '2026-01-15T22:59:00Z', '2026-01-15', '2026-01-19', '2026-01-29'],
  // Fri 16 → Mon 19 (1), Tue 20 (2); + 2 weeks: Fri 30 Jan.
  ['winter, 00:00 (23:00 UTC)', '2026-01-15T23:00:00Z', '2026-01-16', '2026-01-20', '2026-01-30'],
  ['winter, 00:30 (23:30 UTC)', '2026-01-15T23:30:00Z', '2026-01-16', '2026-01-20', '2026-01-30'],
  // Wed 15 → Thu 16 (1), Fri 17 (2); + 2 weeks: Wed 29 Jul.
  ['summer, 23:59 (21:59 UTC)', '2026-07-15T21:59:00Z', '2026-07-15', '2026-07-17', '2026-07-29'],
  // Thu 16 → Fri 17 (1), Mon 20 (2); + 2 weeks: Thu 30 Jul.
  ['summer, 00:30 (22:30 UTC)', '2026-07-15T22:30:00Z', '2026-07-16', '2026-07-20', '2026-07-30'],
  ['summer, 01:59 (23:59 UTC)', '2026-07-15T23:59:00Z', '2026-07-16', '2026-07-20', '2026-07-30'],
  // The night summer time starts (Sun 29 Mar 2026): 00:30 is still UTC+1. Mon 30 (1), Tue 31 (2);
  // + 2 weeks is Sun 12 Apr, so Mon 13 Apr (Easter Monday is 6 Apr).
  ['Sun 29 Mar, 00:30 CET', '2026-03-28T23:30:00Z', '2026-03-29', '2026-03-31', '2026-04-13'],
  // The night summer time ends (Sun 25 Oct 2026): 00:30 is UTC+2. Mon 26 (1), Tue 27 (2);
  // + 2 weeks is Sun 8 Nov, so Mon 9 Nov.
  ['Sun 25 Oct, 00:30 CEST', '2026-10-24T22:30:00Z', '2026-10-25', '2026-10-27', '2026-11-09'],
  ['Sat 24 Oct, 23:59 CEST', '2026-10-24T21:59:00Z', '2026-10-24', '2026-10-27', '2026-11-09'],
] as const;

describe.each(SENT)(
  'a complaint sent through the form at %s',
  (_, instant, day, ack, resolution) => {
    test(`is received on ${day}, and its terms count from that day`, async () => {
      now = new Date(instant);
      const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
        complainant: contact,
        description: 'Het advies kwam te laat.',
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.receivedAt).toBe(new Date(instant).toISOString());
      expect(body.due).toEqual({ acknowledgement: ack, registration: ack, resolution });
      const complaint = await view(body.number);
      expect(complaint.receivedDate).toBe(day);
      expect(complaint.due).toEqual({ acknowledgement: ack, registration: ack, resolution });
      // The tracking page shows the same dates.
      const token = (body.trackingUrl as string).split('/').pop();
      const tracked = await (await t.app.request(`/v1/track/${token}`)).json();
      expect(tracked.deadlines.map((d: { date: string }) => d.date)).toEqual([ack, resolution]);
    });
  },
);

// A phone call at 00:30 Amsterdam time, registered by staff the next morning.
const PHONED = [
  ['winter, with its offset', '2026-01-16T00:30:00+01:00', '2026-01-16', '2026-01-20'],
  ['winter, in UTC', '2026-01-15T23:30:00Z', '2026-01-16', '2026-01-20'],
  ['summer, with its offset', '2026-07-16T00:30:00+02:00', '2026-07-16', '2026-07-20'],
  ['summer, in UTC', '2026-07-15T22:30:00Z', '2026-07-16', '2026-07-20'],
  ['summer, 23:59 with its offset', '2026-07-15T23:59:00+02:00', '2026-07-15', '2026-07-17'],
] as const;

describe.each(PHONED)('a phone complaint received at 00:30, %s', (_, receivedAt, day, ack) => {
  test(`registered by key counts from ${day}`, async () => {
    now = new Date(`${day}T07:00:00Z`);
    now.setUTCDate(now.getUTCDate() + 1);
    const res = await t.json(
      'POST',
      '/v1/tenants/wenb/complaints',
      { complainant: contact, description: 'Telefonisch.', channel: 'phone', receivedAt },
      auth(),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    expect(body.due.acknowledgement).toBe(ack);
    expect((await view(body.number)).receivedDate).toBe(day);
  });
});

describe('the admin form, which takes Amsterdam wall-clock time', () => {
  function post(path: string, fields: Record<string, string>, cookie = '') {
    return t.app.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://localhost',
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(fields),
    });
  }

  test.each([
    ['winter', '2026-01-16T00:30', '2026-01-15T23:30:00.000Z', '2026-01-16', '2026-01-20'],
    ['winter, 23:59', '2026-01-15T23:59', '2026-01-15T22:59:00.000Z', '2026-01-15', '2026-01-19'],
    ['summer', '2026-07-16T00:30', '2026-07-15T22:30:00.000Z', '2026-07-16', '2026-07-20'],
    ['summer, 01:59', '2026-07-16T01:59', '2026-07-15T23:59:00.000Z', '2026-07-16', '2026-07-20'],
  ])('%s: a call at %s is received on that Amsterdam date', async (_, local, instant, day, ack) => {
    now = new Date(`${day}T10:00:00Z`);
    now.setUTCDate(now.getUTCDate() + 1);
    const signIn = await post('/admin/wenb/sign-in', { email: 'admin@example.nl', password });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const page = await (
      await t.app.request('/admin/wenb/complaints/new', { headers: { Cookie: cookie } })
    ).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const res = await post(
      '/admin/wenb/complaints',
      {
        _csrf: csrf,
        channel: 'phone',
        receivedAt: local,
        receiverName: 'Olga',
        'complainant.name': 'Jan Jansen',
        'complainant.phone': '06 12345678',
        'complainant.email': 'jan@example.nl',
        description: 'Telefonisch.',
      },
      cookie,
    );
    expect(res.status).toBe(201);
    const number = (await res.text()).match(/Klacht (\d{4}-\d{4}) is geregistreerd/)?.[1] ?? '';
    const complaint = await view(number);
    expect(complaint).toMatchObject({ receivedAt: instant, receivedDate: day });
    expect(complaint.due.acknowledgement).toBe(ack);
  });
});
