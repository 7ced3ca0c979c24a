import { parseArgs } from 'node:util';
import { runJobs } from '../jobs/run-jobs';
import { nodeEnvSchema, parseEnv } from './env';
import { nodeDeps } from './node-deps';
import { openDatabase } from './open-database';

/** `npm run jobs -- --as-of YYYY-MM-DD [--dry-run]`: the scheduled jobs as of that date. */
async function main() {
  const { values } = parseArgs({
    options: { 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const env = parseEnv(nodeEnvSchema, process.env);
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new Error('--as-of takes a date as YYYY-MM-DD');
  }
  // Noon in Amsterdam on that date, so the date is that day in every time zone that matters.
  const now = asOf ? new Date(`${asOf}T12:00:00+01:00`) : new Date();
  const db = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  const deps = await nodeDeps(env, db);
  const report = await runJobs(deps, now, { dryRun: values['dry-run'] });
  console.log(JSON.stringify(report, null, 2));
  db.$client.close();
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
