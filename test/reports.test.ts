import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

/*
 * A generated year of complaints at the totaalonder1dak tenant; the expected report is counted
 * here from what the test itself did, not from anything the server computes.
 */
let t: TestApp;
let key: string;
let now = new Date('2026-01-01T09:00:00Z');
const made: {
  number: string;
  month: string;
  category: string;
  classification: string | null;
  admissible: boolean | null;
  closed: boolean;
  overdue: boolean;
}[] = [];

// A small deterministic generator, so a failure can be replayed.
let seed = 20261122;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;

const CATEGORIES = ['verkoopgesprek', 'overeenkomst', 'dienstverlening', 'none'] as const;

async function call(method: string, path: string, body?: unknown) {
  const res = await t.json(method, path, body, { Authorization: `Bearer ${key}` });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

beforeAll(async () => {
  t = await testApp({ now: () => now });
  key = await t.tenant('totaalonder1dak');
  for (let i = 0; i < 90; i++) {
    const day = 1 + Math.floor(random() * 364);
    const registered = new Date(Date.UTC(2026, 0, day, 9, 0, 0));
    now = registered;
    const category = pick(CATEGORIES);
    const { number } = await call('POST', '/v1/tenants/totaalonder1dak/complaints', {
      complainant: { name: `Klant ${i}`, initials: 'K.', phone: '0612345678' },
      description: `Klacht nummer ${i}`,
      ...(category === 'none' ? {} : { category }),
      channel: pick(['web', 'phone', 'email', 'letter'] as const),
    });
    const path = `/v1/tenants/totaalonder1dak/complaints/${number}/actions`;
    const fate = pick(['onTime', 'onTimeClosed', 'never', 'late', 'lateClosed'] as const);
    let classification: string | null = null;
    let admissible: boolean | null = null;
    if (fate === 'onTime' || fate === 'onTimeClosed')
      await call('POST', `${path}/respond`, { message: 'm' });
    if (fate === 'late' || fate === 'lateClosed') {
      now = new Date(registered.getTime() + 30 * 86_400_000);
      await call('POST', `${path}/respond`, { message: 'm' });
    }
    if (fate === 'onTimeClosed' || fate === 'lateClosed') {
      classification = pick(['justified', 'dissatisfaction']);
      admissible = pick([true, false, null]);
      await call('POST', `${path}/close`, {
        classification,
        summary: 's',
        ...(admissible === null ? {} : { admissible }),
      });
    }
    made.push({
      number,
      month: registered.toISOString().slice(0, 7),
      category,
      classification,
      admissible,
      closed: fate.endsWith('Closed'),
      overdue: fate === 'never' || fate.startsWith('late'),
    });
  }
  now = new Date('2027-03-01T09:00:00Z');
});
afterAll(() => t.close());

function expected() {
  return Array.from({ length: 12 }, (_, i) => {
    const month = `2026-${String(i + 1).padStart(2, '0')}`;
    const rows = made.filter((m) => m.month === month);
    const tally = (values: (string | null)[]) => {
      const out: Record<string, number> = {};
      for (const v of values) out[v ?? 'none'] = (out[v ?? 'none'] ?? 0) + 1;
      return out;
    };
    return {
      month,
      received: rows.length,
      byCategory: tally(rows.map((r) => r.category)),
      byClassification: tally(rows.map((r) => r.classification)),
      admissible: {
        yes: rows.filter((r) => r.admissible === true).length,
        no: rows.filter((r) => r.admissible === false).length,
        unknown: rows.filter((r) => r.admissible === null).length,
      },
      open: rows.filter((r) => !r.closed).length,
      closed: rows.filter((r) => r.closed).length,
      overdue: rows.filter((r) => r.overdue).length,
    };
  });
}

describe('GET /v1/tenants/{slug}/reports/monthly', () => {
  test('equals the counts of a generated year', async () => {
    const report = await call('GET', '/v1/tenants/totaalonder1dak/reports/monthly?year=2026');
    expect(report).toEqual({ year: 2026, months: expected() });
    expect(made.some((m) => m.overdue) && made.some((m) => !m.overdue)).toBe(true);
  });

  test('is still right after erasures', async () => {
    for (const m of made.slice(0, 10)) {
      await call('DELETE', `/v1/tenants/totaalonder1dak/complaints/${m.number}`);
    }
    const report = await call('GET', '/v1/tenants/totaalonder1dak/reports/monthly?year=2026');
    expect(report.months).toEqual(expected());
  });

  test('another year is empty, and the year is validated', async () => {
    const report = await call('GET', '/v1/tenants/totaalonder1dak/reports/monthly?year=2025');
    expect(report.months.every((m: { received: number }) => m.received === 0)).toBe(true);
    const bad = await t.json(
      'GET',
      '/v1/tenants/totaalonder1dak/reports/monthly?year=abc',
      undefined,
      {
        Authorization: `Bearer ${key}`,
      },
    );
    expect(bad.status).toBe(422);
  });

  test('is computed by SQL over the registration index', async () => {
    const plan = await t.db.$client.execute(
      "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM complaints c WHERE c.tenant_id = 'x' AND c.registered_date >= '2026-01-01' AND c.registered_date <= '2026-12-31'",
    );
    expect(JSON.stringify(plan.rows)).toContain('complaints_tenant_registered');
  });
});

describe('the anonymised CSV export', () => {
  test('has one row per complaint and no personal data or free text', async () => {
    const res = await t.app.request(
      '/v1/tenants/totaalonder1dak/reports/complaints.csv?year=2026',
      {
        headers: { Authorization: `Bearer ${key}` },
      },
    );
    expect(res.headers.get('Content-Type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'number,registered,received,channel,category,status,classification,admissible,remedy,closed,satisfied,erased,firstResponse_due,firstResponse_met',
    );
    expect(lines).toHaveLength(made.length + 1);
    expect(text).not.toMatch(/Klant \d|Klacht nummer|0612345678/);
  });

  test('includes the handling texts only when staff ask for them', async () => {
    const res = await t.app.request(
      '/v1/tenants/totaalonder1dak/reports/complaints.csv?year=2026&includeText=true',
      { headers: { Authorization: `Bearer ${key}` } },
    );
    const text = await res.text();
    expect(text.split('\r\n')[0]).toMatch(/,cause,summary,preventiveMeasures$/);
    expect(text).not.toMatch(/Klant \d|Klacht nummer/);
  });
});
