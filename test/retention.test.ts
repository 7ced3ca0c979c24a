import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runJobs } from '../server/jobs/run-jobs';
import { type TestApp, testApp } from './helpers';

/*
 * The retention purge (README "E-mail and scheduled jobs"; PRODUCT.md "Retention: years (000: 5,
 * 004: 2), counted from closing"): a complaint's personal data leaves the database when the
 * retention period after its closing has ended — not a day earlier, and never while the complaint
 * is still open, however old it is. The retention years below are the procedures' own, written
 * out by hand.
 */

let t: TestApp;
let now: Date;
const keys: Record<string, string> = {};

beforeEach(async () => {
  now = new Date('2016-03-01T09:00:00Z');
  t = await testApp({ now: () => now });
  for (const slug of ['totaalonder1dak', 'wenb', 'awb', 'wkkgz']) keys[slug] = await t.tenant(slug);
});
afterEach(() => t.close());

const at = (instant: string) => {
  now = new Date(instant);
};

const CLOSE: Record<string, unknown> = {
  wenb: { cause: 'Een misverstand.' },
  totaalonder1dak: { classification: 'justified', summary: 'Excuses gemaakt.' },
  awb: { classification: 'gegrond', summary: 'Excuses gemaakt.' },
  wkkgz: { classification: 'gegrond', summary: 'Excuses gemaakt.' },
};

async function submit(slug: string, name: string, extra: Record<string, unknown> = {}) {
  const res = await t.json(
    'POST',
    `/v1/tenants/${slug}/complaints`,
    {
      complainant: {
        name,
        initials: 'X.',
        address: 'Dorpsstraat 1, Ons Dorp',
        phone: '06 12345678',
        email: 'melder@example.nl',
      },
      description: `De klacht van ${name}.`,
      ...extra,
    },
    { Authorization: `Bearer ${keys[slug]}` },
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).number as string;
}

async function step(slug: string, number: string, action: string, body: unknown = {}) {
  const res = await t.json(
    'POST',
    `/v1/tenants/${slug}/complaints/${number}/actions/${action}`,
    body,
    { Authorization: `Bearer ${keys[slug]}` },
  );
  expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
}

const jobsAt = (instant: string) => runJobs(t.deps, new Date(instant));

/** The complaint as staff see it, or null once it is gone (erased). */
async function find(slug: string, number: string) {
  const res = await t.json('GET', `/v1/tenants/${slug}/complaints/${number}`, undefined, {
    Authorization: `Bearer ${keys[slug]}`,
  });
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return res.json();
}

const inFile = (text: string) => readFileSync(t.dbPath).includes(Buffer.from(text));

describe('open complaints', () => {
  test('are never purged, however long ago they were received', async () => {
    // Ten years ago: one wenb complaint in every open status, and one of each other preset.
    const open: [string, string, string][] = [];
    const paths: [string, [string, unknown][]][] = [
      ['received', []],
      ['acknowledged', [['acknowledge', {}]]],
      ['forwarded', [['forward', { handler: 'Sanne' }]]],
      ['inProgress', [['respond', { message: 'Wij kijken ernaar.' }]]],
      ['solutionProposed', [['propose-solution', { proposedSolution: 's', cause: 'c' }]]],
      [
        'appealFiled',
        [
          ['propose-solution', { proposedSolution: 's', cause: 'c' }],
          ['file-appeal', { grounds: 'g' }],
        ],
      ],
      [
        'appealDecided',
        [
          ['propose-solution', { proposedSolution: 's', cause: 'c' }],
          ['file-appeal', { grounds: 'g' }],
          ['decide-appeal', { decision: 'd' }],
        ],
      ],
    ];
    for (const [status, steps] of paths) {
      at('2016-03-01T09:00:00Z');
      const name = `Openstaand ${status} Wenb`;
      const number = await submit('wenb', name);
      for (const [action, body] of steps) await step('wenb', number, action, body);
      open.push(['wenb', number, name]);
    }
    for (const slug of ['totaalonder1dak', 'awb', 'wkkgz']) {
      const name = `Openstaand ${slug}`;
      open.push([slug, await submit(slug, name), name]);
    }
    // Received by letter long before it was registered.
    const letter = 'Openstaand Brief Uit Tweeduizendtien';
    open.push([
      'wenb',
      await submit('wenb', letter, {
        channel: 'letter',
        receivedAt: '2010-01-04T10:00:00+01:00',
      }),
      letter,
    ]);
    // Closed ten years ago, then reopened: open again, so kept.
    const reopened = 'Heropend Na Sluiting';
    const number = await submit('wenb', reopened);
    at('2016-03-10T09:00:00Z');
    await step('wenb', number, 'close', CLOSE.wenb);
    at('2016-04-01T09:00:00Z');
    await step('wenb', number, 'reopen', { reason: 'Klant belde terug.' });
    open.push(['wenb', number, reopened]);
    // And one closed then, which does go: the purge did run.
    at('2016-03-01T09:00:00Z');
    const closed = await submit('wenb', 'Gesloten Tien Jaar Geleden');
    await step('wenb', closed, 'close', CLOSE.wenb);

    const report = await jobsAt('2026-03-02T08:00:00Z');
    expect(report.purged).toBe(1);
    expect(await find('wenb', closed)).toBeNull();
    expect(inFile('Gesloten Tien Jaar Geleden')).toBe(false);
    for (const [slug, number, name] of open) {
      const complaint = await find(slug, number);
      expect(complaint?.complainant.name, `${slug} ${number}`).toBe(name);
      expect(complaint.description).toBe(`De klacht van ${name}.`);
      expect(inFile(name), name).toBe(true);
    }
    // A hundred years on, still there.
    expect((await jobsAt('2116-03-02T08:00:00Z')).purged).toBe(0);
    for (const [slug, number] of open) expect(await find(slug, number), number).not.toBeNull();
  });
});

// [preset, retention years]: 000 (totaalonder1dak) five years, 004 (wenb) two; the statutory
// presets five.
const YEARS = [
  ['wenb', 2],
  ['totaalonder1dak', 5],
  ['awb', 5],
  ['wkkgz', 5],
] as const;

// Closing moments in Amsterdam wall-clock time.
const CLOSINGS = [
  // 00:30 on 3 June (UTC+2): still 2 June in UTC.
  ['summer, just after midnight', '2021-06-03T00:30'],
  // 14:00 on 15 January (UTC+1).
  ['winter, in the afternoon', '2021-01-15T14:00'],
  // 22:50 on 27 October 2020, just after summer time ended; in 2022 that date is summer time
  // again (it ended on 30 October), in 2025 it is not (26 October). (For 23:50, see below.)
  ['late October, late in the evening', '2020-10-27T22:50'],
] as const;

/** The instant of an Amsterdam wall-clock time (YYYY-MM-DDTHH:mm), UTC+1 or UTC+2. */
function amsterdam(local: string): string {
  const wallClock = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  for (const offset of ['+01:00', '+02:00']) {
    const instant = new Date(`${local}:00${offset}`);
    if (wallClock.format(instant).replace(' ', 'T') === local) return instant.toISOString();
  }
  throw new Error(`no such Amsterdam time: ${local}`);
}

const shiftDay = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe.each(YEARS)('%s keeps a closed complaint %i years', (slug, years) => {
  test.each(CLOSINGS)(
    'closed in %s (%s): kept through the last day of retention, purged the day after',
    async (_, closedLocal) => {
      const closedAt = amsterdam(closedLocal);
      at(new Date(new Date(closedAt).getTime() - 7 * 86_400_000).toISOString());
      const name = `Bewaard ${slug} ${closedLocal.slice(0, 10)}`;
      const number = await submit(slug, name);
      at(closedAt);
      await step(slug, number, 'close', CLOSE[slug]);
      const anniversary = `${Number(closedLocal.slice(0, 4)) + years}${closedLocal.slice(4, 10)}`;

      // The last minute of the day before the anniversary, and the first of the anniversary
      // itself (the complaint was closed later on that date): retention has not ended.
      for (const local of [`${shiftDay(anniversary, -1)}T23:59`, `${anniversary}T00:01`]) {
        const report = await jobsAt(amsterdam(local));
        expect(report.purged, local).toBe(0);
        expect((await find(slug, number))?.complainant.name, local).toBe(name);
      }
      // The day after the anniversary, it has: purged, with a tombstone for the reports.
      const report = await jobsAt(amsterdam(`${shiftDay(anniversary, 1)}T00:01`));
      expect(report.purged).toBe(1);
      expect(await find(slug, number)).toBeNull();
      expect(inFile(name)).toBe(false);
      const tomb = await t.db.$client.execute({
        sql: 'SELECT status, erased_at, pd_complainant_name FROM complaints WHERE number = ?',
        args: [number],
      });
      expect(tomb.rows[0]).toMatchObject({ status: 'closed', pd_complainant_name: null });
      expect(tomb.rows[0]?.erased_at).toBeTruthy();
    },
  );
});

test('retention counts from the last closing when a complaint was reopened', async () => {
  at('2021-05-20T09:00:00Z');
  const number = await submit('wenb', 'Twee Keer Gesloten');
  at('2021-06-03T10:00:00+02:00');
  await step('wenb', number, 'close', CLOSE.wenb);
  at('2022-01-10T10:00:00+01:00');
  await step('wenb', number, 'reopen', { reason: 'Het probleem kwam terug.' });
  at('2022-02-01T10:00:00+01:00');
  await step('wenb', number, 'close', CLOSE.wenb);
  // Two years after the first closing it is kept: it was closed again in 2022.
  expect((await jobsAt('2023-06-04T00:01:00+02:00')).purged).toBe(0);
  expect((await jobsAt('2024-01-31T23:59:00+01:00')).purged).toBe(0);
  expect(await find('wenb', number)).not.toBeNull();
  expect((await jobsAt('2024-02-02T00:01:00+01:00')).purged).toBe(1);
  expect(await find('wenb', number)).toBeNull();
});

test('each tenant’s own retention applies', async () => {
  at('2021-05-20T09:00:00Z');
  const short = await submit('wenb', 'Kort Bewaard');
  const long = await submit('totaalonder1dak', 'Lang Bewaard');
  at('2021-06-03T10:00:00+02:00');
  await step('wenb', short, 'close', CLOSE.wenb);
  await step('totaalonder1dak', long, 'close', CLOSE.totaalonder1dak);
  expect((await jobsAt('2023-06-05T08:00:00Z')).purged).toBe(1);
  expect(await find('wenb', short)).toBeNull();
  expect(await find('totaalonder1dak', long)).not.toBeNull();
});

// Retention counts Amsterdam dates, not instants: closed at 23:50 in winter time (22:50 UTC) on
// 27 Oct 2020, a wenb complaint goes at 00:01 on 28 Oct 2022, in summer time (once it stayed
// until 00:50, because the years were added to the closing instant in UTC).
test('a complaint closed at 23:50 in winter time is gone on the day after its anniversary in summer time', async () => {
  at(amsterdam('2020-10-20T10:00'));
  const number = await submit('wenb', 'Gesloten Om Tien Voor Middernacht');
  at(amsterdam('2020-10-27T23:50'));
  await step('wenb', number, 'close', CLOSE.wenb);
  expect((await jobsAt(amsterdam('2022-10-27T23:59'))).purged).toBe(0);
  expect((await jobsAt(amsterdam('2022-10-28T00:01'))).purged).toBe(1);
});
