import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createApp } from './app';
import { randomToken, sha256Hex } from './crypto';
import { openDatabase } from './db/node';
import { nodeEnvSchema, parseEnv } from './env';
import { seedDemo } from './seed';
import { siteRoutes } from './site';

const root = resolve(fileURLToPath(import.meta.url), '../..');

async function main() {
  const env = parseEnv(nodeEnvSchema, process.env);
  const db = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  const operatorToken = env.KLACHT_OPERATOR_TOKEN ?? randomToken(24);
  let origin = env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`;

  const api = createApp({
    db,
    config: {
      operatorTokenHash: await sha256Hex(operatorToken),
      publicUrl: env.PUBLIC_URL,
      submitLimit: env.SUBMIT_RATE_LIMIT,
    },
    clientAddress: (c) => getConnInfo(c).remote.address,
  });
  const app = new Hono();
  app.route(
    '/',
    siteRoutes(root, () => origin),
  );
  app.route('/', api);

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, async (info) => {
    if (!env.PUBLIC_URL) origin = `http://localhost:${info.port}`;
    const lines = [`Klachtenregeling is running at ${origin}`, `  database: ${env.DATABASE_URL}`];
    if (!env.KLACHT_OPERATOR_TOKEN) {
      lines.push(
        `  operator token (this run only; set KLACHT_OPERATOR_TOKEN to fix it): ${operatorToken}`,
      );
    }
    if (env.SEED_DEMO === 'true') {
      for (const tenant of await seedDemo(db, origin)) {
        lines.push(`  ${tenant.name}: demo page ${origin}/demo/${tenant.slug}`);
        lines.push(`    API key: ${tenant.apiKey}`);
        lines.push(
          `    register: curl -H 'Authorization: Bearer ${tenant.apiKey}' ${origin}/v1/tenants/${tenant.slug}/complaints`,
        );
      }
    }
    console.log(lines.join('\n'));
  });

  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
