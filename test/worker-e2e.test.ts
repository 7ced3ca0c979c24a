import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { totaalonder1dak } from '../shared/presets/totaalonder1dak';
import { type HranaServer, type ServedPipeline, startHranaServer } from './hrana/server';
import { arrivedAsMail } from './inbound-helpers';
import { type CapturedMail, startResendCapture } from './resend-capture';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, UNTIL } from './server';
import { QUIET_ENV, startWranglerDev, type WranglerDev } from './wrangler-dev';

// The Worker as it runs in production, end to end: in workerd (wrangler dev), on a libSQL
// database over HTTP (the Hrana fixture, where Turso would be), with the migrations applied as
// the deploy applies them, e-mail relayed to a Resend stand-in, and a complaint walked from the
// widget on a customer's page through the register, a step, the tracking page, the admin view,
// the exports, the scheduled jobs and e-mail intake. Then what only the Worker's way of reaching
// its database can get wrong: concurrent submissions (no group commit, one HTTP request each)
// and a database that goes away in the middle of a request.

const OPERATOR_TOKEN = 'worker-e2e-operator-token-0123456789';
const SECRET_KEY = 'worker-e2e-secret-key-0123456789abcdef';
const DB_TOKEN = 'turso-auth-token-of-the-test';
const SLUG = 'totaalonder1dak';
const INBOUND = 'klachten@totaalonder1dak.test';
const HANDLER_EMAIL = 'sanne@totaalonder1dak.test';
const YEAR = new Date().getUTCFullYear();
const PDF = new TextEncoder().encode('%PDF-1.4\nbijlage van de klager\n%%EOF\n');

const tmp = mkdtempSync(join(tmpdir(), 'klacht-worker-e2e-'));
const dbFile = join(tmp, 'turso.db');
let hrana: HranaServer;
let mail: Awaited<ReturnType<typeof startResendCapture>>;
let demo: { url: string; server: Server };
let dev: WranglerDev;
let browser: Browser;
let apiKey = '';
let adminPassword = '';
/** What the walk below learns and later tests use. */
const walked = { number: '', trackingUrl: '', byKey: '' };
/** Pipeline requests per operation, for the report (the budget is held elsewhere). */
const roundTrips: Record<string, number> = {};

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...QUIET_ENV, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/**
 * A customer's page on an origin of its own, embedding the widget with one script tag and
 * pointing it at the Worker (`api`): the cross-origin path every real site takes.
 */
async function startDemoSite(workerBase: () => string) {
  const widget = readFileSync(join(ROOT, 'dist/public/widget/klacht-form.js'));
  const server = createServer((req, res) => {
    if (req.url === '/widget/klacht-form.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(widget);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Klacht</title>` +
        `<script type="module" src="/widget/klacht-form.js"></script></head><body>` +
        `<klacht-form tenant="${SLUG}" api="${workerBase()}"></klacht-form></body></html>`,
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Rows per table, read from the database file itself. */
function rowCounts(): Record<string, number> {
  const db = new Database(dbFile);
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .raw(true)
      .all([]) as [string][];
    return Object.fromEntries(
      tables.map(([name]) => [
        name,
        (db.prepare(`SELECT count(*) FROM "${name}"`).raw(true).get([]) as [number])[0],
      ]),
    );
  } finally {
    db.close();
  }
}

/** The number the next complaint of this year gets: gap-free, so one past the highest. */
function nextNumber(plus = 1): string {
  const db = new Database(dbFile);
  try {
    const [seq] = db
      .prepare('SELECT coalesce(max(seq), 0) FROM complaints WHERE year = ?')
      .raw(true)
      .get([YEAR]) as [number];
    return `${YEAR}-${String(seq + plus).padStart(4, '0')}`;
  } finally {
    db.close();
  }
}

/** Counts the pipeline requests `operation` makes to the database. */
async function counted<T>(name: string, operation: () => Promise<T>): Promise<T> {
  const before = hrana.served.length;
  const result = await operation();
  roundTrips[name] = hrana.served.length - before;
  return result;
}

const api = (path: string, init: RequestInit = {}) =>
  dev.fetch(path, {
    ...init,
    headers: {
      Authorization: `Bearer ${apiKey}`,
      'Content-Type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });

const tenantPath = `/v1/tenants/${SLUG}`;
const step = (number: string, action: string, body: unknown = {}, key?: string) =>
  api(`${tenantPath}/complaints/${number}/actions/${action}`, {
    method: 'POST',
    body: JSON.stringify(body),
    ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
  });
const register = async () =>
  (await (await api(`${tenantPath}/complaints?limit=100`)).json()).items as {
    number: string;
    channel: string;
  }[];
const byPhone = (name: string) => ({
  channel: 'phone',
  receiverName: 'Balie',
  complainant: { name, initials: 'A.', phone: '06 12345678', email: `${name}@example.nl` },
  description: `${name} belde over de offerte.`,
});
const submit = (body: unknown, key?: string) =>
  api(`${tenantPath}/complaints`, {
    method: 'POST',
    body: JSON.stringify(body),
    ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
  });

/** The cron trigger, as Cloudflare would fire it at `at`; returns the jobs' report. */
async function scheduledAt(at: Date) {
  const logged = dev.log().length;
  const res = await dev.fetch(
    `/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}&time=${at.getTime()}`,
  );
  expect(res.status, dev.log().slice(logged)).toBe(200);
  await expect.poll(() => dev.log().slice(logged), UNTIL).toContain('"asOf"');
  const line =
    dev
      .log()
      .slice(logged)
      .match(/\{"asOf".*\}/)?.[0] ?? '{}';
  return JSON.parse(line);
}

beforeAll(async () => {
  // npm test builds the widget first; a run of this file alone may not have.
  if (!existsSync(join(ROOT, 'dist/public/widget/klacht-form.js'))) {
    const build = await run(join(ROOT, 'node_modules/.bin/vite'), ['build'], {});
    expect(build.code, build.output).toBe(0);
  }
  hrana = await startHranaServer({ file: dbFile, authToken: DB_TOKEN });
  // Migrations over HTTP, as `npm run deploy` applies them before the new code runs.
  const migrated = await run(process.execPath, ['scripts/migrate.mjs'], {
    DATABASE_URL: hrana.url,
    DATABASE_AUTH_TOKEN: DB_TOKEN,
  });
  expect(migrated.code, migrated.output).toBe(0);
  expect(migrated.output).toContain('applying 0000_init');
  mail = await startResendCapture();
  demo = await startDemoSite(() => dev.base);
  dev = await startWranglerDev(
    tmp,
    (base) => ({
      DATABASE_URL: hrana.url,
      DATABASE_AUTH_TOKEN: DB_TOKEN,
      KLACHT_OPERATOR_TOKEN: OPERATOR_TOKEN,
      // The Worker's own address, so the links it hands out open in the browser.
      PUBLIC_URL: base,
      KLACHT_SECRET_KEY: SECRET_KEY,
      RESEND_API_KEY: 're_worker_e2e',
      RESEND_BASE_URL: mail.baseUrl,
      MAIL_PER_SECOND: '50',
    }),
    { assets: false },
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const res = await dev.fetch('/v1/tenants', {
    method: 'POST',
    headers: { Authorization: `Bearer ${OPERATOR_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      slug: SLUG,
      name: 'TotaalOnder1Dak',
      procedure: { ...totaalonder1dak, allowedOrigins: [demo.url], inbound: { address: INBOUND } },
      admin: { email: 'beheer@totaalonder1dak.test', name: 'Beheerder' },
    }),
  });
  expect(res.status, dev.log().slice(-3000)).toBe(201);
  const created = await res.json();
  apiKey = created.apiKey;
  adminPassword = created.admin.password;
}, 240_000);

afterAll(async () => {
  console.log(
    `Worker round trips to the database (pipeline requests): ${JSON.stringify(roundTrips)}`,
  );
  await browser?.close();
  await dev?.stop();
  await mail?.close();
  await new Promise((done) => demo?.server.close(done));
  await hrana?.close();
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('the walk', () => {
  test('a complaint with an attachment, through the widget on a customer page, reaches the register', async () => {
    const page = await browser.newPage();
    await page.goto(demo.url);
    const form = page.locator('klacht-form');
    await form.getByText('Naam (verplicht)', { exact: false }).first().waitFor();
    await page.evaluate(() => {
      document.addEventListener('klacht-submitted', (e) => {
        (window as unknown as { submitted: unknown }).submitted = (e as CustomEvent).detail;
      });
    });
    await form.getByLabel('Naam').first().fill('Jansen');
    await form.getByLabel('Voorletters').first().fill('J.P.');
    await form.getByLabel('Telefoonnummer').first().fill('06 12345678');
    await form.getByLabel('E-mailadres').fill('jansen@example.nl');
    await form.getByLabel('Beschrijf uw klacht').fill('De verkoper belde drie keer op zondag.');
    await form.getByLabel('Bijlagen').setInputFiles({
      name: 'offerte.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF),
    });
    // The server asks 3 seconds between showing the form and sending it.
    await page.waitForTimeout(3_100);
    const detail = await counted('public submission (widget, with a file)', async () => {
      await form.getByRole('button', { name: 'Klacht versturen' }).click();
      await expect
        .poll(
          () => page.evaluate(() => (window as unknown as { submitted?: unknown }).submitted),
          UNTIL,
        )
        .toBeTruthy();
      return page.evaluate(
        () =>
          (window as unknown as { submitted: { number: string; trackingUrl: string } }).submitted,
      );
    });
    expect(detail.number).toBe(`${YEAR}-0001`);
    expect(detail.trackingUrl.startsWith(`${dev.base}/track/`)).toBe(true);
    walked.number = detail.number;
    walked.trackingUrl = detail.trackingUrl;
    await page.close();

    const items = await counted('register page', register);
    expect(items.map((c) => c.number)).toEqual([walked.number]);
    const complaint = await (await api(`${tenantPath}/complaints/${walked.number}`)).json();
    expect(complaint).toMatchObject({
      status: 'received',
      channel: 'web',
      complainant: { name: 'Jansen', email: 'jansen@example.nl' },
    });
    const [file] = complaint.attachments;
    expect(file).toMatchObject({ name: 'offerte.pdf', type: 'application/pdf' });
    const download = await api(`${tenantPath}/complaints/${walked.number}/attachments/${file.id}`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
  });

  test('steps through the API, and the complainant accepts on the tracking page', async () => {
    const acknowledged = await counted('step (acknowledge)', () =>
      step(walked.number, 'acknowledge'),
    );
    expect(acknowledged.status, dev.log().slice(-2000)).toBe(200);
    expect(
      (await step(walked.number, 'forward', { handler: 'Sanne', handlerEmail: HANDLER_EMAIL }))
        .status,
    ).toBe(200);
    const proposed = await step(walked.number, 'propose-solution', {
      proposedSolution: 'Wij annuleren de overeenkomst kosteloos.',
    });
    expect(proposed.status).toBe(200);

    const trackPath = new URL(walked.trackingUrl).pathname;
    const tracked = await counted('tracking page', () =>
      dev.fetch(trackPath, { headers: { Accept: 'text/html' } }),
    );
    expect(tracked.status).toBe(200);
    expect(await tracked.text()).toContain('Wij annuleren de overeenkomst kosteloos.');

    const page = await browser.newPage();
    await page.goto(walked.trackingUrl);
    await page.getByRole('button', { name: 'Ik ga akkoord met deze oplossing' }).click();
    await expect
      .poll(() => page.textContent('body'), UNTIL)
      .toContain('U bent akkoord gegaan met de oplossing');
    await page.close();
    const complaint = await (await api(`${tenantPath}/complaints/${walked.number}`)).json();
    expect(complaint.events.map((e: { type: string }) => e.type)).toContain('solutionAccepted');
  });

  test('the admin view: sign in and the register, never transformed by the edge', async () => {
    const page = await browser.newPage();
    await page.goto(`${dev.base}/admin/${SLUG}/sign-in`);
    await page.getByLabel('E-mailadres').fill('beheer@totaalonder1dak.test');
    await page.getByLabel('Wachtwoord').fill(adminPassword);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(`**/admin/${SLUG}/complaints`);
    expect(await page.textContent('main')).toContain(walked.number);
    const again = await page.reload();
    expect(again?.headers()['cache-control']).toMatch(/no-transform/);
    await page.close();
    // Cloudflare compresses text at the edge unless told not to: a CSRF token beside text the
    // query reflects must never be compressed (BREACH).
    const signIn = await dev.fetch(`/admin/${SLUG}/sign-in`, {
      headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip, br' },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('Cache-Control')).toMatch(/no-store/);
    expect(signIn.headers.get('Cache-Control')).toMatch(/no-transform/);
  });

  test('the CSV export and a letter as PDF', async () => {
    const csv = await api(`${tenantPath}/reports/complaints.csv?year=${YEAR}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toMatch(/text\/csv/);
    expect(await csv.text()).toContain(walked.number);
    const { items } = await (
      await api(`${tenantPath}/complaints/${walked.number}/correspondence`)
    ).json();
    expect(items.length).toBeGreaterThan(0);
    const letter = await api(
      `${tenantPath}/complaints/${walked.number}/correspondence/${items[0].id}.pdf`,
    );
    expect(letter.status, dev.log().slice(-2000)).toBe(200);
    expect(letter.headers.get('Content-Type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await letter.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  test('email(): the complaint address is proven by its own confirmation, then a message to it becomes a complaint', async () => {
    // Naming the address sent a confirmation to it; the relay (scheduled) hands it to the mail
    // provider, and where the address is routed to us it comes back in through email().
    await scheduledAt(new Date());
    const confirmation = [...mail.delivered.values()].find((m) =>
      JSON.stringify(m.to).includes(INBOUND),
    );
    expect(confirmation, 'the confirmation message was sent').toBeDefined();
    const confirming = new TextDecoder().decode(
      arrivedAsMail(confirmation as CapturedMail, INBOUND),
    );
    const confirmedAt = dev.log().length;
    const confirmed = await dev.fetch(
      `/cdn-cgi/handler/email?from=klachten@example.org&to=${encodeURIComponent(INBOUND)}`,
      { method: 'POST', body: confirming },
    );
    expect(confirmed.status, dev.log().slice(confirmedAt)).toBeLessThan(300);
    await expect
      .poll(() => dev.log().slice(confirmedAt), UNTIL)
      .toContain('"outcome":"addressConfirmed"');

    const message =
      `From: Piet Klaas <piet@example.nl>\r\nTo: ${INBOUND}\r\nMessage-ID: <e2e-1@example.nl>\r\n` +
      'Subject: Klacht over de monteur\r\n\r\nDe monteur kwam niet opdagen.\r\n';
    const logged = dev.log().length;
    const res = await dev.fetch(
      `/cdn-cgi/handler/email?from=piet@example.nl&to=${encodeURIComponent(INBOUND)}`,
      { method: 'POST', body: message },
    );
    expect(res.status, dev.log().slice(logged)).toBeLessThan(300);
    await expect.poll(() => dev.log().slice(logged), UNTIL).toContain('"outcome":"complaint"');
    const byMail = (await register()).filter((c) => c.channel === 'email');
    expect(byMail).toHaveLength(1);
  });

  test('scheduled(): a reminder, the relay to the mail provider, and the retention purge', async () => {
    const filed = await (await submit(byPhone('reminded'))).json();
    expect(
      (await step(filed.number, 'forward', { handler: 'Sanne', handlerEmail: HANDLER_EMAIL }))
        .status,
    ).toBe(200);
    // On the due date, before it passes: the handler is reminded, and the relay sends it all.
    const dueDay = filed.due.firstResponse as string;
    const report = await scheduledAt(new Date(`${dueDay}T07:00:00Z`));
    expect(report).toMatchObject({ asOf: `${dueDay}T07:00:00.000Z`, reminders: 1 });
    const sent = [...mail.delivered.values()];
    expect(
      sent.filter((m) => m.to === HANDLER_EMAIL || m.to?.includes?.(HANDLER_EMAIL)).length,
    ).toBeGreaterThan(0);
    expect(sent.some((m) => JSON.stringify(m.to).includes('jansen@example.nl'))).toBe(true);
    expect(report.outbox.sent).toBeGreaterThan(0);

    // The walked complaint, closed, is purged once its retention (5 years) has passed.
    const closed = await step(walked.number, 'close', {
      classification: 'justified',
      summary: 'De verkoper belde op zondag.',
    });
    expect(closed.status, await closed.clone().text()).toBe(200);
    const later = new Date();
    later.setUTCFullYear(later.getUTCFullYear() + 6);
    expect((await scheduledAt(later)).purged).toBeGreaterThanOrEqual(1);
    const purged = await (await api(`${tenantPath}/complaints/${walked.number}`)).json();
    expect(JSON.stringify(purged)).not.toContain('Jansen');
  });
});

test('a public submission by itself (JSON, no preflight): round trips of the request alone', async () => {
  const res = await counted('public submission (POST alone)', () =>
    dev.fetch(`${tenantPath}/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: demo.url },
      body: JSON.stringify({
        formShownAt: Date.now() - 10_000,
        website: '',
        complainant: { name: 'Vos', initials: 'B.', phone: '06 12345678' },
        description: 'Niemand belde terug.',
      }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
});

describe('what only HTTP to the database can get wrong', () => {
  test('concurrent submissions get gap-free numbers', async () => {
    const expected = Array.from({ length: 8 }, (_, i) => nextNumber(i + 1));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submit(byPhone(`concurrent${i}`))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(201));
    const numbers = (await Promise.all(answers.map((r) => r.json()))).map((b) => b.number).sort();
    expect(numbers).toEqual(expected);
  });

  // The batch that records a complaint (or a step) goes to the database as one pipeline
  // request: a failure anywhere in it must leave no row of it behind. Each fault below meets the
  // batch's second statement, so a batch sent statement by statement would leave its first.
  const writes =
    (table: string, verb = 'insert into') =>
    (p: ServedPipeline) =>
      p.sql.some((sql) => sql.toLowerCase().startsWith(`${verb} "${table}"`));
  const writesEvents = writes('events');

  test('a submission whose database goes away mid-request leaves nothing; its retry takes the number', async () => {
    const next = nextNumber();
    const before = rowCounts();
    hrana.fail({ action: 'reset', match: writesEvents });
    const failed = await submit(byPhone('interrupted'), 'retry-after-reset');
    expect(failed.status).toBe(500);
    expect(hrana.served.at(-1)?.fault).toBe('reset');
    expect(rowCounts()).toEqual(before);
    const retried = await counted('submission (tenant key)', () =>
      submit(byPhone('interrupted'), 'retry-after-reset'),
    );
    expect(retried.status).toBe(201);
    expect((await retried.json()).number).toBe(next);
  });

  test('an answer lost after the commit: the retry gets the same complaint, not a second', async () => {
    const next = nextNumber();
    const before = rowCounts().complaints ?? 0;
    hrana.fail({ action: 'lose-answer', match: writesEvents });
    const failed = await submit(byPhone('unanswered'), 'retry-after-lost-answer');
    expect(failed.status).toBe(500);
    expect(rowCounts().complaints).toBe(before + 1);
    const retried = await submit(byPhone('unanswered'), 'retry-after-lost-answer');
    expect(retried.status).toBe(201);
    expect((await retried.json()).number).toBe(next);
    expect(rowCounts().complaints).toBe(before + 1);
  });

  test('a step whose database goes away mid-request changes nothing', async () => {
    const filed = await (await submit(byPhone('stepped'))).json();
    const before = rowCounts();
    hrana.fail({ action: 'reset', match: writes('complaints', 'update') });
    expect((await step(filed.number, 'acknowledge')).status).toBe(500);
    expect(rowCounts()).toEqual(before);
    const complaint = await (await api(`${tenantPath}/complaints/${filed.number}`)).json();
    expect(complaint.status).toBe('received');
    expect((await step(filed.number, 'acknowledge')).status).toBe(200);
  });
});
