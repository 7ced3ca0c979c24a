import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

/*
 * The wenb procedure lets the complainant appeal within 14 days of the proposed solution
 * (PRODUCT.md: "within 14 days of the proposal"). The day of the proposal is an Amsterdam date;
 * the last day to appeal is that date + 14, until its very end, Amsterdam time. The day after,
 * from its first minute, an appeal is refused — on the tracking page, through its API and when
 * staff record an appeal that came by letter.
 */

let t: TestApp;
let now: Date;
let key: string;

beforeEach(async () => {
  now = new Date('2026-01-01T09:00:00Z');
  t = await testApp({ now: () => now });
  key = await t.tenant('wenb');
});
afterEach(() => t.close());

const auth = () => ({ Authorization: `Bearer ${key}` });

/** A complaint with a solution proposed at `proposedAt`; returns its number and tracking token. */
async function proposedAt(proposed: string) {
  now = new Date(new Date(proposed).getTime() - 3_600_000);
  const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
    complainant: { name: 'Fenna de Wit', phone: '0612345678', email: 'fenna@example.nl' },
    description: 'Mijn vraag over de cao is niet beantwoord.',
  });
  expect(res.status).toBe(201);
  const { number, trackingUrl } = await res.json();
  now = new Date(proposed);
  const step = await t.json(
    'POST',
    `/v1/tenants/wenb/complaints/${number}/actions/propose-solution`,
    { proposedSolution: 'Wij bellen u over de cao.', cause: 'Ziekte.' },
    auth(),
  );
  expect(step.status).toBe(200);
  return { number: number as string, token: (trackingUrl as string).split('/').pop() as string };
}

async function view(token: string) {
  const res = await t.app.request(`/v1/track/${token}`);
  expect(res.status).toBe(200);
  return res.json();
}

const appealByLink = (token: string) =>
  t.json('POST', `/v1/track/${token}/appeal`, { grounds: 'Een telefoontje is geen antwoord.' });

const appealByStaff = (number: string) =>
  t.json(
    'POST',
    `/v1/tenants/wenb/complaints/${number}/actions/file-appeal`,
    { grounds: 'Per brief: een telefoontje is geen antwoord.' },
    auth(),
  );

// [what, the proposal, the last day to appeal, its last minute, the first minute of the day after]
const cases = [
  [
    'in winter (UTC+1), in the morning',
    '2026-12-24T10:00:00+01:00',
    '2027-01-07',
    '2027-01-07T23:59:00+01:00',
    '2027-01-08T00:01:00+01:00',
  ],
  [
    'in winter, just after midnight (the previous day in UTC)',
    '2026-12-24T00:30:00+01:00',
    '2027-01-07',
    '2027-01-07T23:59:00+01:00',
    '2027-01-08T00:01:00+01:00',
  ],
  [
    'in winter, just before midnight',
    '2026-12-23T23:45:00+01:00',
    '2027-01-06',
    '2027-01-06T23:59:00+01:00',
    '2027-01-07T00:01:00+01:00',
  ],
  [
    'in summer (UTC+2), just after midnight',
    '2026-07-01T00:15:00+02:00',
    '2026-07-15',
    '2026-07-15T23:59:00+02:00',
    '2026-07-16T00:01:00+02:00',
  ],
  [
    'across the switch to winter time (25 October 2026)',
    '2026-10-20T12:00:00+02:00',
    '2026-11-03',
    '2026-11-03T23:59:00+01:00',
    '2026-11-04T00:01:00+01:00',
  ],
] as const;

describe.each(cases)('a solution proposed %s', (_, proposal, lastDay, lastMinute, dayAfter) => {
  test(`can be appealed until the end of ${lastDay} through the tracking link`, async () => {
    const { number, token } = await proposedAt(proposal);
    now = new Date(lastMinute);
    const before = await view(token);
    expect(before).toMatchObject({ canAppeal: true, appealWindowEnds: lastDay });
    const res = await appealByLink(token);
    expect(res.status, await res.clone().text()).toBe(201);
    const complaint = await (
      await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth())
    ).json();
    expect(complaint.status).toBe('appealFiled');
  });

  test(`can be recorded by staff on ${lastDay}`, async () => {
    const { number } = await proposedAt(proposal);
    now = new Date(lastMinute);
    const res = await appealByStaff(number);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).status).toBe('appealFiled');
  });

  test('is refused from the first minute of the day after', async () => {
    const { number, token } = await proposedAt(proposal);
    now = new Date(dayAfter);
    expect(await view(token)).toMatchObject({ canAppeal: false, appealWindowEnds: lastDay });
    const byLink = await appealByLink(token);
    expect(byLink.status).toBe(409);
    expect((await byLink.json()).error.code).toBe('appeal_window_closed');
    const byStaff = await appealByStaff(number);
    expect(byStaff.status).toBe(409);
    expect((await byStaff.json()).error.code).toBe('appeal_window_closed');
    const complaint = await (
      await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, auth())
    ).json();
    expect(complaint.status).toBe('solutionProposed');
    expect(complaint.events.map((e: { type: string }) => e.type)).not.toContain('appealFiled');
  });
});

test('the tracking page offers the appeal form on the last day and not the day after', async () => {
  const { token } = await proposedAt('2026-12-24T10:00:00+01:00');
  now = new Date('2027-01-07T23:59:00+01:00');
  const open = await (await t.app.request(`/track/${token}`)).text();
  expect(open).toMatch(/<form[^>]+action="[^"]*\/appeal"/);
  now = new Date('2027-01-08T00:01:00+01:00');
  const closed = await (await t.app.request(`/track/${token}`)).text();
  expect(closed).not.toMatch(/<form[^>]+action="[^"]*\/appeal"/);
});
