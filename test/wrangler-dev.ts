import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ROOT } from './server';

/** wrangler must neither phone home nor ask questions in a test run. */
export const QUIET_ENV = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  CI: 'true',
};

export const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
/** A request to the Worker that takes longer has failed (and says so, rather than time out its test). */
const REQUEST_TIMEOUT_MS = 15_000;

export interface WranglerDev {
  base: string;
  /**
   * `fetch` of a path on the Worker, each request on a connection of its own. After an answer to
   * a request whose body the Worker did not read (a 401 before the body), wrangler dev's proxy
   * at times never answers the next request on the same connection (workers-sdk#5095; about 1
   * in 20 here). Cloudflare's edge does not do this; a test should not depend on it either way.
   */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** Everything wrangler and the Worker printed so far. */
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * wrangler.toml as it is, but for the Worker built once beforehand into `built`: without its
 * [build] section and with absolute paths, written into `dir`. With [build], `wrangler dev` also watches server/
 * and shared/, and once its watcher is ready it builds and reloads the Worker again, at a
 * moment of its own choosing; no test should race that reload. Without `assets`, the [assets]
 * section goes too: wrangler dev's asset router answers `/cdn-cgi/handler/scheduled` with a
 * bare 500 "exception" and never calls the Worker's scheduled() (on Cloudflare, a cron trigger
 * reaches the Worker whatever its assets).
 */
function prebuiltConfig(dir: string, built: string, options: { assets: boolean }): string {
  let config = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const replace = (from: RegExp, to: string) => {
    if (!from.test(config))
      throw new Error(`wrangler.toml has no ${from}: update test/wrangler-dev.ts`);
    config = config.replace(from, to);
  };
  replace(/^\[build\]\n(?:[^[\n].*\n|\n)*/m, '');
  replace(/^main = "dist\/worker\/(.+)"$/m, `main = "${join(built, '$1')}"`);
  replace(/^base_dir = "dist\/worker"$/m, `base_dir = "${built}"`);
  if (options.assets) {
    replace(/^directory = "(.+)"$/m, `directory = "${join(ROOT, '$1')}"`);
  } else {
    replace(/^\[assets\]\n(?:[^[\n].*\n|\n)*/m, '');
  }
  const file = join(dir, 'wrangler.toml');
  writeFileSync(file, config);
  return file;
}

/**
 * Builds the Worker (scripts/build-worker.mjs, as wrangler's [build] would) and serves it in
 * workerd. `vars` may depend on the URL it will be served at (PUBLIC_URL, for links that open).
 */
export async function startWranglerDev(
  dir: string,
  vars: Record<string, string> | ((base: string) => Record<string, string>),
  options: { assets?: boolean } = {},
): Promise<WranglerDev> {
  // A build of its own: wrangler dev reloads the Worker when its files change, and another test
  // file may build dist/worker (a dry-run deploy) while this one's requests are in flight.
  const built = join(dir, 'worker');
  execFileSync(process.execPath, ['scripts/build-worker.mjs', built], { cwd: ROOT, stdio: 'pipe' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = [
    'dev',
    '--config',
    prebuiltConfig(dir, built, { assets: options.assets ?? true }),
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
  ];
  const values = typeof vars === 'function' ? vars(base) : vars;
  for (const [name, value] of Object.entries(values)) args.push('--var', `${name}:${value}`);
  args.push('--show-interactive-dev-session=false', '--persist-to', join(dir, 'state'));
  // A process group of its own, so workerd dies with wrangler in stop().
  const child: ChildProcess = spawn(WRANGLER, args, {
    cwd: ROOT,
    env: QUIET_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const stop = async () => {
    if (!child.pid || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log}`);
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) }).catch(
      () => null,
    );
    if (res?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not become healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (log.includes('[custom build]')) {
    await stop();
    throw new Error(`wrangler dev ran a build of its own, and may reload mid-test:\n${log}`);
  }
  const fetchOwnConnection = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Connection', 'close');
    try {
      return await fetch(`${base}${path}`, {
        ...init,
        headers,
        signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${err}\n${log.slice(-4000)}`);
    }
  };
  return { base, fetch: fetchOwnConnection, log: () => log, stop };
}
