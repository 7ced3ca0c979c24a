// Builds <klacht-form> as one ES module with Lit inlined, then publishes it under three URLs:
//   /widget/v<version>/klacht-form.js  immutable, for pages that pin a version (with SRI)
//   /widget/v<major>/klacht-form.js    floating major alias, short cache
//   /widget/klacht-form.js             stable URL of the README, short cache
// It prints the gzipped size and the SRI hash, and fails above the size budget.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { writeHeaderRules } from './header-rules.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const outDir = resolve(root, process.env.WIDGET_OUT_DIR ?? 'dist/public/widget');
// The issue's budget: at most 15 KB gzipped is the target, above 20 KB the build fails.
const TARGET = 15 * 1024;
const LIMIT = Number(process.env.WIDGET_MAX_GZIP_BYTES ?? 20 * 1024);

const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const major = version.split('.')[0];

await build({
  configFile: join(root, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir },
});
const code = await readFile(join(outDir, 'klacht-form.js'));
const gzipped = gzipSync(code, { level: 9 }).length;
const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

console.log(`klacht-form.js ${kb(code.length)}, gzipped ${kb(gzipped)} (target ${kb(TARGET)})`);
if (gzipped > LIMIT) {
  console.error(`klacht-form.js is ${kb(gzipped)} gzipped: above the limit of ${kb(LIMIT)}.`);
  process.exit(1);
}
if (gzipped > TARGET) console.warn(`warning: above the ${kb(TARGET)} target`);

for (const dir of [`v${version}`, `v${major}`]) {
  await mkdir(join(outDir, dir), { recursive: true });
  await copyFile(join(outDir, 'klacht-form.js'), join(outDir, dir, 'klacht-form.js'));
}
await writeFile(
  join(outDir, 'integrity.json'),
  `${JSON.stringify({ version, url: `/widget/v${version}/klacht-form.js`, integrity }, null, 2)}\n`,
);
// Cloudflare's static assets read cache headers from _headers; the Node entry sets its own.
const short = '  Cache-Control: public, max-age=300\n  Access-Control-Allow-Origin: *\n';
await writeHeaderRules(
  join(dirname(outDir), '_headers'),
  'widget',
  `/widget/v${version}/*\n  Cache-Control: public, max-age=31536000, immutable\n` +
    `  Access-Control-Allow-Origin: *\n/widget/v${major}/*\n${short}/widget/klacht-form.js\n${short}`,
);

execFileSync(
  join(root, 'node_modules/.bin/cem'),
  ['analyze', '--config', 'scripts/cem.config.mjs'],
  {
    cwd: root,
    stdio: 'inherit',
    // The analyzer joins its outdir to the working directory.
    env: { ...process.env, WIDGET_OUT_DIR: relative(root, outDir) },
  },
);

console.log(`/widget/v${version}/klacht-form.js  integrity="${integrity}"`);
console.log(`/widget/v${major}/klacht-form.js and /widget/klacht-form.js: floating aliases`);
