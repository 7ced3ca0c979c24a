import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { Db } from '../db/client';
import { openDatabase } from './open-database';
import { checkpointInBackground } from './wal-checkpointer';

let dir: string;
let path: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'klacht-wal-'));
  path = join(dir, 'app.db');
  db = await openDatabase(`file:${path}`);
  await db.$client.execute('CREATE TABLE filler (n INTEGER, body BLOB)');
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const execute = (sql: string) => db.$client.execute(sql);
const autocheckpoint = async () =>
  Number((await execute('PRAGMA wal_autocheckpoint')).rows[0]?.[0]);

test('the log is checkpointed by a process of its own, not by the commits, and emptied at stop', async () => {
  const reports: number[][] = [];
  const checkpoints = checkpointInBackground(path, execute, {
    intervalMs: 20,
    onCheckpoint: (frames) => reports.push(frames),
  });
  await checkpoints.started;
  expect(await autocheckpoint()).toBe(0);
  // Well past the 1,000 pages at which a commit would checkpoint by itself.
  for (let i = 0; i < 60; i++) {
    await db.$client.batch(
      Array.from({ length: 10 }, (_, j) => ({
        sql: 'INSERT INTO filler VALUES (?, zeroblob(8192))',
        args: [i * 10 + j],
      })),
      'write',
    );
  }
  await expect
    .poll(() =>
      reports.some(([busy, log, copied]) => busy === 0 && (log ?? 0) > 0 && log === copied),
    )
    .toBe(true);
  await checkpoints.stop();
  expect(statSync(`${path}-wal`).size).toBe(0);
  expect(Number((await execute('SELECT count(*) FROM filler')).rows[0]?.[0])).toBe(600);
});

test('should that process end, the server checkpoints in its commits again', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    // A file the process cannot open: it ends at once.
    const checkpoints = checkpointInBackground(join(dir, 'missing', 'x.db'), execute);
    await checkpoints.started;
    await expect.poll(autocheckpoint).toBe(1_000);
    expect(logged).toHaveBeenCalled();
  } finally {
    logged.mockRestore();
  }
});
