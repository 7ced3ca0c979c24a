import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'hono';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startHranaServer } from './hrana/server';
import { ROOT } from './server';
import { lazyModules, startupModules } from './worker-startup';
import { QUIET_ENV, startWranglerDev, type WranglerDev } from './wrangler-dev';

const WIDGET = join(ROOT, 'dist/public/widget/klacht-form.js');
const TOKEN = 'worker-test-operator-token-0123456789';
const SECRET_KEY = 'worker-test-secret-key-0123456789abcdef';

const tmp = mkdtempSync(join(tmpdir(), 'klacht-worker-'));

function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...QUIET_ENV, ...env }, stdio: 'pipe' });
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

beforeAll(async () => {
  // The Worker serves the widget as a static asset; both wrangler commands read dist/public.
  if (!existsSync(WIDGET)) {
    const build = await run(join(ROOT, 'node_modules/.bin/vite'), ['build']);
    if (build.code !== 0) throw new Error(`vite build failed:\n${build.output}`);
  }
}, 120_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * Bigger scripts start slower on Workers: the script every request starts (worker.js and the
 * chunks it imports statically) stays within this, gzipped (issue #12: 150 KB). What a request
 * rarely needs is a chunk of its own, loaded on first use (scripts/build-worker.mjs): the admin
 * view's pages on the first staff page, the PDF writer (pdf-lib and fontkit, ~550 KB gzipped,
 * with its two fonts, ~600 KB, as data modules) on the first letter, and the background module (the jobs with the Resend SDK, e-mail intake with
 * postal-mime) on the first scheduled() or email() event.
 */
const WORKER_MAX_GZIP_BYTES = 150_000;

test('npm run deploy -- --dry-run: lists the pending migrations, applies none, and bundles the Worker (libSQL over HTTP), minified, within its size budget', {
  timeout: 120_000,
}, async () => {
  // The database the deploy is given: the Hrana fixture, empty, as a new Turso database is.
  const hrana = await startHranaServer({ file: join(tmp, 'deploy.db'), authToken: 'deploy' });
  const outdir = join(tmp, 'bundle');
  // --prebuilt: npm test built dist/public already (a second build would race other tests).
  const { code, output } = await run(
    process.execPath,
    ['scripts/deploy.mjs', '--prebuilt', '--dry-run', '--outdir', outdir],
    { DATABASE_URL: hrana.url, DATABASE_AUTH_TOKEN: 'deploy' },
  );
  await hrana.close();
  expect(code, output).toBe(0);
  expect(output).toMatch(/pending 0000_init, .*0009_expiry_indexes/);
  expect(output).toContain('--dry-run: exiting now.');
  // A dry run looks and applies nothing.
  expect(hrana.served.flatMap((p) => p.sql)).toEqual([
    'SELECT max(created_at) AS last FROM __drizzle_migrations',
  ]);
  const startup = startupModules(outdir);
  const gzipped = startup.reduce((sum, m) => sum + m.gzipped, 0);
  expect(gzipped).toBeLessThanOrEqual(WORKER_MAX_GZIP_BYTES);
  const script = startup.map((m) => m.source).join('\n');
  // Every module is uploaded: the chunks beside the script are in wrangler's list.
  const lazy = lazyModules(outdir);
  for (const { file } of [...startup.slice(1), ...lazy]) expect(output).toContain(file);
  // The OpenAPI document's generator stays out of it (the Worker serves the built file).
  expect(script).not.toContain('checked before the body is read');
  // So do the staff pages, the PDF writer and what runs outside requests: chunks of their own,
  // imported on first use (a staff page; a letter; the first scheduled() or email() event).
  const chunksWith = (marker: string) =>
    lazy.filter((m) => m.source.includes(marker)).map((m) => m.file.replace(/-\w+\.js$/, ''));
  for (const [name, marker, chunk] of [
    ['the admin view', 'Meld u aan om het klachtenregister', 'chunks/admin-routes'],
    ['the PDF writer', 'PDFDocument', 'chunks/pdf-writer'],
    ['the Resend SDK', 'resend-node:', 'chunks/worker-background'],
    // postal-mime lies in a chunk that e-mail intake shares with the scheduled jobs.
    ['postal-mime', 'rfc822DepthExceeded', 'chunks/chunk'],
  ] as const) {
    expect(script, name).not.toContain(marker);
    expect(chunksWith(marker), name).toEqual([chunk]);
  }
  // The letters' fonts are data modules beside the chunks, imported by the PDF writer alone.
  const fonts = lazy.filter((m) => m.file.endsWith('.ttf')).map((m) => m.file);
  expect(fonts.map((f) => f.replace(/-\w+\.ttf$/, ''))).toEqual([
    'chunks/NotoSans_400Regular',
    'chunks/NotoSans_700Bold',
  ]);
  for (const font of fonts) {
    const name = font.replace('chunks/', './');
    expect(script).not.toContain(name);
    expect(
      lazy.filter((m) => m.source.includes(name)).map((m) => m.file.replace(/-\w+\.js$/, '')),
    ).toEqual(['chunks/pdf-writer']);
  }
});

describe('the Worker in workerd (wrangler dev)', () => {
  let dev: WranglerDev | undefined;
  const log = () => dev?.log() ?? '';
  const get = (path: string, init?: RequestInit) => {
    if (!dev) throw new Error('wrangler dev is not running');
    return dev.fetch(path, init);
  };

  beforeAll(async () => {
    dev = await startWranglerDev(tmp, {
      // Nothing answers here: the requests below must not need the database.
      DATABASE_URL: 'libsql://unreachable.invalid',
      KLACHT_OPERATOR_TOKEN: TOKEN,
      PUBLIC_URL: 'https://klacht.test',
      KLACHT_SECRET_KEY: SECRET_KEY,
    });
  }, 120_000);

  afterAll(() => dev?.stop(), 30_000);

  test('GET /health answers ok', async () => {
    const res = await get(`/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, calendar: { decreeDaysKnownThrough: 2028 } });
  });

  test('POST /v1/tenants validates the body with the API 422 shape', async () => {
    const res = await get(`/v1/tenants`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: 'Bad Slug!', name: '' }),
    });
    expect(res.status, log()).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({
      error: {
        code: 'validation_failed',
        message: expect.any(String),
        fields: { slug: expect.any(String), name: expect.any(String) },
      },
    });
  });

  test('POST /v1/tenants without the operator token is 401', async () => {
    // Without a body: the Worker answers 401 before reading one, and wrangler dev's proxy, handed
    // a body nobody read, at times holds up the next request for good (workers-sdk#5095).
    const res = await get(`/v1/tenants`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  test('the admin view loads its chunk on the first staff page', async () => {
    const res = await get(`/admin`, { headers: { Accept: 'text/html' } });
    expect(res.status, log()).toBe(200);
    expect(await res.text()).toContain('organisatie');
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    // Cloudflare compresses text at the edge unless told not to (BREACH: see neverTransformed).
    expect(res.headers.get('Cache-Control')).toBe('no-store, no-transform');
    expect(log()).not.toMatch(/No such module|Not bundled in the Worker/);
  });

  test('serves the widget bundle as a static asset, a versioned one cached for good', async () => {
    const res = await get(`/widget/klacht-form.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(await res.text()).toContain('klacht-form');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    // Both builds write rules to the one _headers file: the widget's and the docs' hold together.
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const pinned = await get(`/widget/v${version}/klacht-form.js`);
    expect(pinned.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(pinned.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  test('serves the OpenAPI document and the reference as static files, with their headers', async () => {
    const document = await get(`/openapi.json`);
    expect(document.status).toBe(200);
    expect((await document.json()).openapi).toBe('3.1.0');
    const docs = await get(`/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('Monthly report by registration month');
    expect(docs.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(docs.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  test('Email Routing reaches the second module, which goes for the database', async () => {
    // The database is unreachable here: the email() handler loads its module, starts the intake
    // and fails at the first query (a temporary failure: the sender's server tries again),
    // logged without the query's parameters. (wrangler dev does not run scheduled() for a Worker
    // with static assets; scheduled() is tested below, with the module from source.)
    const message =
      'From: jan@example.nl\r\nTo: klachten@example.nl\r\nMessage-ID: <w1@example.nl>\r\n' +
      'Subject: Klacht\r\n\r\nDe offerte kwam te laat.\r\n';
    const email = await get(`/cdn-cgi/handler/email?from=jan@example.nl&to=klachten@example.nl`, {
      method: 'POST',
      body: message,
    });
    expect(email.status, log()).toBe(500);
    await expect.poll(log, { timeout: 10_000 }).toContain('email failed');
    expect(log()).toMatch(/email failed[\s\S]*?chunks\/worker-background-\w+\.js/);
    expect(log()).not.toContain('klachten@example.nl');
    expect(log()).not.toMatch(/No such module|Not bundled in the Worker/);
  });
});

// The database is unreachable here, so the jobs themselves are replaced by a recorder: what is
// tested is that scheduled() builds the deps from the bindings and calls runJobs at the cron time.
vi.mock('../server/jobs/run-jobs', () => ({
  runJobs: vi.fn(async (_deps: unknown, now: Date) => ({ asOf: now.toISOString() })),
}));

test('scheduled() runs the jobs as of the cron time', async () => {
  // The Worker as built, with its second module from source (where the mock applies).
  const { createWorker } = await import('../server/runtime/worker');
  const worker = createWorker(() => import('../server/runtime/worker-background'));
  const { runJobs } = await import('../server/jobs/run-jobs');
  const waited: Promise<unknown>[] = [];
  const ctx: ExecutionContext = {
    waitUntil(promise) {
      waited.push(promise);
    },
    passThroughOnException() {},
    props: {},
  };
  // The Worker logs the report as one JSON line; that line is the only way to read it back.
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const scheduledTime = Date.UTC(2026, 0, 5);
    await expect(
      worker.scheduled(
        { scheduledTime },
        {
          DATABASE_URL: 'libsql://unreachable.invalid',
          KLACHT_OPERATOR_TOKEN: 'x'.repeat(32),
          PUBLIC_URL: 'https://klacht.test',
          KLACHT_SECRET_KEY: SECRET_KEY,
        },
        ctx,
      ),
    ).resolves.toBeUndefined();
    expect(waited).toHaveLength(1);
    await Promise.all(waited);
    const reports = log.mock.calls.map(([line]) => JSON.parse(String(line)));
    expect(reports).toHaveLength(1);
    expect(reports[0].asOf).toBe(new Date(scheduledTime).toISOString());
    expect(runJobs).toHaveBeenCalledWith(
      expect.objectContaining({ db: expect.anything(), config: expect.anything() }),
      new Date(scheduledTime),
    );
  } finally {
    log.mockRestore();
  }
});
