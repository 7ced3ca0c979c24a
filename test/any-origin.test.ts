import { expect, test } from 'vitest';
import { liveServer, UNTIL } from './server';

/*
 * The demo works on whatever origin it is reached by (issue #15): by 127.0.0.1 as well as by
 * localhost (PUBLIC_URL's default), as it would by the machine's address or a forwarded port. Its
 * pages load the widget from their own origin and the widget calls the API there, so no CORS
 * grant and no entry in the demo tenant's allowed origins is needed.
 */

const live = liveServer();

async function fileComplaint(origin: string, description: string) {
  const page = await live.browser.newPage();
  const failures: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') failures.push(msg.text());
  });
  page.on('requestfailed', (req) => failures.push(`${req.url()}: ${req.failure()?.errorText}`));
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(`${origin}/demo/totaalonder1dak`);
  const form = page.locator('klacht-form');
  await form.getByText('Naam (verplicht)', { exact: false }).first().waitFor({ state: 'visible' });
  await form.getByLabel('Naam').first().fill('Jansen');
  await form.getByLabel('Voorletters').first().fill('J.');
  await form.getByLabel('Adres').first().fill('Ossekop 3, Leeuwarden');
  await form.getByLabel('Telefoonnummer').first().fill('06 12345678');
  await form.getByLabel('E-mailadres').fill('jansen@example.nl');
  await form.getByLabel('Beschrijf uw klacht').fill(description);
  // People take more than the 3 seconds the server asks between showing and sending the form.
  await page.waitForTimeout(3_100);
  await form.getByRole('button', { name: 'Klacht versturen' }).click();
  const number = form.locator('.confirmation .number');
  await expect
    .poll(async () => (await number.textContent())?.trim(), UNTIL)
    .toMatch(/^\d{4}-\d{4}$/);
  const shown = (await number.textContent())?.trim() ?? '';
  await page.close();
  expect(failures, origin).toEqual([]);
  // Script, form and submission all went to the origin the page was reached by.
  const widgetAndApi = requests.filter((url) => /\/widget\/|\/v1\//.test(url));
  expect(widgetAndApi.length, origin).toBeGreaterThanOrEqual(3);
  for (const url of widgetAndApi) expect(new URL(url).origin, url).toBe(origin);
  return shown;
}

test('the demo files a complaint by 127.0.0.1 and by localhost alike', async () => {
  const port = new URL(live.server.url).port;
  const filed: Record<string, string> = {};
  for (const host of ['127.0.0.1', 'localhost']) {
    filed[host] = await fileComplaint(`http://${host}:${port}`, `Ingediend via ${host}.`);
  }
  expect(filed['127.0.0.1']).not.toBe(filed.localhost);
  for (const [host, number] of Object.entries(filed)) {
    const res = await fetch(`${live.server.url}/v1/tenants/totaalonder1dak/complaints/${number}`, {
      headers: { Authorization: `Bearer ${live.server.keys.totaalonder1dak}` },
    });
    expect(res.status, host).toBe(200);
    expect(await res.json()).toMatchObject({ number, description: `Ingediend via ${host}.` });
  }
});

test('the demo tenants list no origin of their own; the public origin is granted, others not', async () => {
  const procedure = await (
    await fetch(`${live.server.url}/v1/tenants/wenb/procedure`, {
      headers: { Authorization: `Bearer ${live.server.keys.wenb}` },
    })
  ).json();
  expect(procedure.allowedOrigins).toEqual(['https://www.wenb.nl']);
  const grant = async (origin: string) =>
    (
      await fetch(`${live.server.url}/v1/tenants/wenb/form`, { headers: { Origin: origin } })
    ).headers.get('access-control-allow-origin');
  expect(await grant(live.server.url)).toBe(live.server.url);
  expect(await grant('https://www.wenb.nl')).toBe('https://www.wenb.nl');
  // Another origin may read why it gets no form (#25), and not the form.
  const foreign = await fetch(`${live.server.url}/v1/tenants/wenb/form`, {
    headers: { Origin: 'http://evil.example' },
  });
  expect(foreign.status).toBe(403);
  expect(foreign.headers.get('access-control-allow-origin')).toBe('*');
  const refusal = await foreign.json();
  expect(refusal.error.code).toBe('origin_not_allowed');
  expect(refusal).not.toHaveProperty('complainant');
});
