import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from './server';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'klacht-widget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Built into a temp folder, so the bundle other tests serve is never replaced under them.
function build(out: string, env: Record<string, string> = {}) {
  return run(process.execPath, ['scripts/widget-build.mjs'], {
    cwd: ROOT,
    env: { ...process.env, WIDGET_OUT_DIR: join(dir, out, 'widget'), ...env },
  });
}

test('the build prints the gzipped size and the SRI hash, and writes every URL', async () => {
  const { stdout } = await build('ok');
  const size = stdout.match(/gzipped ([\d.]+) KB/);
  expect(size, stdout).not.toBeNull();
  expect(Number(size?.[1])).toBeLessThanOrEqual(20);
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const out = join(dir, 'ok', 'widget');
  const code = readFileSync(join(out, `v${version}`, 'klacht-form.js'));
  const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  expect(stdout).toContain(`integrity="${sri}"`);
  expect(readFileSync(join(out, `v${version.split('.')[0]}`, 'klacht-form.js'))).toEqual(code);
  expect(readFileSync(join(out, 'klacht-form.js'))).toEqual(code);
  // Lit is inlined: the module imports nothing.
  expect(code.toString()).not.toMatch(/\bimport\s*[{*'"]|from\s*['"]lit/);
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  expect(JSON.stringify(manifest)).toContain('klacht-error');
});

test('the build fails above its gzipped size limit', async () => {
  await expect(build('small', { WIDGET_MAX_GZIP_BYTES: '1024' })).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('above the limit'),
  });
});
