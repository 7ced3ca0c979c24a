// npm run bench: HTTP load on the real Node server, the register and the reports at a million
// complaints, the retention purge, and the sizes of what is shipped. Prints one table; the
// README's figures come from it. Takes a few minutes; not part of npm test.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from '@libsql/client';
import { letterPdf } from '../server/letters/letter-pdf';
import { type BuiltModule, startupModules } from '../test/worker-startup';
import { type LoadResult, load } from './load';
import { seedComplaints } from './seed-million';

const ROOT = resolve(import.meta.dirname, '..');
const MILLION = Number(process.env.BENCH_COMPLAINTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'klacht-bench-'));
const dbUrl = `file:${join(dir, 'bench.db')}`;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/runtime/node.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      SUBMIT_RATE_LIMIT: '1000000000/60',
      JOBS_INTERVAL_SECONDS: '0',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => {
    log += c;
  });
  child.stderr.on('data', (c) => {
    log += c;
  });
  while (!/admin view sign-in/.test(log)) {
    if (child.exitCode !== null) throw new Error(log);
    await new Promise((r) => setTimeout(r, 100));
  }
  const key = log.match(/Bureau WENB: demo page \S+\n\s+API key: (\S+)/)?.[1] ?? '';
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
    },
    stop: () =>
      new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * p50 and p99 of `n` requests one after another, in ms, after three that are not counted: the
 * first requests after a start fill the caches (SQLite's pages, the prepared statements, V8's
 * compiled code) that every later request finds warm.
 */
async function timed(n: number, run: () => Promise<Response>) {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) await (await run()).arrayBuffer();
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const res = await run();
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

const rows: string[] = [];
const row = (what: string, figure: string, ratio = '') => {
  rows.push(`| ${what} | ${figure} | ${ratio} |`);
  console.log(`${what}: ${figure} ${ratio}`);
};
const complaint = (n: number) =>
  JSON.stringify({
    formShownAt: 1,
    website: '',
    complainant: { name: `Bench ${n}`, phone: '0612345678', email: 'bench@example.nl' },
    description: 'Bench: de medewerker was onbeleefd.',
    category: 'kwaliteit',
  });

try {
  // 1. HTTP throughput and latency on one server.
  let server = await startServer();
  const submit = `${server.url}/v1/tenants/wenb/complaints`;
  const json = { 'Content-Type': 'application/json' };
  const results: LoadResult[] = [];
  results.push(await load('GET /health', { url: `${server.url}/health`, seconds: SECONDS }));
  results.push(
    await load('POST complaint, public form', {
      url: submit,
      method: 'POST',
      headers: json,
      body: complaint(1),
      seconds: SECONDS,
      expectStatus: 201,
    }),
  );
  const keyed = { ...json, Authorization: `Bearer ${server.key}` };
  // What the server holds on to as it takes complaints: its memory across the two keyed runs.
  const rssBeforeKeyed = server.rss();
  results.push(
    await load('POST complaint, tenant key', {
      url: submit,
      method: 'POST',
      headers: keyed,
      body: complaint(2),
      seconds: SECONDS,
      expectStatus: 201,
    }),
  );
  results.push(
    await load('POST complaint, tenant key, 500/s offered', {
      url: submit,
      method: 'POST',
      headers: keyed,
      body: complaint(3),
      seconds: SECONDS,
      rate: 500,
      expectStatus: 201,
    }),
  );
  const rssAfterKeyed = server.rss();
  const health = results[0]?.rps ?? 1;
  for (const r of results) {
    row(
      r.name,
      `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`,
      `${(r.rps / health).toFixed(3)}× health`,
    );
  }
  const keyedCount = results.slice(2).reduce((n, r) => n + r.rps * SECONDS, 0);
  row(
    'server memory while taking complaints',
    `RSS ${rssBeforeKeyed.toFixed(0)} → ${rssAfterKeyed.toFixed(0)} MB over ~${Math.round(keyedCount).toLocaleString('en')} submissions`,
  );
  await server.stop();

  // 2. A year of a million complaints, seeded by SQL, then asked through the API.
  const client = createClient({ url: dbUrl });
  const tenant = await client.execute("SELECT id FROM tenants WHERE slug = 'wenb'");
  const started = performance.now();
  await seedComplaints(client, String(tenant.rows[0]?.id), 2025, MILLION);
  client.close();
  row(
    `seeding ${MILLION.toLocaleString('en')} complaints by SQL`,
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  server = await startServer();
  const auth = { headers: { Authorization: `Bearer ${server.key}` } };
  const register = await timed(100, () =>
    fetch(`${server.url}/v1/tenants/wenb/complaints?limit=50`, auth),
  );
  row(
    'register, first page of 50',
    `p50 ${register.p50.toFixed(1)} ms, p99 ${register.p99.toFixed(1)} ms`,
  );
  const report = await timed(100, () =>
    fetch(`${server.url}/v1/tenants/wenb/reports/monthly?year=2025`, auth),
  );
  row(
    'monthly report of the year',
    `p50 ${report.p50.toFixed(1)} ms, p99 ${report.p99.toFixed(1)} ms`,
  );
  // Flat means bounded. The first export grows the server's heap to its working size (V8 keeps
  // the garbage of a fast producer for a while); a second one shows what an export holds on to:
  // its peak per quarter should not climb with the rows read.
  const exportYear = async () => {
    const samples: number[] = [];
    const watch = setInterval(() => samples.push(server.rss()), 50);
    const started = performance.now();
    const csv = await fetch(`${server.url}/v1/tenants/wenb/reports/complaints.csv?year=2025`, auth);
    let bytes = 0;
    for await (const chunk of csv.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
    }
    clearInterval(watch);
    const quarter = (q: number) =>
      Math.max(
        ...samples.slice(
          Math.floor((q * samples.length) / 4),
          Math.floor(((q + 1) * samples.length) / 4),
        ),
      );
    return {
      seconds: (performance.now() - started) / 1000,
      bytes,
      quarters: [0, 1, 2, 3].map(quarter),
    };
  };
  const rssBefore = server.rss();
  const first = await exportYear();
  const second = await exportYear();
  row(
    'CSV export of the year (streamed)',
    `${first.seconds.toFixed(1)} s, ${(first.bytes / 1e6).toFixed(0)} MB; server RSS ${rssBefore.toFixed(0)} MB before, peak ${Math.max(...first.quarters).toFixed(0)} MB in the first export, per quarter of a second export ${second.quarters.map((q) => q.toFixed(0)).join(' / ')} MB`,
  );
  await server.stop();

  // 3. The retention purge, run as often as it needs, for a minute at most.
  const { openDatabase } = await import('../server/runtime/open-database');
  const { runJobs } = await import('../server/jobs/run-jobs');
  const db = await openDatabase(dbUrl);
  const deps = {
    db,
    clock: () => new Date('2030-01-01T12:00:00Z'),
    clientAddress: () => undefined,
    config: {
      operatorTokenHash: '',
      publicUrl: 'http://localhost',
      mailFrom: 'k@example.org',
      mailPerSecond: 2,
      submitLimit: { max: 1, windowSeconds: 1 },
      secretKey: 'bench-secret-key-0123456789abcdef0123',
      allowLocalWebhooks: false,
    },
    renderLetter: letterPdf,
  };
  let purged = 0;
  const purgeStart = performance.now();
  while (performance.now() - purgeStart < 60_000) {
    const report = await runJobs(deps, deps.clock(), { batchSize: 5_000 });
    if (report.purged === 0) break;
    purged += report.purged;
  }
  const minutes = (performance.now() - purgeStart) / 60_000;
  row(
    'retention purge',
    `${Math.round(purged / minutes).toLocaleString('en')} complaints/min (${purged.toLocaleString('en')} in ${(minutes * 60).toFixed(0)} s)`,
  );
  db.$client.close();

  // 4. What is shipped.
  const worker = spawn(
    'npx',
    ['wrangler', 'deploy', '--dry-run', '--outdir', join(dir, 'worker')],
    {
      cwd: ROOT,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
      stdio: 'ignore',
    },
  );
  await new Promise((r) => worker.once('exit', r));
  // The script every request starts: worker.js and the chunks it imports statically.
  const startup = startupModules(join(dir, 'worker'));
  const sum = (pick: (m: BuiltModule) => number) => startup.reduce((n, m) => n + pick(m), 0);
  row(
    'Worker script, minified',
    `${(sum((m) => m.bytes) / 1000).toFixed(0)} KB, ${(sum((m) => m.gzipped) / 1000).toFixed(1)} KB gzipped (${startup.length} modules)`,
  );
  const widget = readFileSync(join(ROOT, 'dist/public/widget/klacht-form.js'));
  row(
    'widget',
    `${(widget.length / 1024).toFixed(1)} KB, ${(gzipSync(widget).length / 1024).toFixed(2)} KB gzipped`,
  );
} finally {
  console.log(['', '| what | figure | |', '| --- | --- | --- |', ...rows].join('\n'));
  rmSync(dir, { recursive: true, force: true });
}
