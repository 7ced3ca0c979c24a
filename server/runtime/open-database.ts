import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from '../db/client';
import { schema } from '../db/schema';
import { groupCommits } from './group-commit';
import { keepPrivate } from './private-files';
import { reuseStatements } from './reused-statements';

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** The file a `file:` database URL names; undefined for a remote or in-memory database. */
export function localPath(url: string): string | undefined {
  const path = url.startsWith('file:') ? url.slice('file:'.length) : undefined;
  return path === ':memory:' ? undefined : path;
}

/**
 * Opens and migrates a database, for Node. A local file, its folder and what SQLite keeps beside
 * it are made (or tightened to) its owner's only first: the file holds personal data.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Db> {
  const path = localPath(url);
  if (path) keepPrivate(path);
  const local = url.startsWith('file:');
  if (local) reuseStatements();
  // One connection for a local file, so the PRAGMAs below hold for every statement (we use
  // batches, never interactive transactions, so nothing waits on a held connection).
  const client = createClient({ url, authToken, ...(local ? { concurrency: 1 } : {}) });
  if (local) {
    // A second process (npm run jobs) may write while the server runs: wait instead of failing.
    await client.execute('PRAGMA busy_timeout = 5000');
    // Erased personal data must not linger in freed pages of the file.
    await client.execute('PRAGMA secure_delete = ON');
    // A write-ahead log commits with one append instead of rewriting pages through a rollback
    // journal. In WAL mode, synchronous=NORMAL keeps every committed transaction when the
    // process dies (kill -9: the log is in the operating system's hands); only a power cut or an
    // OS crash could take the last commits back, which FULL would prevent at ~20x the cost per
    // commit on this kind of disk. test/crash.test.ts kills the server mid-burst to prove it.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(local ? groupCommits(client) : client, { schema });
  await migrate(db, { migrationsFolder });
  return db;
}
