import { bench, describe } from 'vitest';
import { computeDueDates, makeCalendar } from '../shared/deadlines';
import { presetProcedure } from '../shared/presets';
import { type TestApp, testApp } from '../test/helpers';

const wenb = presetProcedure('wenb');
const calendar = makeCalendar(wenb.calendar);
const days = Array.from({ length: 365 }, (_, i) => {
  const d = new Date(Date.UTC(2027, 0, 1 + i));
  return d.toISOString().slice(0, 10);
});

describe('deadline engine', () => {
  let i = 0;
  bench('wenb: all four terms for one complaint (appeal filed)', () => {
    const day = days[i++ % days.length] as string;
    computeDueDates(wenb.terms, { received: day, appealFiled: day }, calendar);
  });
});

// Set up once for the file (bench mode runs no beforeAll hooks): a tenant with 1000 complaints.
const t: TestApp = await testApp();
const key = await t.tenant('wenb');
for (let i = 0; i < 1000; i++) {
  await t.json('POST', '/v1/tenants/wenb/complaints', {
    complainant: { name: `Klant ${i}`, phone: '0612345678', email: `k${i}@example.nl` },
    description: 'Bench',
    category: 'kwaliteit',
  });
}
process.once('exit', () => t.close());

describe('API on an embedded libSQL file', () => {
  let n = 0;

  bench('POST a complaint (validate, number, deadlines, event, outbox in one batch)', async () => {
    await t.json('POST', '/v1/tenants/wenb/complaints', {
      complainant: { name: `Bench ${n++}`, phone: '0612345678', email: 'b@example.nl' },
      description: 'Bench',
    });
  });

  bench('GET the monthly report (≥1000 complaints)', async () => {
    await t.json(
      'GET',
      `/v1/tenants/wenb/reports/monthly?year=${new Date().getFullYear()}`,
      undefined,
      {
        Authorization: `Bearer ${key}`,
      },
    );
  });

  bench('GET the register, first page of 50 sorted by due date', async () => {
    await t.json('GET', '/v1/tenants/wenb/complaints?limit=50', undefined, {
      Authorization: `Bearer ${key}`,
    });
  });
});
