import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { outbox } from '../server/db/schema';
import { mailbox } from '../server/mail/mailer';
import { type TestApp, testApp, WIDGET_FIELDS } from './helpers';
import { ADMIN_ORIGIN, signInCookie, tenantWithAdmin } from './staff-helpers';
import { linkIn } from './unit-fixtures';

/*
 * Links, headers, origins and the odd inputs that used to end in a 500 (issue #10, items 5–9).
 */

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
const ALLOWED = 'https://www.wenb.example';

beforeEach(async () => {
  t = await testApp({ now: () => new Date('2026-03-02T10:00:00Z') });
  wenb = await tenantWithAdmin(t, 'wenb');
  const auth = { Authorization: `Bearer ${wenb.key}` };
  const procedure = await (
    await t.json('GET', '/v1/tenants/wenb/procedure', undefined, auth)
  ).json();
  await t.json(
    'PUT',
    '/v1/tenants/wenb/procedure',
    { ...procedure, allowedOrigins: [ALLOWED] },
    auth,
  );
});
afterEach(() => t.close());

const complaint = {
  ...WIDGET_FIELDS,
  complainant: { name: 'Jan', initials: 'J.', phone: '0612345678', email: 'jan@example.nl' },
  description: 'De medewerker was onbeleefd.',
};

const count = async () =>
  Number((await t.db.$client.execute('SELECT COUNT(*) AS n FROM complaints')).rows[0]?.n);

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return t.app.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('5. links in our own e-mail', () => {
  test('come from the configured origin, never from the Host header', async () => {
    const res = await post('http://evil.example/v1/tenants/wenb/complaints', complaint, {
      Host: 'evil.example',
    });
    expect(res.status).toBe(201);
    expect((await res.json()).trackingUrl).toMatch(/^https:\/\/klacht\.test\/track\//);
    // The link waiting in the outbox, opened as the relay opens it.
    const rows = await t.db.select().from(outbox);
    const links = await Promise.all(rows.map(linkIn));
    expect(links.some((l) => l?.startsWith('https://klacht.test/track/'))).toBe(true);
    expect(JSON.stringify([rows, links])).not.toContain('evil.example');
  });
});

describe('6. security headers', () => {
  test('every page and API answer forbids framing and sniffing; HSTS over https', async () => {
    const { trackingUrl } = await (
      await t.json('POST', '/v1/tenants/wenb/complaints', complaint)
    ).json();
    const token = trackingUrl.split('/').pop();
    for (const path of [`/track/${token}`, '/docs', '/v1/tenants/wenb/form', '/health', '/nope']) {
      const res = await t.app.request(path);
      const csp = res.headers.get('Content-Security-Policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy'), path).toBeTruthy();
      expect(res.headers.get('Strict-Transport-Security'), path).toContain('max-age=');
    }
    const page = await t.app.request(`/track/${token}`);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    // A local http server sends no HSTS (a browser would ignore it, and it could stick).
    const local = await testApp({ publicUrl: 'http://localhost:8787' });
    try {
      expect((await local.app.request('/health')).headers.has('Strict-Transport-Security')).toBe(
        false,
      );
    } finally {
      local.close();
    }
  });

  test('personal data and exports are never stored by a cache', async () => {
    const { number } = await (
      await t.json('POST', '/v1/tenants/wenb/complaints', complaint)
    ).json();
    const auth = { Authorization: `Bearer ${wenb.key}` };
    for (const path of [
      `/v1/tenants/wenb/complaints/${number}`,
      '/v1/tenants/wenb/complaints',
      '/v1/tenants/wenb/reports/complaints.csv?year=2026',
      '/v1/tenants/wenb/reports/monthly?year=2026',
    ]) {
      const res = await t.json('GET', path, undefined, auth);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Cache-Control'), path).toBe('no-store');
    }
  });
});

describe('7. origins', () => {
  test('a browser page outside allowedOrigins cannot file a complaint, even as a simple request', async () => {
    const before = await count();
    const res = await t.app.request('/v1/tenants/wenb/complaints', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
      body: JSON.stringify(complaint),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect(await count()).toBe(before);
    for (const origin of ['null', 'https://www.wenb.example.evil.example']) {
      expect(
        (await post('/v1/tenants/wenb/complaints', complaint, { Origin: origin })).status,
      ).toBe(403);
    }
  });

  test('allowed origins, our own origin, servers without Origin and tenant keys still file', async () => {
    const cases: Record<string, string>[] = [
      { Origin: ALLOWED },
      { Origin: 'http://localhost' },
      { Origin: 'https://klacht.test' },
      {},
      { Origin: 'https://evil.example', Authorization: `Bearer ${wenb.key}` },
    ];
    for (const headers of cases) {
      const res = await post('http://localhost/v1/tenants/wenb/complaints', complaint, headers);
      expect(res.status, JSON.stringify(headers)).toBe(201);
    }
  });
});

describe('8. odd input is a 4xx, never a 500', () => {
  test('a malformed percent-encoding in a complaint path with a staff cookie', async () => {
    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    for (const path of ['/v1/tenants/wenb/complaints/%E0%A4%A', '/v1/tenants/wenb/complaints/%']) {
      const res = await t.app.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  test('a form that cannot be read is a 400 page, signed in or not, never a 500', async () => {
    const garbage = (path: string, cookie = '') =>
      t.app.request(path, {
        method: 'POST',
        headers: {
          'Content-Type': 'multipart/form-data; boundary=x',
          'Sec-Fetch-Site': 'same-origin',
          Origin: ADMIN_ORIGIN,
          ...(cookie ? { Cookie: cookie } : {}),
        },
        body: 'garbage',
      });
    const signIn = await garbage('/admin/wenb/sign-in');
    expect(signIn.status).toBe(400);
    expect(await signIn.text()).toContain('Het formulier kon niet worden gelezen');
    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    const number = (await (await post('/v1/tenants/wenb/complaints', complaint)).json()).number;
    const step = await garbage(`/admin/wenb/complaints/${number}/actions/add-note`, cookie);
    expect(step.status).toBe(400);
  });

  test("an object's own property names in the admin view's query are just text", async () => {
    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    const number = (await (await post('/v1/tenants/wenb/complaints', complaint)).json()).number;
    for (const done of ['constructor', 'toString', '__proto__']) {
      const page = await t.app.request(`/admin/wenb/complaints/${number}?gedaan=${done}`, {
        headers: { Cookie: cookie },
      });
      expect(page.status, done).toBe(200);
      expect(await page.text()).not.toContain('Gelukt');
    }
  });

  test('a newline in ?lang= on a tracking step: the step once, a valid redirect, no token in logs', async () => {
    const errors = vi.spyOn(console, 'error');
    try {
      const { trackingUrl } = await (
        await t.json('POST', '/v1/tenants/wenb/complaints', complaint)
      ).json();
      const token = trackingUrl.split('/').pop() as string;
      const res = await t.app.request(`/track/${token}/erasure?lang=nl%0d%0aSet-Cookie:%20x=1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(`/track/${token}?done=erasure`);
      expect(res.headers.get('Set-Cookie')).toBeNull();
      const steps = await t.db.$client.execute(
        "SELECT COUNT(*) AS n FROM events WHERE type = 'erasureRequested'",
      );
      expect(Number(steps.rows[0]?.n)).toBe(1);
      const logged = errors.mock.calls.flat().map(String).join('\n');
      expect(logged).not.toContain(token);
    } finally {
      errors.mockRestore();
    }
  });
});

describe('9. the quieter ones', () => {
  test('NUL bytes and other invisible characters are refused, naming the field', async () => {
    for (const [field, body] of [
      ['description', { ...complaint, description: 'Kapot\u0000verborgen' }],
      [
        'complainant.name',
        { ...complaint, complainant: { ...complaint.complainant, name: 'Jan\u202e' } },
      ],
      ['desiredSolution', { ...complaint, desiredSolution: 'x\u0007' }],
    ] as const) {
      const res = await t.json('POST', '/v1/tenants/wenb/complaints', body);
      expect(res.status, field).toBe(422);
      expect(Object.keys((await res.json()).error.fields)).toContain(field);
    }
    const fine = await t.json('POST', '/v1/tenants/wenb/complaints', {
      ...complaint,
      description: 'Regel één\nRegel twee\tmet tab 👍',
    });
    expect(fine.status).toBe(201);
  });

  test('the spam checks hold whatever the client sends for them', async () => {
    const before = await count();
    const { formShownAt: _, ...withoutTime } = complaint;
    const missing = await t.json('POST', '/v1/tenants/wenb/complaints', {
      ...withoutTime,
      formShownAt: undefined,
    });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields).toHaveProperty('formShownAt');
    for (const formShownAt of ['yesterday', '1700000000000', {}, -5, 1.5, null]) {
      const res = await t.json('POST', '/v1/tenants/wenb/complaints', {
        ...complaint,
        formShownAt,
      });
      expect(res.status, JSON.stringify(formShownAt)).toBe(422);
    }
    for (const website of [1, true, {}, ['x'], 'http://spam.example']) {
      const res = await t.json('POST', '/v1/tenants/wenb/complaints', { ...complaint, website });
      expect(res.status, JSON.stringify(website)).toBe(422);
      expect((await res.json()).error.code).toBe('not_sent');
    }
    expect(await count()).toBe(before);
  });

  test('the sender name is one quoted display name, whatever it holds', () => {
    expect(mailbox('Bureau WENB', 'k@example.org')).toBe('"Bureau WENB" <k@example.org>');
    expect(mailbox('Evil, <x@evil.example>', 'k@example.org')).toBe(
      '"Evil, <x@evil.example>" <k@example.org>',
    );
    expect(mailbox('a"b\\c\r\nBcc: x@evil.example', 'k@example.org')).toBe(
      '"a\\"b\\\\c Bcc: x@evil.example" <k@example.org>',
    );
  });

  test('unknown routes answer in the error shape', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/v1/nope'],
      ['DELETE', '/v1/tenants/wenb/nope'],
    ]) {
      const res = await t.app.request(path as string, { method });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type'), path).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    // A path that exists, asked with another method: 405, saying which methods it takes.
    for (const [method, path, allow] of [
      ['DELETE', '/v1/tenants/wenb/form', 'GET, HEAD, OPTIONS'],
      ['PUT', '/v1/tenants/wenb/complaints', 'POST, GET, HEAD, OPTIONS'],
      ['POST', '/health', 'GET, HEAD, OPTIONS'],
    ]) {
      const res = await t.app.request(path as string, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('Allow'), path).toBe(allow);
      expect(res.headers.get('Content-Type'), path).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
  });

  test('a browser gets an HTML page for an unknown page, the API stays JSON', async () => {
    const browser = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const path of ['/nope', '/demo/nope/deeper', '/track/x/y/z', '/admin/nope/x/y']) {
      const res = await t.app.request(path, { headers: browser });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type'), path).toContain('text/html');
      const page = await res.text();
      expect(page, path).toMatch(/<html lang="nl">/);
      expect(page, path).toMatch(/<title>[^<]+<\/title>/);
      expect(page, path).toMatch(/href="\/(admin)?"/);
    }
    for (const path of ['/v1/nope', '/v1/tenants/wenb/nope']) {
      const res = await t.app.request(path, { headers: browser });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type'), path).toContain('application/json');
    }
  });
});
