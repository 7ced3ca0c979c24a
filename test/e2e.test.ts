import { expect, test } from 'vitest';
import { liveServer, UNTIL } from './server';

const live = liveServer();

test('a complaint submitted through the widget on a demo page reaches the register', async () => {
  const page = await live.browser.newPage();
  await page.goto(`${live.server.url}/demo/totaalonder1dak`);
  const form = page.locator('klacht-form');
  // Labels are visible and say in words which fields are required. The widget renders after its
  // script loaded and the form's configuration came from the API: wait for it, do not sample.
  await form.getByText('Naam (verplicht)', { exact: false }).first().waitFor({ state: 'visible' });

  await form.getByLabel('Naam').first().fill('Jansen');
  await form.getByLabel('Voorletters').first().fill('J.P.');
  await form.getByLabel('Adres').first().fill('Ossekop 3-b, Leeuwarden');
  await form.getByLabel('Telefoonnummer').first().fill('06 12345678');
  await form.getByLabel('E-mailadres').fill('jansen@example.nl');
  await form.getByLabel('Ik dien deze klacht in namens iemand anders').check();
  await form.getByLabel('Naam').nth(1).fill('Jansen-de Vries');
  await form.getByLabel('Voorletters').nth(1).fill('M.');
  await form.getByLabel('Telefoonnummer').nth(1).fill('058 1234567');
  await form.getByLabel('Beschrijf uw klacht').fill('De verkoper belde drie keer op zondag.');
  await form.getByLabel('Welke oplossing zou u willen?').fill('Annulering van de overeenkomst.');
  // A document, as the browser sends it: multipart, the JSON in one part and the file in another.
  const pdf = Buffer.from('%PDF-1.4\n% de offerte\n%%EOF\n');
  await form
    .getByLabel('Bijlagen')
    .setInputFiles({ name: 'offerte "juni".pdf', mimeType: 'application/pdf', buffer: pdf });
  // People take more than the 3 seconds the server asks between showing and sending the form.
  await page.waitForTimeout(3_100);
  await form.getByRole('button', { name: 'Klacht versturen' }).click();

  const confirmation = form.locator('.confirmation');
  await confirmation.waitFor();
  const numberShown = async () => (await confirmation.locator('.number').textContent())?.trim();
  await expect.poll(numberShown, UNTIL).toMatch(/^\d{4}-0001$/);
  const number = (await numberShown()) ?? '';
  await expect.poll(() => confirmation.textContent(), UNTIL).toContain('Eerste reactie');
  // Focus moves to the confirmation once it is rendered (a moment after it appears).
  await expect
    .poll(
      () =>
        page.evaluate(
          () => document.querySelector('klacht-form')?.shadowRoot?.activeElement?.className ?? '',
        ),
      UNTIL,
    )
    .toContain('confirmation');

  const res = await fetch(`${live.server.url}/v1/tenants/totaalonder1dak/complaints/${number}`, {
    headers: { Authorization: `Bearer ${live.server.keys.totaalonder1dak}` },
  });
  expect(res.status).toBe(200);
  const complaint = await res.json();
  expect(complaint).toMatchObject({
    number,
    status: 'received',
    channel: 'web',
    complainant: {
      name: 'Jansen',
      initials: 'J.P.',
      address: 'Ossekop 3-b, Leeuwarden',
      phone: '06 12345678',
      email: 'jansen@example.nl',
    },
    onBehalfOf: { name: 'Jansen-de Vries', initials: 'M.', phone: '058 1234567' },
    description: 'De verkoper belde drie keer op zondag.',
    desiredSolution: 'Annulering van de overeenkomst.',
  });
  expect(Object.keys(complaint.due)).toEqual(['firstResponse']);
  expect(complaint.attachments).toEqual([
    expect.objectContaining({ type: 'application/pdf', size: pdf.length }),
  ]);
  expect(complaint.attachments[0].name).toMatch(/^offerte .*juni.*\.pdf$/);
  await page.close();
});
