// Builds the Worker into dist/worker/ with code splitting, for wrangler to upload as it is
// (wrangler.toml: no_bundle, find_additional_modules). worker.js is the script every request
// starts, with the chunks it imports statically; what a request rarely needs is a chunk of its
// own, imported on first use, that shares the rest instead of carrying a copy of it:
// - the admin view's pages (server/http/lazy-routes.ts mounts them),
// - the PDF writer for letters (server/letters/pdf-writer.ts: pdf-lib and fontkit, ~500 KB
//   gzipped), with the two Noto Sans files beside it as data modules (chunks/*.ttf, wrangler.toml),
//   imported with it: font-files.ts reads them from node_modules on Node, and is replaced here
//   by font-files.worker.ts, which imports them,
// - the tracking routes, the published pages and the widget's words (server/app.ts mounts
//   them on first use),
// - what runs outside requests (worker-background.ts: the scheduled jobs with the Resend SDK,
//   and e-mail intake with postal-mime).
// Run by wrangler itself before every build ([build] command), so `wrangler dev` and
// `wrangler deploy` always carry a fresh copy. The settings follow wrangler's own for a Worker
// with nodejs_compat.
import { readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// dist/worker, where wrangler.toml looks; the tests give a folder of their own (argument), so a
// wrangler dev serving one copy never sees another test's build land under it and reload.
const outdir = resolve(root, process.argv[2] ?? 'dist/worker');

// Built over the last build rather than into an emptied folder: wrangler dev rebuilds on every
// change and may read the folder while a build runs. What this build did not write is removed
// after it, so no stale chunk is uploaded.
/** The letters' fonts: the Worker's font-files module in place of Node's, which reads files. */
const workerFonts = {
  name: 'worker-fonts',
  setup(build) {
    build.onResolve({ filter: /\/font-files$/ }, (args) => ({
      path: resolve(args.resolveDir, `${args.path}.worker.ts`),
    }));
  },
};

const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: { worker: 'server/runtime/worker.ts' },
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // A font is copied beside the chunks and imported as it is (a data module: its bytes).
  assetNames: 'chunks/[name]-[hash]',
  loader: { '.ttf': 'copy' },
  plugins: [workerFonts],
  splitting: true,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  // The runtime's own modules (nodejs_compat): node:crypto, node:buffer, …
  external: ['node:*', 'cloudflare:*', ...builtinModules],
  // The Resend SDK's webhook verification is not used (see stubs/resend-extras.ts).
  alias: { standardwebhooks: './server/runtime/stubs/resend-extras.ts' },
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const written = new Set(Object.keys(metafile.outputs).map((file) => resolve(root, file)));
for (const entry of readdirSync(outdir, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath, entry.name);
  if (entry.isFile() && !written.has(file)) rmSync(file);
}
