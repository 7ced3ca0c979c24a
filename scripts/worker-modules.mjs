// Builds the modules the Worker loads only when it needs them, next to its entry, where
// wrangler uploads them as separate modules (find_additional_modules in wrangler.toml) instead
// of bundling them into the script every request starts: PDF letters (pdf-lib, ~190 KB gzipped).
// Run by wrangler itself before every build ([build] command), so `wrangler dev` and
// `wrangler deploy` always carry a fresh copy.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(fileURLToPath(import.meta.url), '../..');

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'server/runtime/lazy'),
    emptyOutDir: true,
    minify: true,
    lib: {
      entry: resolve(root, 'server/letters/letter-pdf.ts'),
      formats: ['es'],
      fileName: () => 'letter-pdf.mjs',
    },
  },
});
