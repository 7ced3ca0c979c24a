// npm run deploy: what a deploy to Cloudflare Workers and Turso takes, in order:
//   1. build the widget and the API's documents into dist/public (the Worker serves them),
//   2. apply the migrations to DATABASE_URL (DATABASE_AUTH_TOKEN) before the new code runs,
//   3. wrangler deploy (which builds the Worker itself: wrangler.toml [build]).
// Arguments go on to wrangler. With --dry-run nothing is deployed and nothing is applied: the
// pending migrations are listed and the bundle is built (--outdir to keep it). --prebuilt skips
// step 1 when dist/public is built already (the tests build it once).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations } from './migrate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const prebuilt = args.includes('--prebuilt');
const wranglerArgs = args.filter((arg) => arg !== '--prebuilt');

function run(command, commandArgs) {
  const done = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (done.status !== 0) {
    console.error(`deploy stopped: ${command} ${commandArgs.join(' ')} failed`);
    process.exit(done.status ?? 1);
  }
}

const url = process.env.DATABASE_URL;
if (!url || url.startsWith('file:')) {
  console.error(
    "DATABASE_URL must name the Worker's database (libsql://….turso.io, with DATABASE_AUTH_TOKEN):" +
      ' the deploy applies the migrations to it. See README "Deploy".',
  );
  process.exit(1);
}

if (!prebuilt) {
  run('npm', ['run', 'build:widget']);
  run('npm', ['run', 'build:docs']);
}
try {
  await applyMigrations(url, process.env.DATABASE_AUTH_TOKEN || undefined, { check: dryRun });
} catch (err) {
  console.error(`deploy stopped: the migrations failed, nothing was applied: ${err.message}`);
  process.exit(1);
}
run(resolve(root, 'node_modules/.bin/wrangler'), ['deploy', ...wranglerArgs]);
