// npm run bench: HTTP load on the real Node server, the register and the reports at a million
// complaints, the retention purge, and the sizes of what is shipped. Prints one table; the
// README's figures come from it. Takes a few minutes; not part of npm test.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from '@libsql/client';
import { writeLetter } from '../server/letters/letter-render';
import { type BuiltModule, startupModules } from '../test/worker-startup';
import { benchServer, exportYear, timed } from './bench-server';
import { type LoadResult, load } from './load';
import { seedComplaints } from './seed-million';
import { check, TARGETS, verdict } from './targets';

const ROOT = resolve(import.meta.dirname, '..');
const MILLION = Number(process.env.BENCH_COMPLAINTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'klacht-bench-'));
const dbUrl = `file:${join(dir, 'bench.db')}`;

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
  let server = await benchServer(dbUrl);
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
  const [, , byKey, offered] = results;
  const share = (byKey?.rps ?? 0) / health;
  check(
    'tenant-key submissions against health',
    share >= TARGETS.keyedShareOfHealth && !byKey?.errors,
    `${share.toFixed(3)}×`,
    `≥ ${TARGETS.keyedShareOfHealth}×`,
  );
  check(
    'p99 at 500 submissions/s offered',
    (offered?.p99 ?? Infinity) < TARGETS.p99At500PerSecondMs && (offered?.rps ?? 0) >= 490,
    `${offered?.p99} ms, ${offered?.rps.toFixed(0)} req/s served`,
    `< ${TARGETS.p99At500PerSecondMs} ms`,
  );
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
  server = await benchServer(dbUrl);
  const auth = { headers: { Authorization: `Bearer ${server.key}` } };
  const register = await timed(100, () =>
    fetch(`${server.url}/v1/tenants/wenb/complaints?limit=50`, auth),
  );
  row(
    'register, first page of 50',
    `p50 ${register.p50.toFixed(1)} ms, p99 ${register.p99.toFixed(1)} ms`,
  );
  check(
    'register, first page (p99)',
    register.p99 < TARGETS.registerPageMs,
    `${register.p99.toFixed(1)} ms`,
    `< ${TARGETS.registerPageMs} ms`,
  );
  const report = await timed(100, () =>
    fetch(`${server.url}/v1/tenants/wenb/reports/monthly?year=2025`, auth),
  );
  row(
    'monthly report of the year',
    `p50 ${report.p50.toFixed(1)} ms, p99 ${report.p99.toFixed(1)} ms`,
  );
  check(
    'monthly report (p99)',
    report.p99 < TARGETS.monthlyReportMs,
    `${report.p99.toFixed(1)} ms`,
    `< ${TARGETS.monthlyReportMs} ms`,
  );
  // Flat means bounded. The first export grows the server's heap to its working size (V8 keeps
  // the garbage of a fast producer a while); a second one shows what an export holds on to: its
  // peak per quarter must not climb with the rows read.
  const rssBefore = server.rss();
  const first = await exportYear(server, 2025);
  const second = await exportYear(server, 2025);
  const quarters = second.quarters.map((q) => q.toFixed(0)).join(' / ');
  row(
    'CSV export of the year (streamed)',
    `${first.seconds.toFixed(1)} s, ${(first.bytes / 1e6).toFixed(0)} MB; server RSS ${rssBefore.toFixed(0)} MB before, peak ${Math.max(...first.quarters).toFixed(0)} MB in the first export, per quarter of a second export ${quarters} MB`,
  );
  const climb = Math.max(...second.quarters) - (second.quarters[0] ?? 0);
  check(
    'CSV export: finishes, memory flat',
    second.bytes === first.bytes && first.bytes > MILLION * 50 && climb <= TARGETS.csvGrowthMb,
    `${(first.bytes / 1e6).toFixed(0)} MB; climbs ${climb.toFixed(0)} MB over an export`,
    `≤ ${TARGETS.csvGrowthMb} MB`,
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
    writeLetter,
  };
  let purged = 0;
  const purgeStart = performance.now();
  while (performance.now() - purgeStart < 60_000) {
    const report = await runJobs(deps, deps.clock(), { batchSize: 5_000 });
    if (report.purged === 0) break;
    purged += report.purged;
  }
  const minutes = (performance.now() - purgeStart) / 60_000;
  check(
    'retention purge',
    purged / minutes >= TARGETS.purgePerMinute,
    `${Math.round(purged / minutes).toLocaleString('en')}/min`,
    `≥ ${TARGETS.purgePerMinute.toLocaleString('en')}/min`,
  );
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
  check(
    'Worker startup script, gzipped',
    sum((m) => m.gzipped) <= TARGETS.workerGzipBytes,
    `${sum((m) => m.gzipped).toLocaleString('en')} bytes`,
    `≤ ${TARGETS.workerGzipBytes.toLocaleString('en')} bytes`,
  );
  const widget = readFileSync(join(ROOT, 'dist/public/widget/klacht-form.js'));
  check(
    'widget, gzipped',
    gzipSync(widget).length <= TARGETS.widgetGzipBytes,
    `${gzipSync(widget).length.toLocaleString('en')} bytes`,
    `≤ ${TARGETS.widgetGzipBytes.toLocaleString('en')} bytes`,
  );
  row(
    'widget',
    `${(widget.length / 1024).toFixed(1)} KB, ${(gzipSync(widget).length / 1024).toFixed(2)} KB gzipped`,
  );
} finally {
  console.log(['', '| what | figure | |', '| --- | --- | --- |', ...rows].join('\n'));
  rmSync(dir, { recursive: true, force: true });
}
const { table, met } = verdict();
console.log(`\n${table}`);
if (!met) {
  console.error('npm run bench: a target was missed');
  process.exit(1);
}
