import { readFileSync } from 'node:fs';
import { type RunningServer, startServer } from '../test/server';

/** The real Node server on the bench's database, with what the bench reads of it. */
export async function benchServer(databaseUrl: string) {
  const server: RunningServer = await startServer({
    DATABASE_URL: databaseUrl,
    SUBMIT_RATE_LIMIT: '1000000000/60',
    JOBS_INTERVAL_SECONDS: '0',
    SEED_DEMO: 'true',
  });
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    key: server.keys.wenb ?? '',
    /** The server's resident memory, in MB. */
    rss: () => {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
    },
    stop: () => server.stop(),
  };
}
export type BenchServer = Awaited<ReturnType<typeof benchServer>>;

/**
 * p50 and p99 of `n` requests one after another, in ms, after three that are not counted: the
 * first requests after a start fill the caches (SQLite's pages, the prepared statements, V8's
 * compiled code) that every later request finds warm.
 */
export async function timed(n: number, run: () => Promise<Response>) {
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

/** One CSV export of the year read to its end: its time, size and the server's peak memory per quarter. */
export async function exportYear(server: BenchServer, year: number) {
  const samples: number[] = [];
  const watch = setInterval(() => samples.push(server.rss()), 50);
  const started = performance.now();
  const csv = await fetch(`${server.url}/v1/tenants/wenb/reports/complaints.csv?year=${year}`, {
    headers: { Authorization: `Bearer ${server.key}` },
  });
  let bytes = 0;
  for await (const chunk of csv.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
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
}
