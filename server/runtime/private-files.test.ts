import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { keepPrivate } from './private-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'klacht-private-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o7777;

test('a shared folder (sticky, like /tmp) keeps its mode; the files in it are still tightened', () => {
  chmodSync(dir, 0o1777);
  const db = join(dir, 'klacht.db');
  writeFileSync(`${db}-wal`, '', { mode: 0o666 });
  chmodSync(`${db}-wal`, 0o666);
  keepPrivate(db);
  expect([modeOf(dir), modeOf(db), modeOf(`${db}-wal`)]).toEqual([0o1777, 0o600, 0o600]);
});

test('a mode already narrower than private is left as it is, and the file is never emptied', () => {
  const db = join(dir, 'klacht.db');
  writeFileSync(db, 'SQLite format 3\0');
  chmodSync(db, 0o400);
  keepPrivate(db);
  expect(modeOf(db)).toBe(0o400);
  expect(statSync(db).size).toBe(16);
});
