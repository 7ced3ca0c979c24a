// Bundles the Worker's second module (server/runtime/worker-background.ts: the scheduled jobs
// and e-mail intake) into dist/worker-modules/lazy/background.mjs, which wrangler uploads beside
// the Worker's script (wrangler.toml: [build], base_dir, find_additional_modules) and worker.ts
// imports on the first scheduled() or email() event. Run by wrangler before every build and
// `wrangler dev`; the settings follow wrangler's own for a Worker with nodejs_compat.
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: ['server/runtime/worker-background.ts'],
  outfile: 'dist/worker-modules/lazy/background.mjs',
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
