import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { WIDGET_FIELDS } from './helpers';
import { liveServer, ROOT, UNTIL } from './server';

/*
 * The admin view reflows at 320 CSS pixels (WCAG 2.2 SC 1.4.10, issue #15): no page scrolls
 * sideways, a wide table scrolls inside its own labelled region the keyboard can reach, the
 * charts show whole month names, and axe finds nothing, at 320 and at 1280 px. Signed in by
 * 127.0.0.1, so the admin view is also shown to work on an origin other than PUBLIC_URL's.
 */

const live = liveServer();
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const LONG_WORD = 'Klachtenafhandelingsprocedureonduidelijkheden';

async function seed(base: string, key: string) {
  const api = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
  const numbers: string[] = [];
  for (const [i, category] of ['kwaliteit', 'tijdigheid', 'wijze', 'aard'].entries()) {
    const res = await api('/v1/tenants/wenb/complaints', {
      ...WIDGET_FIELDS,
      complainant: {
        name: `Gerardus Wilhelmus van den Hoogenband-Vermeulen ${i}`,
        phone: '0612345678',
        email: `gerardus.wilhelmus.vandenhoogenband.vermeulen${i}@voorbeeld-organisatie.example.nl`,
      },
      category,
      description: `${LONG_WORD} ${'en een lange zin over wat er misging '.repeat(8)} https://www.voorbeeld.example/een/heel/lang/pad/zonder/spaties/${'x'.repeat(60)}`,
    });
    expect(res.status).toBe(201);
    numbers.push((await res.json()).number);
  }
  const [first = ''] = numbers;
  const step = (action: string, body: unknown) =>
    api(`/v1/tenants/wenb/complaints/${first}/actions/${action}`, body);
  expect((await step('acknowledge', {})).status).toBe(200);
  expect((await step('forward', { handler: 'Bram Behandelaar' })).status).toBe(200);
  expect(
    (
      await step('propose-solution', {
        proposedSolution: `Wij betalen de kosten terug. ${LONG_WORD}`,
        cause: 'Een fout in de planning.',
      })
    ).status,
  ).toBe(200);
  // The case file: an internal note, and a letter to print for a complainant without e-mail.
  expect((await step('add-note', { note: `Teruggebeld. ${LONG_WORD}` })).status).toBe(200);
  const letter = await api('/v1/tenants/wenb/complaints', {
    channel: 'letter',
    complainant: {
      name: 'Wilhelmina Johanna Petronella van Oldenbarnevelt-Groenewoud',
      address: `${LONG_WORD}straat 1234\n9999 ZZ Ergens-aan-de-Lange-Rivier`,
    },
    description: 'Per brief.',
  });
  expect(letter.status).toBe(201);
  return first;
}

/** What makes a page scroll sideways, and what axe finds, once the page is there. */
async function check(page: Page, what: string) {
  await page.locator('h1').first().waitFor();
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const root = document.documentElement;
          return root.scrollWidth - root.clientWidth;
        }),
      UNTIL,
    )
    .toBeLessThanOrEqual(0);
  // The heading is whole: it does not run out of its own box either.
  const heading = await page
    .locator('h1')
    .first()
    .evaluate((h) => h.scrollWidth - h.clientWidth);
  expect(heading, `${what}: h1`).toBeLessThanOrEqual(0);
  // Every table sits in a region that is named and reachable by the keyboard.
  const tables = await page.locator('table').count();
  const regions = page.locator('section.wide');
  expect(await regions.count(), `${what}: regions`).toBe(tables);
  for (let i = 0; i < tables; i++) {
    const region = regions.nth(i);
    expect(await region.getAttribute('tabindex'), what).toBe('0');
    expect(await region.getAttribute('aria-label'), what).toBeTruthy();
    expect(await region.evaluate((r) => r.querySelector(':scope > table') !== null), what).toBe(
      true,
    );
  }
  expect(await page.getByRole('region').count(), `${what}: role region`).toBeGreaterThanOrEqual(
    tables,
  );
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run();
    return (result.violations as { id: string; nodes: { target: unknown }[] }[]).map((v) => ({
      id: v.id,
      targets: v.nodes.map((n) => n.target),
    }));
  });
  expect(violations, what).toEqual([]);
}

test('every admin page reflows at 320 px and passes axe at 320 and 1280 px', {
  timeout: 180_000,
}, async () => {
  const password = live.server.output().match(/admin: beheerder@demo\.test \/ (\S+)/)?.[1] ?? '';
  expect(password).not.toBe('');
  const base = live.server.url.replace('localhost', '127.0.0.1');
  const number = await seed(base, live.server.keys.wenb as string);
  const year = number.slice(0, 4);

  for (const width of [320, 1280]) {
    // The admin view allows no script (CSP); axe is injected by the test, so bypass it.
    const context = await live.browser.newContext({
      bypassCSP: true,
      viewport: { width, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${base}/admin`);
    await check(page, `${width} finder`);
    await page.getByLabel('Organisatie').fill('WENB');
    await page.getByRole('button', { name: 'Naar de aanmeldpagina' }).click();
    await page.waitForURL('**/admin/wenb/sign-in');
    await check(page, `${width} sign-in`);
    // /admin/{slug}/ leads to the sign-in page when signed out, and back there after it.
    await page.goto(`${base}/admin/wenb/`);
    await page.waitForURL('**/admin/wenb/sign-in?next=*');
    await page.getByLabel('E-mailadres').fill('beheerder@demo.test');
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL('**/admin/wenb/complaints');
    await page.goto(`${base}/admin/wenb/`);
    await page.waitForURL('**/admin/wenb/complaints');

    for (const path of [
      '/complaints',
      '/complaints?from=nonsense&handler=Bram%20Behandelaar',
      '/complaints/new',
      `/complaints/${number}`,
      `/reports?year=${year}`,
      '/settings',
      '/outbox',
      '/letters',
      '/webhooks',
      '/inbound-mail',
      '/no/such/page',
    ]) {
      await page.goto(`${base}/admin/wenb${path}`);
      await check(page, `${width} ${path}`);
    }
    // A form sent back with its errors.
    await page.goto(`${base}/admin/wenb/complaints/new`);
    await page.getByRole('button', { name: 'Klacht registreren' }).click();
    await expect.poll(() => page.getByRole('alert').count(), UNTIL).toBeGreaterThan(0);
    await check(page, `${width} new complaint with errors`);

    // The charts name each month in full.
    await page.goto(`${base}/admin/wenb/reports?year=${year}`);
    const months = page.locator('#chart-received-title + ul .chart-label');
    await expect.poll(() => months.allTextContents(), UNTIL).toContain('september');
    expect(await months.allTextContents()).toContain('november');
    const cut = await page
      .locator('.chart-label')
      .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).length);
    expect(cut).toBe(0);
    await context.close();
  }
});
