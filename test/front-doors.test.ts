import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type TestApp, testApp } from './helpers';
import { signInCookie, tenantWithAdmin } from './staff-helpers';

/*
 * The doors people walk in by (issue #15): /admin to find one's organisation's sign-in, the
 * addresses they type with a trailing slash, and what an address that does not exist answers.
 */

let t: TestApp;
let wenb: Awaited<ReturnType<typeof tenantWithAdmin>>;
const BROWSER = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

beforeEach(async () => {
  t = await testApp();
  wenb = await tenantWithAdmin(t, 'wenb');
});
afterEach(() => t.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers: { ...BROWSER, ...headers } });

describe('/admin finds the sign-in page of an organisation', () => {
  test('a page with one field, in Dutch', async () => {
    const res = await get('/admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toMatch(/<form method="get" action="\/admin">/);
    expect(page).toMatch(/<label for="organisatie">Organisatie \(verplicht\)<\/label>/);
  });

  test('by short name or by full name, in any case, to that sign-in page', async () => {
    for (const asked of ['wenb', ' WENB ', 'Tenant wenb', 'tenant WENB']) {
      const res = await get(`/admin?organisatie=${encodeURIComponent(asked)}`);
      expect(res.status, asked).toBe(303);
      expect(res.headers.get('Location'), asked).toBe('/admin/wenb/sign-in');
    }
  });

  test('an unknown name is said so, on the page, with what was typed escaped', async () => {
    const res = await get(`/admin?organisatie=${encodeURIComponent('<b>niet</b>')}`);
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('Geen organisatie gevonden met “&lt;b&gt;niet&lt;/b&gt;”');
    expect(page).toContain('aria-invalid="true"');
    expect(page).not.toContain('<b>niet</b>');
  });

  test('an e-mail address gets the same answer whether or not it has an account', async () => {
    const answer = async (email: string) => {
      const res = await get(`/admin?organisatie=${encodeURIComponent(email)}`);
      return { status: res.status, page: await res.text() };
    };
    const known = await answer(wenb.email);
    const unknown = await answer('nobody@example.nl');
    expect(known.status).toBe(200);
    expect(known).toEqual(unknown);
    expect(known.page).toContain('Wij zoeken niet op e-mailadres');
    expect(known.page).not.toContain('/admin/wenb');
    expect(known.page).not.toContain(wenb.email);
  });

  test("each sign-in page links to it, and the service's front door leads to it", async () => {
    const signIn = await (await get('/admin/wenb/sign-in')).text();
    expect(signIn).toContain('<a href="/admin">');
    const home = await get('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('Location')).toBe('/admin');
  });
});

describe('addresses typed with a trailing slash', () => {
  test('/admin/ and /admin/{slug}/ lead to the finder, the register or the sign-in', async () => {
    const finder = await get('/admin/');
    expect(finder.status).toBe(301);
    expect(finder.headers.get('Location')).toBe('/admin');

    const signedOut = await get('/admin/wenb/');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('Location')).toMatch(/^\/admin\/wenb\/sign-in/);

    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    const slash = await get('/admin/wenb/', { Cookie: cookie });
    expect(slash.status).toBe(301);
    expect(slash.headers.get('Location')).toBe('/admin/wenb');
    const home = await get('/admin/wenb', { Cookie: cookie });
    expect(home.status).toBe(303);
    expect(home.headers.get('Location')).toBe('/admin/wenb/complaints');
  });

  test('never to another host, whatever the path or the Host header', async () => {
    for (const path of ['//evil.example/', '/\\evil.example/', '//evil.example//']) {
      const res = await t.app.request(`http://localhost${path}`, { headers: BROWSER });
      const location = res.headers.get('Location');
      if (location !== null)
        expect(new URL(location, 'http://localhost').host, path).toBe('localhost');
    }
    const res = await t.app.request('/health/', { headers: { Host: 'evil.example' } });
    expect(res.status).toBe(301);
    expect(res.headers.get('Location')).toBe('/health');
  });
});

describe('an address that does not exist', () => {
  test('inside the admin view, signed in: its own 404 page with the menu', async () => {
    const cookie = await signInCookie(t, 'wenb', wenb.email, wenb.password);
    for (const path of ['/admin/wenb/x/y/z', '/admin/wenb/complaints/2026-0001/nope']) {
      const res = await get(path, { Cookie: cookie });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type'), path).toContain('text/html');
      const page = await res.text();
      expect(page, path).toContain('Niet gevonden');
      expect(page, path).toContain('aria-label="Hoofdmenu"');
    }
    // Even to a client that asks for JSON: the admin view only speaks HTML.
    const json = await get('/admin/wenb/x', { Cookie: cookie, Accept: 'application/json' });
    expect(json.status).toBe(404);
    expect(json.headers.get('Content-Type')).toContain('text/html');
  });

  test('a page of the service that takes another method: 405 with Allow, as a page', async () => {
    const res = await t.app.request('/track/abc', { method: 'POST', headers: BROWSER });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('Content-Type')).toContain('text/html');
    expect(await res.text()).toContain('<html lang="nl">');
    const options = await t.app.request('/health', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
  });
});
