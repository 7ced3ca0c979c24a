import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

/*
 * The monthly report reads counters kept up to date with every change. Whatever happens to the
 * complaints (steps in any order, categories changed, closing and reopening, erasure), the report
 * must equal a count of the complaints themselves, done here from scratch in SQL.
 */

let t: TestApp;
const keys: Record<string, string> = {};
let now = new Date('2026-03-02T09:00:00Z');

// Two procedures: totaalonder1dak (one term, met by any reply) and wenb (four terms, one of them
// met only by an acknowledgement, so a complaint can close with a term past its date unmet).
const TENANTS = {
  totaalonder1dak: { categories: ['verkoopgesprek', 'dienstverlening'], classified: true },
  wenb: { categories: ['kwaliteit', 'aard'], classified: false },
} as const;
type Slug = keyof typeof TENANTS;

beforeAll(async () => {
  t = await testApp({ now: () => now });
  for (const slug of Object.keys(TENANTS)) keys[slug] = await t.tenant(slug);
});
afterAll(() => t.close());

const auth = (slug: Slug) => ({ Authorization: `Bearer ${keys[slug]}` });

/** The report as counted from the complaints and their deadlines, today. */
async function recount(slug: Slug, year: number, today: string) {
  const rows = await t.db.$client.execute({
    sql: `SELECT substr(c.registered_date, 1, 7) AS month, c.status, c.category, c.classification,
        c.admissible, EXISTS (SELECT 1 FROM deadlines d WHERE d.complaint_id = c.id
          AND (d.met_date > d.due_date OR (d.met_date IS NULL
            AND d.due_date < COALESCE(substr(c.closed_at, 1, 10), :today)))) AS overdue
      FROM complaints c JOIN tenants t ON t.id = c.tenant_id
      WHERE t.slug = :slug AND c.registered_date LIKE :year`,
    args: { slug, year: `${year}-%`, today },
  });
  const months = new Map<string, Record<string, unknown>>();
  for (const r of rows.rows) {
    const month = String(r.month);
    const m = (months.get(month) ?? {
      received: 0,
      open: 0,
      closed: 0,
      overdue: 0,
      byCategory: {},
      byClassification: {},
      admissible: { yes: 0, no: 0, unknown: 0 },
    }) as {
      received: number;
      open: number;
      closed: number;
      overdue: number;
      byCategory: Record<string, number>;
      byClassification: Record<string, number>;
      admissible: Record<string, number>;
    };
    m.received++;
    if (Number(r.overdue)) m.overdue++;
    if (r.status === 'closed') m.closed++;
    else m.open++;
    const category = String(r.category ?? 'none');
    m.byCategory[category] = (m.byCategory[category] ?? 0) + 1;
    const classification = String(r.classification ?? 'none');
    m.byClassification[classification] = (m.byClassification[classification] ?? 0) + 1;
    const admissible = r.admissible === null ? 'unknown' : Number(r.admissible) ? 'yes' : 'no';
    m.admissible[admissible] = (m.admissible[admissible] ?? 0) + 1;
    months.set(month, m);
  }
  return months;
}

type Step = { action: string; body: Record<string, unknown> };
const steps: fc.Arbitrary<Step> = fc.constantFrom(
  { action: 'acknowledge', body: {} },
  { action: 'respond', body: { message: 'Wij kijken ernaar.' } },
  { action: 'update', body: { category: 'dienstverlening' } },
  { action: 'update', body: { category: 'kwaliteit' } },
  { action: 'update', body: { category: null } },
  { action: 'propose-solution', body: { proposedSolution: 'Excuses', cause: 'Drukte' } },
  {
    action: 'close',
    body: { classification: 'justified', admissible: true, summary: 'Opgelost', cause: 'Drukte' },
  },
  { action: 'close', body: { classification: 'dissatisfaction', summary: 'Uitgelegd' } },
  { action: 'close', body: { cause: 'Drukte', admissible: false } },
  { action: 'reopen', body: {} },
  { action: 'erase', body: {} },
);

test('kept counters always equal a count of the complaints', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          slug: fc.constantFrom(...(Object.keys(TENANTS) as Slug[])),
          month: fc.integer({ min: 0, max: 11 }),
          days: fc.integer({ min: 0, max: 40 }),
          category: fc.nat(2),
          steps: fc.array(fc.tuple(steps, fc.integer({ min: 0, max: 20 })), { maxLength: 5 }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      async (complaints) => {
        for (const c of complaints) {
          const base = `/v1/tenants/${c.slug}`;
          const category = TENANTS[c.slug].categories[c.category];
          const registered = new Date(Date.UTC(2026, c.month, 3 + (c.days % 20), 10));
          now = registered;
          const res = await t.json('POST', `${base}/complaints`, {
            complainant: { name: 'Klant', initials: 'K.', phone: '0612345678', email: 'k@x.nl' },
            description: 'Een klacht.',
            ...(category ? { category } : {}),
          });
          expect(res.status).toBe(201);
          const { number } = await res.json();
          for (const [step, later] of c.steps) {
            now = new Date(now.getTime() + later * 86_400_000);
            if (step.action === 'erase') {
              await t.json('DELETE', `${base}/complaints/${number}`, undefined, auth(c.slug));
              break;
            }
            // Steps the lifecycle refuses now (409) change nothing, as they should.
            const answer = await t.json(
              'POST',
              `${base}/complaints/${number}/actions/${step.action}`,
              step.body,
              auth(c.slug),
            );
            expect([200, 409, 422]).toContain(answer.status);
          }
        }
        now = new Date('2027-02-01T10:00:00Z');
        for (const slug of Object.keys(TENANTS) as Slug[]) {
          const report = await (
            await t.json(
              'GET',
              `/v1/tenants/${slug}/reports/monthly?year=2026`,
              undefined,
              auth(slug),
            )
          ).json();
          const counted = await recount(slug, 2026, '2027-02-01');
          for (const month of report.months) {
            const expected = counted.get(month.month);
            if (!expected) {
              expect(month.received, `${slug} ${month.month}`).toBe(0);
              continue;
            }
            expect(month, `${slug} ${month.month}`).toMatchObject(expected);
          }
        }
      },
    ),
    { numRuns: 20 },
  );
});
