import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startServer } from './server';

/*
 * The database holds personal data, so the Node entry makes its file, the write-ahead log, the
 * shared-memory file, the server secret beside them and their folder readable by their owner
 * only, and tightens them at start-up when they were left wider (issue #22, item 16).
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'klacht-modes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

function modes(data: string) {
  const db = join(data, 'klacht.db');
  return {
    folder: modeOf(data),
    file: modeOf(db),
    wal: modeOf(`${db}-wal`),
    shm: modeOf(`${db}-shm`),
    key: modeOf(`${db}.key`),
  };
}

const PRIVATE = { folder: 0o700, file: 0o600, wal: 0o600, shm: 0o600, key: 0o600 };

test('a new database, its log, its shared memory, its key and its folder are the owner’s only; wider ones are tightened at start', {
  timeout: 120_000,
}, async () => {
  // A umask that lets group and others read, as on most machines.
  const umask = process.umask(0o022);
  try {
    const data = join(dir, 'data');
    const env = { DATABASE_URL: `file:${join(data, 'klacht.db')}`, JOBS_INTERVAL_SECONDS: '0' };
    const first = await startServer(env);
    try {
      // The demo seeding wrote, so the log and the shared memory exist.
      expect(existsSync(join(data, 'klacht.db-wal'))).toBe(true);
      expect(modes(data)).toEqual(PRIVATE);
    } finally {
      await first.kill(); // kill -9 leaves the log and the shared memory behind
    }

    // As an earlier version, or a copy by hand, left them: readable by anyone.
    chmodSync(data, 0o755);
    for (const suffix of ['', '-wal', '-shm', '.key']) {
      chmodSync(join(data, `klacht.db${suffix}`), 0o644);
    }
    const again = await startServer(env);
    try {
      expect(modes(data)).toEqual(PRIVATE);
    } finally {
      await again.stop();
    }
  } finally {
    process.umask(umask);
  }
});
