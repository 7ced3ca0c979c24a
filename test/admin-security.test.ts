import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { adminDocs } from '../server/admin/admin-route-docs';
import { ACCOUNT_FAILURES, ADDRESS_FAILURES, LOCK_MINUTES } from '../server/staff/sign-in';
import { OPERATOR_TOKEN, type TestApp, testApp } from './helpers';

let t: TestApp;
let now: Date;
const keys: Record<string, string> = {};
const passwords: Record<string, string> = {};
const ORIGIN = 'http://localhost';

beforeEach(async () => {
  now = new Date('2026-03-02T09:00:00Z');
  t = await testApp({ now: () => now });
  for (const slug of ['wenb', 'totaalonder1dak']) {
    const res = await t.json(
      'POST',
      '/v1/tenants',
      {
        slug,
        name: `Tenant ${slug}`,
        preset: slug,
        admin: { email: 'admin@example.nl', name: 'Ad' },
      },
      { Authorization: `Bearer ${OPERATOR_TOKEN}` },
    );
    const body = await res.json();
    keys[slug] = body.apiKey;
    passwords[slug] = body.admin.password;
  }
});
afterEach(() => t.close());

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...headers },
    body: new URLSearchParams(fields),
  });
}

async function signIn(slug: string, email: string, password: string) {
  return post(`/admin/${slug}/sign-in`, { email, password });
}

async function cookieFor(slug: string, email = 'admin@example.nl', password = passwords[slug]) {
  const res = await signIn(slug, email, password ?? '');
  expect(res.status).toBe(303);
  return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
}

async function csrfOf(path: string, cookie: string) {
  const page = await (await t.app.request(path, { headers: { Cookie: cookie } })).text();
  return page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
}

async function submit(slug: string, description = 'De medewerker was onbeleefd.') {
  const res = await t.json('POST', `/v1/tenants/${slug}/complaints`, {
    complainant: { name: 'Jan', initials: 'J.', phone: '06 12345678', email: 'jan@example.nl' },
    description,
  });
  expect(res.status).toBe(201);
  return (await res.json()).number as string;
}

async function addStaff(slug: string, role: string, name: string) {
  const res = await t.json(
    'POST',
    `/v1/tenants/${slug}/staff`,
    { email: `${role}@example.nl`, name, role, password: 'correct horse battery' },
    { Authorization: `Bearer ${keys[slug]}` },
  );
  expect(res.status).toBe(201);
}

const timed = async <T>(run: () => Promise<T>) => {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
};

describe('sign-in', () => {
  test('wrong password, unknown account and a locked account give the same answer', async () => {
    const answer = async (email: string, password: string) => {
      const { result, ms } = await timed(() => signIn('wenb', email, password));
      return {
        status: result.status,
        body: await result.text(),
        ms,
        cookie: result.headers.get('Set-Cookie'),
      };
    };
    const wrong = await answer('admin@example.nl', 'not the password');
    const unknown = await answer('nobody@example.nl', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.cookie).toBeNull();
    // The page repeats the e-mail address typed, so compare with it swapped.
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body.replace('nobody@', 'admin@')).toBe(wrong.body);
    for (let i = 1; i < ACCOUNT_FAILURES; i++) await answer('admin@example.nl', 'still wrong');
    const locked = await answer('admin@example.nl', passwords.wenb ?? '');
    expect(locked.status).toBe(wrong.status);
    expect(locked.body).toBe(wrong.body);
    expect(locked.cookie).toBeNull();

    // Comparable time: an unknown account also costs a PBKDF2 run.
    const samples = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await answer(email, 'x')).ms);
      return times.sort((a, b) => a - b)[1] ?? 0;
    };
    now = new Date(now.getTime() + 20 * 60_000); // a new window, so the address is not throttled
    const known = await samples('admin@example.nl');
    const nobody = await samples('nobody@example.nl');
    expect(nobody).toBeGreaterThan(known * 0.25);
    expect(nobody).toBeLessThan(known * 4);

    // After the lock the right password works again.
    now = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
    expect((await signIn('wenb', 'admin@example.nl', passwords.wenb ?? '')).status).toBe(303);
  });

  test('a throttled address gets the same answer, even with the right password', async () => {
    const wrong = await signIn('wenb', 'admin@example.nl', 'not the password');
    const wrongBody = await wrong.text();
    for (let i = 1; i < ADDRESS_FAILURES; i++) {
      await signIn('wenb', `nobody${i}@example.nl`, 'x');
    }
    const throttled = await signIn('wenb', 'admin@example.nl', passwords.wenb ?? '');
    expect(throttled.status).toBe(401);
    expect(await throttled.text()).toBe(wrongBody);
    // Another tenant's account from the same address is throttled too.
    const other = await signIn(
      'totaalonder1dak',
      'admin@example.nl',
      passwords.totaalonder1dak ?? '',
    );
    expect(other.status).toBe(401);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await signIn('wenb', 'admin@example.nl', passwords.wenb ?? '')).status).toBe(303);
  });

  test('the cookie is HttpOnly, SameSite=Lax, Path=/; __Host- and Secure when served over https', async () => {
    // The service's origin (https://klacht.test here) decides, not the request or its headers.
    const viaHttp = await t.app.request('http://10.0.0.1/admin/wenb/sign-in', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://10.0.0.1',
        'X-Forwarded-Proto': 'http',
      },
      body: new URLSearchParams({ email: 'admin@example.nl', password: passwords.wenb ?? '' }),
    });
    const secure = viaHttp.headers.get('Set-Cookie') ?? '';
    expect(secure).toMatch(/^__Host-klacht_session=[\w-]{43};/);
    expect(secure).toContain('Secure');
    expect(secure).toContain('HttpOnly');
    expect(secure).toContain('SameSite=Lax');
    expect(secure).toContain('Path=/');
    // Only the token's hash is stored.
    const token = secure.split(';')[0]?.split('=')[1] ?? '';
    const rows = await t.db.$client.execute('SELECT token_hash FROM sessions');
    expect(rows.rows.map((r) => r.token_hash)).not.toContain(token);

    // A local server on plain http: no prefix and no Secure, whatever a client claims.
    const local = await testApp({ now: () => now, publicUrl: 'http://localhost:8787' });
    try {
      const res = await local.json(
        'POST',
        '/v1/tenants',
        { slug: 'wenb', name: 'W', preset: 'wenb', admin: { email: 'a@example.nl', name: 'A' } },
        { Authorization: `Bearer ${OPERATOR_TOKEN}` },
      );
      const { admin } = await res.json();
      const signedIn = await local.app.request('/admin/wenb/sign-in', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'http://localhost',
          'X-Forwarded-Proto': 'https',
        },
        body: new URLSearchParams({ email: 'a@example.nl', password: admin.password }),
      });
      const plain = signedIn.headers.get('Set-Cookie') ?? '';
      expect(plain).toMatch(/^klacht_session=[\w-]{43};/);
      expect(plain).not.toContain('Secure');
    } finally {
      local.close();
    }
  });

  test('signing out ends the session', async () => {
    const cookie = await cookieFor('wenb');
    const csrf = await csrfOf('/admin/wenb/complaints', cookie);
    const out = await post('/admin/wenb/sign-out', { _csrf: csrf }, { Cookie: cookie });
    expect(out.status).toBe(303);
    const after = await t.app.request('/admin/wenb/complaints', { headers: { Cookie: cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.get('Location')).toContain('/admin/wenb/sign-in');
  });

  test('a session expires after 12 hours', async () => {
    const cookie = await cookieFor('wenb');
    now = new Date(now.getTime() + 12 * 3600_000 + 1000);
    const res = await t.app.request('/admin/wenb/complaints', { headers: { Cookie: cookie } });
    expect(res.status).toBe(303);
  });
});

describe('tenant isolation', () => {
  test('a session of tenant A gets 404 on every tenant-B page and action', async () => {
    const number = await submit('totaalonder1dak');
    const cookie = await cookieFor('wenb');
    const csrf = await csrfOf('/admin/wenb/complaints', cookie);
    const b = '/admin/totaalonder1dak';
    for (const path of [
      b,
      `${b}/complaints`,
      `${b}/complaints/new`,
      `${b}/complaints/${number}`,
      `${b}/reports`,
      `${b}/reports/complaints.csv?year=2026`,
      `${b}/settings`,
      `${b}/outbox`,
    ]) {
      const res = await t.app.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain(number);
    }
    for (const path of [
      `${b}/complaints`,
      `${b}/complaints/${number}/actions/acknowledge`,
      `${b}/complaints/${number}/actions/close`,
      `${b}/settings/staff`,
      `${b}/settings/staff/any/disable`,
      `${b}/sign-out`,
    ]) {
      const res = await post(
        path,
        { _csrf: csrf, description: 'x', name: 'x' },
        { Cookie: cookie },
      );
      expect(res.status, path).toBe(404);
    }
    // The API answers the same.
    const api = '/v1/tenants/totaalonder1dak';
    for (const path of [`${api}/complaints`, `${api}/complaints/${number}`, `${api}/staff`]) {
      const res = await t.app.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(404);
    }
    const action = await t.app.request(`${api}/complaints/${number}/actions/acknowledge`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(action.status).toBe(404);
    const view = await t.json('GET', `${api}/complaints/${number}`, undefined, {
      Authorization: `Bearer ${keys.totaalonder1dak}`,
    });
    expect((await view.json()).status).toBe('received');
  });
});

describe('forms', () => {
  test('a form posted without (or with a wrong) CSRF token is refused', async () => {
    const number = await submit('wenb');
    const cookie = await cookieFor('wenb');
    const path = `/admin/wenb/complaints/${number}/actions/acknowledge`;
    const missing = await post(path, {}, { Cookie: cookie });
    expect(missing.status).toBe(403);
    const wrong = await post(path, { _csrf: 'x'.repeat(43) }, { Cookie: cookie });
    expect(wrong.status).toBe(403);
    const other = await cookieFor('wenb');
    const othersToken = await csrfOf('/admin/wenb/complaints', other);
    expect((await post(path, { _csrf: othersToken }, { Cookie: cookie })).status).toBe(403);
    // The right token from another site is refused by the Origin check.
    const csrf = await csrfOf('/admin/wenb/complaints', cookie);
    const crossSite = await post(
      path,
      { _csrf: csrf },
      { Cookie: cookie, Origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const view = await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, {
      Authorization: `Bearer ${keys.wenb}`,
    });
    expect((await view.json()).status).toBe('received');
    const ok = await post(path, { _csrf: csrf }, { Cookie: cookie });
    expect(ok.status).toBe(303);
  });

  test('a description with HTML and script is shown as text', async () => {
    const number = await submit('wenb', '<script>alert("x")</script><img src=x onerror=alert(1)>');
    const cookie = await cookieFor('wenb');
    const page = await (
      await t.app.request(`/admin/wenb/complaints/${number}`, { headers: { Cookie: cookie } })
    ).text();
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
  });

  test('pages forbid scripts and framing', async () => {
    const cookie = await cookieFor('wenb');
    const res = await t.app.request('/admin/wenb/complaints', { headers: { Cookie: cookie } });
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('Cache-Control')).toBe('no-store, no-transform');
  });
});

describe('on the way', () => {
  test('every admin answer, page or not, signed in or not, says no-store and no-transform', async () => {
    // A CSRF token and personal data beside text the query reflects: an edge that compressed
    // them (Cloudflare does, unless told not to) would let their size give them away (BREACH).
    const number = await submit('wenb');
    const cookie = await cookieFor('wenb');
    const csrf = await csrfOf('/admin/wenb/complaints', cookie);
    const paths = adminDocs.map((doc) => ({
      method: doc.method.toUpperCase(),
      path: doc.path
        .replace('{slug}', 'wenb')
        .replace('{number}', number)
        .replace(/\{[^}]+\}/g, 'unknown'),
    }));
    const extra = ['/admin?organisatie=wenb', '/admin/wenb/', '/admin/wenb/nope', '/admin/nope/x'];
    paths.push(...extra.map((path) => ({ method: 'GET', path })));
    expect(paths.length).toBeGreaterThan(20);
    for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
      for (const { method, path } of paths) {
        const res =
          method === 'GET'
            ? await t.app.request(path, { headers })
            : await post(path, { _csrf: csrf }, headers);
        const cacheControl = res.headers.get('Cache-Control') ?? '';
        expect(cacheControl, `${method} ${path} (${res.status})`).toMatch(/\bno-store\b/);
        expect(cacheControl, `${method} ${path} (${res.status})`).toMatch(/\bno-transform\b/);
      }
    }
  });
});

describe('roles', () => {
  test('each role sees only the forms it may use, and the server enforces the same', async () => {
    await addStaff('wenb', 'receiver', 'Olga');
    await addStaff('wenb', 'handler', 'Bram');
    await addStaff('wenb', 'appealBody', 'Dirk');
    const number = await submit('wenb');
    const receiver = await cookieFor('wenb', 'receiver@example.nl', 'correct horse battery');
    const handler = await cookieFor('wenb', 'handler@example.nl', 'correct horse battery');
    const appeal = await cookieFor('wenb', 'appealbody@example.nl', 'correct horse battery');
    const page = `/admin/wenb/complaints/${number}`;
    const forms = async (cookie: string) =>
      [
        ...(await (await t.app.request(page, { headers: { Cookie: cookie } })).text()).matchAll(
          /action="[^"]*\/actions\/([\w-]+)"/g,
        ),
      ].map((m) => m[1]);
    expect(await forms(receiver)).toEqual(['acknowledge', 'forward', 'update', 'add-note']);
    // Not forwarded to Bram yet: nothing to handle.
    expect(await forms(handler)).toEqual([]);
    expect(await forms(appeal)).toEqual([]);

    const act = async (cookie: string, action: string, fields: Record<string, string> = {}) =>
      post(
        `${page}/actions/${action}`,
        { _csrf: await csrfOf(page, cookie), ...fields },
        {
          Cookie: cookie,
        },
      );
    expect((await act(handler, 'respond', { message: 'Hallo' })).status).toBe(403);
    expect((await act(appeal, 'acknowledge')).status).toBe(403);
    const bram = (
      await (await t.app.request(page, { headers: { Cookie: receiver } })).text()
    ).match(/<option value="([\w-]+)">Bram<\/option>/)?.[1];
    expect((await act(receiver, 'forward', { handlerId: bram ?? '' })).status).toBe(303);
    expect(await forms(handler)).toEqual(
      expect.arrayContaining(['respond', 'postpone', 'propose-solution', 'close', 'update']),
    );
    expect((await act(handler, 'respond', { message: 'Hallo' })).status).toBe(303);
    // The receiver cannot register through pages it may not see either: the handler cannot.
    expect(
      (await t.app.request('/admin/wenb/complaints/new', { headers: { Cookie: handler } })).status,
    ).toBe(403);
    expect(
      (await t.app.request('/admin/wenb/settings', { headers: { Cookie: handler } })).status,
    ).toBe(403);
    expect(
      (await t.app.request('/admin/wenb/outbox', { headers: { Cookie: receiver } })).status,
    ).toBe(403);

    // The API applies the same rules to a session.
    const apiAct = (cookie: string, action: string, body: unknown) =>
      t.app.request(`/v1/tenants/wenb/complaints/${number}/actions/${action}`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await apiAct(receiver, 'propose-solution', { proposedSolution: 'x' })).status).toBe(
      403,
    );
    expect(
      (await t.app.request('/v1/tenants/wenb/staff', { headers: { Cookie: handler } })).status,
    ).toBe(403);
    const list = await t.app.request('/v1/tenants/wenb/complaints', {
      headers: { Cookie: handler },
    });
    expect(list.status).toBe(200);
    const viaApi = await apiAct(handler, 'propose-solution', {
      proposedSolution: 'Wij bieden excuses aan.',
      cause: 'Drukte',
    });
    expect(viaApi.status).toBe(200);
    const body = await viaApi.json();
    expect(body.events.at(-1)).toMatchObject({ type: 'solutionProposed', actor: 'staff:Bram' });
    // A session only changes things from our own origin: elsewhere the cookie does not count.
    const crossSite = await t.app.request(`/v1/tenants/wenb/complaints/${number}/actions/update`, {
      method: 'POST',
      headers: {
        Cookie: handler,
        Origin: 'https://evil.example',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ cause: 'x' }),
    });
    expect(crossSite.status).toBe(401);
  });

  test('a receiver registers a phone complaint with its real receipt date', async () => {
    await addStaff('wenb', 'receiver', 'Olga');
    const cookie = await cookieFor('wenb', 'receiver@example.nl', 'correct horse battery');
    const csrf = await csrfOf('/admin/wenb/complaints/new', cookie);
    const bad = await post(
      '/admin/wenb/complaints',
      { _csrf: csrf, channel: 'phone', receivedAt: '2026-03-01T10:00', description: 'Kapot' },
      { Cookie: cookie },
    );
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toContain('href="#f-complainant-name"');
    expect(page).toContain('Kapot'); // nothing typed is lost
    const fields = {
      _csrf: csrf,
      _key: 'form-1',
      channel: 'phone',
      receivedAt: '2026-02-27T16:45',
      receiverName: 'Olga',
      'complainant.name': 'Jan',
      'complainant.phone': '06 12345678',
      'complainant.email': 'jan@example.nl',
      description: 'Kapot',
    };
    const ok = await post('/admin/wenb/complaints', fields, { Cookie: cookie });
    expect(ok.status).toBe(201);
    const number = (await ok.text()).match(/Klacht (\d{4}-\d{4}) is geregistreerd/)?.[1] ?? '';
    // The same form posted twice registers one complaint.
    const again = await post('/admin/wenb/complaints', fields, { Cookie: cookie });
    expect((await again.text()).match(/Klacht (\d{4}-\d{4}) is geregistreerd/)?.[1]).toBe(number);
    const view = await (
      await t.json('GET', `/v1/tenants/wenb/complaints/${number}`, undefined, {
        Authorization: `Bearer ${keys.wenb}`,
      })
    ).json();
    expect(view).toMatchObject({
      channel: 'phone',
      receivedAt: '2026-02-27T15:45:00.000Z',
      receiverName: 'Olga',
    });
    expect(view.events[0].actor).toBe('staff:Olga');
  });
});

describe('settings', () => {
  test('an admin adds a staff member (password shown once) and disables them', async () => {
    const cookie = await cookieFor('wenb');
    const csrf = await csrfOf('/admin/wenb/settings', cookie);
    const added = await post(
      '/admin/wenb/settings/staff',
      { _csrf: csrf, name: 'Sanne', email: 'sanne@example.nl', role: 'handler', password: '' },
      { Cookie: cookie },
    );
    expect(added.status).toBe(200);
    const password = (await added.text()).match(/<pre>(\w{20})<\/pre>/)?.[1] ?? '';
    expect(password).not.toBe('');
    expect((await signIn('wenb', 'sanne@example.nl', password)).status).toBe(303);
    const list = await (
      await t.json('GET', '/v1/tenants/wenb/staff', undefined, {
        Authorization: `Bearer ${keys.wenb}`,
      })
    ).json();
    const sanne = list.items.find((s: { email: string }) => s.email === 'sanne@example.nl');
    const off = await post(
      `/admin/wenb/settings/staff/${sanne.id}/disable`,
      { _csrf: csrf },
      {
        Cookie: cookie,
      },
    );
    expect(off.status).toBe(200);
    expect((await signIn('wenb', 'sanne@example.nl', password)).status).toBe(401);
    const taken = await post(
      '/admin/wenb/settings/staff',
      { _csrf: csrf, name: 'S', email: 'sanne@example.nl', role: 'handler' },
      { Cookie: cookie },
    );
    expect(taken.status).toBe(409);
  });
});
