import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { WIDGET_FIELDS } from './helpers';
import { doubleText, readingProblems } from './page-checks';
import { liveServer, UNTIL } from './server';

/*
 * Issue #25, items 9 and 10: every page a complainant or a site owner meets reads at 320 CSS
 * pixels with text at 200% (the browser's default font size doubled): nothing scrolls sideways,
 * axe finds nothing, and every focus ring is 3:1 or more against what lies behind it. The pages:
 * the home page in both languages, /docs, every demo page (the form, its error summary, its
 * confirmation), the tracking page in its states, and the published pages.
 */

const live = liveServer();

async function post(path: string, body: unknown, slug?: string) {
  const res = await fetch(`${live.server.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(slug ? { Authorization: `Bearer ${live.server.keys[slug]}` } : {}),
    },
    body: JSON.stringify(body),
  });
  expect(res.status, path).toBeLessThan(300);
  return res.json();
}

/** A complaint of `slug` with long words and a long address in it, and its tracking link. */
async function file(slug: string) {
  return post(`/v1/tenants/${slug}/complaints`, {
    ...WIDGET_FIELDS,
    complainant: {
      name: 'Wilhelmina Johanna van Oldenbarnevelt-Groenewoud',
      initials: 'W.J.',
      phone: '0612345678',
      email: 'wilhelmina.vanoldenbarnevelt-groenewoud@voorbeeld-organisatie.example.nl',
    },
    description:
      'Klachtenafhandelingsprocedureonduidelijkheden en arbeidsongeschiktheidsverzekeringsmaatschappij: https://www.voorbeeld.example/een/heel/lang/pad/zonder/spaties',
  }) as Promise<{ number: string; trackingUrl: string }>;
}

test('every page reads at 320 px with text at 200%: no sideways scroll, no axe finding, visible focus', {
  timeout: 600_000,
}, async () => {
  const closed = await file('wkkgz');
  const step = (slug: string, number: string, action: string, body: unknown) =>
    post(`/v1/tenants/${slug}/complaints/${number}/actions/${action}`, body, slug);
  await step('wkkgz', closed.number, 'acknowledge', {});
  await step('wkkgz', closed.number, 'close', {
    classification: 'deelsGegrond',
    summary: 'Onvoldoende communicatie over de wachttijdenregistratieprocedure.',
  });
  const proposed = await file('wenb');
  await step('wenb', proposed.number, 'propose-solution', {
    proposedSolution: 'Wij bellen u terug over de arbeidsongeschiktheidsverzekeringsmaatschappij.',
    cause: 'Drukte.',
  });
  const year = new Date().getUTCFullYear();

  const context = await live.browser.newContext({
    bypassCSP: true,
    viewport: { width: 320, height: 640 },
  });
  const page = await context.newPage();
  await doubleText(page);
  const problems: string[] = [];
  const check = async (what: string, ready: (page: Page) => Promise<unknown>) => {
    await ready(page);
    problems.push(...(await readingProblems(page, what)));
  };
  const open = (path: string) => async (p: Page) => {
    await p.goto(path.startsWith('http') ? path : `${live.server.url}${path}`);
    await p.locator('h1').first().waitFor();
  };
  const form = (path: string) => async (p: Page) => {
    await open(path)(p);
    await p.locator('klacht-form form').waitFor();
  };

  await check('home', open('/'));
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  expect(await page.locator('h2').first().textContent()).toBe(
    'Hetzelfde formulier, in een andere stijl en taal',
  );
  await check('home, English', open('/?lang=en'));
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await check('docs', open('/docs'));
  for (const demo of [
    'totaalonder1dak',
    'wenb',
    'awb',
    'awb-commissie',
    'wkkgz',
    'theming',
    'english',
  ]) {
    await check(`demo ${demo}`, form(`/demo/${demo}`));
  }
  // The form's error summary, then its confirmation, on the themed page.
  await check('theming: error summary', async (p) => {
    await form('/demo/theming')(p);
    await p.locator('klacht-form button[type="submit"]').click();
    await p.locator('klacht-form .error-summary').waitFor();
  });
  await check('wkkgz: confirmation', async (p) => {
    await form('/demo/wkkgz')(p);
    const widget = p.locator('klacht-form');
    await widget.getByLabel('Naam', { exact: false }).first().fill('Wilhelmina van Oldenbarnevelt');
    await widget
      .getByLabel('E-mailadres')
      .first()
      .fill('wilhelmina.vanoldenbarnevelt-groenewoud@voorbeeld-organisatie.example.nl');
    await widget
      .getByLabel('Beschrijf uw klacht')
      .fill('Klachtenafhandelingsprocedureonduidelijkheden.');
    await p.waitForTimeout(3_100);
    await widget.getByRole('button', { name: 'Klacht versturen' }).click();
    await expect.poll(() => widget.locator('.confirmation .number').count(), UNTIL).toBe(1);
  });
  await check('tracking, closed', open(closed.trackingUrl));
  await check('tracking, erasure question', open(`${closed.trackingUrl}?confirm=erasure`));
  await check('tracking, proposal', open(proposed.trackingUrl));
  await check('tracking, empty appeal', async (p) => {
    await open(proposed.trackingUrl)(p);
    await p.getByRole('button', { name: 'Beroep instellen' }).click();
    await p.locator('.error-summary').waitFor();
  });
  await check('tracking, English', open(`${proposed.trackingUrl}?lang=en`));
  for (const path of [
    '/p/wkkgz/klachtenregeling',
    '/p/awb/klachtenregeling?lang=en',
    '/p/awb-commissie/klachtenregeling',
    `/p/wkkgz/jaarverslag/${year}`,
    `/p/awb/jaarverslag/${year}?lang=en`,
  ]) {
    await check(path, open(path));
  }
  await context.close();
  expect(problems).toEqual([]);
});
