import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';
import { queryPlans, TABLE_SCAN } from './query-plans';

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
      complainant: {
        name: `Klant ${i}`,
        initials: 'K.',
        phone: '0612345678',
        address: 'Laan 1, 1000 AA Amsterdam',
      },
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
    // Its own tenant and complaints, so the generated year the other tests read stays as it is.
    const own = await t.tenant('wissen', { preset: 'totaalonder1dak' });
    const ownCall = async (method: string, path: string, body?: unknown) => {
      const res = await t.json(method, `/v1/tenants/wissen${path}`, body, {
        Authorization: `Bearer ${own}`,
      });
      if (res.status >= 300)
        throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    };
    const later = now;
    const numbers: string[] = [];
    try {
      for (let i = 0; i < 8; i++) {
        now = new Date(Date.UTC(2026, i, 12, 9, 0, 0));
        const { number } = await ownCall('POST', '/complaints', {
          complainant: { name: `Wis ${i}`, initials: 'W.', phone: '0612345678' },
          description: `Te wissen klacht ${i}`,
          ...(i % 2 === 0 ? { category: 'overeenkomst' } : {}),
        });
        numbers.push(number);
        if (i % 3 !== 1)
          await ownCall('POST', `/complaints/${number}/actions/respond`, { message: 'm' });
        if (i % 3 === 0) {
          await ownCall('POST', `/complaints/${number}/actions/close`, {
            classification: i % 2 === 0 ? 'justified' : 'dissatisfaction',
            summary: 's',
            admissible: i < 4,
          });
        }
      }
    } finally {
      now = later;
    }
    const before = await ownCall('GET', '/reports/monthly?year=2026');
    expect(before.months.map((m: { received: number }) => m.received)).toEqual([
      1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
    ]);
    for (const number of numbers.slice(0, 6)) await ownCall('DELETE', `/complaints/${number}`);
    expect(await ownCall('GET', '/reports/monthly?year=2026')).toEqual(before);
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

  test('reads kept counters and the open complaints due-date index, never every complaint', async () => {
    // Record the statements the report sends to the database, and ask SQLite how it runs each.
    const statements = await queryPlans(t.db.$client, () =>
      call('GET', '/v1/tenants/totaalonder1dak/reports/monthly?year=2026'),
    );
    // Every statement the report sends is answered from an index, none by scanning a table.
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (const { sql, plan } of statements) {
      expect(plan, sql).not.toContainEqual(expect.stringMatching(TABLE_SCAN));
    }
    const plans = statements.flatMap((s) => s.plan);
    expect(plans).toContainEqual(expect.stringMatching(/^SEARCH report_counts USING /));
    expect(plans).toContainEqual(
      expect.stringMatching(/^SEARCH complaints USING COVERING INDEX complaints_tenant_open_due/),
    );
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
      'number,registered,received,channel,category,status,classification,admissible,remedy,closed,declined,satisfied,erased,firstResponse_due,firstResponse_met',
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
