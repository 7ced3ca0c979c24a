import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runJobs } from '../server/jobs/run-jobs';
import { databaseBytes, type TestApp, testApp } from './helpers';
import { ROOT } from './server';

const run = promisify(execFile);
let t: TestApp;
let now: Date;
const keys: Record<string, string> = {};

beforeEach(async () => {
  now = new Date('2026-12-24T09:00:00Z'); // Thursday 24 December 2026
  t = await testApp({ now: () => now });
  for (const slug of ['totaalonder1dak', 'wenb', 'awb', 'wkkgz']) keys[slug] = await t.tenant(slug);
});
afterEach(() => t.close());

const contact = {
  name: 'Jan Jansen',
  initials: 'J.',
  address: 'Dorpsstraat 1',
  phone: '0612345678',
  email: 'jan@example.nl',
};

async function complaintAt(slug: string, when: string, extra: Record<string, unknown> = {}) {
  now = new Date(when);
  const res = await t.json(
    'POST',
    `/v1/tenants/${slug}/complaints`,
    { complainant: contact, description: 'Niemand belde terug.', ...extra },
    { Authorization: `Bearer ${keys[slug]}` },
  );
  expect(res.status).toBe(201);
  return (await res.json()).number as string;
}

async function act(slug: string, number: string, action: string, body: unknown) {
  const res = await t.json(
    'POST',
    `/v1/tenants/${slug}/complaints/${number}/actions/${action}`,
    body,
    {
      Authorization: `Bearer ${keys[slug]}`,
    },
  );
  expect(res.status, await res.clone().text()).toBe(200);
}

const jobsOn = (date: string) => runJobs(t.deps, new Date(`${date}T08:00:00Z`));

async function queued(kind: string) {
  const rows = await t.db.$client.execute({
    sql: `SELECT json_extract(o.pd_payload, '$.term') AS term, d.due_date FROM outbox o
      JOIN deadlines d ON d.complaint_id = o.complaint_id
        AND d.term = json_extract(o.pd_payload, '$.term')
      WHERE o.kind = ? ORDER BY o.rowid`,
    args: [kind],
  });
  return rows.rows.map((r) => `${r.term} ${r.due_date}`);
}

describe('reminders and escalations', () => {
  // [preset, term, the working day before it is due (reminder), due date, first day overdue]
  const cases = [
    ['wenb', 'acknowledgement', '2026-12-28', '2026-12-29', '2026-12-30'],
    ['wenb', 'resolution', '2027-01-06', '2027-01-07', '2027-01-08'],
    ['totaalonder1dak', 'firstResponse', '2026-12-31', '2027-01-04', '2027-01-05'],
    ['awb', 'acknowledgement', '2026-12-31', '2027-01-04', '2027-01-05'],
    ['awb', 'decision', '2027-02-03', '2027-02-04', '2027-02-05'],
    ['wkkgz', 'decision', '2027-02-03', '2027-02-04', '2027-02-05'],
  ] as const;

  test.each(cases)(
    '%s %s: reminder on %s (due %s), escalation on %s',
    async (slug, term, remind, due, late) => {
      const number = await complaintAt(slug, '2026-12-24T09:00:00Z');
      await act(slug, number, 'forward', { handler: 'Sanne', handlerEmail: 'sanne@example.nl' });
      const dayBefore = new Date(`${remind}T12:00:00Z`);
      dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
      await jobsOn(dayBefore.toISOString().slice(0, 10));
      expect(await queued('reminder')).not.toContain(`${term} ${due}`);
      await jobsOn(remind);
      expect(await queued('reminder')).toContain(`${term} ${due}`);
      expect(await queued('overdue')).not.toContain(`${term} ${due}`);
      await jobsOn(due);
      expect(await queued('overdue')).not.toContain(`${term} ${due}`);
      await jobsOn(late);
      expect(await queued('overdue')).toContain(`${term} ${due}`);
      // Running again, or on later days, adds nothing for the same due date.
      const before = (await t.db.$client.execute('SELECT COUNT(*) AS n FROM outbox')).rows[0]?.n;
      const again = await jobsOn(late);
      expect(again).toMatchObject({ reminders: 0, escalations: 0 });
      expect((await t.db.$client.execute('SELECT COUNT(*) AS n FROM outbox')).rows[0]?.n).toBe(
        before,
      );
    },
  );

  test('a met term gets no reminder, and a closed complaint no escalation', async () => {
    const number = await complaintAt('wenb', '2026-12-24T09:00:00Z');
    await act('wenb', number, 'acknowledge', {});
    await act('wenb', number, 'forward', { handler: 'Sanne', handlerEmail: 'sanne@example.nl' });
    await jobsOn('2026-12-28');
    expect(await queued('reminder')).toEqual([]);
    await act('wenb', number, 'close', { cause: 'Misverstand.' });
    await jobsOn('2027-01-08');
    expect(await queued('overdue')).toEqual([]);
  });

  test('a backlog of overdue deadlines cannot crowd out new reminders', async () => {
    // Five overdue complaints of a tenant nobody is told about…
    for (let i = 0; i < 5; i++) await complaintAt('awb', '2026-11-02T09:00:00Z');
    // …and one complaint whose reminder is due.
    const number = await complaintAt('wenb', '2026-12-24T09:00:00Z');
    await act('wenb', number, 'forward', { handler: 'Sanne', handlerEmail: 'sanne@example.nl' });
    const at = new Date('2026-12-28T08:00:00Z');
    await runJobs(t.deps, at, { batchSize: 4 });
    await runJobs(t.deps, at, { batchSize: 4 });
    await runJobs(t.deps, at, { batchSize: 4 });
    expect(await queued('reminder')).toEqual(['acknowledgement 2026-12-29']);
    // No address in a message id: recipients are personal data.
    const ids = await t.db.$client.execute('SELECT id FROM outbox');
    expect(JSON.stringify(ids.rows)).not.toContain('sanne@');
  });

  test('the appeal decision reminds the appeal body, not the handler', async () => {
    const number = await complaintAt('wenb', '2026-12-24T09:00:00Z');
    await act('wenb', number, 'forward', { handler: 'Sanne', handlerEmail: 'sanne@example.nl' });
    await act('wenb', number, 'propose-solution', { proposedSolution: 's', cause: 'c' });
    await act('wenb', number, 'file-appeal', { grounds: 'g' });
    await jobsOn('2027-02-03'); // the appeal decision is due Thu 4 Feb 2027
    const rows = await t.db.$client.execute(
      "SELECT pd_recipient FROM outbox WHERE kind = 'reminder' AND json_extract(pd_payload, '$.term') = 'appealDecision'",
    );
    expect(rows.rows.map((r) => r.pd_recipient)).toEqual(['voorzitter@wenb.nl']);
  });

  test('concurrent runs queue each reminder once', async () => {
    const number = await complaintAt('wenb', '2026-12-24T09:00:00Z');
    await act('wenb', number, 'forward', { handler: 'Sanne', handlerEmail: 'sanne@example.nl' });
    await Promise.all([jobsOn('2026-12-28'), jobsOn('2026-12-28'), jobsOn('2026-12-28')]);
    expect(await queued('reminder')).toEqual(['acknowledgement 2026-12-29']);
  });
});

describe('npm run jobs -- --as-of (retention purge)', () => {
  const cli = async (...args: string[]) => {
    const { stdout } = await run('npm', ['run', '--silent', 'jobs', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${t.dbPath}`, RESEND_API_KEY: '' },
    });
    return JSON.parse(stdout);
  };

  test('purges a wenb complaint closed more than 2 years earlier, not one closed 1 year earlier', async () => {
    const old = await complaintAt('wenb', '2024-05-02T09:00:00Z', {
      complainant: { ...contact, name: 'Grietje Oudhoven', email: 'grietje.oudhoven@example.nl' },
      description: 'Oude klacht van Grietje Oudhoven over het jaarverslag.',
    });
    now = new Date('2024-06-03T09:00:00Z');
    await act('wenb', old, 'close', { cause: 'Vertraging bij de drukker.' });
    const recent = await complaintAt('wenb', '2025-10-01T09:00:00Z');
    now = new Date('2025-11-03T09:00:00Z');
    await act('wenb', recent, 'close', { cause: 'Misverstand.' });

    const dry = await cli('--as-of', '2026-07-01', '--dry-run');
    expect(dry).toMatchObject({ dryRun: true, purged: 1 });
    expect(databaseBytes(t).includes(Buffer.from('Grietje Oudhoven'))).toBe(true);

    const first = await cli('--as-of', '2026-07-01');
    expect(first).toMatchObject({ asOf: '2026-07-01T11:00:00.000Z', purged: 1 });
    const second = await cli('--as-of', '2026-07-01');
    expect(second).toMatchObject({ purged: 0, reminders: 0, escalations: 0 });

    const auth = { Authorization: `Bearer ${keys.wenb}` };
    expect(
      (await t.json('GET', `/v1/tenants/wenb/complaints/${old}`, undefined, auth)).status,
    ).toBe(404);
    expect(
      (await t.json('GET', `/v1/tenants/wenb/complaints/${recent}`, undefined, auth)).status,
    ).toBe(200);
    const file = databaseBytes(t);
    for (const needle of [
      'Grietje Oudhoven',
      'grietje.oudhoven@example.nl',
      'jaarverslag',
      'drukker',
    ]) {
      expect(file.includes(Buffer.from(needle)), needle).toBe(false);
    }
    // The tombstone still counts in the report.
    const report = await (
      await t.json('GET', '/v1/tenants/wenb/reports/monthly?year=2024', undefined, auth)
    ).json();
    expect(report.months[4]).toMatchObject({ month: '2024-05', received: 1, closed: 1 });
  });

  test('rejects a malformed date with one clear message', async () => {
    await expect(cli('--as-of', '1-7-2026')).rejects.toThrow(/--as-of takes a date as YYYY-MM-DD/);
  });
});
