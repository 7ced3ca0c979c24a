import { expect, test } from 'vitest';
import { WIDGET_FIELDS } from './helpers';
import { axeViolations, liveServer, UNTIL } from './server';

/*
 * Issue #13: every tenant's public pages, as a visitor's browser shows them from `npm start`: the
 * published procedure (with the klachtenfunctionaris of the Wkkgz demo) and the yearly report,
 * in both languages, pass axe with no violations.
 */

const live = liveServer();

test('the published procedure and the yearly report pass axe, in Dutch and English', {
  timeout: 120_000,
}, async () => {
  const submitted = await fetch(`${live.server.url}/v1/tenants/wkkgz/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...WIDGET_FIELDS,
      complainant: { name: 'Els Bakker', email: 'els@example.nl' },
      description: 'Ik moest drie uur wachten.',
    }),
  });
  expect(submitted.status).toBe(201);
  const year = new Date().getUTCFullYear();
  const page = await live.browser.newPage({ bypassCSP: true, locale: 'nl-NL' });
  for (const [path, heading] of [
    ['/p/awb/klachtenregeling', 'Klachtenregeling — Gemeente Voorbeeld'],
    ['/p/awb-commissie/klachtenregeling?lang=en', 'Complaint procedure — Provincie Voorbeeld'],
    ['/p/wkkgz/klachtenregeling', 'Klachtenregeling — Zorggroep Voorbeeld'],
    [`/p/wkkgz/jaarverslag/${year}`, `Jaarverslag klachten ${year}`],
    [`/p/wkkgz/jaarverslag/${year}?lang=en`, `Complaint report ${year}`],
  ] as const) {
    const res = await page.goto(`${live.server.url}${path}`);
    expect(res?.status(), path).toBe(200);
    await expect.poll(() => page.locator('h1').textContent(), UNTIL).toContain(heading);
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.goto(`${live.server.url}/p/wkkgz/klachtenregeling`);
  expect(await page.locator('main').textContent()).toContain('klachtenfunctionaris Mw. A. de Wit');
  await page.goto(`${live.server.url}/p/wkkgz/jaarverslag/${year}`);
  expect(await page.getByRole('row', { name: /Ontvangen/ }).textContent()).toContain('1');
});
