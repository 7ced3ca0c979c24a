import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { WIDGET_FIELDS } from './helpers';
import { liveServer, ROOT, UNTIL } from './server';

const live = liveServer();

/** Opens a page and collects every CSP violation: the DOM event and the console's report. */
async function openWatched(path: string) {
  const page = await live.browser.newPage();
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('pageerror', (err) => violations.push(`page error: ${err.message}`));
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  // Runs before the page's own scripts, and is not subject to the page's CSP itself.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportViolation: (t: string) => void })
        .reportViolation;
      report(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  const response = await page.goto(`${live.server.url}${path}`);
  return { page, violations, csp: response?.headers()['content-security-policy'] ?? '' };
}

async function waitForForm(page: Page) {
  await page.locator('klacht-form form').waitFor();
}

test('the themed demo page works under a strict CSP and registers a complaint', async () => {
  const { page, violations, csp } = await openWatched('/demo/theming');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe');
  await waitForForm(page);
  const form = page.locator('klacht-form');
  // The theme reached into the shadow DOM through custom properties.
  const button = form.getByRole('button', { name: 'Klacht versturen' });
  await expect
    .poll(() => button.evaluate((b) => getComputedStyle(b).backgroundColor), UNTIL)
    .toBe('rgb(11, 110, 79)');

  await form.getByLabel('Naam').fill('Jansen');
  await form.getByLabel('Telefoonnummer').fill('06 12345678');
  await form.getByLabel('E-mailadres').fill('jansen@example.nl');
  await form.getByLabel('Beschrijf uw klacht').fill('De monteur kwam niet opdagen.');
  // A person takes longer than the server's minimum fill time (3 s); so does this test.
  await page.waitForTimeout(3_100);
  await form.getByRole('button', { name: 'Klacht versturen' }).click();
  const confirmation = form.locator('.confirmation');
  await confirmation.waitFor();
  await expect
    .poll(async () => (await confirmation.locator('.number').textContent())?.trim(), UNTIL)
    .toMatch(/^\d{4}-\d{4}$/);
  expect(violations).toEqual([]);
  await page.close();
});

test('the English demo page renders the form in English without CSP violations', async () => {
  const { page, violations } = await openWatched('/demo/english');
  await waitForForm(page);
  const form = page.locator('klacht-form');
  await form.getByText('Name (required)').first().waitFor({ state: 'visible' });
  await expect.poll(() => form.getByLabel('Attachments').count(), UNTIL).toBe(1);
  expect(violations).toEqual([]);
  await page.close();
});

test('the widget is served immutable under its version, briefly under its aliases', async () => {
  const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
  const major = version.split('.')[0];
  const pinned = await fetch(`${live.server.url}/widget/v${version}/klacht-form.js`);
  expect(pinned.status).toBe(200);
  expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  for (const path of [`/widget/v${major}/klacht-form.js`, '/widget/klacht-form.js']) {
    const res = await fetch(`${live.server.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await res.text()).toBe(await pinned.clone().text());
  }
  const manifest = await fetch(`${live.server.url}/widget/custom-elements.json`);
  expect(JSON.stringify(await manifest.json())).toContain('klacht-submitted');
});

/** A GET with exactly these headers (fetch would add Accept-Encoding and decompress). */
function get(path: string, headers: Record<string, string> = {}) {
  const url = new URL(`${live.server.url}${path}`);
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
    (done, fail) => {
      const req = request(
        { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            done({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', fail);
      req.end();
    },
  );
}

test('the widget and pages come gzip-compressed when asked, and plain when not', async () => {
  const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
  const file = readFileSync(resolve(ROOT, 'dist/public/widget/klacht-form.js'));
  for (const path of [`/widget/v${version}/klacht-form.js`, '/widget/klacht-form.js']) {
    const gzipped = await get(path, { 'Accept-Encoding': 'gzip, deflate' });
    expect(gzipped.status, path).toBe(200);
    expect(gzipped.headers['content-encoding'], path).toBe('gzip');
    expect(gzipped.headers.vary, path).toMatch(/accept-encoding/i);
    expect(gzipped.body.length, path).toBeLessThan(16_000);
    expect(gunzipSync(gzipped.body).equals(file), path).toBe(true);
    const plain = await get(path);
    expect(plain.headers['content-encoding'], path).toBeUndefined();
    expect(plain.body.equals(file), path).toBe(true);
  }
  // Compression keeps each URL's cache lifetime.
  const pinned = await get(`/widget/v${version}/klacht-form.js`, { 'Accept-Encoding': 'gzip' });
  expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const alias = await get('/widget/klacht-form.js', { 'Accept-Encoding': 'gzip' });
  expect(alias.headers['cache-control']).toBe('public, max-age=300');

  for (const path of ['/', '/docs', '/openapi.json']) {
    const gzipped = await get(path, { 'Accept-Encoding': 'gzip' });
    expect(gzipped.status, path).toBe(200);
    expect(gzipped.headers['content-encoding'], path).toBe('gzip');
    const plain = await get(path);
    expect(plain.headers['content-encoding'], path).toBeUndefined();
    expect(gunzipSync(gzipped.body).toString(), path).toBe(plain.body.toString());
  }
  // The admin view's pages hold a CSRF token and personal data beside reflected input: never
  // compressed (BREACH), here or at Cloudflare's edge, which the same header tells.
  for (const path of ['/admin?organisatie=wen', '/admin/wenb/sign-in', '/admin/onbekend/sign-in']) {
    const admin = await get(path, { 'Accept-Encoding': 'gzip' });
    expect(admin.body.length, path).toBeGreaterThan(1024);
    expect(admin.headers['content-encoding'], path).toBeUndefined();
    expect(admin.headers['cache-control'], path).toBe('no-store, no-transform');
  }
});

test('the Node entry answers unknown routes in the error shape, or as a page, with the same headers', async () => {
  for (const path of ['/nope', '/v1/nope', '/demo/nope/deeper']) {
    const res = await fetch(`${live.server.url}${path}`);
    expect(res.status, path).toBe(404);
    expect(res.headers.get('content-type'), path).toContain('application/json');
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
  }
  // A browser that asks for a page gets one, under the same headers.
  for (const path of ['/nope', '/demo/nope', '/demo/nope/deeper']) {
    const { page, violations } = await openWatched(path);
    await expect.poll(() => page.title(), UNTIL).toBe('Pagina niet gevonden – Klachtenregeling');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect
      .poll(() => page.getByRole('link', { name: 'Naar de startpagina' }).getAttribute('href'))
      .toBe('/');
    expect(violations, path).toEqual([]);
    await page.close();
  }
  const widget = await fetch(`${live.server.url}/widget/klacht-form.js`);
  expect(widget.headers.get('x-content-type-options')).toBe('nosniff');
  expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
});

test('links the server hands out follow its own origin, not the Host header a client sends', async () => {
  const { request } = await import('node:http');
  const url = new URL(`${live.server.url}/v1/tenants/wenb/complaints`);
  const body = JSON.stringify({
    ...WIDGET_FIELDS,
    complainant: { name: 'Jan', phone: '0612345678', email: 'jan@example.nl' },
    description: 'Host header test',
  });
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { Host: 'evil.example', 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  expect(answer.status).toBe(201);
  expect(JSON.parse(answer.text).trackingUrl).toMatch(
    new RegExp(`^http://localhost:${url.port}/track/`),
  );
});
