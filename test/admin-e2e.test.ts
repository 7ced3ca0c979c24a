import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, type RunningServer, startServer, UNTIL } from './server';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const SLUG = 'wenb';
const SCRIPT = '<script>window.pwned = 1</script><b>vet</b>';

let server: RunningServer;
let browser: Browser;
let password: string;

beforeAll(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // node.ts prints the demo staff password of this run once.
  password = server.output().match(/receiver: ontvanger@demo\.test \/ (\S+)/)?.[1] ?? '';
  expect(password).not.toBe('');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs axe-core on the page, with every collapsed action form opened, and expects nothing. */
async function expectAccessible(page: Page, what: string) {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
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

async function signedIn(email: string): Promise<Page> {
  // The admin view allows no script at all (CSP); axe is injected by the test, so bypass it.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/${SLUG}/sign-in`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(`**/admin/${SLUG}/complaints`);
  return page;
}

async function act(page: Page, action: string, fill: (page: Page) => Promise<void>) {
  await page.locator(`form[action$="/actions/${action}"]`).evaluate((form) => {
    (form.closest('details') as HTMLDetailsElement).open = true;
  });
  await fill(page);
  await page.locator(`form[action$="/actions/${action}"] button[type=submit]`).click();
  await page.waitForURL(`**?gedaan=${action}*`);
  await expect.poll(() => page.getByRole('status').textContent(), UNTIL).toContain('Gelukt');
}

const field = (page: Page, label: string) =>
  page.locator('dl.fields').first().locator(`dt:text-is("${label}") + dd`);

test('each role does its work in the admin view, and every page passes axe', {
  timeout: 120_000,
}, async () => {
  const anonymous = await (await browser.newContext({ bypassCSP: true })).newPage();
  await anonymous.goto(`${server.url}/admin/${SLUG}/sign-in`);
  await expectAccessible(anonymous, 'sign-in');
  await anonymous.getByLabel('E-mailadres').fill('ontvanger@demo.test');
  await anonymous.getByLabel('Wachtwoord').fill('not the password');
  await anonymous.getByRole('button', { name: 'Aanmelden' }).click();
  await expect
    .poll(() => anonymous.getByRole('alert').textContent(), UNTIL)
    .toContain('klopt niet');
  await expectAccessible(anonymous, 'sign-in, failed');

  // The receiver registers a complaint that came in by phone yesterday, and forwards it.
  const receiver = await signedIn('ontvanger@demo.test');
  await expectAccessible(receiver, 'register');
  await receiver.getByRole('link', { name: 'Klacht registreren' }).click();
  await receiver.waitForURL(`**/admin/${SLUG}/complaints/new`);
  await expectAccessible(receiver, 'new complaint');
  await receiver.getByRole('button', { name: 'Klacht registreren' }).click();
  await expect
    .poll(() => receiver.getByRole('alert').textContent(), UNTIL)
    .toContain('Omschrijving');
  await expectAccessible(receiver, 'new complaint with errors');
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await receiver.locator('#f-channel').selectOption('phone');
  await receiver.locator('#f-receivedAt').fill(`${yesterday}T10:30`);
  await receiver.locator('#f-complainant-name').fill('Jan Jansen');
  await receiver.locator('#f-complainant-phone').fill('06 12345678');
  await receiver.locator('#f-complainant-email').fill('jan@example.nl');
  await receiver.locator('#f-category').selectOption('kwaliteit');
  await receiver.locator('#f-description').fill(SCRIPT);
  await receiver.getByRole('button', { name: 'Klacht registreren' }).click();
  await expect
    .poll(() => receiver.getByRole('status').textContent(), UNTIL)
    .toMatch(/Klacht \d{4}-\d{4} is geregistreerd/);
  const confirmation = (await receiver.getByRole('status').textContent()) ?? '';
  const number = confirmation.match(/\d{4}-\d{4}/)?.[0] ?? '';
  expect(number).not.toBe('');
  const trackingUrl = (await receiver.locator('pre').textContent())?.trim() ?? '';
  expect(trackingUrl).toContain('/track/');
  await expectAccessible(receiver, 'registered');
  await receiver.getByRole('link', { name: `Naar klacht ${number}` }).click();
  await receiver.waitForURL(`**/admin/${SLUG}/complaints/${number}`);
  // The description is text, not markup: shown literally, never run.
  await expect
    .poll(() => field(receiver, 'Omschrijving van de klacht').textContent(), UNTIL)
    .toBe(SCRIPT);
  await expect(receiver.evaluate(() => 'pwned' in window)).resolves.toBe(false);
  await expect.poll(() => field(receiver, 'Kanaal').textContent(), UNTIL).toBe('Telefoon');
  await expectAccessible(receiver, 'complaint (receiver)');
  await act(receiver, 'acknowledge', async () => {});
  await act(receiver, 'forward', async (p) => {
    await p.locator('#forward-handlerId').selectOption({ label: 'Bram Behandelaar' });
  });
  await expect.poll(() => field(receiver, 'Status').textContent(), UNTIL).toBe('Doorgestuurd');
  await expect
    .poll(() => field(receiver, 'Behandelaar').textContent(), UNTIL)
    .toBe('Bram Behandelaar');
  // Handling is not the receiver's: no form to propose a solution.
  await expect
    .poll(() => receiver.locator('form[action$="/propose-solution"]').count(), UNTIL)
    .toBe(0);

  // The handler proposes a solution with its cause (wenb requires the cause).
  const handler = await signedIn('behandelaar@demo.test');
  await handler.goto(`${server.url}/admin/${SLUG}/complaints/${number}`);
  await expectAccessible(handler, 'complaint (handler)');
  await act(handler, 'propose-solution', async (p) => {
    await p.locator('#propose-solution-proposedSolution').fill('Wij betalen de kosten terug.');
    await p.locator('#propose-solution-cause').fill('Een fout in de planning.');
  });
  await expect
    .poll(() => field(handler, 'Status').textContent(), UNTIL)
    .toBe('Oplossing voorgesteld');

  // The complainant rejects it on the tracking page (the link the receiver was shown), which
  // files the appeal.
  const complainant = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await complainant.goto(trackingUrl);
  await complainant.getByLabel('Waarom gaat u niet akkoord? (verplicht)').fill('Te weinig.');
  await complainant.locator('form[action$="/appeal"] button[type=submit]').click();
  await complainant.waitForURL(/done=appeal/);

  // The appeal body decides.
  const appealBody = await signedIn('beroep@demo.test');
  await appealBody.goto(`${server.url}/admin/${SLUG}/complaints/${number}`);
  await expectAccessible(appealBody, 'complaint (appeal body)');
  await act(appealBody, 'decide-appeal', async (p) => {
    await p.locator('#decide-appeal-decision').fill('Het voorstel blijft staan.');
    await p.locator('#decide-appeal-upheld-no').check();
  });
  await expect.poll(() => field(appealBody, 'Status').textContent(), UNTIL).toBe('Beroep beslist');

  // The handler closes it.
  await handler.reload();
  await act(handler, 'close', async (p) => {
    await p.locator('#close-summary').fill('Kosten terugbetaald; beroep ongegrond.');
    await p.locator('#close-preventiveMeasures').fill('Planning dubbel controleren.');
  });
  await expect.poll(() => field(handler, 'Status').textContent(), UNTIL).toBe('Gesloten');
  await expectAccessible(handler, 'complaint closed');
  const timeline = (await handler.locator('ol.timeline').textContent()) ?? '';
  for (const step of [
    'Klacht ontvangen',
    'Ontvangst bevestigd',
    'Doorgestuurd naar behandelaar',
    'Oplossing voorgesteld',
    'Beroep ingesteld',
    'Beslist op beroep',
    'Klacht gesloten',
  ]) {
    expect(timeline).toContain(step);
  }
  expect(timeline).toContain('Olga Ontvanger');
  expect(timeline).toContain('Dirk Directeur');

  // The admin's pages.
  const admin = await signedIn('beheerder@demo.test');
  await expectAccessible(admin, 'register (admin)');
  await admin.goto(`${server.url}/admin/${SLUG}/complaints?overdue=true&from=nonsense`);
  await expectAccessible(admin, 'register with a bad filter');
  await admin.goto(`${server.url}/admin/${SLUG}/settings`);
  await expect
    .poll(() => admin.locator('pre code').textContent(), UNTIL)
    .toContain(`<klacht-form tenant="${SLUG}"></klacht-form>`);
  await expectAccessible(admin, 'settings');
  await admin.goto(`${server.url}/admin/${SLUG}/outbox`);
  await expect.poll(() => admin.locator('table').textContent(), UNTIL).toContain('j***@example.nl');
  await expectAccessible(admin, 'outbox');

  // The reports page shows the monthly report API's numbers.
  const year = Number(number.slice(0, 4));
  await admin.goto(`${server.url}/admin/${SLUG}/reports?year=${year}`);
  await expectAccessible(admin, 'reports');
  const api = await (
    await fetch(`${server.url}/v1/tenants/${SLUG}/reports/monthly?year=${year}`, {
      headers: { Authorization: `Bearer ${server.keys[SLUG]}` },
    })
  ).json();
  const cells = await admin
    .locator('td[data-metric]')
    .evaluateAll((tds) =>
      tds.map((td) => [
        `${td.getAttribute('data-month')} ${td.getAttribute('data-metric')}`,
        Number(td.textContent),
      ]),
    );
  const shown = Object.fromEntries(cells) as Record<string, number>;
  let compared = 0;
  for (const m of api.months) {
    const expected: Record<string, number> = {
      received: m.received,
      open: m.open,
      closed: m.closed,
      overdue: m.overdue,
      'admissible.yes': m.admissible.yes,
      'admissible.no': m.admissible.no,
      'admissible.unknown': m.admissible.unknown,
      ...Object.fromEntries(Object.entries(m.byCategory).map(([k, v]) => [`byCategory.${k}`, v])),
      ...Object.fromEntries(
        Object.entries(m.byClassification).map(([k, v]) => [`byClassification.${k}`, v]),
      ),
    };
    for (const [metric, value] of Object.entries(expected)) {
      expect(shown[`${m.month} ${metric}`], `${m.month} ${metric}`).toBe(value);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(12 * 7);
  const total = Object.entries(shown)
    .filter(([k]) => k.endsWith(' received'))
    .reduce((sum, [, v]) => sum + v, 0);
  expect(total).toBeGreaterThanOrEqual(1);
  const csv = await admin.request.get(
    `${server.url}/admin/${SLUG}/reports/complaints.csv?year=${year}`,
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(number);

  await admin.getByRole('button', { name: 'Afmelden' }).click();
  await admin.waitForURL('**/sign-in?afgemeld=1');
  await admin.goto(`${server.url}/admin/${SLUG}/settings`);
  await admin.waitForURL('**/sign-in?next=*');
});
