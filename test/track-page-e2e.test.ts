import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { LIFECYCLE_EVENTS } from '../shared/deadlines';
import { STATUSES, TRANSITIONS } from '../shared/lifecycle';
import { axeViolations, liveServer, UNTIL } from './server';

/*
 * Issue #25, item 6, in Chromium: a complaint filed through the widget on the Wkkgz demo page
 * and followed on its tracking page, by keyboard: who it is with and how to reach them, what was
 * sent, the date of receipt, the judgement in words, one primary action, erasure as a second
 * step that says what happens next, and the form's own error pattern for an empty appeal. No
 * page shows an ISO timestamp or a name from the lifecycle table.
 */

const live = liveServer();

const FULL_DATE = /(maan|dins|woens|donder|vrij|zater|zon)dag \d{1,2} [a-z]+ \d{4}/;

/** Lifecycle names a complainant must never read: statuses, events and steps. */
const MACHINE_WORDS = [
  ...new Set([
    ...STATUSES,
    ...LIFECYCLE_EVENTS,
    ...Object.values(TRANSITIONS).map((t) => t.event),
    ...Object.keys(TRANSITIONS),
  ]),
];

/** ISO timestamps and lifecycle names in a Dutch text (English ones read as English words). */
function machineText(text: string): string[] {
  const found = [...text.matchAll(/\d{4}-\d\d-\d\dT[\d:.]+/g)].map((m) => m[0]);
  for (const word of MACHINE_WORDS) {
    if (new RegExp(`(^|[^\\w-])${word}([^\\w-]|$)`).test(text)) found.push(word);
  }
  return found;
}

/** The page's text as it reads (a term and its value apart), on one line. */
const mainText = (page: Page) =>
  page.locator('main').evaluate((m) =>
    // biome-ignore lint/performance/useDomNodeTextContent: rendered, so a term and its value do not run together
    (m as HTMLElement).innerText.replace(/\s+/g, ' '),
  );

async function api(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  return fetch(`${live.server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${live.server.keys[path.split('/')[3] ?? ''] ?? ''}`,
      'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Buttons and button-like links that look like a main action (not `.secondary`). */
const primaryActions = (page: Page) =>
  page.locator('main button:not(.secondary), main a.button:not(.secondary)').count();

test('a complaint from the widget, followed on its tracking page by keyboard', {
  timeout: 120_000,
}, async () => {
  const website = 'https://www.zorggroep.example';
  expect(
    (
      await api(
        '/v1/tenants/wkkgz/procedure',
        {
          letterhead: {
            address: ['Postbus 1234', '1000 AB Voorbeeldstad'],
            phone: '020 123 45 67',
            email: 'klachten@zorggroep.example',
            website: 'www.zorggroep.example',
          },
        },
        'PATCH',
      )
    ).status,
  ).toBe(200);

  const page = await live.browser.newPage({ bypassCSP: true, locale: 'nl-NL' });
  await page.goto(`${live.server.url}/demo/wkkgz`);
  const form = page.locator('klacht-form');
  await form.getByLabel('Beschrijf uw klacht').waitFor();
  await form.getByLabel('Naam', { exact: false }).first().fill('Els Bakker');
  await form.getByLabel('E-mailadres').first().fill('els@example.nl');
  await form
    .getByLabel('Beschrijf uw klacht')
    .fill('Ik moest drie uur wachten.\nNiemand zei iets.');
  await page.waitForTimeout(3_100);
  await form.getByRole('button', { name: 'Klacht versturen' }).click();
  const confirmation = form.locator('.confirmation');
  await confirmation.waitFor();
  const confirmed = ((await confirmation.textContent()) ?? '').replace(/\s+/g, ' ');
  expect(confirmed).toMatch(FULL_DATE);
  expect(machineText(confirmed)).toEqual([]);
  const number = ((await confirmation.locator('.number').textContent()) ?? '').trim();

  // The confirmation's link, in words, leads to the tracking page.
  await form.getByRole('link', { name: 'Volg uw klacht online' }).click();
  await page.waitForURL(/\/track\//);
  const trackingUrl = page.url();
  const text = () => mainText(page);
  await expect.poll(text, UNTIL).toContain(number);
  let shown = await text();
  expect(shown).toContain('Uw klacht — Zorggroep Voorbeeld');
  expect(shown).toMatch(new RegExp(`Klacht ontvangen op ${FULL_DATE.source}`));
  expect(shown).toContain('Post: Postbus 1234, 1000 AB Voorbeeldstad');
  expect(await page.getByRole('link', { name: '020 123 45 67' }).getAttribute('href')).toBe(
    'tel:0201234567',
  );
  const back = page.getByRole('link', { name: 'Naar de website van Zorggroep Voorbeeld' });
  expect(await back.first().getAttribute('href')).toBe(`${website}/`);
  expect(
    await page
      .getByRole('link', { name: 'Zo gaat Zorggroep Voorbeeld om met klachten' })
      .getAttribute('href'),
  ).toBe(`${live.server.url}/p/wkkgz/klachtenregeling`);
  // The copy of what was sent.
  const copy = page.locator('section[aria-labelledby="submitted"]');
  const sent = ((await copy.textContent()) ?? '').replace(/\s+/g, ' ');
  for (const part of [
    'Els Bakker',
    'els@example.nl',
    'Ik moest drie uur wachten.',
    'Niemand zei iets.',
  ]) {
    expect(sent).toContain(part);
  }
  expect(await primaryActions(page)).toBeLessThanOrEqual(1);
  expect(machineText(shown)).toEqual([]);
  // Each term's date once, in full; why it falls there in words, not in dates again.
  expect(shown).not.toMatch(/\b(ma|di|wo|do|vr|za|zo) \d{1,2} [a-z]{3}\b/);
  expect(shown).toContain('na ontvangst van uw klacht.');
  expect(await axeViolations(page)).toEqual([]);

  // Erasure is a second step: Enter on it asks first, and nothing is requested yet.
  const ask = page.getByRole('link', { name: 'Verwijdering aanvragen' });
  expect(await ask.getAttribute('class')).toContain('secondary');
  await ask.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/confirm=erasure/);
  await expect.poll(text, UNTIL).toContain('Weet u zeker dat u dit wilt?');
  const view = async () => (await fetch(trackingUrl.replace('/track/', '/v1/track/'))).json();
  expect((await view()).erasureRequestedOn).toBeNull();
  expect(await axeViolations(page)).toEqual([]);
  // Sure: the page then says what happens next, and offers the step no more.
  await page.getByRole('button', { name: 'Ja, verwijder mijn gegevens' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/done=erasure/);
  shown = await text();
  expect(shown).toContain('Wij verwijderen uw gegevens binnen een maand en laten u dat weten.');
  expect(shown).toMatch(
    new RegExp(`U heeft op ${FULL_DATE.source} gevraagd uw gegevens te verwijderen.`),
  );
  expect(shown).toContain('Daarna werkt deze link niet meer.');
  expect(await page.getByRole('link', { name: 'Verwijdering aanvragen' }).count()).toBe(0);

  // Decided: the judgement in words, with what was found; one main action (the satisfaction).
  const step = (action: string, body: unknown) =>
    api(`/v1/tenants/wkkgz/complaints/${number}/actions/${action}`, body);
  expect((await step('acknowledge', {})).status).toBe(200);
  expect(
    (
      await step('close', {
        classification: 'gegrond',
        summary: 'De wachttijd was te lang; wij bellen voortaan als het uitloopt.',
      })
    ).status,
  ).toBe(200);
  await page.goto(trackingUrl);
  shown = await text();
  expect(shown).toContain('Onze beslissing');
  expect(shown).toContain('Gegrond: u heeft gelijk gekregen.');
  expect(shown).toContain('wij bellen voortaan als het uitloopt');
  expect(await primaryActions(page)).toBe(1);
  expect(machineText(shown)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  // Sending the satisfaction form without a choice gets the form's own error pattern.
  await page.getByLabel('Toelichting (optioneel)').fill('Het duurde lang.');
  await page.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect.poll(text, UNTIL).toContain('Er is een probleem');
  expect(
    await page.getByRole('link', { name: 'Kies of u tevreden bent.' }).getAttribute('href'),
  ).toBe('#satisfied-yes');
  expect(await page.getByLabel('Toelichting (optioneel)').inputValue()).toBe('Het duurde lang.');
  await page.close();
});

test('an empty appeal gets the error summary and the message at the field, not a bubble', {
  timeout: 60_000,
}, async () => {
  const filed = await fetch(`${live.server.url}/v1/tenants/wenb/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      formShownAt: Date.UTC(2020, 0, 1),
      website: '',
      complainant: { name: 'Fenna de Wit', phone: '0612345678', email: 'fenna@example.nl' },
      description: 'Mijn vraag is niet beantwoord.',
    }),
  });
  const { number, trackingUrl } = await filed.json();
  const step = (action: string, body: unknown) =>
    api(`/v1/tenants/wenb/complaints/${number}/actions/${action}`, body);
  expect(
    (await step('propose-solution', { proposedSolution: 'Wij bellen u.', cause: 'Drukte.' }))
      .status,
  ).toBe(200);

  const page = await live.browser.newPage({ bypassCSP: true });
  await page.goto(trackingUrl);
  // Accepting is the main action; appealing is there, but not as a second main button.
  expect(await primaryActions(page)).toBe(1);
  await page.getByRole('button', { name: 'Beroep instellen' }).focus();
  await page.keyboard.press('Enter');
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  expect(await summary.evaluate((s) => s === document.activeElement)).toBe(true);
  const link = summary.getByRole('link', {
    name: 'Schrijf op waarom u niet akkoord gaat met de oplossing.',
  });
  expect(await link.getAttribute('href')).toBe('#grounds');
  const field = page.getByLabel('Waarom gaat u niet akkoord? (verplicht)');
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect(await field.getAttribute('aria-describedby')).toBe('grounds-error');
  expect(await page.locator('#grounds-error').textContent()).toContain(
    'Schrijf op waarom u niet akkoord gaat met de oplossing.',
  );
  expect(await field.evaluate((f) => (f as HTMLTextAreaElement).required)).toBe(false);
  expect(await axeViolations(page)).toEqual([]);
  await link.click();
  expect(await field.evaluate((f) => f === document.activeElement)).toBe(true);
  await page.close();
});
