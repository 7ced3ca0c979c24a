import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { doubleText, readingProblems } from './page-checks';
import { freePort, liveServer, UNTIL } from './server';

/*
 * Issue #25, item 3, in Chromium: a site owner embeds the form exactly as the README says, on a
 * site whose origin is not yet allowed. The visitor sees the organisation's other ways to
 * complain, the console names the origin to add and where, the page hears why; after the one
 * PATCH the README shows, the same page loads the form and a complaint goes through.
 */

const live = liveServer();
let site: Server;
let siteOrigin: string;

beforeAll(async () => {
  const port = await freePort();
  siteOrigin = `http://127.0.0.1:${port}`;
  // The customer's own site: another origin than the service's (localhost:PORT).
  site = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Bureau WENB — klachten</title>
      <script type="module" src="${live.server.url}/widget/klacht-form.js"></script></head>
      <body><main><h1>Klacht indienen</h1><klacht-form tenant="wenb"></klacht-form></main></body></html>`);
  });
  await new Promise<void>((done) => site.listen(port, '127.0.0.1', done));
});
afterAll(() => new Promise<void>((done) => site.close(() => done())));

test('on an origin not yet allowed the visitor gets other channels and the owner the fix', {
  timeout: 90_000,
}, async () => {
  // At 320 px with text at 200%, as every page of issue 25 is read.
  const page = await live.browser.newPage({
    bypassCSP: true,
    viewport: { width: 320, height: 640 },
  });
  await doubleText(page);
  const console: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.push(msg.text());
  });
  await page.addInitScript(() => {
    const heard: unknown[] = [];
    (window as unknown as { heard: unknown[] }).heard = heard;
    document.addEventListener('klacht-error', (e) => heard.push((e as CustomEvent).detail));
  });
  await page.goto(siteOrigin);
  const form = page.locator('klacht-form');
  const alert = form.getByRole('alert');
  await expect.poll(() => alert.textContent(), UNTIL).toContain('andere manier');
  const text = (await alert.textContent())?.replace(/\s+/g, ' ') ?? '';
  expect(text).toContain('U kunt uw klacht hier nu niet online indienen.');
  expect(text).toContain('Bureau WENB');
  expect(text).toContain('Per post: Postbus 1234, 1000 AB Voorbeeldstad');
  expect(await form.getByRole('link', { name: '020 123 45 67' }).getAttribute('href')).toBe(
    'tel:0201234567',
  );
  expect(
    await form.getByRole('link', { name: 'klachten@voorbeeld.example' }).getAttribute('href'),
  ).toBe('mailto:klachten@voorbeeld.example');
  expect(
    await form
      .getByRole('link', { name: 'Zo gaat Bureau WENB om met klachten' })
      .getAttribute('href'),
  ).toBe(`${live.server.url}/p/wenb/klachtenregeling`);
  await expect.poll(() => form.locator('form').count(), UNTIL).toBe(0);
  expect(await readingProblems(page, 'the other channels')).toEqual([]);

  // The owner's console names the missing origin and where to add it; the page heard why.
  const hint = console.find((line) => line.includes('<klacht-form>'));
  expect(hint).toContain(siteOrigin);
  expect(hint).toContain(`PATCH ${live.server.url}/v1/tenants/wenb/procedure`);
  expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([
    { kind: 'load', code: 'origin_not_allowed', origin: siteOrigin },
  ]);

  // The README's one request adds the origin (keeping the one already there) ...
  const added = await fetch(`${live.server.url}/v1/tenants/wenb/procedure`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${live.server.keys.wenb}`,
      'Content-Type': 'application/merge-patch+json',
    },
    body: JSON.stringify({ allowedOrigins: ['https://www.wenb.nl', siteOrigin] }),
  });
  expect(added.status).toBe(200);

  // ... and the same page loads the form, and a complaint goes through from it.
  await page.reload();
  await form.getByLabel('Beschrijf uw klacht').waitFor({ state: 'visible' });
  await form.getByLabel('Naam').fill('Jansen');
  await form.getByLabel('Telefoonnummer').fill('06 12345678');
  await form.getByLabel('E-mailadres').fill('jansen@example.nl');
  await form.getByLabel('Beschrijf uw klacht').fill('Ingediend op onze eigen site.');
  await page.waitForTimeout(3_100); // the server refuses forms sent within 3 seconds
  await form.getByRole('button', { name: 'Klacht versturen' }).click();
  await expect
    .poll(async () => (await form.locator('.confirmation .number').textContent())?.trim(), UNTIL)
    .toMatch(/^\d{4}-\d{4}$/);
  await page.close();
});
