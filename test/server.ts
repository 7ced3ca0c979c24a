import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * For `expect.poll` in the browser tests: as patient as Playwright's own waits, so a busy machine
 * makes a test slower, never red. (vitest's default of one second is not.)
 */
export const UNTIL = { timeout: 20_000, interval: 50 };

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail()));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The server's process id (the bench reads its memory from /proc). */
  pid: number;
  output: () => string;
  /** The demo API keys the server printed, by tenant slug. */
  keys: Record<string, string>;
  /** Stops it as an operator would (SIGTERM) and says how it ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process at once (kill -9): no shutdown, no flush. */
  kill(): Promise<void>;
}

/** Starts the real Node entry (`tsx server/runtime/node.ts`) on a fresh database and a free port. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'klacht-server-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/runtime/node.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `file:${join(dir, 'klacht.db')}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const deadline = Date.now() + 30_000;
  while (!/API key: .*\n[\s\S]*API key: .*\n/.test(log)) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const keys: Record<string, string> = {};
  for (const match of log.matchAll(/demo page \S+\/demo\/(\S+)\n\s+API key: (\S+)/g)) {
    keys[match[1] as string] = match[2] as string;
  }
  return {
    url: `http://localhost:${port}`,
    pid: child.pid ?? 0,
    output: () => log,
    keys,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
      return { code: child.exitCode, signal: child.signalCode };
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The real Node server and a headless Chromium for the tests of one file: started before them,
 * stopped after. Read `server` and `browser` inside the tests (they exist once beforeAll ran).
 */
export function liveServer(env: Record<string, string> = {}) {
  const live = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    live.server = await startServer(env);
    live.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.stop();
  });
  return live;
}

/** The ids of what axe-core finds on the page (injected, so open the page with bypassCSP). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: resolve(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: () => Promise<{ violations: { id: string }[] }> } }
    ).axe.run();
    return result.violations.map((v) => v.id);
  });
}
