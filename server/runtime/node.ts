import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../app';
import { randomToken } from '../crypto';
import { docsRoutes } from '../docs/docs-routes';
import { logError } from '../http/errors';
import { inboundRoutes } from '../inbound/inbound-routes';
import { runJobs } from '../jobs/run-jobs';
import { tenantApiDocs } from '../tenant-api';
import { compression } from './compression';
import { seedDemo, seedDemoStaff } from './demo-seed';
import { nodeEnvSchema, parseEnv } from './env';
import { nodeDeps } from './node-deps';
import { localPath, openDatabase } from './open-database';
import { siteRoutes } from './site';
import { checkpointInBackground } from './wal-checkpointer';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

async function main() {
  const env = parseEnv(nodeEnvSchema, process.env);
  const db = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  const file = localPath(env.DATABASE_URL);
  const checkpoints = file
    ? checkpointInBackground(file, (sql) => db.$client.execute(sql))
    : undefined;
  await checkpoints?.started;
  const operatorToken = env.KLACHT_OPERATOR_TOKEN ?? randomToken(24);
  const deps = await nodeDeps(env, db, {
    operatorToken,
    clientAddress: (c) => getConnInfo(c).remote.address,
  });
  const origin = deps.config.publicUrl;
  const app = createApp(deps, {
    site: siteRoutes(root, () => origin),
    docs: docsRoutes(),
    compress: compression(),
    inboundMail: inboundRoutes(deps),
    tenantApiDocs,
  });

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, async () => {
    const lines = [`Klachtenregeling is running at ${origin}`, `  database: ${env.DATABASE_URL}`];
    if (!env.KLACHT_OPERATOR_TOKEN) {
      lines.push(
        `  operator token (this run only; set KLACHT_OPERATOR_TOKEN to fix it): ${operatorToken}`,
      );
    }
    if ((env.SEED_DEMO ?? (env.DATABASE_URL.startsWith('file:') ? 'true' : 'false')) === 'true') {
      for (const tenant of await seedDemo(db)) {
        lines.push(`  ${tenant.name}: demo page ${origin}/demo/${tenant.slug}`);
        lines.push(`    API key: ${tenant.apiKey}`);
        lines.push(
          `    register: curl -H 'Authorization: Bearer ${tenant.apiKey}' ${origin}/v1/tenants/${tenant.slug}/complaints`,
        );
        lines.push(`    admin view: ${origin}/admin/${tenant.slug}/sign-in`);
      }
      const demoStaff = await seedDemoStaff(db);
      lines.push(`  admin view sign-in, every demo tenant (password for this run only):`);
      for (const account of demoStaff.accounts) {
        lines.push(`    ${account.role}: ${account.email} / ${demoStaff.password}`);
      }
    }
    console.log(lines.join('\n'));
  });

  // The same jobs the Worker's cron trigger runs; one run at a time.
  let running = false;
  const jobs = async () => {
    if (running) return;
    running = true;
    try {
      const report = await runJobs(deps, deps.clock());
      const { outbox, webhooks, reminders, escalations, purged } = report;
      const done = outbox.sent + outbox.failed + outbox.held + webhooks.delivered + webhooks.failed;
      if (done + reminders + escalations + purged > 0) {
        console.log(`jobs: ${JSON.stringify(report)}`);
      }
    } catch (err) {
      logError('jobs', err);
    } finally {
      running = false;
    }
  };
  const timer =
    env.JOBS_INTERVAL_SECONDS > 0 ? setInterval(jobs, env.JOBS_INTERVAL_SECONDS * 1000) : undefined;
  timer?.unref();

  const stop = () =>
    server.close(async () => {
      await checkpoints?.stop();
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
