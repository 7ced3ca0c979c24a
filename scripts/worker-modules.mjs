// Builds the modules the Worker loads only when it needs them into server/runtime/lazy/, next to
// its entry, where wrangler uploads them as separate modules (find_additional_modules in
// wrangler.toml) instead of bundling them into the script every request starts:
// - letter-pdf.mjs: the PDF writer for letters (pdf-lib, ~185 KB gzipped), imported by worker.ts
//   on the first letter;
// - background.mjs: what runs outside requests (server/runtime/worker-background.ts: the
//   scheduled jobs with the Resend SDK, and e-mail intake with postal-mime), imported by
//   worker.ts on the first scheduled() or email() event.
// Run by wrangler itself before every build ([build] command), so `wrangler dev` and
// `wrangler deploy` always carry a fresh copy. The settings follow wrangler's own for a Worker
// with nodejs_compat.
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, 'server/runtime/lazy');

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    'letter-pdf': 'server/letters/letter-pdf.ts',
    background: 'server/runtime/worker-background.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  // The runtime's own modules (nodejs_compat): node:crypto, node:buffer, …
  external: ['node:*', 'cloudflare:*', ...builtinModules],
  // The Resend SDK's webhook verification is not used (see stubs/resend-extras.ts); postal-mime
  // is: e-mail intake parses with it.
  alias: { standardwebhooks: './server/runtime/stubs/resend-extras.ts' },
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
