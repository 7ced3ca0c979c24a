import { expect, test } from 'vitest';
import { WIDGET_FIELDS } from './helpers';
import { axeViolations, liveServer, UNTIL } from './server';

const live = liveServer();

test('a complainant follows a complaint on the tracking page, appeals, and answers the satisfaction question', async () => {
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${live.server.url}${path}`, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${live.server.keys.wenb}`,
        ...init.headers,
      },
    });
  const submitted = await fetch(`${live.server.url}/v1/tenants/wenb/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...WIDGET_FIELDS,
      complainant: { name: 'Fenna de Wit', phone: '0612345678', email: 'fenna@example.nl' },
      description: 'Mijn vraag over de cao is niet beantwoord.',
    }),
  });
  const { number, trackingUrl, due } = await submitted.json();

  // The page allows no script at all (CSP); axe is injected by the test, so bypass it.
  const page = await live.browser.newPage({ locale: 'nl-NL', bypassCSP: true });
  await page.goto(trackingUrl);
  await expect.poll(() => page.locator('h1').textContent(), UNTIL).toContain('Uw klacht');
  const body = () => page.locator('main').textContent();
  await expect.poll(body, UNTIL).toContain(number);
  await expect.poll(body, UNTIL).toContain('Ontvangen');
  await expect.poll(body, UNTIL).toContain('Ontvangstbevestiging');
  expect(await axeViolations(page)).toEqual([]);

  // Staff propose a solution; the page shows it with the way to appeal.
  const step = (action: string, data: unknown) =>
    api(`/v1/tenants/wenb/complaints/${number}/actions/${action}`, {
      method: 'POST',
      body: JSON.stringify(data),
    });
  expect((await step('acknowledge', {})).status).toBe(200);
  expect(
    (
      await step('propose-solution', {
        proposedSolution: 'Wij bellen u over de cao.',
        cause: 'Ziekte.',
      })
    ).status,
  ).toBe(200);
  await page.reload();
  await expect.poll(body, UNTIL).toContain('Wij bellen u over de cao.');
  expect(await axeViolations(page)).toEqual([]);

  // The complainant rejects it by appealing, with the keyboard only.
  await page.getByLabel('Waarom gaat u niet akkoord? (verplicht)').focus();
  await page.keyboard.type('Een telefoontje is geen antwoord op mijn vraag.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/done=appeal/);
  await expect.poll(body, UNTIL).toContain('Uw beroep is ontvangen.');
  await expect.poll(body, UNTIL).toContain('In beroep');
  await expect.poll(body, UNTIL).toContain('Uitspraak in beroep');

  // The appeal is in the register with its own due date: 4 weeks after the resolution term.
  const register = await (await api('/v1/tenants/wenb/complaints?status=appealFiled')).json();
  const line = register.items.find((i: { number: string }) => i.number === number);
  const resolution = new Date(`${due.resolution}T12:00:00Z`);
  expect(
    line?.nextDue >= new Date(resolution.getTime() + 27 * 86_400_000).toISOString().slice(0, 10),
  ).toBe(true);
  const complaint = await (await api(`/v1/tenants/wenb/complaints/${number}`)).json();
  expect(complaint.due.appealDecision).toBe(line.nextDue);

  // Decided and closed; the complainant answers the satisfaction question.
  expect(
    (await step('decide-appeal', { decision: 'U krijgt een schriftelijk antwoord.' })).status,
  ).toBe(200);
  expect((await step('close', {})).status).toBe(200);
  await page.goto(trackingUrl);
  await expect.poll(body, UNTIL).toContain('U krijgt een schriftelijk antwoord.');
  await page.getByLabel('Toelichting (optioneel)').fill('Het duurde lang, maar het is opgelost.');
  await page.getByLabel('Ja, tevreden').check();
  await page.getByRole('button', { name: 'Antwoord versturen' }).click();
  await page.waitForURL(/done=satisfaction/);
  await expect.poll(body, UNTIL).toContain('Bedankt voor uw antwoord.');
  expect(await axeViolations(page)).toEqual([]);
  const closed = await (await api(`/v1/tenants/wenb/complaints/${number}`)).json();
  expect(closed.satisfied).toBe(true);
  await page.close();
});

test('the tracking page opens in the language the complaint was filed in, with a switch', async () => {
  const file = async (language: string) => {
    const res = await fetch(`${live.server.url}/v1/tenants/wenb/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
      body: JSON.stringify({
        ...WIDGET_FIELDS,
        complainant: { name: 'Fenna de Wit', phone: '0612345678', email: 'fenna@example.nl' },
        description: 'De factuur klopt niet.',
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()).trackingUrl as string;
  };

  // Filed in Dutch, opened in an English browser: Dutch, with a switch to English.
  const dutch = await file('nl');
  const english = await live.browser.newContext({ locale: 'en-GB' });
  const page = await english.newPage();
  await page.goto(dutch);
  await expect.poll(() => page.locator('h1').textContent(), UNTIL).toContain('Uw klacht');
  expect(await page.getAttribute('html', 'lang')).toBe('nl');
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/\?lang=en$/);
  await expect.poll(() => page.locator('h1').textContent(), UNTIL).toContain('Your complaint');
  // A step taken in the chosen language comes back in it.
  await page.getByRole('link', { name: 'Request deletion' }).click();
  await page.getByRole('button', { name: 'Yes, delete my details' }).click();
  await page.waitForURL(/lang=en&done=erasure/);
  await expect
    .poll(() => page.getByRole('status').textContent(), UNTIL)
    .toContain('Your request for deletion has been received.');
  await english.close();

  // Filed in English (the widget sends its language), opened in a Dutch browser: English.
  const dutchBrowser = await live.browser.newContext({ locale: 'nl-NL' });
  const other = await dutchBrowser.newPage();
  await other.goto(await file('en'));
  await expect.poll(() => other.locator('h1').textContent(), UNTIL).toContain('Your complaint');
  expect(await other.getAttribute('html', 'lang')).toBe('en');
  await dutchBrowser.close();
});
