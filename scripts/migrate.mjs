// npm run db:migrate (and the deploy, scripts/deploy.mjs): applies drizzle/'s migrations to
// DATABASE_URL with DATABASE_AUTH_TOKEN, in one batch (one transaction), through the same
// migrator the Node entry runs at start. For Turso that is libsql://… over HTTP, as the Worker
// reaches it; a file: URL works too. With --check it lists what is pending and applies nothing.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle');

/** Migrations not yet applied to the database: their tags, oldest first. */
export async function pendingMigrations(client) {
  const { entries } = JSON.parse(readFileSync(resolve(migrationsFolder, 'meta/_journal.json')));
  const last = await client
    .execute('SELECT max(created_at) AS last FROM __drizzle_migrations')
    .then((r) => Number(r.rows[0]?.last ?? 0))
    .catch((err) => {
      if (/no such table/.test(String(err?.message))) return 0;
      throw err;
    });
  return entries.filter((e) => e.when > last).map((e) => e.tag);
}

/** Applies what is pending; says what it did. */
export async function applyMigrations(url, authToken, { check = false, log = console.log } = {}) {
  const client = createClient({ url, authToken });
  try {
    const pending = await pendingMigrations(client);
    const where = url.replace(/\/\/[^@/]*@/, '//'); // no credentials in the log
    if (pending.length === 0) log(`${where}: every migration is applied`);
    else log(`${where}: ${check ? 'pending' : 'applying'} ${pending.join(', ')}`);
    if (!check && pending.length > 0) await migrate(drizzle(client), { migrationsFolder });
    return pending;
  } finally {
    client.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set (libsql://… for Turso, with DATABASE_AUTH_TOKEN)');
    process.exit(1);
  }
  try {
    await applyMigrations(url, process.env.DATABASE_AUTH_TOKEN || undefined, {
      check: process.argv.includes('--check'),
    });
  } catch (err) {
    console.error(`migration failed, nothing applied: ${err.message}`);
    process.exit(1);
  }
}
