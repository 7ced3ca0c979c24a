import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';

let t: TestApp;
let wenbKey: string;
let totaalKey: string;

// Thursday 24 December 2026, 10:00 in Amsterdam.
const NOW = new Date('2026-12-24T09:00:00Z');

beforeEach(async () => {
  t = await testApp({ now: () => NOW });
  wenbKey = await t.tenant('wenb');
  totaalKey = await t.tenant('totaalonder1dak');
});
afterEach(() => t.close());

const wenbComplaint = {
  complainant: { name: 'Jan Jansen', phone: '06 12345678', email: 'jan@example.nl' },
  category: 'tijdigheid',
  description: 'Mijn vraag is na drie weken nog niet beantwoord.',
  desiredSolution: 'Een antwoord.',
};

const submit = (body: unknown, headers: Record<string, string> = {}, slug = 'wenb') =>
  t.json('POST', `/v1/tenants/${slug}/complaints`, body, headers);

describe('POST /v1/tenants/{slug}/complaints', () => {
  test('registers a complaint with number, due dates from the engine and a tracking link', async () => {
    const res = await submit(wenbComplaint);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      number: '2026-0001',
      receivedAt: '2026-12-24T09:00:00.000Z',
      // Thu 24 Dec + 2 working days: Fri 25 and Sat/Sun are not, Mon 28 is day 1, Tue 29 day 2.
      // 2 weeks: Thu 7 Jan 2027.
      due: { acknowledgement: '2026-12-29', registration: '2026-12-29', resolution: '2027-01-07' },
    });
    expect(body.trackingUrl).toMatch(/^https:\/\/klacht\.test\/track\/[A-Za-z0-9_-]{43}$/);
    expect(body.deadlines.map((d: { term: string }) => d.term)).toEqual([
      'acknowledgement',
      'resolution',
    ]);
    expect(body.deadlines[0].explanation).toContain('Eerste Kerstdag');
  });

  test('writes the complaint, its received event, its deadlines and the acknowledgement together', async () => {
    const res = await submit(wenbComplaint);
    const { number, trackingUrl } = await res.json();
    const one = await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, {
      Authorization: `Bearer ${wenbKey}`,
    });
    const complaint = await one.json();
    expect(complaint).toMatchObject({
      number,
      status: 'received',
      channel: 'web',
      complainant: { name: 'Jan Jansen', phone: '06 12345678', email: 'jan@example.nl' },
      category: 'tijdigheid',
      description: wenbComplaint.description,
      desiredSolution: 'Een antwoord.',
      events: [{ type: 'received', actor: 'complainant' }],
    });
    const outbox = await t.db.$client.execute('SELECT kind, status, pd_recipient FROM outbox');
    expect(outbox.rows).toEqual([
      expect.objectContaining({
        kind: 'acknowledgement',
        status: 'pending',
        pd_recipient: 'jan@example.nl',
      }),
    ]);
    // The tracking token is stored only as a hash.
    const token = trackingUrl.split('/').pop();
    const dump = JSON.stringify((await t.db.$client.execute('SELECT * FROM complaints')).rows);
    expect(dump).not.toContain(token);
  });

  test.each([
    ['a missing description', { ...wenbComplaint, description: '' }, 'description'],
    [
      'a missing name',
      { ...wenbComplaint, complainant: { ...wenbComplaint.complainant, name: ' ' } },
      'complainant.name',
    ],
    [
      'a bad e-mail',
      { ...wenbComplaint, complainant: { ...wenbComplaint.complainant, email: 'jan@' } },
      'complainant.email',
    ],
    [
      'a bad phone',
      { ...wenbComplaint, complainant: { ...wenbComplaint.complainant, phone: '12ab' } },
      'complainant.phone',
    ],
    ['an unknown category', { ...wenbComplaint, category: 'weather' }, 'category'],
    [
      'a too long description',
      { ...wenbComplaint, description: 'x'.repeat(10_001) },
      'description',
    ],
    ['a missing complainant', { description: 'x' }, 'complainant'],
    ['a wrong type', { ...wenbComplaint, description: 42 }, 'description'],
  ])('422 names the field for %s', async (_, body, field) => {
    const res = await submit(body);
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toHaveProperty([field]);
    expect(error.fields[field]).toMatch(/[A-Za-z]/);
  });

  test('field messages follow Accept-Language', async () => {
    const nl = await submit({ ...wenbComplaint, description: '' });
    expect((await nl.json()).error.fields.description).toBe('Vul dit veld in.');
    const en = await submit({ ...wenbComplaint, description: '' }, { 'Accept-Language': 'en' });
    expect((await en.json()).error.fields.description).toBe('Please fill in this field.');
  });

  test('the public may not set the channel or a past receipt date; a tenant key may', async () => {
    const past = '2026-12-18T15:30:00+01:00';
    const publicRes = await submit({ ...wenbComplaint, channel: 'phone', receivedAt: past });
    const publicBody = await publicRes.json();
    expect(publicBody.receivedAt).toBe(NOW.toISOString());

    const staff = await submit(
      { ...wenbComplaint, channel: 'phone', receivedAt: past, receiverName: 'Piet (receptie)' },
      { Authorization: `Bearer ${wenbKey}` },
    );
    expect(staff.status).toBe(201);
    const body = await staff.json();
    expect(body.receivedAt).toBe('2026-12-18T14:30:00.000Z');
    // Fri 18 Dec + 2 working days = Tue 22 Dec; + 2 weeks = Fri 1 Jan (Nieuwjaarsdag) → Mon 4 Jan.
    expect(body.due).toMatchObject({ acknowledgement: '2026-12-22', resolution: '2027-01-04' });
    const one = await t.json('GET', `/v1/tenants/wenb/complaints/${body.number}`, undefined, {
      Authorization: `Bearer ${wenbKey}`,
    });
    expect(await one.json()).toMatchObject({ channel: 'phone', receiverName: 'Piet (receptie)' });
  });

  test('a receipt date in the future is refused', async () => {
    const res = await submit(
      { ...wenbComplaint, receivedAt: '2027-01-05T10:00:00+01:00' },
      { Authorization: `Bearer ${wenbKey}` },
    );
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(['receivedAt']);
  });

  test('on behalf of someone else, with the 000 form fields', async () => {
    const res = await submit(
      {
        complainant: { name: 'Jansen', initials: 'J.', phone: '0612345678' },
        onBehalfOf: { name: 'De Vries', initials: 'M.', phone: '0587654321' },
        description: 'Namens mijn moeder.',
      },
      {},
      'totaalonder1dak',
    );
    expect(res.status).toBe(201);
    const missing = await submit(
      {
        complainant: { name: 'Jansen', initials: 'J.', phone: '0612345678' },
        onBehalfOf: { name: 'De Vries' },
        description: 'Namens mijn moeder.',
      },
      {},
      'totaalonder1dak',
    );
    expect(missing.status).toBe(422);
    expect(Object.keys((await missing.json()).error.fields).sort()).toEqual([
      'onBehalfOf.initials',
      'onBehalfOf.phone',
    ]);
  });
});

describe('Idempotency-Key', () => {
  test('the same key twice gives one complaint and the same response', async () => {
    const headers = { 'Idempotency-Key': 'c5b0f1e2-retry-test' };
    const first = await submit(wenbComplaint, headers);
    const second = await submit(wenbComplaint, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    const count = await t.db.$client.execute('SELECT COUNT(*) AS n FROM complaints');
    expect(count.rows[0]?.n).toBe(1);
    const outbox = await t.db.$client.execute('SELECT COUNT(*) AS n FROM outbox');
    expect(outbox.rows[0]?.n).toBe(1);
  });

  test('concurrent retries with one key still give one complaint', async () => {
    const headers = { 'Idempotency-Key': 'concurrent-retry-key' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => submit(wenbComplaint, headers)),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.number))).toEqual(new Set(['2026-0001']));
    expect(new Set(bodies.map((b) => b.trackingUrl)).size).toBe(1);
  });

  test('a different body with the same key is refused', async () => {
    const headers = { 'Idempotency-Key': 'reused-key-123' };
    await submit(wenbComplaint, headers);
    const res = await submit({ ...wenbComplaint, description: 'Iets anders.' }, headers);
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('idempotency_key_reused');
  });

  test('the same key at another tenant is another request', async () => {
    const headers = { 'Idempotency-Key': 'shared-key-across' };
    const a = await submit(wenbComplaint, headers);
    const b = await submit(
      { complainant: { name: 'A', initials: 'B', phone: '0612345678' }, description: 'x' },
      headers,
      'totaalonder1dak',
    );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
  });
});

test('50 concurrent submissions get 50 distinct consecutive numbers', async () => {
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) => submit({ ...wenbComplaint, description: `Klacht ${i}` })),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
  const numbers = (await Promise.all(responses.map((r) => r.json()))).map((b) => b.number).sort();
  expect(numbers).toEqual(
    Array.from({ length: 50 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`),
  );
});

describe('tenant isolation', () => {
  test("another tenant's key gets 404 on every tenant route", async () => {
    const { number } = await (await submit(wenbComplaint)).json();
    const foreign = { Authorization: `Bearer ${totaalKey}` };
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/tenants/wenb/procedure'],
      ['PUT', '/v1/tenants/wenb/procedure', {}],
      ['GET', '/v1/tenants/wenb/complaints'],
      ['GET', `/v1/tenants/wenb/complaints/${number}`],
      ['POST', '/v1/tenants/wenb/complaints', wenbComplaint],
      ['GET', '/v1/tenants/wenb/form'],
    ];
    for (const [method, path, body] of routes) {
      const res = await t.json(method, path, body, foreign);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  test('no key or an unknown key is 401; an unknown tenant with a valid key is 404', async () => {
    expect((await t.json('GET', '/v1/tenants/wenb/complaints')).status).toBe(401);
    expect(
      (
        await t.json('GET', '/v1/tenants/wenb/procedure', undefined, {
          Authorization: 'Bearer kl_x',
        })
      ).status,
    ).toBe(401);
    const res = await t.json('GET', '/v1/tenants/nobody/procedure', undefined, {
      Authorization: `Bearer ${wenbKey}`,
    });
    expect(res.status).toBe(404);
  });

  test("the register lists only the tenant's own complaints", async () => {
    await submit(wenbComplaint);
    await submit(
      { complainant: { name: 'A', initials: 'B', phone: '0612345678' }, description: 'x' },
      {},
      'totaalonder1dak',
    );
    const res = await t.json('GET', '/v1/tenants/wenb/complaints', undefined, {
      Authorization: `Bearer ${wenbKey}`,
    });
    const { items } = await res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      number: '2026-0001',
      status: 'received',
      nextDue: '2026-12-29',
    });
  });
});

describe('the register', () => {
  test('filters by status, category, period and overdue', async () => {
    const auth = { Authorization: `Bearer ${wenbKey}` };
    await submit(wenbComplaint);
    await submit(
      { ...wenbComplaint, category: 'kwaliteit', receivedAt: '2026-11-02T10:00:00+01:00' },
      auth,
    );
    const list = async (query: string) =>
      (
        await (await t.json('GET', `/v1/tenants/wenb/complaints?${query}`, undefined, auth)).json()
      ).items.map((i: { number: string }) => i.number);
    expect(await list('category=kwaliteit')).toEqual(['2026-0002']);
    expect(await list('status=received')).toHaveLength(2);
    expect(await list('from=2026-12-01')).toEqual(['2026-0001']);
    expect(await list('to=2026-11-30')).toEqual(['2026-0002']);
    // Received 2 Nov: acknowledgement was due 4 Nov and has not happened.
    expect(await list('overdue=true')).toEqual(['2026-0002']);
    expect(await list('overdue=false')).toEqual(['2026-0001']);
    const bad = await t.json(
      'GET',
      '/v1/tenants/wenb/complaints?from=2026-13-01&limit=0',
      undefined,
      auth,
    );
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['from', 'limit']);
  });
});

describe('CORS on the public routes', () => {
  const allowed = 'https://www.wenb.nl';

  test('an allowed origin gets an exact grant, with Vary: Origin', async () => {
    const res = await t.app.request('/v1/tenants/wenb/form', { headers: { Origin: allowed } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(allowed);
    expect(res.headers.get('Vary')).toContain('Origin');
    const preflight = await t.app.request('/v1/tenants/wenb/complaints', {
      method: 'OPTIONS',
      headers: {
        Origin: allowed,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe(allowed);
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain(
      'idempotency-key',
    );
  });

  test('a 422 to an allowed origin still carries the grant, so the widget can show the fields', async () => {
    const res = await submit({ description: '' }, { Origin: allowed });
    expect(res.status).toBe(422);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(allowed);
  });

  test.each([
    'https://evil.example',
    'https://www.wenb.nl.evil.example',
    'http://www.wenb.nl',
    'null',
  ])('no grant for %s', async (origin) => {
    // The form is refused; the page may read why (#25), which echoes no origin and holds no form.
    const form = await t.app.request('/v1/tenants/wenb/form', { headers: { Origin: origin } });
    expect(form.status).toBe(403);
    expect(form.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(form.headers.get('Vary')).toContain('Origin');
    const refusal = await form.json();
    expect(refusal.error.code).toBe('origin_not_allowed');
    expect(refusal).not.toHaveProperty('complainant');
    const preflight = await t.app.request('/v1/tenants/wenb/complaints', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  test('the register is not a public route: no grant even for an allowed origin', async () => {
    const res = await t.json('GET', '/v1/tenants/wenb/complaints', undefined, {
      Authorization: `Bearer ${wenbKey}`,
      Origin: allowed,
    });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  test("one tenant's origin gets no grant for another tenant", async () => {
    const res = await t.app.request('/v1/tenants/totaalonder1dak/form', {
      headers: { Origin: allowed },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('origin_not_allowed');
  });
});
